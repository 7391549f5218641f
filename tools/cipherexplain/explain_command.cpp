// SPDX-License-Identifier: Apache-2.0
// The default command: what a string selects on one release (table or JSON, with --trace,
// --why and --policy), or side by side on several.

#include "commands.hpp"
#include "exit_codes.hpp"
#include "input.hpp"
#include "options.hpp"
#include "releases.hpp"
#include "render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace cipherexplain::cli {
namespace {

struct explain_options {
  std::string input;
  std::string file;
  bool trace = false;
  std::size_t trace_limit = 1000;
  std::vector<std::string> why;
  std::string policy_name;
  bool quiet = false;
  std::vector<std::string> hidden;  // --hide CODE,...
  // The configuration around the string.
  CLI::Option* ciphersuites_option = nullptr;
  std::string ciphersuites;
  std::string min_protocol, max_protocol, protocols;
  bool usable_only = false;
  CLI::Option* string_option = nullptr;
  CLI::Option* file_option = nullptr;
  // --preset: its configuration is the base the string and the options above go into.
  std::string preset_name, preset_context;
  std::optional<tls_configuration> base;
  std::string preset_note;
};

// The codes --hide names; an unknown one is a usage error that lists them.
std::vector<diagnostic_code> hidden_codes(const explain_options& o) {
  std::vector<diagnostic_code> hidden;
  for (const std::string& list : o.hidden) {
    std::size_t start = 0;
    while (start <= list.size()) {
      const std::size_t comma = list.find(',', start);
      const std::string name =
          list.substr(start, comma == std::string::npos ? comma : comma - start);
      start = comma == std::string::npos ? list.size() + 1 : comma + 1;
      const diagnostic_code_info* code = find_code(name);
      if (code == nullptr) {
        std::string known;
        for (const diagnostic_code_info& c : diagnostic_codes())
          known += (known.empty() ? "" : ", ") + std::string(c.name);
        throw CLI::ValidationError(
            "--hide", fmt::format("'{}' is not a diagnostic code; the codes are {}", name, known));
      }
      hidden.push_back(code->code);
    }
  }
  return hidden;
}

// Whether a person asked not to see a finding: notes with --quiet, --hide's codes.
bool unwanted(const explain_options& o, const std::vector<diagnostic_code>& hidden,
              diagnostic_code code) {
  return (o.quiet && code_info(code).severity == severity::note) ||
         std::find(hidden.begin(), hidden.end(), code) != hidden.end();
}

void filter_configuration_findings(std::vector<diagnostic>& findings, const explain_options& o) {
  const std::vector<diagnostic_code> hidden = hidden_codes(o);
  std::erase_if(findings, [&](const diagnostic& d) { return unwanted(o, hidden, d.code); });
}

// The findings a person asked to see.
void filter_findings(evaluation& result, const explain_options& o) {
  const std::vector<diagnostic_code> hidden = hidden_codes(o);
  const auto unwanted_code = [&](diagnostic_code code) { return unwanted(o, hidden, code); };
  std::erase_if(result.diagnostics, [&](const diagnostic& d) { return unwanted_code(d.code); });
  std::erase_if(result.diagnostics_omitted,
                [&](const omitted_findings& f) { return unwanted_code(f.code); });
}

// The system's release when `c` stands in for it (--openssl system on a point release that is
// not recorded), else empty.
std::string_view stand_in_for(const catalog& c, const shared_options& s) {
  const system_lookup& sys = catalog::system();
  if (s.release_spec.find("system") == std::string::npos || !sys.found || sys.found->exact ||
      sys.found->stand_in != &c)
    return {};
  return sys.found->release;
}

// Said first, so that nobody takes the answer for the system's own release.
std::string stand_in_note(const catalog& c, const shared_options& s) {
  const std::string_view system = stand_in_for(c, s);
  if (system.empty()) return {};
  return fmt::format(
      "OpenSSL {} stands in for the system's OpenSSL {}, which is not recorded: it is the newest recorded release of the {} series, and point releases can differ (3.0.7 changed how a missing name is handled, for one).\n\n",
      c.release(), system, c.series());
}

// Whether any configuration option was given: then the string is resolved in a configuration.
bool configured(const explain_options& o) {
  return o.base.has_value() || o.ciphersuites_option->count() != 0 || !o.min_protocol.empty() ||
         !o.max_protocol.empty() || !o.protocols.empty() || o.usable_only;
}

std::uint16_t protocol_option(const std::string& flag, const std::string& name) {
  const auto v = parse_protocol_version(name);
  if (!v) {
    throw CLI::ValidationError(
        flag, fmt::format("'{}' is not a protocol version; use TLSv1, TLSv1.1, TLSv1.2 or "
                          "TLSv1.3 (or SSLv3)",
                          name));
  }
  return *v;
}

tls_configuration configuration_of(const catalog& c, const explain_options& o) {
  tls_configuration config = o.base.value_or(tls_configuration{});
  config.cipher_list = o.input;
  if (o.ciphersuites_option->count() != 0) config.ciphersuites = o.ciphersuites;
  if (!o.min_protocol.empty())
    config.min_protocol = protocol_option("--min-protocol", o.min_protocol);
  if (!o.max_protocol.empty())
    config.max_protocol = protocol_option("--max-protocol", o.max_protocol);
  if (!o.protocols.empty()) {
    // nginx's and Apache's lists: the versions named are on, the others off (SSL_OP_NO_*).
    std::uint8_t enabled = 0;
    std::string name;
    for (std::size_t i = 0; i <= o.protocols.size(); ++i) {
      const char ch = i < o.protocols.size() ? o.protocols[i] : ',';
      if (ch != ',' && ch != ' ') {
        name += ch;
        continue;
      }
      if (!name.empty()) enabled |= protocol_bit::of(protocol_option("--protocols", name));
      name.clear();
    }
    if (enabled == 0) throw CLI::ValidationError("--protocols", "name at least one version");
    config.disabled_protocols = protocols_only(enabled);
  }
  if (auto problem = check_configuration(c, config)) throw CLI::ValidationError(*problem);
  return config;
}

int explain_one(const catalog& c, const explain_options& o, const shared_options& s,
                const render_options& given) {
  const evaluator release(c, s.flags.for_release(c, true));
  render_options options = given;
  const bool json = s.format == "json";
  // Only what the output shows is computed: steps for --trace, histories for --why.
  evaluate_options eo;
  eo.detail = options.trace ? detail_level::trace : detail_level::findings;
  eo.limits.max_steps = o.trace_limit == 0 ? evaluation_limits::unlimited : o.trace_limit;
  eo.follow = why_suites(c, options.why);
  std::optional<tls_configuration> config;
  configuration_result resolved;
  evaluation result;
  if (configured(o)) {
    config = configuration_of(c, o);
    configuration_resolver(release).resolve_into(resolved, *config, eo);
    result = std::move(resolved.cipher_list);
    resolved.cipher_list = {};
    filter_configuration_findings(resolved.diagnostics, o);
    options.configuration = &*config;
    options.resolved = &resolved;
  } else {
    result = release.evaluate(o.input, eo);
  }
  filter_findings(result, o);
  if (json) {
    print(evaluation_json(release, o.input, result,
                          {options.check, result.histories, stand_in_for(c, s), options.trace,
                           options.configuration, options.resolved}));
  } else if (o.usable_only) {
    print(stand_in_note(c, s) + o.preset_note +
          render_usable_text(release, resolved, options.colours));
  } else {
    print(stand_in_note(c, s) + o.preset_note + render_text(release, o.input, result, options));
  }
  if (config && (!resolved.list_ok || (resolved.ciphersuites && !resolved.ciphersuites->ok)))
    return exit_rejected;
  if (!config && !result.ok) return exit_rejected;
  if (options.check != nullptr && !violations(*options.check, result.ciphers).empty())
    return exit_policy;
  return exit_accepted;
}

// The releases are evaluated on every core at once (evaluators may be shared by threads; each
// evaluation is its own): twelve evaluations of a 16 MiB string are the slow path.
std::vector<release_evaluation> evaluate_all(const std::vector<const catalog*>& releases,
                                             const explain_options& o, const shared_options& s) {
  std::vector<release_evaluation> results;
  results.reserve(releases.size());
  for (const catalog* c : releases)
    results.push_back({evaluator(*c, s.flags.for_release(*c, false)), evaluation{}});
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_lock;
  auto work = [&] {
    // One parse tree per thread, parsed into again for each release: a 16 MiB string's tree is
    // ~200 MB, and allocating it anew each time cost seconds of page faults.
    tree parsed;
    for (std::size_t i = next++; i < results.size(); i = next++) {
      try {
        const evaluator& release = results[i].release;
        parse_into(parsed, o.input, release.release().dialect());
        release.evaluate_into(results[i].result, parsed);
      } catch (...) {
        const std::lock_guard<std::mutex> hold(failure_lock);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  const std::size_t workers =
      std::min<std::size_t>(results.size(), std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> threads;
  for (std::size_t k = 1; k < workers; ++k) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
  return results;
}

int explain_several(const std::vector<const catalog*>& releases, const explain_options& o,
                    const shared_options& s) {
  std::vector<release_evaluation> results = evaluate_all(releases, o, s);
  bool all_ok = true;
  for (release_evaluation& r : results) {
    filter_findings(r.result, o);
    all_ok = all_ok && r.result.ok;
  }
  std::string notes;
  for (const catalog* c : releases) notes += stand_in_note(*c, s);
  print(s.format == "json" ? comparison_json(o.input, results)
                           : notes + render_comparison_text(results));
  return all_ok ? exit_accepted : exit_rejected;
}

// --preset: the release it runs on (its bundled one unless --openssl names one), its
// configuration as the base, and its cipher string unless one is given.
const catalog* apply_preset(explain_options& o, const shared_options& s, bool string_given) {
  std::string error;
  const auto p = find_preset(o.preset_name, o.preset_context, error);
  if (!p) throw CLI::ValidationError("--preset", error);
  std::string bundled;
  const bool release_given = s.release_option && s.release_option->count() > 0;
  const catalog* release = release_given ? nullptr : preset_release(*p, &bundled);
  if (!release) {
    const auto asked = resolve_releases(s.release_spec);
    if (asked.size() != 1)
      throw CLI::ValidationError(
          "--preset takes one release (preset show NAME --openssl all "
          "compares releases)");
    release = asked.front();
    bundled.clear();
  }
  const preset_result r = resolve_preset(*p, *release);
  o.base = r.config;
  o.base->cipher_list.reset();
  if (!string_given)
    o.input = r.config.cipher_list.value_or(std::string(release->default_cipher_list()));
  o.preset_note = fmt::format("Preset {}: {} ({} of the data), on OpenSSL {}{}.\n", p->name,
                              p->description, p->versions, release->release(),
                              bundled.empty() || bundled == release->release()
                                  ? std::string()
                                  : fmt::format(", standing in for the bundled {}", bundled));
  if (!string_given && !r.config.cipher_list)
    o.preset_note += "It sets no cipher string: the list is the library default.\n";
  for (const diagnostic& d : r.diagnostics)
    if (!unwanted(o, hidden_codes(o), d.code))
      o.preset_note +=
          fmt::format("{}: {} [{}]\n", severity_name(d.severity), d.message, code_name(d.code));
  o.preset_note += "\n";
  return release;
}

int explain(explain_options& o, const shared_options& s) {
  const bool given = o.string_option->count() != 0;
  const catalog* preset_release_chosen = nullptr;
  if (!o.preset_name.empty())
    preset_release_chosen = apply_preset(o, s, given || o.file_option->count() != 0);
  if (o.file_option->count() != 0) {
    if (given) throw CLI::ValidationError("give the cipher string or --file, not both");
    o.input = read_string(o.file);
  } else if (!given && !preset_release_chosen) {
    throw CLI::ValidationError(
        "give a cipher string (e.g. 'DEFAULT:!3DES'), --file, --preset, or a subcommand; --help "
        "lists them");
  } else if (o.input == "-") {
    o.input = read_string("-");
  }
  const auto releases = preset_release_chosen ? std::vector<const catalog*>{preset_release_chosen}
                                              : resolve_releases(s.release_spec);
  if (releases.size() > 1 && (o.trace || !o.why.empty() || !o.policy_name.empty())) {
    throw CLI::ValidationError("--trace, --why and --policy take one release");
  }
  if (releases.size() > 1 && configured(o)) {
    throw CLI::ValidationError(
        "--ciphersuites, --min-protocol, --max-protocol, --protocols and --usable take one "
        "release (for now; compare with one run per release)");
  }
  const render_options options{style::from_mode(s.color),
                               o.policy_name.empty() ? nullptr : find_profile(o.policy_name),
                               o.trace, o.why};
  if (releases.size() == 1) return explain_one(*releases.front(), o, s, options);
  return explain_several(releases, o, s);
}

}  // namespace

void add_explain_command(CLI::App& app, shared_options& shared, int& exit_status) {
  auto o = std::make_shared<explain_options>();
  shared.add_release(app, true);
  shared.add_format(app);
  app.add_flag("--trace", o->trace,
               "Show what each rule added, removed, killed and moved (JSON: \"steps\")");
  app.add_option("--trace-limit", o->trace_limit,
                 "Show at most N steps of the trace, the rest counted (default 1000; 0: all, "
                 "which for a long string takes memory and output in proportion)")
      ->type_name("N");
  app.add_option("--why", o->why,
                 "Say which rules brought a suite in, moved it or took it out: an OpenSSL or IANA "
                 "name (any case) or a code point, e.g. 0xC02F (repeatable)")
      ->type_name("SUITE")
      ->allow_extra_args(false);
  app.add_option("--policy", o->policy_name,
                 "Check the list against a Mozilla profile: mozilla-modern, mozilla-intermediate "
                 "or mozilla-old (the newest guideline that has it), or a version's, e.g. "
                 "mozilla-intermediate-5.8")
      ->check(CLI::IsMember(profile_names()))
      ->type_name("NAME");
  app.add_flag("-q,--quiet", o->quiet, "Show errors and warnings only, no notes");
  app.add_option("--hide", o->hidden,
                 "Do not show findings with these codes (comma-separated, repeatable), e.g. "
                 "--hide unusable-suites,no-effect; the codes: docs/json-output.md")
      ->type_name("CODE")
      ->allow_extra_args(false);
  o->ciphersuites_option =
      app.add_option("--ciphersuites", o->ciphersuites,
                     "The TLS 1.3 suites, as SSL_CTX_set_ciphersuites takes them (1.1.1+): names "
                     "separated by ':', e.g. TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256 "
                     "(nginx ssl_conf_command Ciphersuites, Apache SSLCipherSuite TLSv1.3); '' "
                     "for none")
          ->type_name("SUITES");
  app.add_option("--min-protocol", o->min_protocol,
                 "SSL_CTX_set_min_proto_version: TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3 (1.1.0+)")
      ->type_name("VERSION");
  app.add_option("--max-protocol", o->max_protocol,
                 "SSL_CTX_set_max_proto_version: TLSv1 ... TLSv1.3 (1.1.0+)")
      ->type_name("VERSION");
  app.add_option("--protocols", o->protocols,
                 "The versions to enable, the others disabled with SSL_OP_NO_* as nginx's "
                 "ssl_protocols and Apache's SSLProtocol do, e.g. TLSv1.2,TLSv1.3 (OpenSSL then "
                 "uses the lowest run without a gap)")
      ->type_name("LIST");
  app.add_option("--preset", o->preset_name,
                 "Resolve in a preset's configuration (see `preset list`), e.g. python-3.6.15: "
                 "its options, protocols, level and ciphersuites; its own cipher string unless "
                 "STRING is given; on its bundled release unless --openssl is given")
      ->type_name("NAME");
  app.add_option("--context", o->preset_context,
                 "Python's context for --preset: sslcontext, client (default), server, "
                 "tls-client, tls-server, unverified")
      ->type_name("CONTEXT");
  app.add_flag("--usable", o->usable_only,
               "List only the suites a connection can use, by protocol (like openssl ciphers -s)");
  shared.add_color(app);
  shared.add_build(app);
  o->file_option = app.add_option("--file", o->file,
                                  "Read the cipher string from FILE ('-': stdin), less one final "
                                  "line feed")
                       ->type_name("FILE");
  o->string_option = app.add_option(
      "STRING", o->input, "The cipher string, e.g. 'DEFAULT:!3DES'; '-' reads it from stdin");
  // The application's own callback runs after any subcommand's; it explains only when none ran.
  app.callback([&app, o, &shared, &exit_status] {
    if (app.get_subcommands().empty()) exit_status = explain(*o, shared);
  });
}

}  // namespace cipherexplain::cli

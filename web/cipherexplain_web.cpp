// SPDX-License-Identifier: Apache-2.0
// The page's entry points: C functions taking UTF-8 strings and returning the JSON documents
// the CLI writes (docs/json-output.md), over the public API only. One string crosses each way,
// so a C interface costs less than embind (web/README.md) and JavaScript needs only ccall.
// Every answer is a document or {"error": "..."}: bad input never aborts the module, which
// would leave the page dead.

#include <cipherexplain/build_options.hpp>
#include <cipherexplain/catalog.hpp>
#include <cipherexplain/configuration.hpp>
#include <cipherexplain/evaluation.hpp>
#include <cipherexplain/evaluator.hpp>
#include <cipherexplain/json.hpp>
#include <cipherexplain/preset.hpp>

#include <exception>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cipherexplain::web {
namespace {

// Bits of the `flags` argument.
constexpr int flag_trace = 1;
constexpr int flag_legacy_provider = 2;

// The returned pointer stays valid until the next call: JavaScript copies it out at once
// (ccall's UTF8ToString), and the module runs on one thread.
std::string answer;

std::string_view text_of(const char* s) { return s != nullptr ? std::string_view(s) : ""; }

std::string error_json(std::string_view message) {
  std::string out = "{\"error\": ";
  append_json_string(out, message);
  out += "}\n";
  return out;
}

template <typename Make>
const char* respond(Make make) {
  try {
    answer = make();
  } catch (const std::exception& e) {
    answer = error_json(e.what());
  } catch (...) {
    answer = error_json("unexpected failure");
  }
  return answer.c_str();
}

const catalog& release_named(std::string_view name) {
  const catalog* c = catalog::find(name);
  if (c == nullptr) {
    std::string known;
    for (const catalog* r : catalog::all())
      known += (known.empty() ? "" : ", ") + std::string(r->release());
    throw std::invalid_argument("unknown release '" + std::string(name) + "'; the releases are " +
                                known);
  }
  return *c;
}

// The legacy provider exists from 3.0 on; on a comparison across releases it applies where it
// can, as the CLI's --legacy-provider does with several releases.
build_options options_for(const catalog& c, int flags, bool strict) {
  build_options o;
  o.legacy_provider = (flags & flag_legacy_provider) != 0;
  if (const auto problem = check_build_options(c, o)) {
    if (strict) throw std::invalid_argument(*problem);
    return {};
  }
  return o;
}

// A security level only where the release has them (1.1.0+), as SSL_CTX_set_security_level.
std::optional<int> level_for(const catalog& c, int security_level, bool strict) {
  if (security_level < 0) return std::nullopt;
  if (security_level > 5) throw std::invalid_argument("a security level is 0 to 5");
  if (c.default_security_level() < 0) {
    if (strict)
      throw std::invalid_argument("OpenSSL " + std::string(c.release()) +
                                  " has no security levels (they came with 1.1.0)");
    return std::nullopt;
  }
  return security_level;
}

std::uint16_t protocol_named(std::string_view what, std::string_view name) {
  const auto v = parse_protocol_version(name);
  if (!v)
    throw std::invalid_argument(std::string(what) + " '" + std::string(name) +
                                "' is not a protocol version; use TLSv1, TLSv1.1, TLSv1.2, "
                                "TLSv1.3 (or SSLv3)");
  return *v;
}

struct settings {
  std::string_view release, cipher_string, min_protocol, max_protocol;
  const char* ciphersuites = nullptr;  // null: not set ("" is a setting OpenSSL rejects)
  int flags = 0;
  int security_level = -1;
};

std::string evaluate(const settings& s) {
  const catalog& c = release_named(s.release);
  const evaluator release(c, options_for(c, s.flags, true));
  evaluate_options eo;
  eo.detail = (s.flags & flag_trace) != 0 ? detail_level::trace : detail_level::findings;
  std::string input(s.cipher_string);
  const bool configured =
      s.ciphersuites != nullptr || !s.min_protocol.empty() || !s.max_protocol.empty();
  if (!configured) {
    eo.security_level = level_for(c, s.security_level, true);
    const evaluation result = release.evaluate(input, eo);
    return evaluation_json(release, input, result, {.steps = (s.flags & flag_trace) != 0});
  }
  tls_configuration config;
  config.cipher_list = input;
  if (s.ciphersuites != nullptr) config.ciphersuites = std::string(s.ciphersuites);
  if (!s.min_protocol.empty()) config.min_protocol = protocol_named("minimum", s.min_protocol);
  if (!s.max_protocol.empty()) config.max_protocol = protocol_named("maximum", s.max_protocol);
  if (const auto level = level_for(c, s.security_level, true)) config.security_level = level;
  if (auto problem = check_configuration(c, config)) throw std::invalid_argument(*problem);
  configuration_result resolved;
  configuration_resolver(release).resolve_into(resolved, config, eo);
  const evaluation result = std::move(resolved.cipher_list);
  resolved.cipher_list = {};
  return evaluation_json(
      release, input, result,
      {.steps = (s.flags & flag_trace) != 0, .configuration = &config, .resolved = &resolved});
}

std::string compare(std::string_view names, std::string_view input, int flags, int security_level) {
  std::vector<release_evaluation> results;
  std::size_t start = 0;
  while (start <= names.size()) {
    std::size_t comma = names.find(',', start);
    if (comma == std::string_view::npos) comma = names.size();
    const std::string_view name = names.substr(start, comma - start);
    start = comma + 1;
    if (name.empty()) continue;
    const catalog& c = release_named(name);
    results.push_back({evaluator(c, options_for(c, flags, false)), evaluation{}});
    evaluate_options eo;
    eo.security_level = level_for(c, security_level, false);
    results.back().result = results.back().release.evaluate(input, eo);
  }
  if (results.empty()) throw std::invalid_argument("choose at least one release");
  return comparison_json(input, results);
}

// The preset files the page fetched, held until ce_provide_presets hands them over at once:
// the library takes them in one call, and one ccall per file keeps each string simple.
std::vector<std::pair<std::string, std::string>> staged_presets;

std::string provide_presets() {
  const std::size_t count = staged_presets.size();
  if (!provide_preset_files(std::move(staged_presets)))
    throw std::invalid_argument("the preset files were already read (provide them first)");
  staged_presets.clear();
  return "{\"provided\": " + std::to_string(count) + "}\n";
}

// One preset on a release (its bundled one, or the release standing in for it, when `name`
// is empty; else the newest), as `preset show --format json`, with the evaluation of its
// cipher string, or of `cipher_string` when not null, in its configuration, as `explain
// --preset`: {"preset": ..., "evaluation": ...}.
std::string show_preset(std::string_view name, std::string_view context,
                        std::string_view release_name, const char* cipher_string, int flags) {
  std::string error;
  const std::optional<preset> p = find_preset(name, context, error);
  if (!p) throw std::invalid_argument(error);
  std::string bundled;
  const catalog* chosen = nullptr;
  if (release_name.empty()) chosen = preset_release(*p, &bundled);
  if (chosen == nullptr)
    chosen = release_name.empty() ? catalog::all().back() : &release_named(release_name);
  const catalog& c = *chosen;
  const preset_result r = resolve_preset(*p, c);
  const std::string_view stands_in =
      !bundled.empty() && bundled != c.release() ? std::string_view(bundled) : std::string_view();
  const preset_run run{&p.value(), &r, stands_in};

  const evaluator release(c, options_for(c, flags, true));
  tls_configuration config = r.config;
  const std::string input =
      cipher_string != nullptr
          ? std::string(cipher_string)
          : r.config.cipher_list.value_or(std::string(c.default_cipher_list()));
  config.cipher_list = input;
  evaluate_options eo;
  eo.detail = (flags & flag_trace) != 0 ? detail_level::trace : detail_level::findings;
  configuration_result resolved;
  configuration_resolver(release).resolve_into(resolved, config, eo);
  const evaluation result = std::move(resolved.cipher_list);
  resolved.cipher_list = {};
  std::string out = "{\"preset\": " + preset_json(std::span(&run, 1)) + ", \"evaluation\": ";
  out += evaluation_json(
      release, input, result,
      {.steps = (flags & flag_trace) != 0, .configuration = &config, .resolved = &resolved});
  return out + "}\n";
}

}  // namespace
}  // namespace cipherexplain::web

extern "C" {

/// releases_json: every release compiled in, oldest first, with its build options.
const char* ce_releases_json() {
  return cipherexplain::web::respond([] { return cipherexplain::releases_json(nullptr); });
}

/// One release's evaluation document (findings; with flags & 1 the steps). `ciphersuites`
/// (null: not set), `min_protocol` or `max_protocol` (empty: not set) resolve the string in
/// that configuration instead (the document then has "configuration").
/// flags & 2 loads the legacy provider (3.0+); `security_level` -1 keeps the build's.
const char* ce_evaluate_json(const char* release, const char* cipher_string,
                             const char* ciphersuites, const char* min_protocol,
                             const char* max_protocol, int flags, int security_level) {
  using cipherexplain::web::text_of;
  return cipherexplain::web::respond([&] {
    return cipherexplain::web::evaluate({.release = text_of(release),
                                         .cipher_string = text_of(cipher_string),
                                         .min_protocol = text_of(min_protocol),
                                         .max_protocol = text_of(max_protocol),
                                         .ciphersuites = ciphersuites,
                                         .flags = flags,
                                         .security_level = security_level});
  });
}

/// The comparison document of one string on the comma-separated releases, in that order.
const char* ce_compare_json(const char* releases, const char* cipher_string, int flags,
                            int security_level) {
  using cipherexplain::web::text_of;
  return cipherexplain::web::respond([&] {
    return cipherexplain::web::compare(text_of(releases), text_of(cipher_string), flags,
                                       security_level);
  });
}

}  // extern "C"

extern "C" {

/// Holds one presets/*.tsv file (its name, "python.tsv", and text) for ce_provide_presets.
const char* ce_stage_preset_file(const char* name, const char* text) {
  using cipherexplain::web::text_of;
  return cipherexplain::web::respond([&] {
    cipherexplain::web::staged_presets.emplace_back(text_of(name), text_of(text));
    return "{\"staged\": " + std::to_string(cipherexplain::web::staged_presets.size()) + "}\n";
  });
}

/// Hands the staged files to the library (provide_preset_files): {"provided": N}, or an error
/// when the presets were already read. Before it, only Mozilla's presets are known.
const char* ce_provide_presets() {
  return cipherexplain::web::respond([] { return cipherexplain::web::provide_presets(); });
}

/// preset_list_json: every family with its presets and sources.
const char* ce_preset_list_json() {
  return cipherexplain::web::respond([] { return cipherexplain::preset_list_json(); });
}

/// {"preset": preset show's document, "evaluation": the evaluation document of the preset's
/// cipher string (or `cipher_string`, when not null) in its configuration}. `context`: Python's
/// context or a family's variant ("": the default); `release` "": the preset's own (bundled)
/// release or its stand-in, else the newest. flags as ce_evaluate_json's.
const char* ce_preset_json(const char* name, const char* context, const char* release,
                           const char* cipher_string, int flags) {
  using cipherexplain::web::text_of;
  return cipherexplain::web::respond([&] {
    return cipherexplain::web::show_preset(text_of(name), text_of(context), text_of(release),
                                           cipher_string, flags);
  });
}

}  // extern "C"

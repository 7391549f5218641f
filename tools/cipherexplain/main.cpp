// cipherexplain: what an OpenSSL cipher string really selects.

#include "build_flags.hpp"
#include "commands.hpp"
#include "releases.hpp"
#include "render.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace {

using namespace cipherexplain;

constexpr const char* description =
    "cipherexplain shows exactly which cipher suites an OpenSSL cipher string selects, in order,\n"
    "and whether OpenSSL accepts it - as SSL_CTX_set_cipher_list() + SSL_CTX_get_ciphers() of\n"
    "the chosen release would, without that OpenSSL installed - and explains why.";

constexpr const char* footer =
    "Examples:\n"
    "  cipherexplain 'DEFAULT:!3DES'                    the list with ratings, and the findings\n"
    "  cipherexplain --format json 'ECDHE+AESGCM'       the same as JSON (docs/json-output.md)\n"
    "  cipherexplain --trace 'HIGH:-aRSA:ALL'           what each rule did\n"
    "  cipherexplain --why AES128-SHA 'HIGH:!SHA1'      which rules touched one suite\n"
    "  cipherexplain --policy mozilla-intermediate 'HIGH:!aNULL'\n"
    "  cipherexplain --openssl all 'HIGH:!aNULL'        which releases accept it, what changes\n"
    "  cipherexplain --openssl 1.0.2,3.5 'DEFAULT'      the same for chosen releases\n"
    "  cipherexplain --openssl 3.0 --legacy-provider 'SEED'\n"
    "  cipherexplain diff 'HIGH:!aNULL' 'DEFAULT'       what changes from one string to another\n"
    "  cipherexplain convert TLS_AES_128_GCM_SHA256 0xC02F ECDHE-RSA-AES128-SHA\n"
    "  cipherexplain -- '-ALL:HIGH'                     '--' before a string that starts with '-'\n"
    "  cipherexplain batch --openssl 3.0 < strings.txt  one JSON object per input line\n"
    "  cipherexplain versions                           the releases this build knows\n"
    "\n"
    "Cipher-string syntax (OpenSSL's): rules separated by ':' ',' ';' or space. A rule is a name\n"
    "(a suite such as ECDHE-RSA-AES128-GCM-SHA256, or an alias such as HIGH, aRSA, AESGCM) or\n"
    "names joined by '+' (all must hold). Prefixes: none = add, '-' = remove (may come back),\n"
    "'!' = remove for good, '+' = move to the end. '@STRENGTH' sorts by key length,\n"
    "'@SECLEVEL=n' sets the security level. A leading DEFAULT expands to the release's default.\n"
    "\n"
    "Releases: an exact one (3.0.19), a series (3.0 = its newest), latest, system (the libssl\n"
    "this program runs with), all, or a comma-separated list.\n"
    "\n"
    "Ratings (insecure, weak, secure, recommended) follow docs/ratings.md. Colour: --color, or\n"
    "NO_COLOR to turn it off.\n"
    "\n"
    "Exit status: 0 OpenSSL accepts the string (every chosen release does), 1 OpenSSL rejects\n"
    "it (some release does), 2 usage error, 3 accepted but the list breaks the --policy.";

int explain(const std::vector<const catalog*>& releases, const cli::build_flags& flags,
            const std::string& format, const std::string& input,
            const cli::render_options& options) {
  if (releases.size() == 1) {
    const evaluator release(*releases.front(), flags.for_release(*releases.front(), true));
    const bool trace = format == "json" || options.trace || !options.why.empty();
    const evaluation result =
        release.evaluate(input, trace ? detail_level::trace : detail_level::findings);
    const std::string text = format == "json" ? cli::render_json(release, input, result, options)
                                              : cli::render_text(release, input, result, options);
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (!result.ok) return cli::exit_rejected;
    if (options.check != nullptr && !violations(*options.check, result.ciphers).empty())
      return cli::exit_policy;
    return cli::exit_accepted;
  }
  std::vector<cli::release_result> results;
  bool all_ok = true;
  for (const catalog* c : releases) {
    evaluator release(*c, flags.for_release(*c, false));
    evaluation result = release.evaluate(input);
    all_ok = all_ok && result.ok;
    results.push_back({std::move(release), std::move(result)});
  }
  const std::string text = format == "json" ? cli::render_comparison_json(input, results)
                                            : cli::render_comparison_text(results);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return all_ok ? cli::exit_accepted : cli::exit_rejected;
}

const catalog& one_release(const std::string& spec, std::string_view command) {
  const auto releases = cli::resolve_releases(spec);
  if (releases.size() != 1)
    throw CLI::ValidationError("--openssl", fmt::format("{} takes exactly one release", command));
  return *releases.front();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{description, "cipherexplain"};
  app.footer(footer);
  app.set_version_flag("--version",
                       fmt::format("cipherexplain {} (OpenSSL catalogs: {})",
                                   cipherexplain::library_version, cli::known_releases()));
  app.require_subcommand(0, 1);

  std::string release_spec = "3.0";
  std::string format = "text";
  std::string input;
  std::string color = "auto";
  bool trace = false;
  std::vector<std::string> why;
  std::string policy_name;
  cli::build_flags flags;
  app.add_option("--openssl", release_spec, "OpenSSL release(s) whose behaviour to reproduce")
      ->default_val("3.0")
      ->type_name("RELEASE");
  app.add_option("--format", format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");
  app.add_flag("--trace", trace, "Show what each rule added, removed, killed and moved");
  app.add_option("--why", why,
                 "Say which rules brought a suite in, moved it or took it out (repeatable)")
      ->type_name("SUITE")
      ->allow_extra_args(false);
  std::vector<std::string> policy_names;
  for (const profile& p : profiles()) policy_names.emplace_back(p.name);
  app.add_option("--policy", policy_name, "Check the list against a policy")
      ->check(CLI::IsMember(policy_names))
      ->type_name("NAME");
  app.add_option("--color", color, "Colour the output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_val("auto");
  flags.add_to(app);
  auto* string_opt = app.add_option("STRING", input, "The cipher string, e.g. 'DEFAULT:!3DES'");

  std::string batch_release = "3.0";
  cli::build_flags batch_flags;
  CLI::App* batch = app.add_subcommand(
      "batch",
      "Read one cipher string per line from stdin ('\\n' ends a line; every other byte, tab and\n"
      "CR included, is part of the string) and write one JSON object per line to stdout:\n"
      "{\"input\": ..., \"ok\": ..., \"ciphers\": [...]} (ciphers is [] when OpenSSL rejects the\n"
      "string; bytes that are not UTF-8 are written as \\udcXX escapes).\n"
      "With several releases (--openssl all, or 1.1.1,3.0) each input line gives one line per\n"
      "release, in the order asked, each starting with \"openssl\": \"<release>\".");
  batch->add_option("--openssl", batch_release, "OpenSSL release(s) whose behaviour to reproduce")
      ->default_val("3.0")
      ->type_name("RELEASE");
  batch_flags.add_to(*batch);

  std::string diff_release = "3.0";
  std::string diff_format = "text";
  std::vector<std::string> diff_strings;
  cli::build_flags diff_flags;
  CLI::App* diff = app.add_subcommand(
      "diff",
      "Compare the lists two strings give on one release: added, removed, moved.\n"
      "Exit status 0 when they are the same, 1 when they differ.");
  diff->add_option("--openssl", diff_release, "OpenSSL release")
      ->default_val("3.0")
      ->type_name("RELEASE");
  diff->add_option("--format", diff_format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");
  diff->add_option("STRINGS", diff_strings, "The two cipher strings, A then B")
      ->expected(2)
      ->required();
  diff_flags.add_to(*diff);

  std::string convert_release = "3.0";
  std::string convert_format = "text";
  std::vector<std::string> convert_names;
  CLI::App* convert = app.add_subcommand(
      "convert",
      "Turn OpenSSL names, IANA names and code points (0xC02F or 0xC0,0x2F) into each other.\n"
      "Exit status 0 when every name is a suite of the release, 1 otherwise.");
  convert->add_option("--openssl", convert_release, "OpenSSL release")
      ->default_val("3.0")
      ->type_name("RELEASE");
  convert->add_option("--format", convert_format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");
  convert->add_option("NAMES", convert_names, "Names or code points")->required();

  std::string versions_format = "text";
  CLI::App* versions = app.add_subcommand(
      "versions", "List the OpenSSL releases this build knows, with build notes.");
  versions->add_option("--format", versions_format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");

  try {
    app.parse(argc, argv);
    const cli::style colours = cli::style::from_mode(color);
    if (batch->parsed()) {
      const auto chosen = cli::resolve_releases(batch_release);
      std::vector<evaluator> releases;
      for (const catalog* c : chosen)
        releases.emplace_back(*c, batch_flags.for_release(*c, chosen.size() == 1));
      return cli::run_batch(releases, stdin, stdout);
    }
    if (diff->parsed()) {
      const catalog& c = one_release(diff_release, "diff");
      return cli::run_diff(evaluator(c, diff_flags.for_release(c, true)), diff_strings[0],
                           diff_strings[1], diff_format, colours);
    }
    if (convert->parsed())
      return cli::run_convert(one_release(convert_release, "convert"), convert_names,
                              convert_format);
    if (versions->parsed()) {
      const std::string text = versions_format == "json"
                                   ? cli::render_versions_json(cli::system_release())
                                   : cli::render_versions_text(cli::system_release());
      std::fwrite(text.data(), 1, text.size(), stdout);
      return cli::exit_accepted;
    }
    if (string_opt->count() == 0) {
      throw CLI::RequiredError("give a cipher string (e.g. 'DEFAULT:!3DES') or a subcommand");
    }
    const auto releases = cli::resolve_releases(release_spec);
    if (releases.size() > 1 && (trace || !why.empty() || !policy_name.empty())) {
      throw CLI::ValidationError("--trace, --why and --policy take one release");
    }
    const cli::render_options options{
        colours, policy_name.empty() ? nullptr : find_profile(policy_name), trace, why};
    return explain(releases, flags, format, input, options);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return cli::exit_accepted;
  } catch (const CLI::CallForAllHelp&) {
    std::fputs(app.help("", CLI::AppFormatMode::All).c_str(), stdout);
    return cli::exit_accepted;
  } catch (const CLI::CallForVersion&) {
    std::fputs((app.version() + "\n").c_str(), stdout);
    return cli::exit_accepted;
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "cipherexplain: %s\nRun 'cipherexplain --help' for usage.\n", e.what());
    return cli::exit_usage;
  }
}

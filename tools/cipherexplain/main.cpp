// cipherexplain: what an OpenSSL cipher string really selects.

#include "commands.hpp"
#include "releases.hpp"
#include "render.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace cipherexplain;

constexpr const char* description =
    "cipherexplain shows exactly which cipher suites an OpenSSL cipher string selects, in order,\n"
    "and whether OpenSSL accepts it - as SSL_CTX_set_cipher_list() + SSL_CTX_get_ciphers() of\n"
    "the chosen release would, without that OpenSSL installed.";

constexpr const char* footer =
    "Examples:\n"
    "  cipherexplain 'DEFAULT:!3DES'                    the list, as a table\n"
    "  cipherexplain --format json 'ECDHE+AESGCM'       the same as JSON\n"
    "  cipherexplain --openssl all 'HIGH:!aNULL'        which releases accept it, what changes\n"
    "  cipherexplain --openssl 1.0.2,3.5 'DEFAULT'      the same for chosen releases\n"
    "  cipherexplain --openssl 3.0 --legacy-provider 'SEED'\n"
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
    "Exit status: 0 OpenSSL accepts the string (every chosen release does), 1 OpenSSL rejects\n"
    "it (some release does), 2 usage error.";

// The build options given on the command line.
struct option_flags {
  bool legacy_provider = false;
  bool weak_ciphers = false;
  bool sslv2 = false;
  std::optional<int> security_level;

  void add_to(CLI::App& app) {
    app.add_flag("--legacy-provider", legacy_provider,
                 "3.0+: load the legacy provider (RC4, DES, SEED, ... become usable)");
    app.add_flag("--weak-ciphers", weak_ciphers,
                 "Build with enable-weak-ssl-ciphers (3DES/RC4 in 1.1.0+, export/LOW in 1.0.x)");
    app.add_flag("--sslv2", sslv2, "1.0.x: build with enable-ssl2 (the SSLv2 suites)");
    app.add_option("--security-level", security_level,
                   "The build's default security level (e.g. 1 for upstream 3.0, 2 for Debian)")
        ->check(CLI::Range(0, 5))
        ->type_name("N");
  }

  // The options as they apply to one release; with several releases an option a release lacks
  // is left out for it instead of failing the whole comparison.
  [[nodiscard]] build_options for_release(const catalog& release, bool strict) const {
    build_options chosen;
    chosen.security_level = security_level;
    chosen.legacy_provider = legacy_provider;
    chosen.weak_ciphers = weak_ciphers;
    chosen.sslv2 = sslv2;
    if (const auto problem = check_build_options(release, chosen); problem && strict) {
      throw CLI::ValidationError(*problem);
    }
    build_options applicable;
    for (auto set :
         {+[](build_options&o, const build_options&c) { o.legacy_provider = c.legacy_provider; },
          +[](build_options&o, const build_options&c) { o.weak_ciphers = c.weak_ciphers; },
          +[](build_options&o, const build_options&c) { o.sslv2 = c.sslv2; },
          +[](build_options&o, const build_options&c) { o.security_level = c.security_level; }}) {
      build_options trial = applicable;
      set(trial, chosen);
      if (!check_build_options(release, trial)) applicable = trial;
    }
    return applicable;
  }
};

int explain(const std::vector<const catalog*>& releases, const option_flags& flags,
            const std::string& format, const std::string& input) {
  if (releases.size() == 1) {
    const evaluator release(*releases.front(), flags.for_release(*releases.front(), true));
    const evaluation result = release.evaluate(input);
    const std::string text = format == "json" ? cli::render_json(release, input, result)
                                              : cli::render_text(release, input, result);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return result.ok ? cli::exit_accepted : cli::exit_rejected;
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
  option_flags flags;
  app.add_option("--openssl", release_spec, "OpenSSL release(s) whose behaviour to reproduce")
      ->default_val("3.0")
      ->type_name("RELEASE");
  app.add_option("--format", format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");
  flags.add_to(app);
  auto* string_opt = app.add_option("STRING", input, "The cipher string, e.g. 'DEFAULT:!3DES'");

  std::string batch_release = "3.0";
  option_flags batch_flags;
  CLI::App* batch = app.add_subcommand(
      "batch",
      "Read one cipher string per line from stdin ('\\n' ends a line; every other byte, tab and\n"
      "CR included, is part of the string) and write one JSON object per line to stdout:\n"
      "{\"input\": ..., \"ok\": ..., \"ciphers\": [...]} (ciphers is [] when OpenSSL rejects the\n"
      "string; bytes that are not UTF-8 are written as \\udcXX escapes).");
  batch->add_option("--openssl", batch_release, "OpenSSL release whose behaviour to reproduce")
      ->default_val("3.0")
      ->type_name("RELEASE");
  batch_flags.add_to(*batch);

  std::string versions_format = "text";
  CLI::App* versions = app.add_subcommand(
      "versions", "List the OpenSSL releases this build knows, with build notes.");
  versions->add_option("--format", versions_format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");

  try {
    app.parse(argc, argv);
    if (batch->parsed()) {
      const auto releases = cli::resolve_releases(batch_release);
      if (releases.size() != 1)
        throw CLI::ValidationError("--openssl", "batch takes exactly one release");
      const evaluator release(*releases.front(), batch_flags.for_release(*releases.front(), true));
      return cli::run_batch(release, stdin, stdout);
    }
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
    return explain(cli::resolve_releases(release_spec), flags, format, input);
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

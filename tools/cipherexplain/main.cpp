// SPDX-License-Identifier: Apache-2.0
// cipherexplain: what an OpenSSL cipher string really selects. This file only assembles the
// commands and is the one place errors reach the user.

#include "commands.hpp"
#include "errors.hpp"
#include "exit_codes.hpp"
#include "input.hpp"
#include "output.hpp"
#include "releases.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <new>
#include <string>

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
    "  cipherexplain --ciphersuites TLS_AES_256_GCM_SHA384 --min-protocol TLSv1.3 'HIGH'\n"
    "                                                   what a connection on a configuration uses\n"
    "  cipherexplain --usable --protocols TLSv1.2,TLSv1.3 'HIGH:!aNULL'\n"
    "  cipherexplain diff 'HIGH:!aNULL' 'DEFAULT'       what changes from one string to another\n"
    "  cipherexplain convert TLS_AES_128_GCM_SHA256 0xC02F ECDHE-RSA-AES128-SHA\n"
    "  cipherexplain -- '-ALL:HIGH'                     '--' before a string that starts with '-'\n"
    "  echo 'HIGH:!aNULL' | cipherexplain -             the string from stdin (no shell quoting)\n"
    "  cipherexplain --file ciphers.txt                 the string from a file\n"
    "  cipherexplain batch --openssl 3.0 strings.txt    one JSON object per input line\n"
    "  cipherexplain versions                           the releases this build knows\n"
    "\n"
    "Cipher-string syntax (OpenSSL's): rules separated by ':' ',' ';' or space. A rule is a name\n"
    "(a suite such as ECDHE-RSA-AES128-GCM-SHA256, or an alias such as HIGH, aRSA, AESGCM) or\n"
    "names joined by '+' (all must hold). Prefixes: none = add, '-' = remove (may come back),\n"
    "'!' = remove for good, '+' = move to the end. '@STRENGTH' sorts by key length,\n"
    "'@SECLEVEL=n' sets the security level. A leading DEFAULT expands to the release's default.\n"
    "\n"
    "Releases: an exact one (3.0.19), a series (3.0 = its newest), latest, system (the recorded\n"
    "release for the system's libcrypto, or $CIPHEREXPLAIN_LIBCRYPTO; the output says when it\n"
    "only stands in for an unrecorded point release), all, or a comma-separated list.\n"
    "\n"
    "Ratings (insecure, weak, secure, recommended) follow docs/ratings.md. Colour: --color, or\n"
    "NO_COLOR to turn it off.\n"
    "\n"
    "Exit status: 0 OpenSSL accepts the string (every chosen release does), 1 OpenSSL rejects\n"
    "it (some release does), 2 usage error, 3 accepted but the list breaks the --policy.\n"
    "4 means the tool itself failed (out of memory, a bug), 5 that the output could not be\n"
    "written (a full disk, a closed stdout), 6 that an input could not be read; stderr says what.";

}  // namespace

int main(int argc, char** argv) {
  int exit_status = cli::exit_accepted;
  const bool json = cli::wants_json(argc, argv);
  try {
    CLI::App app{description, "cipherexplain"};
    app.footer(footer);
    app.set_version_flag("--version",
                         fmt::format("cipherexplain {} (OpenSSL catalogs: {})",
                                     cipherexplain::library_version, cli::known_releases()));
    app.require_subcommand(0, 1);
    cli::shared_options shared;  // the default command's, also what precedes a subcommand
    cli::add_explain_command(app, shared, exit_status);
    cli::add_batch_command(app, shared, exit_status);
    cli::add_diff_command(app, shared, exit_status);
    cli::add_convert_command(app, shared, exit_status);
    cli::add_negotiate_command(app, shared, exit_status);
    cli::add_matrix_command(app, shared, exit_status);
    cli::add_preset_command(app, shared, exit_status);
    cli::add_lint_command(app, shared, exit_status);
    cli::add_versions_command(app, shared, exit_status);
    cli::add_completions_command(app, shared, exit_status);
    try {
      // "--color= HIGH" would otherwise read HIGH as the colour (CLI11 takes the next word).
      for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--") break;
        if (a.starts_with("--") && a.ends_with("=") && a.size() > 3 && a.size() < 64) {
          throw CLI::ValidationError(fmt::format(
              "'{}' has no value after '=': write {}VALUE, or leave the option out", a, a));
        }
      }
      app.parse(argc, argv);  // runs the chosen command's callback
      cli::finish_output();
      return exit_status;
    } catch (const CLI::CallForHelp&) {
      cli::print(app.help());
      cli::finish_output();
      return cli::exit_accepted;
    } catch (const CLI::CallForVersion&) {
      cli::print(app.version() + "\n");
      cli::finish_output();
      return cli::exit_accepted;
    } catch (const CLI::ParseError& e) {
      return cli::report_failure("usage", cli::usage_message(app, e, argc, argv), cli::exit_usage,
                                 json);
    }
  } catch (const cli::input_error& e) {
    return cli::report_failure("input", e.what(), cli::exit_input, json);
  } catch (const cli::output_error& e) {
    return cli::report_failure("output", e.what(), cli::exit_output, json);
  } catch (const std::bad_alloc&) {
    return cli::report_failure("internal", "out of memory", cli::exit_internal, json);
  } catch (const std::exception& e) {
    return cli::report_failure("internal", fmt::format("internal error: {}", e.what()),
                               cli::exit_internal, json);
  }
}

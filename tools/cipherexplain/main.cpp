// cipherexplain: what an OpenSSL cipher string really selects.

#include "commands.hpp"
#include "render.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace {

using namespace cipherexplain;

std::string known_releases() {
  std::string list;
  for (const catalog* c : catalog::all()) {
    if (!list.empty()) list += ", ";
    list += c->release();
  }
  return list;
}

constexpr const char* description =
    "cipherexplain shows exactly which cipher suites an OpenSSL cipher string selects, in order,\n"
    "and whether OpenSSL accepts it - as SSL_CTX_set_cipher_list() + SSL_CTX_get_ciphers() of\n"
    "the chosen release would, without that OpenSSL installed.";

constexpr const char* footer =
    "Examples:\n"
    "  cipherexplain 'DEFAULT:!3DES'                   the list, as a table\n"
    "  cipherexplain --format json 'ECDHE+AESGCM'      the same as JSON\n"
    "  cipherexplain -- '-ALL:HIGH'                    '--' before a string that starts with '-'\n"
    "  cipherexplain batch --openssl 3.0 < strings.txt one JSON object per input line\n"
    "\n"
    "Cipher-string syntax (OpenSSL's): rules separated by ':' ',' ';' or space. A rule is a name\n"
    "(a suite such as ECDHE-RSA-AES128-GCM-SHA256, or an alias such as HIGH, aRSA, AESGCM) or\n"
    "names joined by '+' (all must hold). Prefixes: none = add, '-' = remove (may come back),\n"
    "'!' = remove for good, '+' = move to the end. '@STRENGTH' sorts by key length,\n"
    "'@SECLEVEL=n' sets the security level. A leading DEFAULT expands to the release's default.\n"
    "\n"
    "Exit status: 0 OpenSSL accepts the string, 1 OpenSSL rejects it, 2 usage error.";

const catalog* find_release(const std::string& name) {
  const catalog* c = catalog::find(name);
  if (c == nullptr) {
    throw CLI::ValidationError("--openssl", fmt::format("unknown OpenSSL release '{}'; known: {} "
                                                        "(or a series such as 3.0)",
                                                        name, known_releases()));
  }
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{description, "cipherexplain"};
  app.footer(footer);
  app.set_version_flag("--version", fmt::format("cipherexplain {} (OpenSSL catalogs: {})",
                                                cipherexplain::library_version, known_releases()));
  app.require_subcommand(0, 1);

  std::string release = "3.0";
  std::string format = "text";
  std::string input;
  app.add_option("--openssl", release, "OpenSSL release whose behaviour to reproduce")
      ->default_val("3.0")
      ->type_name("VERSION");
  app.add_option("--format", format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");
  auto* string_opt = app.add_option("STRING", input, "The cipher string, e.g. 'DEFAULT:!3DES'");

  std::string batch_release = "3.0";
  CLI::App* batch = app.add_subcommand(
      "batch",
      "Read one cipher string per line from stdin ('\\n' ends a line; every other byte, tab and\n"
      "CR included, is part of the string) and write one JSON object per line to stdout:\n"
      "{\"input\": ..., \"ok\": ..., \"ciphers\": [...]} (ciphers is [] when OpenSSL rejects the\n"
      "string; bytes that are not UTF-8 are written as \\udcXX escapes).");
  batch->add_option("--openssl", batch_release, "OpenSSL release whose behaviour to reproduce")
      ->default_val("3.0")
      ->type_name("VERSION");

  try {
    app.parse(argc, argv);
    if (batch->parsed()) {
      const evaluator release_eval(*find_release(batch_release));
      return cli::run_batch(release_eval, stdin, stdout);
    }
    if (string_opt->count() == 0) {
      throw CLI::RequiredError("give a cipher string (e.g. 'DEFAULT:!3DES') or a subcommand");
    }
    const evaluator release_eval(*find_release(release));
    const evaluation result = release_eval.evaluate(input);
    const std::string text = format == "json" ? cli::render_json(release_eval, input, result)
                                              : cli::render_text(release_eval, input, result);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return result.ok ? cli::exit_accepted : cli::exit_rejected;
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

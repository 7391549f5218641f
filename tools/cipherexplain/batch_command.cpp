// SPDX-License-Identifier: Apache-2.0
// batch: one cipher string per input line, one JSON line per string and release.

#include "commands.hpp"
#include "exit_codes.hpp"
#include "handshake_input.hpp"
#include "input.hpp"
#include "options.hpp"
#include "releases.hpp"

#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::cli {
namespace {

enum class output_kind : std::uint8_t { terminal, pipe, file };

// What one input line holds (--input).
enum class input_kind : std::uint8_t { cipher_string, ciphersuites, supported, handshake };

output_kind kind_of(std::FILE* out) {
  struct stat st {};
  if (isatty(fileno(out)) != 0) return output_kind::terminal;
  if (fstat(fileno(out), &st) == 0 && S_ISFIFO(st.st_mode)) return output_kind::pipe;
  return output_kind::file;
}

// Whether reading `fd` now would return at once (data, end of input or an error) rather than
// wait.
bool input_ready(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, 0) != 0;
}

// A terminal gets each line as it is answered. A pipe gets what is answered whenever the tool
// would wait for input, or 50 ms after the oldest unwritten line, so that a reader waiting for a
// line never waits on the tool, while a fast producer's lines go out in large writes (one write
// per line was 4x slower). A file gets 64 KiB blocks.
class batch_run {
 public:
  batch_run(std::span<const configuration_resolver> releases, input_kind what, std::FILE* out)
      : releases_(releases), what_(what), out_(out), kind_(kind_of(out)) {}

  // One line per release; with several, each line says which (see --help). `length` is the
  // line's length when only its first bytes were kept (past the longest string the parser
  // reads, the rest cannot change the answer: input-too-long).
  void line(std::string_view line, std::size_t length) {
    if (lines_.empty()) pending_since_ = clock::now();
    for (const configuration_resolver& release : releases_) {
      const std::string_view name =
          releases_.size() > 1 ? release.release().release() : std::string_view{};
      if (what_ == input_kind::handshake) {
        append_handshake_input_line(lines_, line, release, name);
        continue;
      }
      if (what_ == input_kind::cipher_string) {
        parse_into(parsed_, line, release.release().dialect());
        release.cipher_strings().evaluate_into(result_, parsed_, detail_level::result);
        append_batch_line(lines_, line, result_, name, length);
        continue;
      }
      std::optional<std::string> problem = what_ == input_kind::ciphersuites
                                               ? read_ciphersuites_line(line, config_)
                                               : read_supported_line(line, config_, fields_);
      if (!problem) problem = check_configuration(release.release(), config_);
      if (!problem && what_ == input_kind::supported &&
          release.release().engine() == engine_family::openssl_1_0)
        problem = "OpenSSL " + std::string(release.release().release()) +
                  " has no SSL_get1_supported_ciphers() (it exists from 1.1.0)";
      if (problem) {
        append_batch_error_line(lines_, line, *problem, name);
        continue;
      }
      release.resolve_into(configured_, config_, plain_, parsed_);
      if (what_ == input_kind::ciphersuites)
        append_ciphersuites_line(lines_, config_, configured_, name);
      else
        append_supported_line(lines_, fields_, configured_, name);
    }
    if (kind_ == output_kind::terminal || lines_.size() > (1u << 16) ||
        (kind_ == output_kind::pipe &&
         clock::now() - pending_since_ > std::chrono::milliseconds(50)))
      flush();
  }

  // Reads one input in blocks, holding at most its longest line (and no more than one byte past
  // the longest string the parser accepts). Only '\n' ends a line; a last line without one
  // still counts, an empty tail does not.
  void read(const input_file& in) {
    std::string partial;
    std::size_t partial_length = 0;  // bytes of the line so far, kept or not
    auto take = [&](std::string_view bytes) {
      const std::size_t room =
          max_input_length + 1 - std::min(partial.size(), max_input_length + 1);
      partial.append(bytes.substr(0, std::min(room, bytes.size())));
      partial_length += bytes.size();
    };
    char buffer[1 << 16];
    while (true) {
      if (kind_ != output_kind::file && !lines_.empty() && !input_ready(fileno(in.get()))) flush();
      const std::size_t n = read_some(in, buffer, sizeof buffer);
      if (n == 0) break;
      std::string_view block(buffer, n);
      for (std::size_t nl = block.find('\n'); nl != std::string_view::npos; nl = block.find('\n')) {
        if (partial_length == 0) {
          line(block.substr(0, nl), nl);
        } else {
          take(block.substr(0, nl));
          line(partial, partial_length);
          partial.clear();
          partial_length = 0;
        }
        block.remove_prefix(nl + 1);
      }
      take(block);
    }
    if (partial_length != 0) line(partial, partial_length);
  }

  void finish() { flush(); }

 private:
  using clock = std::chrono::steady_clock;
  void flush() {
    write_out(lines_, out_);
    lines_.clear();
    finish_output(out_);
  }

  std::span<const configuration_resolver> releases_;
  input_kind what_;
  std::FILE* out_;
  output_kind kind_;
  clock::time_point pending_since_{};
  tree parsed_;
  evaluation result_;
  tls_configuration config_;
  supported_line fields_;
  configuration_result configured_;
  const evaluate_options plain_{detail_level::result};
  std::string lines_;
};

}  // namespace

void add_batch_command(CLI::App& app, const shared_options& before, int& exit_status) {
  auto mine = std::make_shared<shared_options>();
  CLI::App* batch = app.add_subcommand(
      "batch",
      "Read one cipher string per line from the FILES, in order, or stdin ('\\n' ends a line;\n"
      "every other byte, tab and CR included, is part of the string) and write one JSON object\n"
      "per line to stdout:\n"
      "{\"input\": ..., \"ok\": ..., \"ciphers\": [...]} (ciphers is [] when OpenSSL rejects the\n"
      "string; bytes that are not UTF-8 are written as \\udcXX escapes).\n"
      "--input ciphersuites reads SUITES, or SUITES<TAB>CIPHERLIST<TAB>suites-first|list-first,\n"
      "and writes {\"input\", [\"cipher_list\", \"order\",] \"ok\", [\"list_ok\",] \"ciphers\",\n"
      "\"tls13\"}: SSL_CTX_set_ciphersuites (and set_cipher_list) on a fresh context.\n"
      "--input supported reads CIPHERSTRING<TAB>MIN<TAB>MAX<TAB>SECLEVEL[<TAB>CIPHERSUITES]\n"
      "(MIN/MAX 0 = no bound, TLS1 ... TLS1.3; SECLEVEL 0-5 or -) and writes {\"input\", \"min\",\n"
      "\"max\", \"seclevel\", [\"ciphersuites\",] \"ok\", [\"ciphersuites_ok\",] \"min_ok\", \"max_ok\",\n"
      "\"seclevel_after\", \"min_after\", \"max_after\", \"ciphers\", \"supported\"}: the level, the\n"
      "cipher list, the ciphersuites, min and max set in that order, then what\n"
      "SSL_get1_supported_ciphers returns for a client (null where OpenSSL returns NULL: no\n"
      "usable protocol, or nothing usable). These are the formats of the policy recordings in\n"
      "corpus/policy/. A line that cannot be read gives {\"input\", \"error\"}.\n"
      "--input handshake reads one JSON object per line, {\"id\": ..., \"client\": {...},\n"
      "\"server\": {...}}, each side's keys those of `negotiate`'s SPEC (ciphers, ciphersuites,\n"
      "min, max, seclevel, groups, prefer_server, cert, cert_first, openssl), and writes the\n"
      "simulated handshake as corpus/policy/handshake/ records it: {\"id\", \"ok\", \"protocol\",\n"
      "\"cipher\", \"cipher_iana\", \"group\", \"server_key\", \"server_sig\", \"error\",\n"
      "\"error_side\", \"stage\", \"hello_retry\", \"step\", \"explanation\"}.\n"
      "With several releases (--openssl all, or 1.1.1,3.0) each input line gives one line per\n"
      "release, in the order asked, each starting with \"openssl\": \"<release>\".\n"
      "Lines are answered as they are read when stdout is a terminal or a pipe; memory holds\n"
      "one line (of a line longer than 16 MiB, what the parser reads: it is answered as\n"
      "input-too-long, with \"input_bytes\" giving its length, and \"input\" its first bytes).\n"
      "Exit status: 0 every line was read and answered (whether OpenSSL accepts the strings or\n"
      "not: see \"ok\"), 2 usage error, 5 the output could not be written, 6 an input could not\n"
      "be read (the lines before it are answered).");
  batch->footer(
      "Examples:\n"
      "  cipherexplain batch --openssl 3.0 strings.txt      one JSON line per string\n"
      "  cipherexplain batch --openssl all < strings.txt    one line per string and release\n"
      "  tail -f strings.log | cipherexplain batch          each line answered as it arrives\n"
      "  printf 'TLS_AES_128_GCM_SHA256:\\n' | cipherexplain batch --input ciphersuites --openssl 1.1.1\n"
      "  printf 'DEFAULT\\tTLS1\\tTLS1\\t2\\n' | cipherexplain batch --input supported --openssl 3.5\n"
      "  cipherexplain batch --input handshake --openssl 4.0 corpus/policy/handshake/corpus.jsonl");
  mine->add_release(*batch, true);
  mine->add_build(*batch);
  auto what = std::make_shared<input_kind>(input_kind::cipher_string);
  batch
      ->add_option("--input", *what,
                   "What each line holds: cipher-string (default), ciphersuites, supported, "
                   "handshake")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, input_kind>{{"cipher-string", input_kind::cipher_string},
                                            {"ciphersuites", input_kind::ciphersuites},
                                            {"supported", input_kind::supported},
                                            {"handshake", input_kind::handshake}}))
      ->type_name("KIND");
  auto files = std::make_shared<std::vector<std::string>>();
  batch->add_option("FILES", *files, "Files to read, in order ('-' is stdin; default: stdin)")
      ->type_name("FILE");
  batch->callback([&app, &before, batch, mine, files, what, &exit_status] {
    const shared_options o =
        effective_options(app, before, *batch, *mine, takes::releases | takes::build);
    const auto chosen = resolve_releases(o.release_spec);
    std::vector<configuration_resolver> releases;
    releases.reserve(chosen.size());
    for (const catalog* c : chosen)
      releases.emplace_back(*c, o.flags.for_release(*c, chosen.size() == 1));
    batch_run run(releases, *what, stdout);
    if (files->empty()) files->emplace_back("-");
    try {
      for (const std::string& path : *files) run.read(input_file(path));
    } catch (const input_error&) {
      run.finish();  // the lines read so far are answered
      throw;
    }
    run.finish();
    exit_status = exit_accepted;
  });
}

}  // namespace cipherexplain::cli

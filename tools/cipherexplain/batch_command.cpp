// batch: one cipher string per input line, one JSON line per string and release.

#include "commands.hpp"
#include "exit_codes.hpp"
#include "input.hpp"
#include "options.hpp"
#include "releases.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::cli {
namespace {

// Output goes to a reader as it is made when stdout is a terminal or a pipe (someone may be
// waiting for each line); to a file it is written in large blocks.
bool interactive(std::FILE* out) {
  struct stat st {};
  return isatty(fileno(out)) != 0 || (fstat(fileno(out), &st) == 0 && S_ISFIFO(st.st_mode));
}

class batch_run {
 public:
  batch_run(std::span<const evaluator> releases, std::FILE* out)
      : releases_(releases), out_(out), flush_each_line_(interactive(out)) {}

  // One line per release; with several, each line says which (see --help).
  void line(std::string_view line) {
    for (const evaluator& release : releases_) {
      parse_into(parsed_, line, release.release().dialect());
      release.evaluate_into(result_, parsed_, detail_level::result);
      append_batch_line(lines_, line, result_,
                        releases_.size() > 1 ? release.release().release() : std::string_view{});
    }
    if (flush_each_line_ || lines_.size() > (1u << 16)) {
      write_out(lines_, out_);
      lines_.clear();
      if (flush_each_line_) finish_output(out_);
    }
  }

  // Reads one input in blocks, holding at most its longest line. Only '\n' ends a line; a last
  // line without one still counts, an empty tail does not.
  void read(const input_file& in) {
    std::string partial;
    char buffer[1 << 16];
    while (const std::size_t n = read_some(in, buffer, sizeof buffer)) {
      std::string_view block(buffer, n);
      for (std::size_t nl = block.find('\n'); nl != std::string_view::npos; nl = block.find('\n')) {
        if (partial.empty()) {
          line(block.substr(0, nl));
        } else {
          partial.append(block.substr(0, nl));
          line(partial);
          partial.clear();
        }
        block.remove_prefix(nl + 1);
      }
      partial.append(block);
    }
    if (!partial.empty()) line(partial);
  }

  void finish() {
    write_out(lines_, out_);
    finish_output(out_);
  }

 private:
  std::span<const evaluator> releases_;
  std::FILE* out_;
  bool flush_each_line_;
  tree parsed_;
  evaluation result_;
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
      "With several releases (--openssl all, or 1.1.1,3.0) each input line gives one line per\n"
      "release, in the order asked, each starting with \"openssl\": \"<release>\".\n"
      "Lines are written as they are read when stdout is a terminal or a pipe.\n"
      "Exit status: 0 every line was read and answered (whether OpenSSL accepts the strings or\n"
      "not: see \"ok\"), 2 usage error, 5 the output could not be written, 6 an input could not\n"
      "be read (the lines before it are answered).");
  batch->footer(
      "Examples:\n"
      "  cipherexplain batch --openssl 3.0 strings.txt      one JSON line per string\n"
      "  cipherexplain batch --openssl all < strings.txt    one line per string and release\n"
      "  tail -f strings.log | cipherexplain batch          each line answered as it arrives");
  mine->add_release(*batch, true);
  mine->add_build(*batch);
  auto files = std::make_shared<std::vector<std::string>>();
  batch->add_option("FILES", *files, "Files to read, in order ('-' is stdin; default: stdin)")
      ->type_name("FILE");
  batch->callback([&app, &before, batch, mine, files, &exit_status] {
    const shared_options o =
        effective_options(app, before, *batch, *mine, takes::releases | takes::build);
    const auto chosen = resolve_releases(o.release_spec);
    std::vector<evaluator> releases;
    releases.reserve(chosen.size());
    for (const catalog* c : chosen)
      releases.emplace_back(*c, o.flags.for_release(*c, chosen.size() == 1));
    batch_run run(releases, stdout);
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

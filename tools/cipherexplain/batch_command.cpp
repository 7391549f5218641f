// batch: one cipher string per input line, one JSON line per string and release.

#include "commands.hpp"
#include "exit_codes.hpp"
#include "options.hpp"
#include "releases.hpp"

#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::cli {
namespace {

int run_batch(std::span<const evaluator> releases, std::FILE* in, std::FILE* out) {
  std::string data;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, in)) > 0) data.append(buffer, n);

  tree parsed;
  evaluation result;
  std::string lines;
  std::string_view rest(data);
  // Only '\n' ends a line; a last line without one still counts, an empty tail does not.
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    // One line per release; with several, each line says which (see --help).
    for (const evaluator& release : releases) {
      parse_into(parsed, line, release.release().dialect());
      release.evaluate_into(result, parsed, detail_level::result);
      append_batch_line(lines, line, result,
                        releases.size() > 1 ? release.release().release() : std::string_view{});
    }
    if (lines.size() > (1u << 16)) {
      write_out(lines, out);
      lines.clear();
    }
  }
  write_out(lines, out);
  finish_output(out);
  return exit_accepted;
}

}  // namespace

void add_batch_command(CLI::App& app, const shared_options& before, int& exit_status) {
  auto mine = std::make_shared<shared_options>();
  CLI::App* batch = app.add_subcommand(
      "batch",
      "Read one cipher string per line from stdin ('\\n' ends a line; every other byte, tab and\n"
      "CR included, is part of the string) and write one JSON object per line to stdout:\n"
      "{\"input\": ..., \"ok\": ..., \"ciphers\": [...]} (ciphers is [] when OpenSSL rejects the\n"
      "string; bytes that are not UTF-8 are written as \\udcXX escapes).\n"
      "With several releases (--openssl all, or 1.1.1,3.0) each input line gives one line per\n"
      "release, in the order asked, each starting with \"openssl\": \"<release>\".");
  mine->add_release(*batch, true);
  mine->add_build(*batch);
  batch->callback([&app, &before, batch, mine, &exit_status] {
    const shared_options o =
        effective_options(app, before, *batch, *mine, takes::releases | takes::build);
    const auto chosen = resolve_releases(o.release_spec);
    std::vector<evaluator> releases;
    releases.reserve(chosen.size());
    for (const catalog* c : chosen)
      releases.emplace_back(*c, o.flags.for_release(*c, chosen.size() == 1));
    exit_status = run_batch(releases, stdin, stdout);
  });
}

}  // namespace cipherexplain::cli

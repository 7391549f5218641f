#include "commands.hpp"
#include "render.hpp"

#include <span>
#include <string>
#include <string_view>

namespace cipherexplain::cli {

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
      std::fwrite(lines.data(), 1, lines.size(), out);
      lines.clear();
    }
  }
  std::fwrite(lines.data(), 1, lines.size(), out);
  return std::fflush(out) == 0 ? exit_accepted : exit_usage;
}

}  // namespace cipherexplain::cli

// SPDX-License-Identifier: Apache-2.0
#include <cipherexplain/diagnostic_render.hpp>

#include "text/printable.hpp"
#include "text/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace cipherexplain {

namespace {

// One character of the echoed input line, as printable() shows it: one column, or four per
// escaped byte.
struct cell {
  std::size_t byte;  // offset of its first byte
  std::string glyph;
  std::size_t width;  // columns
  [[nodiscard]] std::string_view text() const { return glyph; }
};

// Splits a line into display cells, escaped as printable() escapes them, so the caret line
// lines up on a terminal.
std::vector<cell> cells_of(std::string_view line, std::size_t base) {
  std::vector<cell> cells;
  cells.reserve(line.size());
  std::size_t i = 0;
  while (i < line.size()) {
    cell c{base + i, {}, 1};
    const std::size_t n = detail::append_printable(c.glyph, line, i);
    if (c.glyph.size() > 1 && c.glyph.front() == '\\' &&
        static_cast<unsigned char>(line[i]) != '\\')
      c.width = c.glyph.size();
    cells.push_back(std::move(c));
    i += n;
  }
  return cells;
}

constexpr std::size_t window = 72;  // cells of context shown for long lines

}  // namespace

diagnostic_renderer::diagnostic_renderer(std::string_view input, std::string_view source_name)
    : input_(input), source_name_(source_name), lines_(input) {}

std::string render(const diagnostic& finding, std::string_view input,
                   std::string_view source_name) {
  return diagnostic_renderer(input, source_name)(finding);
}

namespace {

// The cells of a line around an offset: only those can be shown, so only the bytes that can
// hold them are decoded, and rendering stays proportional to the window, not the line (a
// string with many findings renders in linear time). The start steps back to a character
// boundary.
struct decoded_window {
  std::vector<cell> cells;
  bool more_before = false;  // the line goes on before the first cell
  bool more_after = false;   // and after the last
};

decoded_window decode_around(std::string_view input, std::size_t offset, std::size_t line_start,
                             std::size_t line_end) {
  const std::size_t reach = 4 * window;
  std::size_t from = offset - std::min(offset - line_start, reach);
  for (int k = 0;
       k < 3 && from > line_start && (static_cast<unsigned char>(input[from]) & 0xc0u) == 0x80u;
       ++k)
    --from;
  const std::size_t to = std::min(line_end, std::max(offset, from) + reach);
  return {cells_of(input.substr(from, to - from), from), from > line_start, to < line_end};
}

// Which cells [first, last) to show: all when they fit, else a window centred on the caret.
std::pair<std::size_t, std::size_t> shown_cells(std::size_t count, std::size_t caret) {
  if (count <= window) return {0, count};
  std::size_t first = caret > window / 2 ? caret - window / 2 : 0;
  std::size_t last = std::min(count, first + window);
  if (caret + 1 > last) {  // the window ends at the caret, which may sit past the last cell
    first = caret + 1 > window ? caret + 1 - window : 0;
    last = std::min(count, caret + 1);
  }
  return {first, last};
}

}  // namespace

rendered_diagnostic diagnostic_renderer::parts(const diagnostic& finding) const {
  const std::size_t offset = std::min(finding.offset, input_.size());
  const line_column where = lines_.at(offset);
  const std::size_t line_end = lines_.line_end(where.line);

  rendered_diagnostic out;
  out.location = fmt::format("{}:{}", source_name_, to_string(where));
  out.level = finding.severity;
  out.message = finding.message;
  out.code = code_name(finding.code);
  out.help = finding.suggestion;

  const decoded_window w = decode_around(input_, offset, lines_.line_start(where.line), line_end);
  const std::vector<cell>& cells = w.cells;
  // First cell at or after the offset (== cells.size() when the caret sits at the line end).
  const auto caret = static_cast<std::size_t>(
      std::lower_bound(cells.begin(), cells.end(), offset,
                       [](const cell& c, std::size_t o) { return c.byte < o; }) -
      cells.begin());
  const std::size_t span_end = std::min(offset + finding.length, line_end);
  std::size_t marked = 0;
  while (caret + marked < cells.size() && cells[caret + marked].byte < span_end) ++marked;

  const auto [first, last] = shown_cells(cells.size(), caret);
  if (first > 0 || w.more_before) {
    out.source_line = "...";
    out.marker_line = "   ";
  }
  std::size_t marked_columns = 0;
  for (std::size_t i = first; i < last; ++i) {
    out.source_line += cells[i].text();
    if (i < caret) out.marker_line.append(cells[i].width, ' ');
    if (i >= caret && i < caret + marked) marked_columns += cells[i].width;
  }
  if (last < cells.size() || w.more_after) out.source_line += "...";
  out.marker_line += '^';
  if (marked_columns > 1) out.marker_line.append(marked_columns - 1, '~');
  return out;
}

std::string printable(std::string_view text) { return detail::printable_text(text); }

std::string diagnostic_renderer::operator()(const diagnostic& finding) const {
  return parts(finding).text();
}

std::string rendered_diagnostic::text() const {
  std::string out = fmt::format("{}: {}: {} [{}]\n", location, severity_name(level), message, code);
  out += source_line;
  out += '\n';
  out += marker_line;
  out += '\n';
  if (!help.empty()) out += fmt::format("help: {}\n", help);
  return out;
}

}  // namespace cipherexplain

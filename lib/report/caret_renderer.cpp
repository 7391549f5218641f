#include <cipherexplain/diagnostic.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace cipherexplain {

std::string_view code_name(diagnostic_code code) noexcept {
  switch (code) {
    case diagnostic_code::missing_name:
      return "missing-name";
    case diagnostic_code::unknown_command:
      return "unknown-command";
    case diagnostic_code::bad_security_level:
      return "bad-security-level";
    case diagnostic_code::no_cipher_selected:
      return "no-cipher-selected";
    case diagnostic_code::input_too_long:
      return "input-too-long";
    case diagnostic_code::text_after_nul:
      return "text-after-nul";
    case diagnostic_code::unknown_name:
      return "unknown-name";
    case diagnostic_code::conflicting_names:
      return "conflicting-names";
    case diagnostic_code::skipped_text:
      return "skipped-text";
    case diagnostic_code::suiteb_prefix:
      return "suiteb-prefix";
    case diagnostic_code::name_not_in_release:
      return "name-not-in-release";
    case diagnostic_code::name_unavailable:
      return "name-unavailable";
    case diagnostic_code::tls13_name:
      return "tls13-name";
    case diagnostic_code::tls13_unaffected:
      return "tls13-unaffected";
    case diagnostic_code::default_not_first:
      return "default-not-first";
    case diagnostic_code::default_glued:
      return "default-glued";
    case diagnostic_code::no_effect:
      return "no-effect";
    case diagnostic_code::removal_undone:
      return "removal-undone";
    case diagnostic_code::narrow_alias:
      return "narrow-alias";
    case diagnostic_code::strength_undone:
      return "strength-undone";
    case diagnostic_code::unusable_suites:
      return "unusable-suites";
    case diagnostic_code::old_protocols_refused:
      return "old-protocols-refused";
  }
  return "unknown";
}

std::string_view severity_name(severity level) noexcept {
  switch (level) {
    case severity::note:
      return "note";
    case severity::warning:
      return "warning";
    case severity::error:
      return "error";
  }
  return "error";
}

namespace {

// One displayed column of the echoed input line.
struct cell {
  std::size_t byte;           // offset of its first byte
  std::array<char, 4> glyph;  // what to print: a UTF-8 character of up to 4 bytes
  std::uint8_t glyph_length;
  [[nodiscard]] std::string_view text() const { return {glyph.data(), glyph_length}; }
};

cell make_cell(std::size_t byte, std::string_view glyph) {
  cell c{byte, {}, static_cast<std::uint8_t>(glyph.size())};
  std::copy(glyph.begin(), glyph.end(), c.glyph.begin());
  return c;
}

// Splits a line into display cells: UTF-8 characters stay as they are, control bytes become
// their Unicode "control picture" and bytes that are not UTF-8 become U+FFFD, so the caret
// line lines up on a terminal.
std::vector<cell> cells_of(std::string_view line, std::size_t base) {
  std::vector<cell> cells;
  cells.reserve(line.size());
  std::size_t i = 0;
  while (i < line.size()) {
    const auto b = static_cast<unsigned char>(line[i]);
    if (b < 0x20) {
      const char picture[] = {'\xe2', '\x90', static_cast<char>(0x80 + b)};
      cells.push_back(make_cell(base + i, std::string_view(picture, 3)));
      ++i;
      continue;
    }
    if (b == 0x7f) {
      cells.push_back(make_cell(base + i, "\xe2\x90\xa1"));
      ++i;
      continue;
    }
    std::size_t n = 1;
    if (b >= 0xc2 && b <= 0xdf)
      n = 2;
    else if (b >= 0xe0 && b <= 0xef)
      n = 3;
    else if (b >= 0xf0 && b <= 0xf4)
      n = 4;
    else if (b >= 0x80)
      n = 0;
    bool valid = n != 0 && i + n <= line.size();
    for (std::size_t k = 1; valid && k < n; ++k) {
      valid = (static_cast<unsigned char>(line[i + k]) & 0xc0u) == 0x80u;
    }
    if (!valid) {
      cells.push_back(make_cell(base + i, "\xef\xbf\xbd"));
      ++i;
      continue;
    }
    cells.push_back(make_cell(base + i, line.substr(i, n)));
    i += n;
  }
  return cells;
}

constexpr std::size_t window = 72;  // cells of context shown for long lines

}  // namespace

diagnostic_renderer::diagnostic_renderer(std::string_view input, std::string_view source_name)
    : input_(input), source_name_(source_name), line_starts_{0} {
  for (std::size_t nl = input.find('\n'); nl != std::string_view::npos;
       nl = input.find('\n', nl + 1))
    line_starts_.push_back(nl + 1);
}

std::string render(const diagnostic& finding, std::string_view input,
                   std::string_view source_name) {
  return diagnostic_renderer(input, source_name)(finding);
}

std::string diagnostic_renderer::operator()(const diagnostic& finding) const {
  const std::string_view input = input_;
  const std::size_t offset = std::min(finding.offset, input.size());
  // The last line that starts at or before the offset (a '\n' belongs to the line it ends).
  const auto line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - 1;
  const std::size_t line_start = *line;
  const auto line_no = static_cast<std::size_t>(line - line_starts_.begin()) + 1;
  const std::size_t line_end = line + 1 == line_starts_.end() ? input.size() : *(line + 1) - 1;
  const std::string_view source_name = source_name_;

  std::string out =
      fmt::format("{}:{}:{}: {}: {} [{}]\n", source_name, line_no, offset - line_start + 1,
                  severity_name(finding.severity), finding.message, code_name(finding.code));

  // Only the cells around the caret can be shown, so only the bytes that can hold them are
  // decoded: rendering stays proportional to the window, not the line, and a string with many
  // findings renders in linear time. The start steps back to a character boundary.
  const std::size_t reach = 4 * window;
  std::size_t from = offset - std::min(offset - line_start, reach);
  for (int k = 0;
       k < 3 && from > line_start && (static_cast<unsigned char>(input[from]) & 0xc0u) == 0x80u;
       ++k)
    --from;
  const std::size_t to = std::min(line_end, std::max(offset, from) + reach);
  const bool more_before = from > line_start;
  const bool more_after = to < line_end;
  const std::vector<cell> cells = cells_of(input.substr(from, to - from), from);
  // First cell at or after the offset (== cells.size() when the caret sits at the line end).
  const auto caret = static_cast<std::size_t>(
      std::lower_bound(cells.begin(), cells.end(), offset,
                       [](const cell& c, std::size_t o) { return c.byte < o; }) -
      cells.begin());
  const std::size_t span_end = std::min(offset + finding.length, line_end);
  std::size_t marked = 0;
  while (caret + marked < cells.size() && cells[caret + marked].byte < span_end) ++marked;

  std::size_t first = 0;
  std::size_t last = cells.size();
  if (cells.size() > window) {
    first = caret > window / 2 ? caret - window / 2 : 0;
    last = std::min(cells.size(), first + window);
    if (caret + 1 > last) {  // the window ends at the caret, which may sit past the last cell
      first = caret + 1 > window ? caret + 1 - window : 0;
      last = std::min(cells.size(), caret + 1);
    }
  }
  const bool cut_before = first > 0 || more_before;
  std::string text_line = cut_before ? "..." : "";
  std::string caret_line(cut_before ? 3 : 0, ' ');
  for (std::size_t i = first; i < last; ++i) {
    text_line += cells[i].text();
    if (i < caret) caret_line += ' ';
  }
  if (last < cells.size() || more_after) text_line += "...";
  caret_line += '^';
  const std::size_t visible_marks = std::min(marked, last > caret ? last - caret : 0);
  if (visible_marks > 1) caret_line.append(visible_marks - 1, '~');
  out += text_line;
  out += '\n';
  out += caret_line;
  out += '\n';
  if (!finding.suggestion.empty()) out += fmt::format("help: {}\n", finding.suggestion);
  return out;
}

}  // namespace cipherexplain

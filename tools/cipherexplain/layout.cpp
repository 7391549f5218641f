// SPDX-License-Identifier: Apache-2.0
#include "layout.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>

namespace cipherexplain::cli {
namespace {

constexpr std::size_t min_wrap_width = 20;
constexpr std::size_t gap = 2;

// Words of a text with the blanks before each (escapes stay inside their word).
struct spaced_word {
  std::size_t blanks;
  std::string_view word;
};
std::vector<spaced_word> words_of(std::string_view s) {
  std::vector<spaced_word> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t blanks_start = i;
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) out.push_back({start - blanks_start, s.substr(start, i - start)});
  }
  return out;
}

// Lines of at most `width` columns, breaking only between words; blanks between words on a
// line stay as written ("added:   X" keeps its alignment).
std::vector<std::string> break_lines(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t used = 0;
  for (const auto& [blanks, word] : words_of(text)) {
    const std::size_t w = display_width(word);
    if (!line.empty() && used + blanks + w > width) {
      lines.push_back(std::move(line));
      line.clear();
      used = 0;
    }
    if (!line.empty()) {
      line.append(blanks, ' ');
      used += blanks;
    }
    line += word;
    used += w;
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

}  // namespace

std::size_t output_width() {
  winsize ws{};
  if (isatty(STDOUT_FILENO) != 0 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    std::size_t n = 0;
    const std::string_view text(columns);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc{} && end == text.data() + text.size() && n > 0) return n;
  }
  return 80;
}

std::string_view whole_characters(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0u) == 0x80u) --cut;
  return text.substr(0, cut);
}

std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b') {
      while (i < s.size() && s[i] != 'm') ++i;
      continue;
    }
    if ((static_cast<unsigned char>(s[i]) & 0xc0u) != 0x80u) ++n;
  }
  return n;
}

std::string format_table(const std::vector<std::vector<std::string>>& rows,
                         const std::vector<bool>& right_aligned, const table_fit& fit) {
  std::size_t columns = 0;
  for (const auto& row : rows) columns = std::max(columns, row.size());
  std::vector<std::size_t> widths(columns, 0);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c)
      widths[c] = std::max(widths[c], display_width(row[c]));
  }
  std::vector<bool> shown(columns, true);
  auto total = [&](bool with_wrap) {
    std::size_t sum = 0, n = 0;
    for (std::size_t c = 0; c < columns; ++c) {
      if (!shown[c] || (!with_wrap && fit.wrap == c)) continue;
      sum += widths[c];
      ++n;
    }
    return sum + (n > 0 ? (n - 1) * gap : 0);
  };
  // The room the wrap column gets (its natural width when everything fits), or 0 when it
  // goes under its row.
  std::size_t wrap_room = fit.wrap ? widths[*fit.wrap] : 0;
  if (fit.width > 0 && total(true) > fit.width) {
    std::size_t dropped = 0;
    while (true) {
      if (fit.wrap) {
        const std::size_t rest = total(false) + gap;
        if (rest + min_wrap_width <= fit.width) {
          wrap_room = fit.width - rest;
          break;
        }
      } else if (total(true) <= fit.width) {
        break;
      }
      if (dropped == fit.drop_order.size()) {
        wrap_room = 0;  // nothing else helps
        break;
      }
      shown[fit.drop_order[dropped++]] = false;
    }
  }
  const bool stacked = fit.wrap && wrap_room == 0;
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    std::vector<std::string> wrap_lines;
    std::size_t wrap_column_start = 0;
    std::size_t used = 0;
    bool first = true;
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (!shown[c]) continue;
      if (fit.wrap == c) {
        wrap_lines = break_lines(row[c], stacked ? std::max<std::size_t>(fit.width, 24) - 4
                                                 : std::max(wrap_room, min_wrap_width));
        if (stacked) continue;
        if (!first) {
          line += "  ";
          used += gap;
        }
        wrap_column_start = used;
        line += wrap_lines.front();
        first = false;
        continue;
      }
      if (!first) {
        line += "  ";
        used += gap;
      }
      first = false;
      const std::size_t pad = widths[c] - display_width(row[c]);
      const bool right = c < right_aligned.size() && right_aligned[c];
      const bool last =
          c + 1 == row.size() || (c + 2 == row.size() && stacked && fit.wrap == c + 1);
      if (right) line.append(pad, ' ');
      line += row[c];
      if (!right && !last) line.append(pad, ' ');
      used += widths[c];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
    for (std::size_t i = stacked ? 0 : 1; i < wrap_lines.size(); ++i) {
      if (wrap_lines[i].empty() || wrap_lines[i] == "-") continue;
      out.append(stacked ? 4 : wrap_column_start, ' ');
      out += wrap_lines[i];
      out += '\n';
    }
  }
  return out;
}

std::string wrapped(std::string_view text, std::size_t width, std::size_t indent) {
  const std::size_t room = width > indent + min_wrap_width ? width : indent + min_wrap_width;
  std::string out;
  std::size_t lead = 0;
  while (lead < text.size() && text[lead] == ' ') ++lead;
  const std::vector<std::string> lines =
      break_lines(text.substr(lead), room - std::max(lead, indent));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out.append(i == 0 ? lead : indent, ' ');
    out += lines[i];
    out += '\n';
  }
  return out;
}

}  // namespace cipherexplain::cli

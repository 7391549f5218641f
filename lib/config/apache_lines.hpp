// SPDX-License-Identifier: Apache-2.0
#pragma once
// Apache httpd's configuration lines, as server/util.c reads them (apache/httpd 2.4.62):
// - ap_cfg_getline_core(): a backslash right before LF (or CR LF) joins the next physical line
//   to this one, the backslash and the line break removed, the next line's indentation kept;
// - cfg_trim_line(): then leading and trailing white space (isspace) go;
// - ap_resolve_env() (server/core.c): ${NAME} is replaced on the whole line before it is split,
//   by a Define'd value (or the server's environment, which a reader does not have); an
//   undefined name stays as written ("Config variable ${NAME} is not defined", AH00111, no
//   warning when the name has a ':'); `$` without `{`, or `${` without `}`, stays as it is;
// - ap_getword_conf() / substring_conf(): words split at white space; a word that starts with
//   " or ' runs to the same quote (or the end of the line, silently), and inside it \<quote>
//   and \\ lose their backslash; in an unquoted word only \\ does.
// Every character of a line remembers the file offset it came from (or, for expanded text,
// the offset of the `$` that made it), so values get exact spans.

#include "config/reader_support.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cipherexplain::detail::apache {

[[nodiscard]] constexpr bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/// One logical line: continuations joined, trimmed, and (after expand()) ${} replaced.
struct line {
  std::string text;
  std::vector<std::size_t> at;  // per character: its file offset, or the '$' that made it
  std::vector<bool> made;       // per character: made by an expansion
  /// Where the last physical line of this logical line starts: httpd's errors name that line.
  std::size_t last_start = 0;
  /// Names expand() could not replace, with the offset of their '$'.
  std::vector<std::pair<std::size_t, std::string>> undefined;

  [[nodiscard]] std::size_t size() const noexcept { return text.size(); }
  /// The file offset of character i (the end of the line for i == size()).
  [[nodiscard]] std::size_t offset(std::size_t i) const noexcept {
    if (i < at.size()) return at[i];
    return at.empty() ? 0 : at.back() + 1;
  }
  /// Where an error about a file offset of this line goes: on the line httpd names.
  [[nodiscard]] std::size_t error_offset_of(std::size_t file_offset) const noexcept {
    return file_offset < last_start ? last_start : file_offset;
  }
  [[nodiscard]] std::size_t error_offset(std::size_t i) const noexcept {
    return error_offset_of(offset(i));
  }
};

/// Reads the logical line that starts at `pos` of `s` into `out` and moves `pos` past it;
/// false at the end of the file. The line may be empty (a blank line).
inline bool next_line(const std::string& s, std::size_t& pos, line& out) {
  if (pos >= s.size()) return false;
  out.text.clear();
  out.at.clear();
  out.made.clear();
  out.undefined.clear();
  while (pos < s.size()) {
    out.last_start = pos;
    const std::size_t nl = s.find('\n', pos);
    const std::size_t end = nl == std::string::npos ? s.size() : nl;
    std::size_t content = end;
    bool joined = false;
    if (nl != std::string::npos) {
      std::size_t e = end;
      if (e > pos && s[e - 1] == '\r') --e;
      if (e > pos && s[e - 1] == '\\') {
        joined = true;
        content = e - 1;
      }
    }
    for (std::size_t i = pos; i < content; ++i) {
      out.text.push_back(s[i]);
      out.at.push_back(i);
    }
    pos = nl == std::string::npos ? s.size() : nl + 1;
    if (!joined) break;
  }
  std::size_t first = 0, last = out.text.size();
  while (first < last && is_space(out.text[first])) ++first;
  while (last > first && is_space(out.text[last - 1])) --last;
  out.text = out.text.substr(first, last - first);
  out.at.erase(out.at.begin() + static_cast<std::ptrdiff_t>(last), out.at.end());
  out.at.erase(out.at.begin(), out.at.begin() + static_cast<std::ptrdiff_t>(first));
  out.made.assign(out.text.size(), false);
  return true;
}

/// Replaces ${NAME} by the Define'd value, on the whole line; linear in its length.
inline void expand(line& l, const std::map<std::string, std::string, std::less<>>& vars) {
  if (l.text.find('$') == std::string::npos) return;
  line out;
  const std::string& t = l.text;
  const std::size_t last_close = t.rfind('}');
  for (std::size_t i = 0; i < t.size();) {
    if (t[i] == '$' && i + 1 < t.size() && t[i + 1] == '{' && last_close != std::string::npos &&
        last_close > i + 1) {
      const std::size_t close = t.find('}', i + 2);
      const std::string name = t.substr(i + 2, close - i - 2);
      const auto found = vars.find(name);
      if (found != vars.end()) {
        for (char c : found->second) {
          out.text.push_back(c);
          out.at.push_back(l.at[i]);
          out.made.push_back(true);
        }
      } else {
        if (name.find(':') == std::string::npos) out.undefined.emplace_back(l.at[i], name);
        for (std::size_t k = i; k <= close; ++k) {
          out.text.push_back(t[k]);
          out.at.push_back(l.at[k]);
          out.made.push_back(false);
        }
      }
      i = close + 1;
      continue;
    }
    out.text.push_back(t[i]);
    out.at.push_back(l.at[i]);
    out.made.push_back(false);
    ++i;
  }
  l.text = std::move(out.text);
  l.at = std::move(out.at);
  l.made = std::move(out.made);
  l.undefined = std::move(out.undefined);
}

/// A word of a line: its text and, per character, the index in the line it comes from.
struct word {
  std::string text;
  std::vector<std::size_t> from;
  std::size_t begin = 0;      // index in the line where the word starts (its quote, if any)
  bool unterminated = false;  // a quote the line ends in
  [[nodiscard]] bool empty() const noexcept { return text.empty(); }
};

/// ap_getword_conf(): the word at `pos` (after white space); `pos` moves past it and the
/// white space after it. An empty word at the end of the line.
inline word getword(const line& l, std::size_t& pos) {
  const std::string& t = l.text;
  while (pos < t.size() && is_space(t[pos])) ++pos;
  word w;
  w.begin = pos;
  auto take = [&](std::size_t i) {
    w.text.push_back(t[i]);
    w.from.push_back(i);
  };
  if (pos >= t.size()) return w;
  const char quote = t[pos];
  std::size_t j = pos;
  if (quote == '"' || quote == '\'') {
    j = pos + 1;
    while (j < t.size() && t[j] != quote) {
      if (t[j] == '\\' && j + 1 < t.size() && (t[j + 1] == quote || t[j + 1] == '\\')) {
        take(j + 1);
        j += 2;
      } else {
        take(j);
        ++j;
      }
    }
    if (j < t.size()) {
      ++j;
    } else {
      w.unterminated = true;
    }
  } else {
    while (j < t.size() && !is_space(t[j])) ++j;
    for (std::size_t k = pos; k < j; ++k) {
      if (t[k] == '\\' && k + 1 < j && t[k + 1] == '\\') ++k;
      take(k);
    }
  }
  while (j < t.size() && is_space(t[j])) ++j;
  pos = j;
  return w;
}

/// Appends a word to a value: runs of file bytes as written, expanded text as made.
inline void add_word(value_builder& v, const line& l, const word& w) {
  std::size_t k = 0;
  while (k < w.from.size()) {
    const std::size_t first = w.from[k];
    std::size_t n = 1;
    if (l.made[first]) {
      while (k + n < w.from.size() && w.from[k + n] == first + n && l.made[first + n] &&
             l.at[first + n] == l.at[first])
        ++n;
      v.add_made(std::string_view(l.text).substr(first, n), l.at[first]);
    } else {
      while (k + n < w.from.size() && !l.made[w.from[k + n]] &&
             l.at[w.from[k + n]] == l.at[first] + n)
        ++n;
      v.add_file(l.at[first], n);
    }
    k += n;
  }
}

/// getword(), reporting a quote the line ends in (httpd takes the rest of the line silently).
inline word read_word(reading& r, const loaded_file& f, const line& l, std::size_t& pos) {
  word w = getword(l, pos);
  if (w.unterminated) {
    r.add_error(f, l.error_offset(w.begin),
                std::string("unterminated ") + (l.text[w.begin] == '"' ? "double" : "single") +
                    " quote: httpd takes the rest of the line as the word");
  }
  return w;
}

}  // namespace cipherexplain::detail::apache

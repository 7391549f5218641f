// SPDX-License-Identifier: Apache-2.0
#pragma once
// HAProxy's word splitting of one configuration line, as parse_line() in src/tools.c does it
// for readcfgfile() (haproxy/haproxy, v2.6.0 .. master; the options readcfgfile passes are
// ENV | DQUOTE | SQUOTE | BKSLASH | SHARP | WORD_EXPAND):
// - words are split at unquoted blanks; quotes do not split words ("a"b is one word ab) and
//   an empty pair of quotes is an empty word; the line ends at '\r', '\n' or NUL;
// - '#' outside quotes starts a comment;
// - outside single quotes a backslash escapes: "\ " "\\" "\#" "\'" "\"" keep the character,
//   \t \n \r make the control character, \xHH a byte (a bad one rejects the line), "\$"
//   only inside double quotes; any other backslash stays as written;
// - "$NAME" and "${NAME}" are expanded only inside double quotes; a name starts with a
//   letter, '_' or '.' (.LINE, .FILE, .SECTION are HAProxy's own); "${NAME-default}" gives
//   the default when NAME is unset; "${NAME[*]}" splits the value into several words.
// Only the values of reported settings are built into spans, so a long line costs linear
// time.

#include "config/reader_support.hpp"

#include <cctype>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::detail::haproxy {

// A run of a word: file bytes [offset, offset + length), or `made` text from file byte
// `offset` (an escape, an expansion).
struct piece {
  std::size_t offset = 0, length = 0;
  std::string made;
  bool is_made = false;
};

struct word {
  std::size_t start = 0;  // the word's first byte in the file
  std::string text;
  std::vector<piece> pieces;
  // Variables the reader could not know (HAProxy takes them from its environment): name and
  // where they are written.
  std::vector<std::pair<std::string, std::size_t>> unknown;
  bool defaulted = false;  // a ${NAME-default} whose NAME the reader does not know
};

// What the reader knows of a variable: its value, "unset", or nothing (std::nullopt from
// the lookup: the process environment decides).
using env_lookup =
    std::function<std::optional<std::optional<std::string>>(const std::string& name)>;

struct line_words {
  std::vector<word> words;
  std::string error;  // the line is rejected (HAProxy skips it with this alert)
  std::size_t error_at = 0;
};

inline void add_verbatim(word& w, const std::string& text, std::size_t at) {
  w.text += text[at];
  if (!w.pieces.empty() && !w.pieces.back().is_made &&
      w.pieces.back().offset + w.pieces.back().length == at) {
    ++w.pieces.back().length;
  } else {
    w.pieces.push_back({at, 1, {}, false});
  }
}

inline void add_made(word& w, std::string text, std::size_t at) {
  if (text.empty()) return;
  w.text += text;
  w.pieces.push_back({at, 0, std::move(text), true});
}

// Splits text[begin, end) (one line without its '\n').
inline line_words split_line(const std::string& text, std::size_t begin, std::size_t end,
                             const env_lookup& env) {
  line_words out;
  word current;
  bool in_word = false, squote = false, dquote = false;
  std::size_t quote_at = 0;
  auto finish = [&] {
    if (in_word) out.words.push_back(std::move(current));
    current = word{};
    in_word = false;
  };
  auto start = [&](std::size_t at) {
    if (!in_word) current.start = at;
    in_word = true;
  };
  auto fail = [&](std::string message, std::size_t at) {
    out.error = std::move(message);
    out.error_at = at;
    out.words.clear();
  };
  std::size_t i = begin;
  while (i < end) {
    const char c = text[i];
    if (c == '\0' || c == '\r') break;
    if (c == '#' && !squote && !dquote) break;
    if (c == '"' && !squote) {
      start(i);
      dquote = !dquote;
      quote_at = i++;
      continue;
    }
    if (c == '\'' && !dquote) {
      start(i);
      squote = !squote;
      quote_at = i++;
      continue;
    }
    if (c == '\\' && !squote) {
      start(i);
      const char next = i + 1 < end ? text[i + 1] : '\0';
      if (next == ' ' || next == '\\' || next == '#' || next == '\'' || next == '"' ||
          (next == '$' && dquote)) {
        add_verbatim(current, text, i + 1);
        i += 2;
      } else if (next == 't' || next == 'n' || next == 'r') {
        add_made(current, next == 't' ? "\t" : next == 'n' ? "\n" : "\r", i);
        i += 2;
      } else if (next == 'x') {
        auto hex = [&](std::size_t at) {
          return at < end && std::isxdigit(static_cast<unsigned char>(text[at])) != 0;
        };
        if (!hex(i + 2) || !hex(i + 3)) {
          fail("truncated or invalid hexadecimal sequence", i);
          return out;
        }
        const std::string digits = text.substr(i + 2, 2);
        add_made(current, std::string(1, static_cast<char>(std::stoi(digits, nullptr, 16))), i);
        i += 4;
      } else {
        add_verbatim(current, text, i);
        ++i;
      }
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c)) != 0 && !squote && !dquote) {
      finish();
      while (i < end && std::isspace(static_cast<unsigned char>(text[i])) != 0 && text[i] != '\r')
        ++i;
      continue;
    }
    if (c == '$' && dquote) {
      start(i);
      const std::size_t dollar = i++;
      const bool brace = i < end && text[i] == '{';
      if (brace) ++i;
      if (i >= end || (std::isalpha(static_cast<unsigned char>(text[i])) == 0 && text[i] != '_' &&
                       text[i] != '.')) {
        fail("forbidden first char in environment variable name", i);
        return out;
      }
      const std::size_t name_start = i;
      if (text[i] == '.') ++i;
      while (i < end && (std::isalnum(static_cast<unsigned char>(text[i])) != 0 || text[i] == '_'))
        ++i;
      const std::string name = text.substr(name_start, i - name_start);
      bool expand_words = false;
      std::optional<std::string> fallback;
      if (brace) {
        if (i < end && text[i] == '[') {
          if (i + 2 >= end || text[i + 1] != '*' || text[i + 2] != ']') {
            fail("truncated or invalid word expansion sequence", i);
            return out;
          }
          expand_words = true;
          i += 3;
        }
        if (i < end && text[i] == '-') {
          const std::size_t found = std::string_view(text).substr(i, end - i).find('}');
          const std::size_t close = found == std::string_view::npos ? end : i + found;
          if (close >= end) {
            fail("unmatched brace in environment variable name", dollar + 1);
            return out;
          }
          fallback = text.substr(i + 1, close - i - 1);
          i = close;
        }
        if (i >= end || text[i] != '}') {
          fail("unmatched brace in environment variable name", dollar + 1);
          return out;
        }
        ++i;
      }
      std::optional<std::string> value;
      if (const auto known = env(name)) {
        value = *known;
      } else {
        if (!fallback)
          current.unknown.emplace_back(name, dollar);
        else
          current.defaulted = true;
      }
      if (!value && fallback) value = fallback;
      if (value) {
        if (!expand_words) {
          add_made(current, *value, dollar);
        } else {
          std::size_t k = 0;
          while (k < value->size()) {
            if (std::isspace(static_cast<unsigned char>((*value)[k])) != 0) {
              out.words.push_back(std::move(current));
              current = word{};
              current.start = dollar;
              while (k < value->size() &&
                     std::isspace(static_cast<unsigned char>((*value)[k])) != 0)
                ++k;
              continue;
            }
            std::size_t run = k;
            while (run < value->size() &&
                   std::isspace(static_cast<unsigned char>((*value)[run])) == 0)
              ++run;
            add_made(current, value->substr(k, run - k), dollar);
            k = run;
          }
        }
      }
      continue;
    }
    start(i);
    add_verbatim(current, text, i);
    ++i;
  }
  if (squote || dquote) {
    fail("unmatched quote", quote_at);
    return out;
  }
  finish();
  return out;
}

// The word's value with its spans, as the setting records it.
inline value_builder value_of(const loaded_file& f, const word& w) {
  value_builder v(f);
  for (const piece& p : w.pieces) {
    if (p.is_made)
      v.add_made(p.made, p.offset);
    else
      v.add_file(p.offset, p.length);
  }
  return v;
}

}  // namespace cipherexplain::detail::haproxy

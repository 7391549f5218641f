// SPDX-License-Identifier: Apache-2.0
#pragma once
// The tokens of postgresql.conf, as the flex scanner of postgres/postgres
// src/backend/utils/misc/guc-file.l makes them (longest match, then the earlier rule), and
// GUC_scanstr's unquoting. Included by postgresql_reader.cpp only.

#include "config/reader_support.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>

namespace cipherexplain::detail::postgresql {

enum class tok : std::uint8_t {
  id,
  qualified,
  string,
  unquoted,
  integer,
  real,
  equals,
  error,
  eol,
  eof
};

struct token {
  tok kind = tok::eof;
  std::size_t start = 0, end = 0;
};

[[nodiscard]] inline bool letter(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || u >= 0x80;
}
[[nodiscard]] inline bool digit(char c) noexcept { return c >= '0' && c <= '9'; }
[[nodiscard]] inline bool hex(char c) noexcept {
  return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

class scanner {
 public:
  explicit scanner(const std::string& s) : s_(s) {}

  /// Goes past the next '\n'; false at the end of the text.
  bool skip_line() {
    const std::size_t nl = s_.find('\n', i_);
    if (nl == std::string::npos) {
      i_ = s_.size();
      return false;
    }
    i_ = nl + 1;
    return true;
  }

  token next() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\r') {
        ++i_;
      } else if (c == '#') {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else {
        break;
      }
    }
    if (i_ >= s_.size()) return {tok::eof, i_, i_};
    if (s_[i_] == '\n') {
      ++i_;
      return {tok::eol, i_ - 1, i_};
    }
    // The longest match; on a tie the earlier rule (the order of `tok`).
    const std::size_t lengths[] = {
        ident(i_), qualified(i_),          string(i_), unquoted(i_), integer(i_),
        real(i_),  s_[i_] == '=' ? 1u : 0u};
    std::size_t best = 0;
    tok kind = tok::error;
    for (std::size_t k = 0; k < std::size(lengths); ++k) {
      if (lengths[k] > best) {
        best = lengths[k];
        kind = static_cast<tok>(k);
      }
    }
    if (best == 0) best = 1;
    const token t{kind, i_, i_ + best};
    i_ += best;
    return t;
  }

 private:
  [[nodiscard]] char at(std::size_t p) const noexcept { return p < s_.size() ? s_[p] : '\0'; }
  [[nodiscard]] bool in(std::size_t p) const noexcept { return p < s_.size(); }

  [[nodiscard]] std::size_t ident(std::size_t p) const {
    if (!in(p) || !letter(s_[p])) return 0;
    std::size_t q = p + 1;
    while (in(q) && (letter(s_[q]) || digit(s_[q]))) ++q;
    return q - p;
  }
  [[nodiscard]] std::size_t qualified(std::size_t p) const {
    const std::size_t a = ident(p);
    if (a == 0 || at(p + a) != '.') return 0;
    const std::size_t b = ident(p + a + 1);
    return b == 0 ? 0 : a + 1 + b;
  }
  [[nodiscard]] std::size_t string(std::size_t p) const {
    if (at(p) != '\'') return 0;
    std::size_t longest = 0;
    std::size_t q = p + 1;
    while (in(q) && s_[q] != '\n') {
      if (s_[q] == '\\') {
        if (!in(q + 1) || s_[q + 1] == '\n') break;
        q += 2;
      } else if (s_[q] == '\'') {
        longest = q + 1 - p;  // it may end here, or go on with '' as a quote
        if (at(q + 1) != '\'') break;
        q += 2;
      } else {
        ++q;
      }
    }
    return longest;
  }
  [[nodiscard]] std::size_t unquoted(std::size_t p) const {
    if (!in(p) || !letter(s_[p])) return 0;
    std::size_t q = p + 1;
    while (in(q) && (letter(s_[q]) || digit(s_[q]) || s_[q] == '-' || s_[q] == '.' ||
                     s_[q] == '_' || s_[q] == ':' || s_[q] == '/'))
      ++q;
    return q - p;
  }
  [[nodiscard]] std::size_t integer(std::size_t p) const {
    std::size_t q = p;
    if (at(q) == '-' || at(q) == '+') ++q;
    std::size_t best = 0;
    std::size_t d = q;
    while (digit(at(d))) ++d;
    if (d > q) {
      std::size_t u = d;
      while ((at(u) >= 'a' && at(u) <= 'z') || (at(u) >= 'A' && at(u) <= 'Z')) ++u;
      best = u - p;
    }
    if (at(q) == '0' && at(q + 1) == 'x' && hex(at(q + 2))) {
      std::size_t h = q + 2;
      while (hex(at(h))) ++h;
      while ((at(h) >= 'a' && at(h) <= 'z') || (at(h) >= 'A' && at(h) <= 'Z')) ++h;
      best = std::max(best, h - p);
    }
    return best;
  }
  [[nodiscard]] std::size_t real(std::size_t p) const {
    std::size_t q = p;
    if (at(q) == '-' || at(q) == '+') ++q;
    while (digit(at(q))) ++q;
    if (at(q) != '.') return 0;
    ++q;
    while (digit(at(q))) ++q;
    if (at(q) == 'e' || at(q) == 'E') {
      std::size_t e = q + 1;
      if (at(e) == '-' || at(e) == '+') ++e;
      if (digit(at(e))) {
        while (digit(at(e))) ++e;
        q = e;
      }
    }
    return q - p;
  }

  const std::string& s_;
  std::size_t i_ = 0;
};

// A quoted value with GUC_scanstr's rules, quotes excluded from [a, b).
inline void scanstr(value_builder& v, const loaded_file& f, std::size_t a, std::size_t b) {
  const std::string& s = f.text;
  std::size_t run = a;
  for (std::size_t i = a; i < b; ++i) {
    if (s[i] == '\'' && i + 1 < b && s[i + 1] == '\'') {
      v.add_file(run, i - run);
      run = i + 1;
      ++i;
      continue;
    }
    if (s[i] != '\\' || i + 1 >= b) continue;
    v.add_file(run, i - run);
    const char n = s[i + 1];
    const char* made = n == 'b'   ? "\b"
                       : n == 'f' ? "\f"
                       : n == 'n' ? "\n"
                       : n == 'r' ? "\r"
                       : n == 't' ? "\t"
                                  : nullptr;
    if (made != nullptr) {
      v.add_made(made, i);
      run = i + 2;
      ++i;
    } else if (n >= '0' && n <= '7') {
      std::size_t k = i + 1;
      unsigned value = 0;
      while (k < b && k < i + 4 && s[k] >= '0' && s[k] <= '7') {
        value = (value << 3) + static_cast<unsigned>(s[k] - '0');
        ++k;
      }
      v.add_made(std::string(1, static_cast<char>(value & 0xFFu)), i);
      run = k;
      i = k - 1;
    } else {
      run = i + 1;  // the backslash goes, the character stays
      ++i;
    }
  }
  v.add_file(run, b - run);
}

}  // namespace cipherexplain::detail::postgresql

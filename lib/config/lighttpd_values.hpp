// SPDX-License-Identifier: Apache-2.0
#pragma once
// What lighttpd does with values (src/configparser.y, lighttpd-1.4.69):
// configparser_merge_data() for '+' and '+=': string + string concatenates, string +
// integer appends the digits, integer + string makes a string, integer + integer adds,
// array + array appends the elements (a key already there is an error unless its value is
// the same); other mixes are "data type mismatch". And how a value becomes a setting's text
// with spans.

#include "config/lighttpd_tokens.hpp"
#include "config/reader_support.hpp"

#include <limits>
#include <string>

namespace cipherexplain::detail::lighttpd {

inline constexpr std::uint32_t no_file = std::numeric_limits<std::uint32_t>::max();

// An integer's digits as a piece of a string.
inline piece digits_of(const value& v) {
  if (!v.pieces.empty()) return v.pieces.front();
  return {v.text, no_file, 0, false};
}

[[nodiscard]] inline bool same(const value& a, const value& b) {
  return a.kind == b.kind && a.text == b.text && a.elements.empty() && b.elements.empty();
}

// a + b into a; returns an error message, "" when none.
inline std::string merge(value& a, const value& b) {
  using type = value::type;
  if (a.kind == type::string && b.kind == type::integer) {
    a.text += b.text;
    a.pieces.push_back(digits_of(b));
    return {};
  }
  if (a.kind == type::integer && b.kind == type::string) {
    value s;
    s.text = a.text + b.text;
    s.pieces.push_back(digits_of(a));
    s.pieces.insert(s.pieces.end(), b.pieces.begin(), b.pieces.end());
    a = std::move(s);
    return {};
  }
  if (a.kind != b.kind) return "data type mismatch, cannot merge";
  if (a.kind == type::string) {
    a.text += b.text;
    a.pieces.insert(a.pieces.end(), b.pieces.begin(), b.pieces.end());
    return {};
  }
  if (a.kind == type::integer) {
    a.number += b.number;
    a.text = std::to_string(a.number);
    a.pieces = {piece{a.text, no_file, 0, false}};
    return {};
  }
  // Keys already there are checked first, so that a refused merge changes nothing.
  std::vector<bool> skip(b.elements.size(), false);
  for (std::size_t k = 0; k < b.elements.size(); ++k) {
    const element& e = b.elements[k];
    if (!e.key) continue;
    if (const element* have = a.find(*e.key)) {
      if (!same(have->val, e.val)) return "Duplicate array-key '" + *e.key + "'";
      skip[k] = true;
    }
  }
  for (std::size_t k = 0; k < b.elements.size(); ++k) {
    if (!skip[k]) a.append(b.elements[k]);
  }
  return {};
}

// The value's text with spans for a setting written at `at` of file `f` (id `id`): runs of
// that file are the file's; text from elsewhere (another file, a made piece) is made, at
// its origin when that is in this file, else at `at`.
inline value_builder spans_of(const loaded_file& f, std::uint32_t id, std::size_t at,
                              const value& v) {
  value_builder b(f);
  if (v.pieces.empty()) b.add_made(v.text, at);
  for (const piece& p : v.pieces) {
    if (p.verbatim && p.file == id)
      b.add_file(p.offset, p.text.size());
    else
      b.add_made(p.text, p.file == id ? p.offset : at);
  }
  return b;
}

// Builds spans for text made from `v` plus `suffix` made at `suffix_at`.
inline value_builder spans_with(const loaded_file& f, std::uint32_t id, std::size_t at,
                                const value& v, const std::string& suffix, std::size_t suffix_at) {
  value_builder b = spans_of(f, id, at, v);
  b.add_made(suffix, suffix_at);
  return b;
}

}  // namespace cipherexplain::detail::lighttpd

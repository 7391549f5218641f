// SPDX-License-Identifier: Apache-2.0
#include <cipherexplain/suite_lookup.hpp>

#include "text/ascii.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cipherexplain {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads "0x" and 1..max hex digits at `at`; the value, or an error at the first wrong byte.
struct hex_number {
  std::optional<unsigned> value;
  std::size_t end = 0;
};
hex_number read_hex(std::string_view text, std::size_t at, std::size_t max) {
  if (at + 1 >= text.size() || text[at] != '0' || (text[at + 1] != 'x' && text[at + 1] != 'X'))
    return {std::nullopt, at};
  std::size_t i = at + 2;
  unsigned v = 0;
  while (i < text.size() && i - at - 2 < max && hex_digit(text[i]) >= 0)
    v = v * 16 + static_cast<unsigned>(hex_digit(text[i++]));
  if (i == at + 2) return {std::nullopt, i};
  return {v, i};
}

// Edit distance with transpositions, ignoring case, given up beyond `limit`.
std::size_t distance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
  std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const bool same = detail::ascii_lower(a[i - 1]) == detail::ascii_lower(b[j - 1]);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && detail::ascii_lower(a[i - 1]) == detail::ascii_lower(b[j - 2]) &&
          detail::ascii_lower(a[i - 2]) == detail::ascii_lower(b[j - 1]))
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

code_point_parse parse_code_point(std::string_view text) {
  code_point_parse out;
  const bool braced = text.starts_with("{");
  out.looks_like_one = braced || text.starts_with("0x") || text.starts_with("0X");
  if (!out.looks_like_one) return out;
  auto fail = [&](std::size_t at, std::string what) {
    out.error_offset = at;
    out.error = std::move(what);
    return out;
  };
  std::size_t i = braced ? 1 : 0;
  auto missing = [](const hex_number& h, std::size_t at) {
    return h.end == at ? std::string("'0x'") : std::string("a hex digit");
  };
  const hex_number first = read_hex(text, i, 4);
  if (!first.value) return fail(first.end, missing(first, i));
  i = first.end;
  unsigned value = *first.value;
  if (i < text.size() && text[i] == ',') {
    if (first.end - 2 - (braced ? 1 : 0) > 2) return fail(i, "the end (a byte has two hex digits)");
    ++i;
    if (i < text.size() && text[i] == ' ') ++i;
    const hex_number second = read_hex(text, i, 2);
    if (!second.value) return fail(second.end, missing(second, i));
    i = second.end;
    value = value * 256 + *second.value;
  }
  if (braced) {
    if (i >= text.size() || text[i] != '}') return fail(i, "'}'");
    ++i;
  }
  if (i != text.size()) return fail(i, "the end");
  out.value = static_cast<std::uint16_t>(value);
  return out;
}

const cipher* find_suite(const catalog& release, std::string_view text) {
  if (const cipher* s = release.find_cipher(text)) return s;
  for (const cipher& s : release.ciphers()) {
    if (detail::equal_ignoring_case(s.name, text) ||
        (!s.stdname.empty() && detail::equal_ignoring_case(s.stdname, text)))
      return &s;
  }
  if (const code_point_parse cp = parse_code_point(text); cp.value) {
    return release.find_cipher(std::uint32_t{0x03000000} | *cp.value);
  }
  return nullptr;
}

std::vector<std::string_view> nearest_suite_names(const catalog& release, std::string_view text,
                                                  std::size_t count) {
  constexpr std::size_t limit = 3;
  std::vector<std::pair<std::size_t, std::string_view>> near;
  for (const cipher& s : release.ciphers()) {
    for (const std::string_view name : {s.name, s.stdname}) {
      if (name.empty()) continue;
      const std::size_t d = distance(text, name, limit);
      if (d <= limit) near.emplace_back(d, name);
    }
  }
  std::stable_sort(near.begin(), near.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string_view> out;
  for (const auto& [d, name] : near) {
    if (out.size() == count) break;
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

}  // namespace cipherexplain

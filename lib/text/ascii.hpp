// SPDX-License-Identifier: Apache-2.0
#pragma once
// ASCII case folding: OpenSSL compares names byte by byte, and 4.0 folds only A-Z, never by
// locale, so neither does this library.

#include <algorithm>
#include <string>
#include <string_view>

namespace cipherexplain::detail {

[[nodiscard]] constexpr char ascii_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

[[nodiscard]] constexpr bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

[[nodiscard]] constexpr bool starts_with_ignoring_case(std::string_view text,
                                                       std::string_view prefix) noexcept {
  return text.size() >= prefix.size() && equal_ignoring_case(text.substr(0, prefix.size()), prefix);
}

/// Equal bytes, or equal up to ASCII case when `ignore_case`.
[[nodiscard]] constexpr bool same_name(std::string_view a, std::string_view b,
                                       bool ignore_case) noexcept {
  return ignore_case ? equal_ignoring_case(a, b) : a == b;
}

[[nodiscard]] inline std::string ascii_lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

}  // namespace cipherexplain::detail

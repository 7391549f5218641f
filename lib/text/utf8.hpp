// SPDX-License-Identifier: Apache-2.0
#pragma once
// The one UTF-8 decoder: messages, the caret renderer and the JSON writer must agree on which
// bytes form a character, or a position would be described one way and drawn another.

#include <cstddef>
#include <string_view>

namespace cipherexplain::detail {

/// A well-formed UTF-8 sequence at some offset: its length in bytes (0 when the bytes there are
/// not one: a stray continuation byte, a truncated, overlong or surrogate sequence, or a value
/// beyond U+10FFFF) and its code point.
struct utf8_sequence {
  std::size_t length = 0;
  char32_t code_point = 0;
};

[[nodiscard]] constexpr utf8_sequence decode_utf8(std::string_view s, std::size_t i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {1, b0};
  std::size_t n = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    n = 2, cp = b0 & 0x1fu, min = 0x80;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    n = 3, cp = b0 & 0x0fu, min = 0x800;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    n = 4, cp = b0 & 0x07u, min = 0x10000;
  } else {
    return {};
  }
  if (i + n > s.size()) return {};
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xc0u) != 0x80u) return {};
    cp = (cp << 6) | (b & 0x3fu);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return {};
  return {n, cp};
}

}  // namespace cipherexplain::detail

// SPDX-License-Identifier: Apache-2.0
#pragma once
// What may reach a terminal of the input's bytes: UTF-8 text as it is; C0 controls, DEL, C1
// controls (U+0080-U+009F, which terminals obey as ESC-sequences) and bytes that are not UTF-8
// as \xHH, one per byte. One rule for every echo (findings, trace, --why, diff, convert, error
// messages), so that no input can move the cursor, retitle a window or start an escape.

#include "text/utf8.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace cipherexplain::detail {

/// Appends the character at s[i] as it may be printed; returns the bytes of `s` it stands for.
inline std::size_t append_printable(std::string& out, std::string_view s, std::size_t i) {
  static constexpr char hex[] = "0123456789ABCDEF";
  auto escape = [&](unsigned char b) {
    out += "\\x";
    out += hex[b >> 4];
    out += hex[b & 15u];
  };
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x20 || b == 0x7f) {
    escape(b);
    return 1;
  }
  if (b < 0x80) {
    out += static_cast<char>(b);
    return 1;
  }
  const utf8_sequence seq = decode_utf8(s, i);
  if (seq.length == 0) {
    escape(b);
    return 1;
  }
  if (seq.code_point >= 0x80 && seq.code_point <= 0x9f) {
    for (std::size_t k = 0; k < seq.length; ++k) escape(static_cast<unsigned char>(s[i + k]));
  } else {
    out.append(s.substr(i, seq.length));
  }
  return seq.length;
}

/// The whole of `s` as it may be printed.
inline std::string printable_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) i += append_printable(out, s, i);
  return out;
}

}  // namespace cipherexplain::detail

// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// Finding a suite the way people write it: an OpenSSL name, an IANA name (any case), or a code
/// point (0xC02F, 0xC0,0x2F, {0xC0,0x2F}).

#include <cipherexplain/catalog.hpp>
#include <cipherexplain/cipher.hpp>
#include <cipherexplain/export.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain {

/// A code point as written, or why the text is not one.
struct CIPHEREXPLAIN_API code_point_parse {
  std::optional<std::uint16_t> value;  ///< set when the text is a code point
  bool looks_like_one = false;         ///< starts as one would (0x, '{'), whether valid or not
  std::size_t error_offset = 0;        ///< where it stops being one (when looks_like_one)
  std::string error;                   ///< what was expected there
};

/// Reads exactly "0x" and 1-4 hex digits ("0xC02F", "0x2F"), or two bytes "0xHH,0xHH" (one or
/// two digits each, a space after the comma allowed), either optionally in braces as
/// `openssl ciphers -V` prints them. Anything else is not a code point.
[[nodiscard]] CIPHEREXPLAIN_API code_point_parse parse_code_point(std::string_view text);

/// A suite of `release` by OpenSSL or IANA name (exact first, then ignoring ASCII case) or code
/// point; nullptr when none.
[[nodiscard]] CIPHEREXPLAIN_API const cipher* find_suite(const catalog& release,
                                                         std::string_view text);

/// Up to `count` suite names of `release` nearest to `text` (at most 3 edits; OpenSSL names
/// and IANA names alike), nearest first.
[[nodiscard]] CIPHEREXPLAIN_API std::vector<std::string_view> nearest_suite_names(
    const catalog& release, std::string_view text, std::size_t count = 3);

}  // namespace cipherexplain

// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// Tokenizer rules that differ between cipher-string dialects (OpenSSL releases today).

#include <cipherexplain/export.hpp>
#include <cstdint>

namespace cipherexplain {

/// The lexical rules of one cipher-string dialect. OpenSSL's tokenizer grew over time: '=' became
/// a name character in 1.1.0, '_' in 3.2, names became case-insensitive in 4.0, and Suite B
/// prefixes exist from 1.0.2. The same bytes can therefore tokenize differently per release.
struct CIPHEREXPLAIN_API dialect {
  bool equals_in_names = true;       ///< '=' is a name character (OpenSSL 1.1.0+)
  bool underscore_in_names = false;  ///< '_' is a name character (OpenSSL 3.2+)
  bool case_insensitive = false;     ///< the DEFAULT and SUITEB prefixes ignore case (4.0+)
  bool suiteb_prefixes = true;       ///< a leading SUITEB128/... replaces the string (1.0.2+)
  bool seclevel_command = true;      ///< @SECLEVEL=n exists (1.1.0+)

  /// The dialect of OpenSSL 3.0 and 3.1.
  [[nodiscard]] static constexpr dialect openssl_3_0() noexcept { return {}; }

  friend constexpr bool operator==(const dialect&, const dialect&) = default;
};

}  // namespace cipherexplain

// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// How safe each cipher suite is, and a verdict for a whole list. The rules are written down
/// in docs/ratings.md; they rate the suite's algorithms, not a deployment.

#include <cipherexplain/cipher.hpp>
#include <cipherexplain/export.hpp>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace cipherexplain {

/// From worst to best.
enum class rating : std::uint8_t { insecure, weak, secure, recommended };

/// A property of a suite that lowers its rating.
enum class weakness : std::uint8_t {
  // insecure
  no_encryption,      ///< eNULL: traffic in the clear
  no_authentication,  ///< aNULL: anyone can be in the middle
  export_grade,       ///< 40/56-bit export suites
  rc4,                ///< RC4 keystream biases (RFC 7465 forbids it)
  single_des,         ///< 56-bit DES
  rc2,                ///< RC2
  md5_mac,            ///< MD5 MAC
  // weak
  block_64_bit,        ///< 3DES and IDEA: 64-bit blocks (SWEET32)
  no_forward_secrecy,  ///< RSA, PSK, RSA-PSK or fixed (EC)DH key exchange
  cbc_mode,            ///< CBC with MAC-then-encrypt (Lucky 13, padding oracles)
  sha1_mac,            ///< SHA-1 MAC
  short_tag,           ///< CCM8: 64-bit authentication tag
  dsa_authentication,  ///< DSA certificates, dropped by TLS 1.3 and browsers
  small_key,           ///< fewer than 128 security bits
  // secure, not recommended
  pre_shared_key,   ///< PSK or SRP: needs secrets shared out of band
  uncommon_cipher,  ///< ARIA, Camellia, SEED, CCM, GOST: sound but rarely deployed
};

/// The kebab-case name, e.g. "no-forward-secrecy"; stable, used in JSON.
[[nodiscard]] CIPHEREXPLAIN_API std::string_view weakness_name(weakness w) noexcept;
/// "insecure", "weak", "secure", "recommended".
[[nodiscard]] CIPHEREXPLAIN_API std::string_view rating_name(rating r) noexcept;

/// A suite's rating and every weakness behind it (strongest reason first).
struct CIPHEREXPLAIN_API suite_rating {
  enum rating level = rating::recommended;
  std::vector<weakness> reasons;
};

/// Rates one suite.
[[nodiscard]] CIPHEREXPLAIN_API suite_rating rate(const cipher& suite);

/// The verdict for a list: its worst suite, since a peer that only speaks that suite will use
/// it. An empty list is insecure (nothing can be negotiated securely).
[[nodiscard]] CIPHEREXPLAIN_API rating verdict(std::span<const cipher* const> suites);

}  // namespace cipherexplain

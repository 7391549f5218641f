// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// One cipher suite and the algorithm bits that describe it.

#include <array>
#include <cipherexplain/export.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace cipherexplain {

/// Algorithm bits. Each suite has exactly one bit per field; aliases and rules carry masks and
/// match a suite when the masks share a bit. Bit values are this library's own (stable within a
/// build, not OpenSSL's); symbols are OpenSSL's names for them.
namespace kx {
inline constexpr std::uint32_t rsa = 1u << 0, dh_rsa = 1u << 1, dh_dss = 1u << 2, dhe = 1u << 3,
                               ecdh_rsa = 1u << 4, ecdh_ecdsa = 1u << 5, ecdhe = 1u << 6,
                               krb5 = 1u << 7, psk = 1u << 8, srp = 1u << 9, gost = 1u << 10,
                               rsapsk = 1u << 11, ecdhepsk = 1u << 12, dhepsk = 1u << 13,
                               gost18 = 1u << 14;
}
namespace au {
inline constexpr std::uint32_t rsa = 1u << 0, dss = 1u << 1, null = 1u << 2, dh = 1u << 3,
                               ecdh = 1u << 4, krb5 = 1u << 5, ecdsa = 1u << 6, psk = 1u << 7,
                               gost94 = 1u << 8, gost01 = 1u << 9, gost12 = 1u << 10,
                               srp = 1u << 11;
}
namespace enc {
inline constexpr std::uint32_t des = 1u << 0, des3 = 1u << 1, rc4 = 1u << 2, rc2 = 1u << 3,
                               idea = 1u << 4, null = 1u << 5, aes128 = 1u << 6, aes256 = 1u << 7,
                               camellia128 = 1u << 8, camellia256 = 1u << 9, gost89 = 1u << 10,
                               seed = 1u << 11, aes128gcm = 1u << 12, aes256gcm = 1u << 13,
                               aes128ccm = 1u << 14, aes256ccm = 1u << 15, aes128ccm8 = 1u << 16,
                               aes256ccm8 = 1u << 17, gost8912 = 1u << 18,
                               chacha20poly1305 = 1u << 19, aria128gcm = 1u << 20,
                               aria256gcm = 1u << 21, magma = 1u << 22, kuznyechik = 1u << 23,
                               sm4gcm = 1u << 24, sm4ccm = 1u << 25;
}
namespace mac {
inline constexpr std::uint32_t md5 = 1u << 0, sha1 = 1u << 1, gost94 = 1u << 2, gost89mac = 1u << 3,
                               sha256 = 1u << 4, sha384 = 1u << 5, aead = 1u << 6,
                               gost12_256 = 1u << 7, gost89mac12 = 1u << 8, gost12_512 = 1u << 9,
                               magmaomac = 1u << 10, kuznyechikomac = 1u << 11, sm3 = 1u << 12;
}

/// The four algorithm fields of a suite, an alias or a rule.
enum class algorithm_field : std::uint8_t { kx, au, enc, mac };
inline constexpr std::array<algorithm_field, 4> algorithm_fields{
    algorithm_field::kx, algorithm_field::au, algorithm_field::enc, algorithm_field::mac};

/// One mask of algorithm bits per field. A suite has one bit per field (0 = any, TLS 1.3); in
/// a pattern, a field that is not 0 matches the suites whose field shares a bit with it.
struct CIPHEREXPLAIN_API algorithm_masks {
  std::uint32_t kx = 0, au = 0, enc = 0, mac = 0;

  [[nodiscard]] constexpr std::uint32_t& operator[](algorithm_field f) noexcept {
    return f == algorithm_field::kx    ? kx
           : f == algorithm_field::au  ? au
           : f == algorithm_field::enc ? enc
                                       : mac;
  }
  [[nodiscard]] constexpr std::uint32_t operator[](algorithm_field f) const noexcept {
    return f == algorithm_field::kx    ? kx
           : f == algorithm_field::au  ? au
           : f == algorithm_field::enc ? enc
                                       : mac;
  }
  /// Whether some field has a bit set.
  [[nodiscard]] constexpr bool any() const noexcept { return (kx | au | enc | mac) != 0; }
  /// Each field's bits that are not in `other`'s.
  [[nodiscard]] constexpr algorithm_masks without(const algorithm_masks& other) const noexcept {
    return {kx & ~other.kx, au & ~other.au, enc & ~other.enc, mac & ~other.mac};
  }
  /// Whether some field shares a bit with `other`'s.
  [[nodiscard]] constexpr bool overlaps(const algorithm_masks& other) const noexcept {
    return ((kx & other.kx) | (au & other.au) | (enc & other.enc) | (mac & other.mac)) != 0;
  }
  /// Whether every bit is also set in `other`.
  [[nodiscard]] constexpr bool within(const algorithm_masks& other) const noexcept {
    return !without(other).any();
  }
  /// As a pattern: whether every field that is not 0 shares a bit with the suite's field.
  [[nodiscard]] constexpr bool admits(const algorithm_masks& suite) const noexcept {
    return (kx == 0 || (kx & suite.kx) != 0) && (au == 0 || (au & suite.au) != 0) &&
           (enc == 0 || (enc & suite.enc) != 0) && (mac == 0 || (mac & suite.mac) != 0);
  }
  friend constexpr bool operator==(const algorithm_masks&, const algorithm_masks&) = default;
};

/// algo_strength flags of OpenSSL: a strength class (at most one of none/export40/export56/low/
/// medium/high, plus FIPS which counts as a class bit too), the 1.0.x export class, and the
/// "not in DEFAULT" mark.
namespace strength {
inline constexpr std::uint16_t not_exp = 1u << 0, export_grade = 1u << 1, none = 1u << 2,
                               exp40 = 1u << 3, exp56 = 1u << 4, low = 1u << 5, medium = 1u << 6,
                               high = 1u << 7, fips = 1u << 8, not_default = 1u << 9;
/// The bits that form the strength class; a rule's class bits must overlap a suite's.
inline constexpr std::uint16_t class_mask = none | exp40 | exp56 | low | medium | high | fips;
/// The 1.0.x export class.
inline constexpr std::uint16_t export_mask = not_exp | export_grade;
}  // namespace strength

/// Protocol versions as on the wire (SSL 3.0 = 0x0300 ... TLS 1.3 = 0x0304). 1.0.x knows three
/// protocol classes only, stored as sslv2, sslv3 (which there includes TLS 1.0 and 1.1) and
/// tlsv1_2.
namespace version {
inline constexpr std::uint16_t none = 0, sslv2 = 0x0002, sslv3 = 0x0300, tlsv1 = 0x0301,
                               tlsv1_1 = 0x0302, tlsv1_2 = 0x0303, tlsv1_3 = 0x0304,
                               dtls_bad = 0x0100, dtlsv1 = 0xfeff, dtlsv1_2 = 0xfefd;
}

/// Where a suite sits in OpenSSL's tables.
enum class cipher_table : std::uint8_t { tls13, ssl3, scsv, ssl2 };

/// One cipher suite of one release's table. All strings point into static storage.
struct CIPHEREXPLAIN_API cipher {
  std::string_view name;     ///< OpenSSL name, e.g. ECDHE-RSA-AES128-GCM-SHA256
  std::string_view stdname;  ///< IANA name; empty when the release has none
  std::uint32_t id = 0;      ///< 0x0300XXXX (XXXX = IANA code point), 0x02XXXXXX for SSLv2
  std::uint32_t kx = 0, au = 0, enc = 0, mac = 0;  ///< algorithm bits (0 = any, TLS 1.3)
  std::uint16_t min_tls = 0, max_tls = 0;          ///< protocol range (1.0.x: min_tls only)
  std::uint16_t min_dtls = 0, max_dtls = 0;
  std::uint16_t strength = 0;          ///< strength:: flags
  std::uint32_t handshake_digest = 0;  ///< mac:: bit of the handshake/PRF digest
  std::uint16_t strength_bits = 0, alg_bits = 0;
  bool valid = true;  ///< false: in the table but never usable
  cipher_table table = cipher_table::ssl3;
  std::string_view option;  ///< build option that compiles it in; empty when built by default

  /// The four algorithm fields together.
  [[nodiscard]] constexpr algorithm_masks algorithms() const noexcept { return {kx, au, enc, mac}; }
  /// The two-byte code point (the low 16 bits of the id).
  [[nodiscard]] constexpr std::uint16_t code_point() const noexcept {
    return static_cast<std::uint16_t>(id & 0xffffu);
  }
};

/// "0xC02F" — the code point as one number ("0x0000FF" style, six digits, for SSLv2 suites).
[[nodiscard]] CIPHEREXPLAIN_API std::string id_hex(const cipher& suite);

/// "0xC0,0x2F" — the code point as `openssl ciphers -V` prints it.
[[nodiscard]] CIPHEREXPLAIN_API std::string hex_code(const cipher& suite);

/// The protocol column of `openssl ciphers -v` ("TLSv1.2", "SSLv3", ...).
[[nodiscard]] CIPHEREXPLAIN_API std::string_view protocol_name(const cipher& suite) noexcept;
/// The Kx/Au/Enc/Mac columns of `openssl ciphers -v`, e.g. "ECDH", "RSA", "AESGCM(128)", "AEAD".
[[nodiscard]] CIPHEREXPLAIN_API std::string_view kx_name(const cipher& suite) noexcept;
[[nodiscard]] CIPHEREXPLAIN_API std::string_view au_name(const cipher& suite) noexcept;
[[nodiscard]] CIPHEREXPLAIN_API std::string enc_name(const cipher& suite);
[[nodiscard]] CIPHEREXPLAIN_API std::string_view mac_name(const cipher& suite) noexcept;

}  // namespace cipherexplain

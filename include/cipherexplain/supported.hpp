// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// Which suites of a list a connection can actually use: what SSL_get1_supported_ciphers()
/// and `openssl ciphers -s` report for a client with the build's protocol range, the given
/// security level, and no PSK or SRP set up.

#include <cipherexplain/catalog.hpp>
#include <cipherexplain/cipher.hpp>
#include <cipherexplain/export.hpp>
#include <cipherexplain/syntax.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace cipherexplain {

/// Why a suite in the list is never used.
enum class unusable_reason : std::uint8_t {
  too_few_bits,            ///< fewer security bits than the level asks (80/112/128/192/256)
  anonymous,               ///< no authentication (aNULL), refused from level 1
  md5_mac,                 ///< MD5 MAC, refused from level 1
  sha1_mac,                ///< SHA-1 MAC, refused from level 4
  rc4,                     ///< RC4, refused from level 2 (1.1.0 - 3.1)
  no_forward_secrecy,      ///< level 3 and up want (EC)DHE key exchange
  protocol_range,          ///< no protocol version the level allows can carry it
  psk_not_set_up,          ///< PSK suites need a PSK callback
  srp_not_set_up,          ///< SRP suites need SRP parameters
  outside_protocol_range,  ///< the configured protocol range has no version that carries it
  no_protocol,  ///< no protocol version is usable at all (empty range, or the level refuses it)
  /// Suite B mode: only ECDSA P-256/P-384 signatures count, and none of them (or none the level
  /// allows) can authenticate it
  suiteb_signature,
};

/// Protocol versions as the SSL_OP_NO_* options name them (what nginx's ssl_protocols and
/// Apache's SSLProtocol set).
namespace protocol_bit {
inline constexpr std::uint8_t sslv3 = 1u << 0, tlsv1 = 1u << 1, tlsv1_1 = 1u << 2,
                              tlsv1_2 = 1u << 3, tlsv1_3 = 1u << 4;
/// The bit of a version (version::tlsv1 ...), 0 for others.
[[nodiscard]] constexpr std::uint8_t of(std::uint16_t v) noexcept {
  return v == version::sslv3     ? sslv3
         : v == version::tlsv1   ? tlsv1
         : v == version::tlsv1_1 ? tlsv1_1
         : v == version::tlsv1_2 ? tlsv1_2
         : v == version::tlsv1_3 ? tlsv1_3
                                 : 0;
}
}  // namespace protocol_bit

/// What a context is told about protocol versions.
struct CIPHEREXPLAIN_API protocol_settings {
  std::uint16_t min_version = 0;  ///< SSL_CTX_set_min_proto_version; 0: no bound
  std::uint16_t max_version = 0;  ///< SSL_CTX_set_max_proto_version; 0: no bound
  std::uint8_t disabled = 0;      ///< SSL_OP_NO_SSLv3 ... SSL_OP_NO_TLSv1_3 (protocol_bit::)
  /// The cipher string starts with a Suite B keyword (check_suiteb_cipher_list sets the
  /// context's Suite B flags): versions below TLS 1.2 are refused, and only the Suite B
  /// signature algorithms (ECDSA P-256/P-384) count.
  suiteb_prefix suiteb = suiteb_prefix::none;
  friend bool operator==(const protocol_settings&, const protocol_settings&) = default;
};

/// Why no protocol version is usable.
enum class protocol_problem : std::uint8_t {
  none,
  min_above_max,     ///< the minimum is above the maximum
  all_disabled,      ///< the range and the SSL_OP_NO_* options leave no version of the build
  refused_by_level,  ///< the versions left are all refused by the security level
};

/// The versions a connection can use: ssl_get_min_max_version() restated. OpenSSL walks the
/// versions from the highest down and keeps the *lowest* contiguous run that is allowed, so
/// SSL_OP_NO_TLSv1_1 with TLS 1.0 and TLS 1.2 allowed leaves TLS 1.0 alone.
struct CIPHEREXPLAIN_API protocol_window {
  std::uint16_t lowest = 0, highest = 0;  ///< 0 when none is usable
  protocol_problem problem = protocol_problem::none;
  [[nodiscard]] constexpr bool usable() const noexcept { return highest != 0; }
};

/// The protocol window of a release (1.1.0+) for these settings at `security_level`.
[[nodiscard]] CIPHEREXPLAIN_API protocol_window usable_protocols(const catalog& release,
                                                                 const protocol_settings& settings,
                                                                 int security_level);

/// A short phrase, e.g. "no authentication (aNULL)".
[[nodiscard]] CIPHEREXPLAIN_API std::string_view reason_text(unusable_reason reason) noexcept;
/// A few words for a table cell, e.g. "anonymous", "needs PSK".
[[nodiscard]] CIPHEREXPLAIN_API std::string_view reason_word(unusable_reason reason) noexcept;
/// Whether the security level is what refuses it (not a missing PSK or SRP setup).
[[nodiscard]] constexpr bool refused_by_level(unusable_reason reason) noexcept {
  return reason != unusable_reason::psk_not_set_up && reason != unusable_reason::srp_not_set_up;
}

/// The outcome for one list.
struct CIPHEREXPLAIN_API supported_suites {
  std::vector<const cipher*> usable;                                ///< in list order
  std::vector<std::pair<const cipher*, unusable_reason>> unusable;  ///< in list order
  std::uint16_t min_version = 0;  ///< the protocol range the settings and level leave (TLS);
  std::uint16_t max_version = 0;  ///< 0 when none is usable
  protocol_problem problem = protocol_problem::none;  ///< why none is usable
};

/// The suites of `list` a client could use at `security_level` (0-5). nullopt before 1.1.0,
/// which has neither security levels nor SSL_get1_supported_ciphers().
[[nodiscard]] CIPHEREXPLAIN_API std::optional<supported_suites> supported(
    const catalog& release, std::span<const cipher* const> list, int security_level);
/// The same with a configured protocol range. SSL_get1_supported_ciphers() returns NULL where
/// `usable` is empty (no usable version, or no suite qualifies).
[[nodiscard]] CIPHEREXPLAIN_API std::optional<supported_suites> supported(
    const catalog& release, std::span<const cipher* const> list, int security_level,
    const protocol_settings& protocols);

/// Which suites of `list` a client connection can use, on every release: supported() from
/// 1.1.0; before it only the PSK and SRP rule, since 1.0.x has no security levels but its
/// clients leave PSK and SRP suites out of the ClientHello unless a PSK callback or SRP
/// parameters are set (ssl_cipher_list_to_bytes in ssl/ssl_lib.c of OpenSSL_1_0_1u,
/// ssl_set_client_disabled in ssl/t1_lib.c of OpenSSL_1_0_2u).
[[nodiscard]] CIPHEREXPLAIN_API supported_suites usable_suites(const catalog& release,
                                                               std::span<const cipher* const> list,
                                                               int security_level);

}  // namespace cipherexplain

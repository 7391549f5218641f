#pragma once
/// @file
/// Which suites of a list a connection can actually use: what SSL_get1_supported_ciphers()
/// and `openssl ciphers -s` report for a client with the build's protocol range, the given
/// security level, and no PSK or SRP set up.

#include <cipherexplain/catalog.hpp>
#include <cipherexplain/cipher.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace cipherexplain {

/// Why a suite in the list is never used.
enum class unusable_reason : std::uint8_t {
  too_few_bits,        ///< fewer security bits than the level asks (80/112/128/192/256)
  anonymous,           ///< no authentication (aNULL), refused from level 1
  md5_mac,             ///< MD5 MAC, refused from level 1
  sha1_mac,            ///< SHA-1 MAC, refused from level 4
  rc4,                 ///< RC4, refused from level 2 (1.1.0 - 3.1)
  no_forward_secrecy,  ///< level 3 and up want (EC)DHE key exchange
  protocol_range,      ///< no protocol version the level allows can carry it
  psk_not_set_up,      ///< PSK suites need a PSK callback
  srp_not_set_up,      ///< SRP suites need SRP parameters
};

/// A short phrase, e.g. "no authentication (aNULL)".
[[nodiscard]] std::string_view reason_text(unusable_reason reason) noexcept;
/// A few words for a table cell, e.g. "anonymous", "needs PSK".
[[nodiscard]] std::string_view reason_word(unusable_reason reason) noexcept;
/// Whether the security level is what refuses it (not a missing PSK or SRP setup).
[[nodiscard]] constexpr bool refused_by_level(unusable_reason reason) noexcept {
  return reason != unusable_reason::psk_not_set_up && reason != unusable_reason::srp_not_set_up;
}

/// The outcome for one list.
struct supported_suites {
  std::vector<const cipher*> usable;                                ///< in list order
  std::vector<std::pair<const cipher*, unusable_reason>> unusable;  ///< in list order
  std::uint16_t min_version = 0;  ///< the protocol range the level leaves (TLS)
  std::uint16_t max_version = 0;
};

/// The suites of `list` a client could use at `security_level` (0-5). nullopt before 1.1.0,
/// which has neither security levels nor SSL_get1_supported_ciphers().
[[nodiscard]] std::optional<supported_suites> supported(const catalog& release,
                                                        std::span<const cipher* const> list,
                                                        int security_level);

/// Which suites of `list` a client connection can use, on every release: supported() from
/// 1.1.0; before it only the PSK and SRP rule, since 1.0.x has no security levels but its
/// clients leave PSK and SRP suites out of the ClientHello unless a PSK callback or SRP
/// parameters are set (ssl_cipher_list_to_bytes in ssl/ssl_lib.c of OpenSSL_1_0_1u,
/// ssl_set_client_disabled in ssl/t1_lib.c of OpenSSL_1_0_2u).
[[nodiscard]] supported_suites usable_suites(const catalog& release,
                                             std::span<const cipher* const> list,
                                             int security_level);

}  // namespace cipherexplain

// SPDX-License-Identifier: Apache-2.0
#pragma once
// Symbols of the catalog data files (kECDHE, AES128GCM, HIGH, TLSv1.2, ...) and the words
// `openssl ciphers -v` prints for them.

#include <cipherexplain/cipher.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace cipherexplain::detail {

/// The bit of a symbol in a field ("kECDHE" in kx); nullopt when unknown. "any" is 0.
[[nodiscard]] std::optional<std::uint32_t> symbol_bit(algorithm_field f,
                                                      std::string_view symbol) noexcept;
/// The symbol of a single bit ("kECDHE"); "?" when unknown.
[[nodiscard]] std::string_view bit_symbol(algorithm_field f, std::uint32_t bit) noexcept;
/// Every bit the library defines for a field.
[[nodiscard]] std::uint32_t all_bits(algorithm_field f) noexcept;

/// A strength:: flag by name (HIGH, NOT_DEFAULT, ...).
[[nodiscard]] std::optional<std::uint16_t> strength_flag(std::string_view symbol) noexcept;
/// A protocol version by name ("TLSv1.2" -> 0x0303, "DTLSv1" -> 0xfeff, "-" -> 0). 1.0.x has
/// protocol bits instead (SSLv2, SSLv3 = TLSv1, TLSv1.2); each suite and alias carries exactly
/// one, so they are stored as these versions and compared for equality like 1.1.0's.
[[nodiscard]] std::optional<std::uint16_t> version_value(std::string_view symbol) noexcept;
/// The handshake digest of a data-file name ("SHA256", "DEFAULT", ...) as a mac:: bit (0 when
/// it is the default MD5+SHA1 or none).
[[nodiscard]] std::optional<std::uint32_t> handshake_digest_value(std::string_view symbol) noexcept;

}  // namespace cipherexplain::detail

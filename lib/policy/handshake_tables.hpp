// SPDX-License-Identifier: Apache-2.0
#pragma once
// What a handshake needs to know of a release beyond its cipher table: the key exchange groups
// and signature schemes it knows, its defaults, and the few rules that changed between series.
// The rows are facts read from OpenSSL's sources (each table names its files and tags).

#include <cipherexplain/catalog.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace cipherexplain::detail {

enum class group_family : std::uint8_t { ec, ecx, ffdhe, kem };

/// A named group (TLS supported_groups code point).
struct group_info {
  std::string_view name;     // as SSL_group_to_name reports it
  std::string_view aliases;  // other names SSL_CTX_set1_groups_list accepts, ' '-separated
  std::uint16_t id = 0;
  std::uint16_t security_bits = 0;
  group_family family = group_family::ec;
  bool tls13_only = false;           // 3.x group table: ffdhe and KEM groups TLS 1.3 only ...
  std::string_view since = "1.1.0";  // first series whose groups list accepts it
  bool tls12_only = false;           // ... the deprecated RFC 8422 curves TLS 1.2 and older only
};

/// A signature scheme (TLS SignatureScheme code point).
enum class signature_key : std::uint8_t { ec, rsa, rsa_pss, ed25519, ed448, dsa };
enum class signature_padding : std::uint8_t { none, pkcs1, pss };
struct sigalg_info {
  std::string_view name;
  signature_key key = signature_key::rsa;
  signature_padding padding = signature_padding::none;
  std::string_view hash;  // as OBJ_nid2sn names it: "SHA256"; "" for EdDSA
  std::uint16_t hash_bytes = 0;
  std::uint16_t curve_bits = 0;  // TLS 1.3 ECDSA: the curve it is bound to (256, 384, 521)
};

enum class dhe_parameters : std::uint8_t {
  by_certificate,  // 1.1.0-3.6 dh_auto: an RFC 3526 prime sized by the certificate's key
  rfc7919,         // 4.0: an ffdhe group both sides list, else dh_auto's prime
};

/// The rules of one series.
struct handshake_rules {
  std::string_view series;
  bool tls13 = false;
  std::span<const std::string_view> default_groups;     // in order
  std::span<const std::string_view> default_keyshares;  // empty: the first allowed group
  std::span<const std::string_view> default_tuples;     // 3.5+: the tuple of each default group
  bool group_tuples = false;  // 3.5+ server: its tuples decide before the client's shares
  bool groups_case_insensitive = false;
  bool ffdhe_groups = false;  // the groups list knows ffdhe (3.0+)
  dhe_parameters dhe = dhe_parameters::by_certificate;
  bool ffdhe_in_tls12 = false;                  // 4.0
  std::uint16_t sha1_signature_bits = 80;       // 3.0+: 64
  std::uint16_t md5_sha1_signature_bits = 144;  // 3.0+: 67
  bool rsa4096_152_bits = false;  // 3.0+: RSA keys rated by ossl_ifc_ffc_compute_security_bits
  bool named_reasons = true;      // 1.1.1: some failures are ERR_R_INTERNAL_ERROR
  bool names_dh_groups = true;    // a client reports "modp_2048" (3.0+), not "DH-2048"
  bool unnamed_groups_error_queued = true;  // 1.1.1: set1_groups_list queues nothing
  bool has_negotiated_group_api = true;
  /// SSL_CTX_set_dh_auto exists (1.1.0+): before, a server does DHE only with parameters an
  /// application sets, which the model assumes it does not.
  bool dh_auto = true;
};

[[nodiscard]] const handshake_rules& handshake_rules_of(const catalog& release) noexcept;
[[nodiscard]] std::span<const group_info> known_groups() noexcept;
[[nodiscard]] const group_info* find_group(std::string_view name, bool case_insensitive) noexcept;
[[nodiscard]] const group_info* group_by_id(std::uint16_t id) noexcept;
/// The default signature schemes a client of these rules offers and a server accepts, in
/// OpenSSL's order.
[[nodiscard]] std::span<const sigalg_info> default_sigalgs(const handshake_rules& rules) noexcept;

/// BN_security_bits / EC order bits / 2: what a key is worth to the security level.
[[nodiscard]] int key_security_bits(bool rsa, int bits, const handshake_rules& rules) noexcept;
/// ssl_get_security_level_bits: 0, 80, 112, 128, 192, 256.
[[nodiscard]] int level_bits(int level) noexcept;
/// Whether the series is at least `series` ("3.5" ...).
[[nodiscard]] bool series_at_least(std::string_view have, std::string_view want) noexcept;

}  // namespace cipherexplain::detail

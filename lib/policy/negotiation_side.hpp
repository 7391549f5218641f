// SPDX-License-Identifier: Apache-2.0
#pragma once
// One side of a handshake, prepared once on its release: the configuration resolved, its
// groups read, its certificates checked, and what it would send as a client.

#include "policy/handshake_tables.hpp"

#include <cipherexplain/negotiation.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace cipherexplain::detail {

struct negotiation_side {
  const catalog* release = nullptr;
  const handshake_rules* rules = nullptr;
  tls_endpoint endpoint;
  configuration_result config;
  int level = 0;     // the security level in force (0 before 1.1.0)
  int min_bits = 0;  // level_bits(level)
  protocol_window window;
  /// A setup call that failed (side not yet known: filled in by negotiate()).
  std::optional<handshake_failure> setup_failure;
  /// Loading the certificates failed: only a server loads them.
  std::optional<handshake_failure> certificate_failure;
  /// The groups it supports, in its order, with the 3.5+ tuple of each; keyshares: the groups
  /// it sends a key share for (empty: the first allowed one).
  std::vector<const group_info*> groups;
  std::vector<std::uint8_t> tuple_of;
  std::vector<const group_info*> keyshares;
  /// The certificates loaded, in order; the key check of a certificate loaded before the level.
  bool certificate_too_small_later = false;
  /// As a client: the suites its ClientHello lists (SSL_get1_supported_ciphers), the groups
  /// it sends (false: a 3.x client fails, "no suitable groups") and its key shares (empty
  /// when it offers no TLS 1.3).
  std::vector<const cipher*> offered;
  std::vector<const group_info*> sent_groups;
  bool groups_ok = true;
  std::vector<const group_info*> shares;
  /// As a server: why its level refuses each suite of its table (the security callback with
  /// SECOP_CIPHER_SHARED), by the suite's index in the release's table.
  std::vector<std::optional<unusable_reason>> level_refusal;
  /// ssl3_choose_cipher takes the server's order with server preference, and in Suite B.
  [[nodiscard]] bool server_order() const noexcept {
    return endpoint.prefer_server || config.suiteb != suiteb_prefix::none;
  }
  [[nodiscard]] bool server_level_refuses(const cipher& x) const {
    return level_refusal[static_cast<std::size_t>(&x - release->ciphers().data())].has_value();
  }
};

/// Reads `text` as SSL_CTX_set1_groups_list does on `side`'s release; false with `reason`
/// when the call fails.
bool read_groups(negotiation_side& side, std::string_view text, std::string& reason);

}  // namespace cipherexplain::detail

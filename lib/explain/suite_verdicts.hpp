// SPDX-License-Identifier: Apache-2.0
#pragma once
// One suite's verdict for a connection at a security level and protocol settings, prepared
// once per setting so that a list costs a few bit tests per suite (supported() and the
// configuration resolver both walk lists with it).

#include <cipherexplain/catalog.hpp>
#include <cipherexplain/cipher.hpp>
#include <cipherexplain/supported.hpp>

#include <cstdint>
#include <optional>

namespace cipherexplain::detail {

class suite_verdicts {
 public:
  suite_verdicts(const catalog& release, int security_level, const protocol_settings& protocols);
  /// Why a client connection cannot use the suite, or nullopt when it can (1.1.0+): the
  /// three parts below, in the order ssl_cipher_disabled() asks them.
  [[nodiscard]] std::optional<unusable_reason> operator()(const cipher& suite) const noexcept {
    if (auto why = client_mask(suite)) return why;
    if (auto why = protocol(suite)) return why;
    return level(suite);
  }
  /// The client masks: PSK and SRP not set up, Suite B's signature algorithms.
  [[nodiscard]] std::optional<unusable_reason> client_mask(const cipher& suite) const noexcept;
  /// No usable version, or none that carries the suite.
  [[nodiscard]] std::optional<unusable_reason> protocol(const cipher& suite) const noexcept;
  /// The security callback (SSL_SECOP_CIPHER_SUPPORTED) at the level.
  [[nodiscard]] std::optional<unusable_reason> level(const cipher& suite) const noexcept;
  [[nodiscard]] const protocol_window& window() const noexcept { return window_; }
  /// The window of the same settings at level 0 (what the range alone allows).
  [[nodiscard]] const protocol_window& configured() const noexcept { return configured_; }

 private:
  security_rules rules_;
  int level_;
  int min_bits_ = 0;
  protocol_window window_, configured_;
  std::uint32_t forward_secret_ = 0;
  bool suiteb_ = false, suiteb_ecdsa_ = false;
};

}  // namespace cipherexplain::detail

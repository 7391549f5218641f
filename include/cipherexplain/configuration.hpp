// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// A TLS configuration - cipher string, TLS 1.3 ciphersuites, protocol range, security level -
/// resolved on one release: the list a context holds, whether each setter succeeded, and for
/// each listed suite whether a connection can use it and, if not, why.

#include <cipherexplain/build_options.hpp>
#include <cipherexplain/catalog.hpp>
#include <cipherexplain/cipher.hpp>
#include <cipherexplain/ciphersuites.hpp>
#include <cipherexplain/diagnostic.hpp>
#include <cipherexplain/evaluation.hpp>
#include <cipherexplain/evaluator.hpp>
#include <cipherexplain/export.hpp>
#include <cipherexplain/supported.hpp>

#include <array>
#include <bit>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cipherexplain {

namespace detail {
class ciphersuite_names;
}

/// What an application sets on a fresh SSL_CTX_new(TLS_method()). Empty fields are not set.
/// The calls are made in this order: SSL_CTX_set_security_level, SSL_CTX_set_cipher_list and
/// SSL_CTX_set_ciphersuites (in `order`), SSL_CTX_set_options(SSL_OP_NO_*),
/// SSL_CTX_set_min_proto_version, SSL_CTX_set_max_proto_version. (Their order changes nothing
/// but which call reports a TLS 1.2 suite named in the ciphersuites; see `list_ok`.)
struct CIPHEREXPLAIN_API tls_configuration {
  std::optional<std::string> cipher_list;   ///< SSL_CTX_set_cipher_list
  std::optional<std::string> ciphersuites;  ///< SSL_CTX_set_ciphersuites (1.1.1+)
  std::optional<int> security_level;        ///< SSL_CTX_set_security_level (1.1.0+), 0-5
  std::uint16_t min_protocol = 0;           ///< version::tlsv1 ... ; 0: not set (no bound)
  std::uint16_t max_protocol = 0;
  std::uint8_t disabled_protocols = 0;  ///< SSL_OP_NO_* as protocol_bit:: (see protocols_only)
  bool ciphersuites_first = false;      ///< SSL_CTX_set_ciphersuites before set_cipher_list
  friend bool operator==(const tls_configuration&, const tls_configuration&) = default;
};

/// The SSL_OP_NO_* bits that leave exactly `enabled` (protocol_bit:: values) on: what nginx's
/// `ssl_protocols TLSv1.2 TLSv1.3` and Apache's `SSLProtocol` do.
[[nodiscard]] constexpr std::uint8_t protocols_only(std::uint8_t enabled) noexcept {
  return static_cast<std::uint8_t>(~enabled & 0x1fu);
}

/// A protocol version by name: "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3", "SSLv3" (also
/// "TLS1", "TLS1.2" ..., as OpenSSL's MinProtocol accepts them). nullopt when unknown.
[[nodiscard]] CIPHEREXPLAIN_API std::optional<std::uint16_t> parse_protocol_version(
    std::string_view name) noexcept;
/// "TLSv1.2" for version::tlsv1_2 ...; "" for 0 or unknown values.
[[nodiscard]] CIPHEREXPLAIN_API std::string_view protocol_version_name(std::uint16_t v) noexcept;

/// Why a configuration cannot be set on a release at all (e.g. ciphersuites before 1.1.1, a
/// security level before 1.1.0, a protocol range on 1.0.x), or nullopt.
[[nodiscard]] CIPHEREXPLAIN_API std::optional<std::string> check_configuration(
    const catalog& release, const tls_configuration& config);

/// One suite of the context's list and whether a client connection can use it.
struct CIPHEREXPLAIN_API suite_use {
  const cipher* suite = nullptr;
  std::optional<unusable_reason> unusable;  ///< empty: usable
};

/// A configuration resolved on one release.
struct CIPHEREXPLAIN_API configuration_result {
  /// The cipher string's evaluation (of the release's DEFAULT when none is set): its findings,
  /// trace and security level, as evaluator::evaluate gives them.
  evaluation cipher_list;
  bool cipher_list_set = false;
  /// What SSL_CTX_set_cipher_list returned. It differs from cipher_list.ok in one case: when
  /// the ciphersuites were set first and name a TLS 1.2 suite (1.1.1-3.6), that suite counts
  /// as "a cipher selected" for a cipher string that selects none.
  bool list_ok = true;
  std::optional<ciphersuites_result> ciphersuites;  ///< when set
  bool min_ok = true, max_ok = true;  ///< SSL_CTX_set_{min,max}_proto_version's returns
  /// SSL_CTX_get_ciphers() afterwards: the TLS 1.3 setting's suites first (`head` of them),
  /// then the cipher string's list.
  std::vector<const cipher*> ciphers;
  std::size_t head = 0;
  /// The Suite B mode a Suite B keyword at the cipher string's start sets on the context
  /// (check_suiteb_cipher_list): it also limits the groups and signature schemes.
  suiteb_prefix suiteb = suiteb_prefix::none;
  int security_level = -1;  ///< SSL_get_security_level (-1 before 1.1.0)
  /// SSL_get_{min,max}_proto_version: what was set (0: no bound).
  std::uint16_t min_protocol = 0, max_protocol = 0;
  /// The versions a connection can use (1.1.0+; on 1.0.x the build's SSLv3 ... TLS 1.2).
  protocol_window protocols;
  /// One per entry of `ciphers`, same order.
  std::vector<suite_use> suites;
  /// SSL_get1_supported_ciphers(): the usable suites in list order; nullopt where OpenSSL
  /// returns NULL (no usable version, or nothing usable) and before 1.1.0, which lacks it.
  std::optional<std::vector<const cipher*>> supported;
  /// Findings about the configuration as a whole and about the ciphersuites string (offsets
  /// into it); the cipher string's own findings are in cipher_list.diagnostics.
  std::vector<diagnostic> diagnostics;
};

/// A release prepared for resolving configurations. Cheap to copy; thread-safe like evaluator.
class CIPHEREXPLAIN_API configuration_resolver {
 public:
  explicit configuration_resolver(const catalog& release, const build_options& options = {});
  explicit configuration_resolver(evaluator prepared);

  /// Resolves `config`. The cipher string is evaluated with `detail` (result: no findings, the
  /// fast path; findings and trace also make configuration findings).
  /// @throws std::invalid_argument when check_configuration() rejects it
  [[nodiscard]] configuration_result resolve(const tls_configuration& config,
                                             detail_level detail = detail_level::findings) const;
  /// The same, reusing `out`'s storage; `options` as for evaluator::evaluate (its
  /// security_level is ignored: config.security_level applies).
  void resolve_into(configuration_result& out, const tls_configuration& config,
                    const evaluate_options& options) const;
  /// The same, parsing the cipher string into `scratch` (no allocation once it has grown).
  void resolve_into(configuration_result& out, const tls_configuration& config,
                    const evaluate_options& options, tree& scratch) const;

  [[nodiscard]] const evaluator& cipher_strings() const noexcept { return eval_; }
  [[nodiscard]] const catalog& release() const noexcept { return eval_.release(); }

 private:
  // Each listed suite's verdict for a window (`configured`: the same settings at level 0),
  // without Suite B, into `verdicts`; the usable suites into `usable`. Returns their count.
  std::size_t judge(std::span<const cipher* const> list, const protocol_window& window,
                    const protocol_window& configured, int security_level, suite_use* verdicts,
                    const cipher** usable) const noexcept;

  evaluator eval_;
  tree default_tree_;
  evaluation default_list_;
  // Per suite of the table, all a resolution reads of it, in 16 bytes rather than the suite's
  // 96: which protocol range it has (8 x an index into protocol_ranges_, the shift that finds
  // its byte in a word; `masked_class` when a client mask - PSK, SRP - refuses it whatever the
  // range), and per security level 0-5 the verdict when a version of the window carries it
  // (the mask's reason, or the security callback's, or usable), as the bytes of its
  // std::optional<unusable_reason>, ready to store. Found by the suite's byte offset in the
  // table shifted right (`facts_shift`): the entry of suite i is at
  // i * sizeof(cipher) >> facts_shift, the slots between are unused, and no division is made
  // per suite.
  struct alignas(16) suite_facts {  // a power of two: indexed by a shift
    std::uint8_t protocol_shift = 0;
    std::array<std::uint16_t, 6> by_level{};
  };
  static constexpr std::uint8_t masked_class = 0;
  static constexpr auto facts_shift = static_cast<unsigned>(std::countr_zero(
      sizeof(cipher)));  // log2 of the largest power of two dividing sizeof(cipher)
  [[nodiscard]] static std::size_t facts_slot(std::size_t i) noexcept {
    return i * sizeof(cipher) >> facts_shift;
  }
  std::vector<suite_facts> facts_;
  std::vector<std::pair<std::uint16_t, std::uint16_t>> protocol_ranges_;  // [0]: unused; <= 8
  std::shared_ptr<const detail::ciphersuite_names> suite_names_;          // null before 1.1.1
};

/// Resolves one configuration on one release (prepares the release first: prefer a
/// configuration_resolver for many).
[[nodiscard]] CIPHEREXPLAIN_API configuration_result
resolve(const catalog& release, const tls_configuration& config, const build_options& options = {},
        detail_level detail = detail_level::findings);

}  // namespace cipherexplain

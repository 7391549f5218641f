// SPDX-License-Identifier: Apache-2.0
#pragma once
// The parts of the handshake model shared by its steps (lib/policy/negotiation*.cpp).

#include "policy/negotiation_side.hpp"

#include <cipherexplain/negotiation.hpp>

#include <optional>
#include <vector>

namespace cipherexplain::detail {

/// The highest version a suite can be used with: 1.0.x tables record no maximum (TLS 1.2).
[[nodiscard]] constexpr std::uint16_t highest_version(const cipher& x) noexcept {
  return x.max_tls != 0 ? x.max_tls : version::tlsv1_2;
}

[[nodiscard]] bool contains(const std::vector<const group_info*>& list, const group_info* g);
/// tls_valid_group: 3.x groups carry a TLS version range (ffdhe and KEMs TLS 1.3 only, ffdhe
/// in TLS 1.2 too on 4.0); 1.1.x has no such limit but knows no such group either.
[[nodiscard]] bool valid_for(const group_info& g, std::uint16_t lowest, std::uint16_t highest,
                             const handshake_rules& r);
/// The supported_groups a client sends (tls_construct_ctos_supported_groups): none without an
/// ECC or TLS 1.3 suite to offer, else the groups its level allows for its versions. False
/// where a 3.x client fails instead (no group, or none for TLS 1.3 when it offers TLS 1.3).
[[nodiscard]] bool groups_sent(const negotiation_side& c, std::vector<const group_info*>& out);
/// tls12_sigalg_allowed at the side's level (sigalg_security_bits: SHA-1 64 bits from 3.0).
[[nodiscard]] bool sigalg_allowed(const sigalg_info& s, const negotiation_side& side);

/// tls1_set_server_sigalgs: whether a client that sends signature schemes (TLS 1.2 and up)
/// shares at least one with the server; the server fails otherwise.
[[nodiscard]] bool shares_signatures(const negotiation_side& c, const negotiation_side& s);

struct signature_choice {
  const sigalg_info* scheme = nullptr;
  const certificate_key* key = nullptr;
};
/// tls_choose_sigalg for TLS 1.2 (a scheme for a certificate of the suite's `au`) and TLS 1.3
/// (the first shared scheme some certificate can make) over the shared list.
[[nodiscard]] signature_choice choose_signature(const negotiation_side& c,
                                                const negotiation_side& s, bool tls13,
                                                std::uint32_t au);
[[nodiscard]] const certificate_key* certificate_of(const negotiation_side& s,
                                                    certificate_key::algorithm a);
/// tls1_shared_group: in the server's order with server preference, else the client's; ffdhe
/// or the others; allowed by the server's level and valid for version v.
[[nodiscard]] const group_info* shared_group(const std::vector<const group_info*>& sent,
                                             const negotiation_side& s, bool ffdhe,
                                             std::uint16_t v);

/// Why the server passes over a suite (ssl3_choose_cipher and ssl_set_masks).
enum class passed_reason : std::uint8_t {
  not_offered,           ///< server order: the client does not offer it
  not_in_server_list,    ///< client order: the server's list lacks it
  version,               ///< not a suite of the version chosen
  no_rsa_certificate,    ///< kRSA or aRSA without an RSA certificate
  no_ecdsa_certificate,  ///< aECDSA without an EC certificate
  ecdsa_curve,           ///< the EC certificate's curve is not one the client sent (or the
                         ///< server's level refuses it)
  no_ecdsa_signature,    ///< TLS 1.2: no ECDSA signature scheme both levels allow
  no_shared_ec_group,    ///< ECDHE without a group both sides allow
  no_ffdhe_group,        ///< 4.0: the client sent ffdhe groups, none the server takes
  not_set_up,            ///< PSK, SRP, DSS, GOST: nothing configured for it
  server_level,          ///< the server's security level refuses it
};

/// The server's choice of suite for version `v`, with the reason for every suite it passes.
struct suite_chooser {
  suite_chooser(const negotiation_side& c, const negotiation_side& s, std::uint16_t v,
                const std::vector<const group_info*>& sent_groups);
  /// Why the server does not take `x` (a suite of its release) in this handshake.
  [[nodiscard]] std::optional<passed_reason> refusal(const cipher& x) const;
  /// The first suite of the deciding order (the server's with server preference) both take.
  [[nodiscard]] const cipher* choose() const;
  /// Why `x` of the deciding list (a suite of the deciding side's release) is passed over.
  [[nodiscard]] std::optional<passed_reason> passed(const cipher& x) const;
  /// The server's suite with `x`'s id, or nullptr.
  [[nodiscard]] const cipher* in_server_list(const cipher& x) const;
  [[nodiscard]] bool offered(const cipher& x) const;
  /// The group an ECDHE suite would use: the shared one, or in Suite B the suite's own curve.
  [[nodiscard]] const group_info* ecdhe_group(const cipher& x) const;

  const negotiation_side& c;
  const negotiation_side& s;
  std::uint16_t v;
  bool tls13;
  const std::vector<const group_info*>& sent;
  const group_info* ec_group = nullptr;
  const group_info* ffdhe_group = nullptr;
  bool client_sent_ffdhe = false;
  const certificate_key* rsa_cert = nullptr;
  const certificate_key* ec_cert = nullptr;
  std::optional<passed_reason> ecdsa_problem;
};

/// Why the handshake passed over `x` (a suite of the deciding list), in words.
[[nodiscard]] std::string reason_sentence(const suite_chooser& chooser, const cipher& x,
                                          passed_reason why);

/// After the suite: key exchange, signature, certificate, and the client's checks of what the
/// server sent. `result` holds the protocol and suite.
handshake_result& complete_handshake(handshake_result& result, const negotiation_side& c,
                                     const negotiation_side& s,
                                     const std::vector<const group_info*>& sent_groups,
                                     const std::vector<const group_info*>& shares,
                                     const group_info* ec_group, const group_info* ffdhe_group);

/// Adds result.notes: a side without TLS 1.3 or security levels, a release no real build of
/// was compared with.
void add_release_notes(handshake_result& result, const negotiation_side& c,
                       const negotiation_side& s);

/// Fills in failure.explanation: which setting caused it and what would change it.
void explain_failure(handshake_failure& failure, const negotiation_side& c,
                     const negotiation_side& s, std::uint16_t version_chosen);

}  // namespace cipherexplain::detail

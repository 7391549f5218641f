#pragma once
// The parts of the handshake model shared by its steps (lib/policy/negotiation*.cpp).

#include "policy/negotiation_side.hpp"

#include <cipherexplain/negotiation.hpp>

#include <vector>

namespace cipherexplain::detail {

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

/// After the suite: key exchange, signature, certificate, and the client's checks of what the
/// server sent. `result` holds the protocol and suite.
handshake_result& complete_handshake(handshake_result& result, const negotiation_side& c,
                                     const negotiation_side& s,
                                     const std::vector<const group_info*>& sent_groups,
                                     const std::vector<const group_info*>& shares,
                                     const group_info* ec_group, const group_info* ffdhe_group);

/// Fills in failure.explanation: which setting caused it and what would change it.
void explain_failure(handshake_failure& failure, const negotiation_side& c,
                     const negotiation_side& s);

}  // namespace cipherexplain::detail

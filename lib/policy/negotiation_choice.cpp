// SPDX-License-Identifier: Apache-2.0
// The server's choice of suite (ssl3_choose_cipher in ssl/s3_lib.c, with the masks of
// ssl_set_masks and tls1_check_cert_param in ssl/t1_lib.c): the deciding order is the server's
// list with server preference, else the client's; a suite is taken when the other side has it,
// the version carries it, the server's certificates and groups can serve its key exchange and
// authentication (TLS 1.2 and older), and the server's level allows it (SECOP_CIPHER_SHARED).

#include "policy/negotiation_steps.hpp"

#include <algorithm>

namespace cipherexplain::detail {

suite_chooser::suite_chooser(const negotiation_side& client, const negotiation_side& server,
                             std::uint16_t version_chosen,
                             const std::vector<const group_info*>& sent_groups)
    : c(client),
      s(server),
      v(version_chosen),
      tls13(version_chosen >= version::tlsv1_3),
      sent(sent_groups) {
  if (tls13) return;
  ec_group = shared_group(sent_groups, s, false, v);
  if (s.rules->dhe == dhe_parameters::rfc7919) {
    ffdhe_group = shared_group(sent_groups, s, true, v);
    client_sent_ffdhe =
        std::any_of(sent_groups.begin(), sent_groups.end(),
                    [](const group_info* g) { return g->family == group_family::ffdhe; });
  }
  rsa_cert = certificate_of(s, certificate_key::algorithm::rsa);
  ec_cert = certificate_of(s, certificate_key::algorithm::ec);
  if (ec_cert == nullptr) {
    ecdsa_problem = passed_reason::no_ecdsa_certificate;
    return;
  }
  // tls1_check_cert_param: the curve must be one the client sent (if it sent any) and the
  // server's level allows; TLS 1.2 also needs a shared ECDSA signature scheme.
  const group_info* curve = group_by_id(ec_cert->bits == 256   ? 0x0017
                                        : ec_cert->bits == 384 ? 0x0018
                                                               : 0x0019);
  // In Suite B the certificate's curve also needs its own scheme shared (P-256:
  // ecdsa_secp256r1_sha256, P-384: ecdsa_secp384r1_sha384).
  bool suiteb_scheme = true;
  if (s.config.suiteb != suiteb_prefix::none) {
    suiteb_scheme = false;
    for (const sigalg_info& lu : default_sigalgs(*s.rules))
      if (lu.key == signature_key::ec && lu.curve_bits == ec_cert->bits && sigalg_allowed(lu, c) &&
          sigalg_allowed(lu, s))
        suiteb_scheme = true;
  }
  if (curve == nullptr || curve->security_bits < s.min_bits ||
      (!sent_groups.empty() && !contains(sent_groups, curve)) || !suiteb_scheme)
    ecdsa_problem = passed_reason::ecdsa_curve;
  else if (v == version::tlsv1_2 && choose_signature(c, s, false, au::ecdsa).scheme == nullptr)
    ecdsa_problem = passed_reason::no_ecdsa_signature;
}

std::optional<passed_reason> suite_chooser::refusal(const cipher& x) const {
  if (v < x.min_tls || v > highest_version(x)) return passed_reason::version;
  if (!tls13) {
    if ((x.kx & kx::rsa) != 0 && rsa_cert == nullptr) return passed_reason::no_rsa_certificate;
    if ((x.kx & kx::ecdhe) != 0 && ecdhe_group(x) == nullptr)
      return passed_reason::no_shared_ec_group;
    if ((x.kx & kx::dhe) != 0 && ffdhe_group == nullptr && client_sent_ffdhe)
      return passed_reason::no_ffdhe_group;
    if ((x.kx & kx::dhe) != 0 && !s.rules->dh_auto && ffdhe_group == nullptr)
      return passed_reason::not_set_up;
    if ((x.kx & (kx::rsa | kx::ecdhe | kx::dhe)) == 0) return passed_reason::not_set_up;
    if ((x.au & au::rsa) != 0 && rsa_cert == nullptr) return passed_reason::no_rsa_certificate;
    if ((x.au & au::ecdsa) != 0 && ecdsa_problem) return ecdsa_problem;
    if ((x.au & (au::rsa | au::ecdsa | au::null)) == 0) return passed_reason::not_set_up;
  }
  if (s.server_level_refuses(x)) return passed_reason::server_level;
  return std::nullopt;
}

const group_info* suite_chooser::ecdhe_group(const cipher& x) const {
  if (s.config.suiteb == suiteb_prefix::none) return ec_group;
  // tls1_check_ec_tmp_key in Suite B: AES-128-GCM must use P-256 and AES-256-GCM P-384, a
  // curve the client sent and the server's level allows.
  const std::uint16_t id = x.id == 0x0300C02B ? 0x0017 : x.id == 0x0300C02C ? 0x0018 : 0;
  const group_info* g = id != 0 ? group_by_id(id) : nullptr;
  if (g == nullptr || !contains(s.groups, g) || g->security_bits < s.min_bits ||
      (!sent.empty() && !contains(sent, g)))
    return nullptr;
  return g;
}

const cipher* suite_chooser::in_server_list(const cipher& x) const {
  for (const cipher* y : s.config.ciphers)
    if (y->id == x.id) return y;
  return nullptr;
}

bool suite_chooser::offered(const cipher& x) const {
  return std::any_of(c.offered.begin(), c.offered.end(),
                     [&](const cipher* y) { return y->id == x.id; });
}

std::optional<passed_reason> suite_chooser::passed(const cipher& x) const {
  if (s.server_order()) {
    if (!offered(x)) return passed_reason::not_offered;
    return refusal(x);
  }
  const cipher* mine = in_server_list(x);
  if (mine == nullptr) return passed_reason::not_in_server_list;
  return refusal(*mine);
}

const cipher* suite_chooser::choose() const {
  const auto& order = s.server_order() ? s.config.ciphers : c.offered;
  for (const cipher* x : order)
    if (!passed(*x)) return s.server_order() ? x : in_server_list(*x);
  return nullptr;
}

}  // namespace cipherexplain::detail

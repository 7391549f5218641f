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
    : c(client), s(server), v(version_chosen), tls13(version_chosen >= version::tlsv1_3) {
  if (tls13) return;
  ec_group = shared_group(sent_groups, s, false, v);
  if (s.rules->dhe == dhe_parameters::rfc7919) {
    ffdhe_group = shared_group(sent_groups, s, true, v);
    client_sent_ffdhe = std::any_of(sent_groups.begin(), sent_groups.end(), [](const group_info* g) {
      return g->family == group_family::ffdhe;
    });
  }
  rsa_cert = certificate_of(s, certificate_key::algorithm::rsa);
  ec_cert = certificate_of(s, certificate_key::algorithm::ec);
  if (ec_cert == nullptr) {
    ecdsa_problem = passed_reason::no_ecdsa_certificate;
    return;
  }
  // tls1_check_cert_param: the curve must be one the client sent (if it sent any) and the
  // server's level allows; TLS 1.2 also needs a shared ECDSA signature scheme.
  const group_info* curve =
      group_by_id(ec_cert->bits == 256 ? 0x0017 : ec_cert->bits == 384 ? 0x0018 : 0x0019);
  if (curve == nullptr || curve->security_bits < s.min_bits ||
      (!sent_groups.empty() && !contains(sent_groups, curve)))
    ecdsa_problem = passed_reason::ecdsa_curve;
  else if (v == version::tlsv1_2 && choose_signature(c, s, false, au::ecdsa).scheme == nullptr)
    ecdsa_problem = passed_reason::no_ecdsa_signature;
}

std::optional<passed_reason> suite_chooser::refusal(const cipher& x) const {
  if (v < x.min_tls || v > x.max_tls) return passed_reason::version;
  if (!tls13) {
    if ((x.kx & kx::rsa) != 0 && rsa_cert == nullptr) return passed_reason::no_rsa_certificate;
    if ((x.kx & kx::ecdhe) != 0 && ec_group == nullptr) return passed_reason::no_shared_ec_group;
    if ((x.kx & kx::dhe) != 0 && ffdhe_group == nullptr && client_sent_ffdhe)
      return passed_reason::no_ffdhe_group;
    if ((x.kx & (kx::rsa | kx::ecdhe | kx::dhe)) == 0) return passed_reason::not_set_up;
    if ((x.au & au::rsa) != 0 && rsa_cert == nullptr) return passed_reason::no_rsa_certificate;
    if ((x.au & au::ecdsa) != 0 && ecdsa_problem) return ecdsa_problem;
    if ((x.au & (au::rsa | au::ecdsa | au::null)) == 0) return passed_reason::not_set_up;
  }
  if (s.server_level_refuses(x)) return passed_reason::server_level;
  return std::nullopt;
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
  if (s.endpoint.prefer_server) {
    if (!offered(x)) return passed_reason::not_offered;
    return refusal(x);
  }
  const cipher* mine = in_server_list(x);
  if (mine == nullptr) return passed_reason::not_in_server_list;
  return refusal(*mine);
}

const cipher* suite_chooser::choose() const {
  const auto& order = s.endpoint.prefer_server ? s.config.ciphers : c.offered;
  for (const cipher* x : order)
    if (!passed(*x)) return s.endpoint.prefer_server ? x : in_server_list(*x);
  return nullptr;
}

}  // namespace cipherexplain::detail

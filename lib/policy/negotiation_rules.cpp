// SPDX-License-Identifier: Apache-2.0
#include "policy/negotiation_steps.hpp"

#include <algorithm>

namespace cipherexplain::detail {

bool contains(const std::vector<const group_info*>& list, const group_info* g) {
  return std::find(list.begin(), list.end(), g) != list.end();
}

// tls_valid_group: 3.x groups carry a TLS version range (ffdhe and KEMs: TLS 1.3 only, but
// ffdhe in TLS 1.2 on 4.0); 1.1.x has no such limit, but knows no such group either.
bool valid_for(const group_info& g, std::uint16_t lowest, std::uint16_t highest,
               const handshake_rules& r) {
  if (g.tls12_only) return lowest <= version::tlsv1_2;
  if (!g.tls13_only) return true;
  if (g.family == group_family::ffdhe && r.ffdhe_in_tls12) return true;
  return highest >= version::tlsv1_3;
}

bool groups_sent(const negotiation_side& c, std::vector<const group_info*>& out) {
  out.clear();
  const auto allowed = [&](const group_info* g) {
    return g->security_bits >= c.min_bits &&
           valid_for(*g, c.window.lowest, c.window.highest, *c.rules);
  };
  // use_ecc: an ECC suite (or a TLS 1.3 one) to offer and an EC group the level allows.
  const bool ecc_suite = std::any_of(c.offered.begin(), c.offered.end(), [](const cipher* x) {
    return (x->kx & (kx::ecdhe | kx::ecdhepsk)) != 0 || (x->au & au::ecdsa) != 0 ||
           x->min_tls >= version::tlsv1_3;
  });
  const bool ec_group = std::any_of(c.groups.begin(), c.groups.end(), [&](const group_info* g) {
    return g->family != group_family::ffdhe && allowed(g);
  });
  const bool tls13 = c.window.highest >= version::tlsv1_3;
  const bool extended = c.rules->ffdhe_groups;  // 3.x: sent whenever TLS 1.3 is possible
  // 4.0 (RFC 7919): also for DHE suites with an ffdhe group to offer (negotiate_dhe).
  const bool dhe = c.rules->ffdhe_in_tls12 &&
                   std::any_of(c.offered.begin(), c.offered.end(),
                               [](const cipher* x) { return (x->kx & kx::dhe) != 0; }) &&
                   std::any_of(c.groups.begin(), c.groups.end(), [&](const group_info* g) {
                     return g->family == group_family::ffdhe && allowed(g);
                   });
  if (!(ecc_suite && ec_group) && !(extended && tls13) && !dhe) return true;
  bool tls13_group = false;
  for (const group_info* g : c.groups)
    if (allowed(g)) {
      out.push_back(g);
      tls13_group = tls13_group || valid_for(*g, version::tlsv1_3, version::tlsv1_3, *c.rules);
    }
  return !extended || (!out.empty() && (tls13_group || !tls13));
}

// The signature schemes a side accepts at its level (tls12_sigalg_allowed; sigalg_security_bits
// rates SHA-1 at 64 bits from 3.0).
bool sigalg_allowed(const sigalg_info& s, const negotiation_side& side) {
  // Suite B: ecdsa_secp256r1_sha256 (128-bit modes) and ecdsa_secp384r1_sha384 (all but 128-bit
  // only) alone.
  if (const suiteb_prefix b = side.config.suiteb; b != suiteb_prefix::none) {
    const bool p256 = b != suiteb_prefix::b192, p384 = b != suiteb_prefix::b128_only;
    if (!((p256 && s.name == "ecdsa_secp256r1_sha256") ||
          (p384 && s.name == "ecdsa_secp384r1_sha384")))
      return false;
  }
  int bits = s.hash_bytes * 4;
  if (s.key == signature_key::ed25519) bits = 128;
  if (s.key == signature_key::ed448) bits = 224;
  if (s.hash == "SHA1") bits = side.rules->sha1_signature_bits;
  return bits >= side.min_bits;
}

namespace {

// Whether `side`'s release offers or accepts the scheme named `name` at its level.
bool knows(const negotiation_side& side, const sigalg_info& lu) {
  for (const sigalg_info& mine : default_sigalgs(*side.rules))
    if (mine.name == lu.name) return sigalg_allowed(mine, side);
  return false;
}

}  // namespace

bool shares_signatures(const negotiation_side& c, const negotiation_side& s) {
  if (c.window.highest < version::tlsv1_2) return true;  // no signature_algorithms sent
  for (const sigalg_info& lu : default_sigalgs(*c.rules))
    if (sigalg_allowed(lu, c) && knows(s, lu)) return true;
  return false;
}

namespace {
bool rsa_pss_fits(const sigalg_info& s, const certificate_key& key) {
  return key.bits / 8 >= 2 * s.hash_bytes + 2;  // rsa_pss_check_min_key_size
}
}  // namespace

// tls_choose_sigalg for TLS 1.2 and 1.3 over the shared list (both sides' defaults, so the
// order is the same whichever side's preference applies).
signature_choice choose_signature(const negotiation_side& c, const negotiation_side& s, bool tls13,
                                  std::uint32_t au) {
  // The shared list in the preferred side's order (tls12_shared_sigalgs): the server's with
  // server preference or Suite B, else the client's.
  const negotiation_side& pref = s.server_order() ? s : c;
  const negotiation_side& other = s.server_order() ? c : s;
  for (const sigalg_info& lu : default_sigalgs(*pref.rules)) {
    if (!sigalg_allowed(lu, pref) || !knows(other, lu)) continue;
    if (tls13 &&
        (lu.hash == "SHA1" || lu.hash == "SHA224" || lu.padding == signature_padding::pkcs1))
      continue;
    for (const certificate_key& key : s.endpoint.certificates) {
      const bool rsa = key.type == certificate_key::algorithm::rsa;
      if (lu.key == signature_key::rsa && rsa) {
        if (!tls13 && (au & au::rsa) == 0) continue;
        if (lu.padding == signature_padding::pss && !rsa_pss_fits(lu, key)) continue;
        return {&lu, &key};
      }
      if (lu.key == signature_key::ec && !rsa) {
        if (!tls13 && (au & au::ecdsa) == 0) continue;
        // TLS 1.3 and a Suite B server bind ECDSA schemes to their curve; before 1.1.1 none is.
        if ((tls13 || s.config.suiteb != suiteb_prefix::none) && s.rules->tls13 &&
            lu.curve_bits != key.bits)
          continue;
        return {&lu, &key};
      }
    }
  }
  return {};
}

const certificate_key* certificate_of(const negotiation_side& s, certificate_key::algorithm a) {
  for (const auto& key : s.endpoint.certificates)
    if (key.type == a) return &key;
  return nullptr;
}

// tls1_shared_group: the server's order with server preference, else the client's.
const group_info* shared_group(const std::vector<const group_info*>& sent,
                               const negotiation_side& s, bool ffdhe, std::uint16_t v) {
  const auto usable = [&](const group_info* g) {
    const bool is_ffdhe = g->family == group_family::ffdhe;
    return is_ffdhe == ffdhe && g->security_bits >= s.min_bits && valid_for(*g, v, v, *s.rules);
  };
  if (s.endpoint.prefer_server) {
    for (const group_info* g : s.groups)
      if (usable(g) && contains(sent, g)) return g;
  } else {
    for (const group_info* g : sent)
      if (usable(g) && contains(s.groups, g)) return g;
  }
  return nullptr;
}

}  // namespace cipherexplain::detail

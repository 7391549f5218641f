// SPDX-License-Identifier: Apache-2.0
// After the suite is chosen: the TLS 1.3 key share, the signature scheme and certificate
// (tls_choose_sigalg), the certificate written (ssl_add_cert_chain checks its key against the
// level now in force), the TLS 1.2 key exchange (tls_construct_server_key_exchange,
// ssl_get_auto_dh) and the client's checks of it (tls_process_key_exchange).

#include "policy/negotiation_steps.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cipherexplain::detail {
namespace {

bool allowed_13(const group_info* g, const negotiation_side& side) {
  return g->security_bits >= side.min_bits &&
         valid_for(*g, version::tlsv1_3, version::tlsv1_3, *side.rules);
}

// tls_parse_ctos_key_share + final_key_share up to 3.4: the first of the client's shares the
// server lists, else a HelloRetryRequest for the first server group the client supports.
const group_info* choose_share_flat(const negotiation_side& s,
                                    const std::vector<const group_info*>& sent,
                                    const std::vector<const group_info*>& shares, bool& retry) {
  for (const group_info* g : shares)
    if (contains(s.groups, g) && allowed_13(g, s)) return g;
  for (const group_info* g : s.groups)
    if (allowed_13(g, s) && contains(sent, g)) {
      retry = true;
      return g;
    }
  return nullptr;
}

// 3.5+: the server's tuples in its order; in the first tuple holding a share the client sent
// the share is taken, in the first holding a group it supports a HelloRetryRequest is made.
const group_info* choose_share_tuples(const negotiation_side& s,
                                      const std::vector<const group_info*>& sent,
                                      const std::vector<const group_info*>& shares, bool& retry) {
  const bool server_order = s.endpoint.prefer_server;
  std::vector<const group_info*> in_tuple;
  for (std::size_t i = 0; i < s.groups.size();) {
    const std::uint8_t tuple = s.tuple_of[i];
    in_tuple.clear();
    for (; i < s.groups.size() && s.tuple_of[i] == tuple; ++i)
      if (allowed_13(s.groups[i], s)) in_tuple.push_back(s.groups[i]);
    const auto pick = [&](const std::vector<const group_info*>& client_side) -> const group_info* {
      if (server_order) {
        for (const group_info* g : in_tuple)
          if (contains(client_side, g)) return g;
        return nullptr;
      }
      for (const group_info* g : client_side)
        if (contains(in_tuple, g)) return g;
      return nullptr;
    };
    if (const group_info* g = pick(shares)) return g;
    if (const group_info* g = pick(sent)) {
      retry = true;
      return g;
    }
  }
  return nullptr;
}

std::string_view signature_type(const sigalg_info& s) {
  if (s.key == signature_key::ec) return "id-ecPublicKey";
  return s.padding == signature_padding::pss ? "RSASSA-PSS" : "rsaEncryption";
}

// dh_auto's prime (ssl_get_auto_dh): RFC 3526 primes sized by the certificate's key, or the
// RFC 2409 1024-bit one; at least what the server's level asks.
int auto_dh_bits(const negotiation_side& s, const cipher& x, const certificate_key* cert) {
  int bits = 80;
  if ((x.au & (au::null | au::psk)) != 0)
    bits = x.strength_bits == 256 ? 128 : 80;
  else if (cert != nullptr)
    bits = key_security_bits(cert->type == certificate_key::algorithm::rsa, cert->bits, *s.rules);
  bits = std::max(bits, s.min_bits);
  return bits >= 192 ? 8192 : bits >= 152 ? 4096 : bits >= 128 ? 3072 : bits >= 112 ? 2048 : 1024;
}

int dh_security_bits(int prime_bits) {
  return prime_bits >= 8192 ? 192 : prime_bits >= 3072 ? 128 : prime_bits >= 2048 ? 112 : 80;
}

}  // namespace

handshake_result& complete_handshake(handshake_result& r, const negotiation_side& c,
                                     const negotiation_side& s,
                                     const std::vector<const group_info*>& sent_groups,
                                     const std::vector<const group_info*>& shares,
                                     const group_info* ec_group, const group_info* ffdhe_group) {
  const cipher& x = *r.suite;
  const bool tls13 = r.protocol >= version::tlsv1_3;
  const auto fail = [&](handshake_side side, failure_cause cause, std::string reason) -> auto& {
    handshake_failure f;
    f.side = side;
    f.cause = cause;
    f.reason = std::move(reason);
    const std::uint16_t chosen = r.version_chosen;
    r = handshake_result{};
    r.failure = std::move(f);
    r.version_chosen = chosen;
    return r;
  };
  const auto reason = [](const negotiation_side& side, const char* named) {
    return std::string(side.rules->named_reasons ? named : "internal error");
  };

  const certificate_key* cert = nullptr;
  const group_info* group = nullptr;
  std::uint16_t signed_with_curve = 0;  // TLS 1.2: the ECDSA scheme's curve, if it names one
  if (tls13) {
    bool retry = false;
    group = s.rules->group_tuples ? choose_share_tuples(s, sent_groups, shares, retry)
                                  : choose_share_flat(s, sent_groups, shares, retry);
    if (group == nullptr)
      return fail(handshake_side::server, failure_cause::no_shared_group, "no suitable key share");
    r.hello_retry = retry;
    if (!shares_signatures(c, s))
      return fail(handshake_side::server, failure_cause::no_shared_signatures,
                  "no shared signature algorithms");
    const signature_choice sig = choose_signature(c, s, true, 0);
    if (sig.scheme == nullptr)
      return fail(handshake_side::server, failure_cause::no_signature_algorithm,
                  "no suitable signature algorithm");
    cert = sig.key;
    r.signature_type = signature_type(*sig.scheme);
    r.signature_hash = sig.scheme->hash;
  } else if ((x.au & (au::rsa | au::ecdsa | au::dss)) != 0) {
    cert = certificate_of(s, (x.au & au::rsa) != 0 ? certificate_key::algorithm::rsa
                                                   : certificate_key::algorithm::ec);
    if (r.protocol >= version::tlsv1_2) {
      const signature_choice sig = choose_signature(c, s, false, x.au);
      if (sig.scheme != nullptr) signed_with_curve = sig.scheme->curve_bits;
      if (sig.scheme == nullptr)
        return fail(handshake_side::server, failure_cause::no_signature_algorithm,
                    "no suitable signature algorithm");
      cert = sig.key;
      r.signature_type = signature_type(*sig.scheme);
      r.signature_hash = sig.scheme->hash;
    } else {
      // tls1_get_legacy_sigalg: MD5-SHA1 for RSA, SHA-1 for ECDSA, refused below the level.
      const bool rsa = (x.au & au::rsa) != 0;
      const int bits = rsa ? s.rules->md5_sha1_signature_bits : s.rules->sha1_signature_bits;
      if (bits < s.min_bits)
        return fail(handshake_side::server, failure_cause::no_signature_algorithm,
                    reason(s, "no suitable signature algorithm"));
      r.signature_type = rsa ? "rsaEncryption" : "id-ecPublicKey";
      r.signature_hash = rsa ? "MD5-SHA1" : "SHA1";
    }
  }
  if (cert != nullptr && key_security_bits(cert->type == certificate_key::algorithm::rsa,
                                           cert->bits, *s.rules) < s.min_bits)
    return fail(handshake_side::server, failure_cause::key_too_small_in_handshake,
                "ee key too small");

  if (!tls13) {
    // The server's key exchange (tls_construct_server_key_exchange).
    int dh_prime = 0;
    if ((x.kx & kx::ecdhe) != 0) {
      group = ec_group;
    } else if ((x.kx & kx::dhe) != 0) {
      if (ffdhe_group != nullptr) {
        group = ffdhe_group;
        if (!c.rules->names_dh_groups) r.group = fmt::format("DH-{}", ffdhe_group->name.substr(5));
      } else {
        dh_prime = auto_dh_bits(s, x, cert);
        r.group = c.rules->names_dh_groups && dh_prime != 1024 ? fmt::format("modp_{}", dh_prime)
                                                               : fmt::format("DH-{}", dh_prime);
      }
    }
    // The client reads the ServerHello (ssl_choose_client_version), then the key exchange:
    // its parameters (tls_process_ske_dhe), then its signature.
    if (r.protocol < c.window.lowest)
      return fail(handshake_side::client, failure_cause::unsupported_protocol,
                  "unsupported protocol");
    // tls1_check_group_id (tls_process_ske_ecdhe): the curve must be one of the client's
    // groups its level allows, and in Suite B the suite's own curve.
    if (group != nullptr && group->family != group_family::ffdhe &&
        (!contains(c.groups, group) || group->security_bits < c.min_bits ||
         (c.config.suiteb != suiteb_prefix::none && group->id != (x.id == 0x0300C02B   ? 0x0017
                                                                  : x.id == 0x0300C02C ? 0x0018
                                                                                       : 0))))
      return fail(handshake_side::client, failure_cause::wrong_curve, "wrong curve");
    if (dh_prime != 0 && dh_security_bits(dh_prime) < std::max(c.min_bits, 80))
      return fail(handshake_side::client, failure_cause::dh_key_too_small, "dh key too small");
    const bool signed_exchange =
        (x.kx & (kx::dhe | kx::ecdhe)) != 0 && (x.au & (au::rsa | au::ecdsa | au::dss)) != 0;
    // tls12_check_peer_sigalg: an EC key's curve must be one of the client's groups (and in
    // Suite B the suite's curve).
    if (r.protocol == version::tlsv1_2 && signed_exchange && cert != nullptr &&
        cert->type == certificate_key::algorithm::ec) {
      const group_info* curve = group_by_id(cert->bits == 256   ? 0x0017
                                            : cert->bits == 384 ? 0x0018
                                                                : 0x0019);
      const std::uint16_t suite_curve = x.id == 0x0300C02B   ? 0x0017
                                        : x.id == 0x0300C02C ? 0x0018
                                                             : 0;
      const bool suiteb = c.config.suiteb != suiteb_prefix::none;
      if (curve == nullptr || !contains(c.groups, curve) || curve->security_bits < c.min_bits ||
          (suiteb && (curve->id != suite_curve || signed_with_curve != cert->bits)))
        return fail(handshake_side::client, failure_cause::wrong_curve, "wrong curve");
    }
    if (r.protocol < version::tlsv1_2 && signed_exchange) {
      const bool rsa = (x.au & au::rsa) != 0;
      const int bits = rsa ? c.rules->md5_sha1_signature_bits : c.rules->sha1_signature_bits;
      if (bits < c.min_bits)
        return fail(handshake_side::client, failure_cause::legacy_signature,
                    reason(c, "legacy sigalg disallowed or unsupported"));
    }
  }
  if (group != nullptr && r.group.empty()) r.group = group->name;
  if (cert != nullptr) r.server_key = describe(*cert);
  if (!tls13 && (x.kx & (kx::dhe | kx::ecdhe)) == 0) {  // nothing signed: no ServerKeyExchange
    r.signature_type.clear();
    r.signature_hash.clear();
  }
  r.ok = true;
  return r;
}

}  // namespace cipherexplain::detail

// SPDX-License-Identifier: Apache-2.0
// The sentence that comes with a failure: the setting that causes it, and what would change it.

#include "policy/negotiation_steps.hpp"

#include <fmt/format.h>

#include <array>

namespace cipherexplain::detail {
namespace {

std::string_view name_of(std::uint16_t v) {
  const std::string_view n = protocol_version_name(v);
  return n.empty() ? std::string_view("?") : n;
}

std::string range_of(const negotiation_side& side) {
  if (!side.window.usable()) return "none";
  return side.window.lowest == side.window.highest
             ? std::string(name_of(side.window.lowest))
             : fmt::format("{}-{}", name_of(side.window.lowest), name_of(side.window.highest));
}

std::string who(const negotiation_side& side, bool client) {
  return fmt::format("the {} (OpenSSL {}, security level {})", client ? "client" : "server",
                     side.release->release(), side.level);
}

std::string no_protocols(const negotiation_side& side, bool client) {
  const auto& w = side.window;
  const std::string subject = who(side, client);
  switch (w.problem) {
    case protocol_problem::min_above_max:
      return fmt::format(
          "{} has its minimum protocol above its maximum; lower the minimum or "
          "raise the maximum.",
          subject);
    case protocol_problem::refused_by_level:
      return fmt::format(
          "{} allows no protocol version: the versions its range leaves are below TLS 1.2, which "
          "OpenSSL {} refuses from security level 1; allow TLS 1.2 or set the level to 0 "
          "(@SECLEVEL=0).",
          subject, side.release->series());
    default:
      return fmt::format("{} has every protocol version disabled; enable one.", subject);
  }
}

}  // namespace

namespace {

// For "no shared cipher": the reason most of the client's suites the server also lists were
// passed over, or that the lists have none in common.
std::string shared_cipher_text(const negotiation_side& c, const negotiation_side& s,
                               std::uint16_t v) {
  std::vector<const group_info*> sent;
  (void)groups_sent(c, sent);
  const suite_chooser ch(c, s, v, sent);
  std::size_t common = 0, for_version = 0;
  std::array<std::size_t, 11> counts{};
  const cipher* example[11] = {};
  for (const cipher* x : c.offered) {
    if (v < x->min_tls || v > highest_version(*x)) continue;  // another version's suite
    ++for_version;
    const cipher* mine = ch.in_server_list(*x);
    if (mine == nullptr) continue;
    ++common;
    if (const auto why = ch.refusal(*mine)) {
      const auto i = static_cast<std::size_t>(*why);
      if (counts[i]++ == 0) example[i] = mine;
    }
  }
  if (common == 0)
    return fmt::format(
        "None of the {} suites the client offers for {} is in the server's "
        "list; add one of them to the server's {}.",
        for_version, name_of(v), v >= version::tlsv1_3 ? "ciphersuites" : "cipher string");
  std::size_t best = 0;
  for (std::size_t i = 1; i < counts.size(); ++i)
    if (counts[i] > counts[best]) best = i;
  return fmt::format(
      "Of the {} {} suites both list, {} passed over: for example {}, {}.", common, name_of(v),
      counts[best] == common ? std::string("all are") : fmt::format("{} are", counts[best]),
      example[best]->name, reason_sentence(ch, *example[best], static_cast<passed_reason>(best)));
}

}  // namespace

void explain_failure(handshake_failure& f, const negotiation_side& c, const negotiation_side& s,
                     std::uint16_t version_chosen) {
  const bool client = f.side == handshake_side::client;
  const negotiation_side& side = client ? c : s;
  const std::string subject = who(side, client);
  std::string text;
  switch (f.cause) {
    case failure_cause::not_configurable:
      text = fmt::format("{} cannot take this configuration: {}.", subject, f.reason);
      break;
    case failure_cause::cipher_list_rejected:
      text = fmt::format(
          "{}'s cipher string selects no suite, so SSL_CTX_set_cipher_list fails "
          "and the context is never used; run `cipherexplain` on it.",
          subject);
      break;
    case failure_cause::ciphersuites_rejected:
      text = fmt::format(
          "{}'s TLS 1.3 ciphersuites name no suite its release accepts, so "
          "SSL_CTX_set_ciphersuites fails.",
          subject);
      break;
    case failure_cause::groups_rejected:
      text = fmt::format(
          "{}'s groups list names a group its release does not know, so "
          "SSL_CTX_set1_groups_list fails; remove it (3.5+: prefix it with '?').",
          subject);
      break;
    case failure_cause::certificate_too_small:
      text = fmt::format(
          "The server's certificate key is too small for security level {}, so "
          "SSL_CTX_use_certificate refuses it; use a larger key (level 2: RSA "
          "2048 / P-256, level 3: RSA 3072, level 4: P-384) or lower the level.",
          s.level);
      break;
    case failure_cause::key_too_small_in_handshake:
      text = fmt::format(
          "The server's certificate was loaded before its security level was "
          "raised to {}; the level is checked again when the certificate is "
          "sent. Use a larger key or set the level before loading it.",
          s.level);
      break;
    case failure_cause::no_protocols:
    case failure_cause::protocol_range_invalid:
      text = no_protocols(side, client);
      break;
    case failure_cause::no_ciphers:
      text = client ? fmt::format(
                          "{} has nothing to offer for its highest version {}: with "
                          "TLS 1.3 enabled it needs a TLS 1.3 suite its level allows "
                          "(set ciphersuites, or the maximum to TLS 1.2), and some "
                          "suite usable at all.",
                          subject, name_of(c.window.highest))
                    : fmt::format(
                          "{}'s list has no suite for its highest version {}: set "
                          "TLS 1.3 ciphersuites, or its maximum protocol lower.",
                          subject, name_of(s.window.highest));
      break;
    case failure_cause::no_groups:
      text = fmt::format(
          "None of {}'s groups is allowed at its level for its protocol versions "
          "(TLS 1.3 needs one it can use there); configure stronger groups "
          "(level 4: P-384, X448; level 5: P-521) or lower the level.",
          subject);
      break;
    case failure_cause::no_key_share:
      text = fmt::format(
          "None of {}'s key share groups is allowed at its level; configure "
          "groups with a stronger one (level 4: X25519MLKEM768, P-384; level 5: "
          "P-521) or lower the level.",
          subject);
      break;
    case failure_cause::unsupported_protocol:
      text = fmt::format(
          "The client allows {} and the server {}: no version in common. "
          "Widen one range.",
          range_of(c), range_of(s));
      break;
    case failure_cause::no_shared_cipher:
      text = shared_cipher_text(c, s, version_chosen);
      if (version_chosen >= version::tlsv1_3)
        text += " A TLS 1.3 mismatch is never retried with TLS 1.2.";
      break;
    case failure_cause::no_shared_group:
      text =
          "The client and the server have no key exchange group in common that both levels "
          "allow; add one to either groups list.";
      break;
    case failure_cause::no_shared_signatures:
      text = fmt::format(
          "The client's signature schemes (its level {}) and the server's (level "
          "{}{}) have none in common; lower a level or drop Suite B.",
          c.level, s.level, s.config.suiteb != suiteb_prefix::none ? ", Suite B" : "");
      break;
    case failure_cause::no_signature_algorithm:
      text = fmt::format(
          "No signature scheme fits the server's certificate and both security "
          "levels (client {}, server {}); TLS 1.0/1.1 sign with MD5-SHA1 or SHA-1, "
          "which 3.0 refuses from level 1; TLS 1.3 binds ECDSA to the curve.",
          c.level, s.level);
      break;
    case failure_cause::legacy_signature:
      text = fmt::format(
          "The server signs with MD5-SHA1 or SHA-1 (TLS 1.0/1.1), below the "
          "client's level {}; use TLS 1.2 or level 0.",
          c.level);
      break;
    case failure_cause::wrong_curve:
      text =
          "The server's ECDHE curve is not one of the client's groups (it sent none, or in "
          "Suite B mode AES-128-GCM must use P-256 and AES-256-GCM P-384); align the groups "
          "or the Suite B keywords.";
      break;
    case failure_cause::dh_key_too_small:
      text = fmt::format(
          "The server's DHE group is below the client's security level {}; use "
          "ECDHE, a larger certificate (the group follows its key) or a lower "
          "level.",
          c.level);
      break;
  }
  f.explanation = std::move(text);
}

void add_release_notes(handshake_result& r, const negotiation_side& c, const negotiation_side& s) {
  // The releases whose handshakes were compared with real builds (tests/differential/,
  // corpus/policy/handshake/): the Debian builds of these.
  constexpr std::string_view checked[] = {"1.1.1w", "3.0.19", "3.5.9", "3.6.5", "4.0.3"};
  const negotiation_side* sides[] = {&c, &s};
  for (const negotiation_side* side : sides) {
    const negotiation_side& other = side == &c ? s : c;
    const std::string_view name = side == &c ? "client" : "server";
    if (!side->rules->tls13 && other.window.highest >= version::tlsv1_3)
      r.notes.push_back(fmt::format(
          "OpenSSL {} has no TLS 1.3: the {} speaks TLS 1.2 at most, and the other side's TLS "
          "1.3 suites play no part.",
          side->release->release(), name));
    if (!series_at_least(side->release->series(), "1.1.0"))
      r.notes.push_back(fmt::format(
          "OpenSSL {} has no security levels: nothing is refused for key size, signature or "
          "version strength{}.",
          side->release->release(),
          side == &s ? "; as a server it does DHE only with parameters an application sets "
                       "(SSL_CTX_set_dh_auto is 1.1.0+), assumed none here"
                     : ""));
    bool known = false;
    for (const std::string_view x : checked) known = known || side->release->release() == x;
    if (!known && (side == &c || s.release != c.release))
      r.notes.push_back(
          fmt::format("OpenSSL {}: derived from its sources and its neighbours' "
                      "builds; no real build of it was compared.",
                      side->release->release()));
  }
}

}  // namespace cipherexplain::detail

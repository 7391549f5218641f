// SPDX-License-Identifier: Apache-2.0
// --why for a handshake: how the version was chosen, whose order decided the suite, why every
// suite ahead of it was passed over, and what it would take to get another one.

#include "policy/negotiation_steps.hpp"

#include <cipherexplain/suite_lookup.hpp>

#include <fmt/format.h>

namespace cipherexplain {
namespace {

using namespace detail;

std::string_view version_text(std::uint16_t v) {
  const std::string_view n = protocol_version_name(v);
  return n.empty() ? std::string_view("no version") : n;
}

std::string window_text(const negotiation_side& side) {
  if (!side.window.usable()) return "no version";
  if (side.window.lowest == side.window.highest)
    return std::string(version_text(side.window.lowest));
  return fmt::format("{}-{}", version_text(side.window.lowest), version_text(side.window.highest));
}

std::string level_text(const negotiation_side& side, const cipher& x) {
  const auto& why =
      side.level_refusal[static_cast<std::size_t>(&x - side.release->ciphers().data())];
  return why ? std::string(reason_text(*why)) : std::string("refused");
}

// Why the client does not offer `x` (a suite of its release), from its resolved list.
std::string not_offered_text(const negotiation_side& c, const cipher& x) {
  for (const suite_use& use : c.config.suites) {
    if (use.suite->id != x.id) continue;
    if (use.unusable)
      return fmt::format("the client does not offer it: {}", reason_text(*use.unusable));
    break;
  }
  return "the client does not offer it: not in its list";
}

}  // namespace

std::string detail::reason_sentence(const suite_chooser& ch, const cipher& x, passed_reason why) {
  const negotiation_side& s = ch.s;
  switch (why) {
    case passed_reason::not_offered:
      return not_offered_text(ch.c, x);
    case passed_reason::not_in_server_list:
      return "not in the server's list";
    case passed_reason::version:
      return fmt::format(
          "not a suite of {} (it needs {}{})", version_text(ch.v), version_text(x.min_tls),
          x.max_tls != x.min_tls && x.max_tls != 0 ? fmt::format(" to {}", version_text(x.max_tls))
                                                   : std::string());
    case passed_reason::no_rsa_certificate:
      return "it needs an RSA certificate, and the server has none";
    case passed_reason::no_ecdsa_certificate:
      return "it needs an ECDSA certificate, and the server has none";
    case passed_reason::ecdsa_curve:
      return fmt::format(
          "the server's ECDSA certificate (P-{}) is on a curve the client does "
          "not list in its groups (or the server's level refuses)",
          ch.ec_cert != nullptr ? ch.ec_cert->bits : 0);
    case passed_reason::no_ecdsa_signature:
      return "no ECDSA signature scheme is allowed by both security levels";
    case passed_reason::no_shared_ec_group:
      return "ECDHE needs a group both sides allow, and there is none";
    case passed_reason::no_ffdhe_group:
      return "the client lists ffdhe groups and the server takes none of them (RFC 7919)";
    case passed_reason::not_set_up:
      return "its key exchange or authentication (PSK, SRP, DSS, GOST) is not set up on the "
             "server";
    case passed_reason::server_level: {
      const cipher* servers = ch.in_server_list(x);
      return fmt::format("the server's security level {} refuses it: {}", s.level,
                         servers != nullptr ? level_text(s, *servers) : std::string("refused"));
    }
  }
  return "passed over";
}

namespace {}  // namespace

negotiation_why explain_negotiation(const prepared_endpoint& client_end,
                                    const prepared_endpoint& server_end,
                                    const handshake_result& result) {
  const negotiation_side& c = client_end.side();
  const negotiation_side& s = server_end.side();
  negotiation_why why;
  why.order = s.server_order() ? handshake_side::server : handshake_side::client;
  const std::uint16_t v = result.ok ? result.protocol : result.version_chosen;
  if (v == 0) {
    why.choice = result.failure ? "The handshake ended before a suite was chosen: " +
                                      result.failure->explanation
                                : std::string();
    return why;
  }
  why.version = fmt::format("{}: the highest version both allow (client {}, server {}).",
                            version_text(v), window_text(c), window_text(s));
  std::vector<const group_info*> sent;
  (void)groups_sent(c, sent);
  const suite_chooser ch(c, s, v, sent);
  const auto& order = s.server_order() ? s.config.ciphers : c.offered;
  const std::string whose = s.server_order()
                                ? "the server's list (it prefers its own order)"
                                : "the client's list (the server has no preference set)";
  const cipher* chosen = ch.choose();
  for (const cipher* x : order) {
    const auto reason = ch.passed(*x);
    if (!reason) break;
    why.passed_over.push_back({x, reason_sentence(ch, *x, *reason)});
  }
  if (chosen != nullptr) {
    why.choice = fmt::format("{}: the first suite of {} that both sides take for {}{}.",
                             chosen->name, whose, version_text(v),
                             why.passed_over.empty()
                                 ? ""
                                 : fmt::format(", after {} passed over", why.passed_over.size()));
  } else {
    why.choice =
        fmt::format("No suite of {} is one both sides take for {}.", whose, version_text(v));
  }
  if (result.ok) {
    if (!result.group.empty())
      why.key_exchange =
          v >= version::tlsv1_3
              ? fmt::format("{}{}: the server's choice among the groups the client sent{}.",
                            result.group, result.hello_retry ? " (after a HelloRetryRequest)" : "",
                            s.rules->group_tuples ? ", by the server's group tuples" : "")
              : fmt::format(
                    "{}: {}.", result.group,
                    (result.suite->kx & kx::dhe) != 0
                        ? "DHE parameters of the server (dh_auto follows the "
                          "certificate's key size; 4.0 takes an ffdhe group both list)"
                        : (s.server_order() ? "the server's first group the client also sent"
                                            : "the client's first group the server also allows"));
    else
      why.key_exchange = "RSA key exchange: no group.";
    why.signature = result.signature_type.empty()
                        ? fmt::format("The {} certificate; nothing is signed (RSA key exchange).",
                                      result.server_key)
                        : fmt::format(
                              "{}+{} with the {} certificate: the first scheme of the shared list "
                              "that certificate can make at both levels (client {}, server {}).",
                              result.signature_type, result.signature_hash, result.server_key,
                              c.level, s.level);
  }
  return why;
}

std::string what_selects(const prepared_endpoint& client_end, const prepared_endpoint& server_end,
                         std::string_view name) {
  const negotiation_side& c = client_end.side();
  const negotiation_side& s = server_end.side();
  const cipher* mine = s.release->find_cipher(name);
  if (mine == nullptr) mine = find_suite(*s.release, name);
  if (mine == nullptr)
    return fmt::format("OpenSSL {} (the server) has no suite named {}.", s.release->release(),
                       name);
  const handshake_result now = negotiate(client_end, server_end);
  if (now.ok && now.suite == mine) return fmt::format("{} is what they negotiate now.", mine->name);
  std::vector<std::string> steps;
  const cipher* theirs = c.release->find_cipher(mine->id);
  bool offered = false;
  for (const cipher* x : c.offered) offered = offered || x->id == mine->id;
  if (theirs == nullptr) {
    return fmt::format("OpenSSL {} (the client) does not know {}.", c.release->release(),
                       mine->name);
  }
  if (!offered)
    steps.push_back(not_offered_text(c, *theirs) + "; add it to the client's " +
                    (mine->min_tls >= version::tlsv1_3 ? "ciphersuites" : "cipher string") +
                    " within what its level and versions allow");
  bool in_server = false;
  for (const cipher* x : s.config.ciphers) in_server = in_server || x->id == mine->id;
  if (!in_server)
    steps.push_back(std::string("it is not in the server's list; add it to the server's ") +
                    (mine->min_tls >= version::tlsv1_3 ? "ciphersuites" : "cipher string"));
  const std::uint16_t v = now.ok ? now.protocol : now.version_chosen;
  if (v != 0 && (v < mine->min_tls || v > highest_version(*mine)))
    steps.push_back(fmt::format(
        "{} is negotiated and {} needs {}; set the maximum (or minimum) "
        "protocol so that {} is the highest both allow",
        version_text(v), mine->name, version_text(mine->min_tls), version_text(mine->min_tls)));
  if (v != 0 && v >= mine->min_tls && v <= highest_version(*mine)) {
    std::vector<const group_info*> sent;
    (void)groups_sent(c, sent);
    const suite_chooser ch(c, s, v, sent);
    if (const auto why = ch.refusal(*mine); why && *why != passed_reason::version)
      steps.push_back(reason_sentence(ch, *mine, *why));
    else if (in_server && offered)
      steps.push_back(fmt::format(
          "both take it, but {} comes first in {}; put {} ahead of it there{}",
          now.ok ? std::string(now.suite->name) : std::string("another suite"),
          s.server_order() ? "the server's list" : "the client's list", mine->name,
          s.server_order() ? "" : ", or set prefer-server and order the server's list"));
  }
  if (steps.empty())
    return fmt::format("{} cannot be negotiated here: {}", mine->name,
                       now.failure ? now.failure->explanation : std::string("see --why"));
  std::string out = fmt::format("To negotiate {}: ", mine->name);
  for (std::size_t i = 0; i < steps.size(); ++i) out += (i == 0 ? "" : "; ") + steps[i];
  return out + ".";
}

}  // namespace cipherexplain

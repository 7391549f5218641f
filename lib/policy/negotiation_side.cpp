// SPDX-License-Identifier: Apache-2.0
#include "policy/negotiation_side.hpp"

#include "policy/negotiation_steps.hpp"

#include "explain/suite_verdicts.hpp"
#include "text/ascii.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace cipherexplain {
namespace detail {
namespace {

// 1.1.x reads a group name with EC_curve_nist2nid, OBJ_sn2nid and OBJ_ln2nid (t1_lib.c nid_cb,
// OpenSSL_1_1_1w): "P-256", "prime256v1", "secp384r1", "X25519" work; "secp256r1" and "x25519"
// are no object names there.
bool known_to_11x(const group_info& g, std::string_view name) {
  if (name == "secp256r1" || name == "x25519" || name == "x448") return false;
  return g.family == group_family::ec || g.family == group_family::ecx;
}

void add_group(negotiation_side& side, const group_info* g, std::uint8_t tuple, bool share) {
  if (std::find(side.groups.begin(), side.groups.end(), g) != side.groups.end()) return;
  side.groups.push_back(g);
  side.tuple_of.push_back(tuple);
  if (share) side.keyshares.push_back(g);
}

void use_defaults(negotiation_side& side) {
  const handshake_rules& r = *side.rules;
  for (std::size_t i = 0; i < r.default_groups.size(); ++i) {
    const group_info* g = find_group(r.default_groups[i], true);
    const auto tuple = static_cast<std::uint8_t>(
        i < r.default_tuples.size() ? r.default_tuples[i].front() - '0' : 1);
    const bool share = std::find(r.default_keyshares.begin(), r.default_keyshares.end(),
                                 r.default_groups[i]) != r.default_keyshares.end();
    if (g != nullptr) add_group(side, g, tuple, share);
  }
}

}  // namespace

bool read_groups(negotiation_side& side, std::string_view text, std::string& reason) {
  const handshake_rules& r = *side.rules;
  const bool tuples = r.group_tuples;
  std::uint8_t tuple = 1;
  bool ok = true, any = false;
  while (ok) {
    std::size_t end = text.find_first_of(tuples ? ":/" : ":");
    std::string_view name = text.substr(0, end);
    bool optional = false, share = false;
    while (tuples && !name.empty() && (name.front() == '?' || name.front() == '*')) {
      (name.front() == '?' ? optional : share) = true;
      name.remove_prefix(1);
    }
    const group_info* g = find_group(name, r.groups_case_insensitive);
    const bool known = g != nullptr && series_at_least(r.series, g->since) &&
                       (r.groups_case_insensitive || known_to_11x(*g, name));
    if (tuples && equal_ignoring_case(name, "DEFAULT")) {
      use_defaults(side);
      any = true;
    } else if (known) {
      add_group(side, g, tuple, share);
      any = true;
    } else if (!optional) {
      ok = false;
    }
    if (end == std::string_view::npos) break;
    if (text[end] == '/') ++tuple;
    text.remove_prefix(end + 1);
  }
  if (ok && !any) ok = false;
  if (!ok) {
    side.groups.clear();
    side.tuple_of.clear();
    side.keyshares.clear();
    // 1.1.1 queues nothing (tls1_set_groups_list returns 0); 3.x ERR_R_PASSED_INVALID_ARGUMENT.
    reason = r.unnamed_groups_error_queued ? "passed invalid argument"
                                           : "groups: call failed, nothing queued";
  }
  return ok;
}

void prepare_client(negotiation_side& c) {
  c.groups_ok = groups_sent(c, c.sent_groups);
  if (c.window.highest < version::tlsv1_3) return;
  // tls_construct_ctos_key_share: the marked groups (3.5+), else the first allowed one.
  const auto allowed = [&](const group_info* g) {
    return g->security_bits >= c.min_bits &&
           valid_for(*g, version::tlsv1_3, version::tlsv1_3, *c.rules);
  };
  if (!c.keyshares.empty()) {
    for (const group_info* g : c.keyshares)
      if (allowed(g)) c.shares.push_back(g);
    return;
  }
  for (const group_info* g : c.groups)
    if (allowed(g)) {
      c.shares.push_back(g);
      return;
    }
}

}  // namespace detail

std::optional<std::vector<certificate_key>> certificates_named(std::string_view name) {
  using alg = certificate_key::algorithm;
  if (name == "none") return std::vector<certificate_key>{};
  if (name == "both") return std::vector<certificate_key>{{alg::rsa, 2048}, {alg::ec, 256}};
  constexpr std::pair<std::string_view, certificate_key> named[]{
      {"rsa1024", {alg::rsa, 1024}}, {"rsa2048", {alg::rsa, 2048}},  {"rsa3072", {alg::rsa, 3072}},
      {"rsa4096", {alg::rsa, 4096}}, {"ecdsa-p256", {alg::ec, 256}}, {"ecdsa-p384", {alg::ec, 384}},
      {"ecdsa-p521", {alg::ec, 521}}};
  for (const auto& [n, key] : named)
    if (n == name) return std::vector<certificate_key>{key};
  return std::nullopt;
}

std::string describe(const certificate_key& key) {
  return fmt::format("{}-{}", key.type == certificate_key::algorithm::rsa ? "RSA" : "EC", key.bits);
}

std::string_view side_name(handshake_side side) noexcept {
  return side == handshake_side::client ? "client" : "server";
}
std::string_view stage_name(handshake_stage stage) noexcept {
  return stage == handshake_stage::setup ? "setup" : "handshake";
}

prepared_endpoint::prepared_endpoint(const configuration_resolver& release,
                                     const tls_endpoint& endpoint)
    : side_(std::make_unique<detail::negotiation_side>()) {
  detail::negotiation_side& s = *side_;
  s.release = &release.release();
  s.rules = &detail::handshake_rules_of(*s.release);
  s.endpoint = endpoint;
  // A setter the release lacks: the application could not be built against it. The side is
  // resolved without its settings, and fails at setup.
  const auto not_configurable = check_configuration(*s.release, endpoint.config);
  evaluate_options options;
  options.detail = detail_level::result;
  release.resolve_into(s.config, not_configurable ? tls_configuration{} : endpoint.config, options);
  s.level = std::max(s.config.security_level, 0);
  s.min_bits = detail::level_bits(s.level);
  s.window = s.config.protocols;
  if (s.config.supported)
    s.offered = *s.config.supported;
  else if (s.config.security_level < 0)  // 1.0.x: no levels, only the PSK and SRP rule
    s.offered = usable_suites(*s.release, s.config.ciphers, 0).usable;
  const detail::suite_verdicts level(*s.release, s.level, protocol_settings{});
  s.level_refusal.reserve(s.release->ciphers().size());
  for (const cipher& x : s.release->ciphers()) s.level_refusal.push_back(level.level(x));

  const auto fail = [&](failure_cause cause, std::string reason, std::string_view step) {
    auto& slot =
        cause == failure_cause::certificate_too_small ? s.certificate_failure : s.setup_failure;
    if (slot) return;
    handshake_failure f;
    f.stage = handshake_stage::setup;
    f.cause = cause;
    f.reason = std::move(reason);
    f.step = step;
    slot = std::move(f);
  };
  if (not_configurable) fail(failure_cause::not_configurable, *not_configurable, "setup");
  // The recordings' order: level, min, max, cipher list, ciphersuites, groups, certificates.
  // ssl_cipher_process_rulestr queues SSL_R_INVALID_COMMAND for a rule it cannot read;
  // SSL_CTX_set_cipher_list SSL_R_NO_CIPHER_MATCH for a list without a TLS 1.2-or-older suite.
  if (endpoint.config.cipher_list && !s.config.list_ok)
    fail(failure_cause::cipher_list_rejected,
         s.config.cipher_list.failure == failure_reason::syntax ? "invalid command"
                                                                : "no cipher match",
         "ciphers");
  if (s.config.ciphersuites && !s.config.ciphersuites->ok)
    fail(failure_cause::ciphersuites_rejected, "no cipher match", "ciphersuites");
  std::string reason;
  if (endpoint.groups) {
    if (!detail::read_groups(s, *endpoint.groups, reason))
      fail(failure_cause::groups_rejected, reason, "groups");
  } else {
    detail::use_defaults(s);
  }
  // SSL_CTX_use_certificate checks the key against the level in force when it is loaded.
  const int load_bits = endpoint.certificates_first
                            ? detail::level_bits(s.release->default_security_level())
                            : s.min_bits;
  // Suite B (tls1_get_supported_groups, tls12_get_psigalgs): P-256 and P-384 only.
  if (s.config.suiteb != suiteb_prefix::none) {
    s.groups.clear();
    s.tuple_of.clear();
    s.keyshares.clear();
    const bool p256 = s.config.suiteb != suiteb_prefix::b192;
    const bool p384 = s.config.suiteb != suiteb_prefix::b128_only;
    if (p256) s.groups.push_back(detail::group_by_id(0x0017));
    if (p384) s.groups.push_back(detail::group_by_id(0x0018));
    s.tuple_of.assign(s.groups.size(), 1);
  }
  detail::prepare_client(s);
  for (const auto& key : endpoint.certificates) {
    const int bits =
        detail::key_security_bits(key.type == certificate_key::algorithm::rsa, key.bits, *s.rules);
    if (bits < load_bits && detail::series_at_least(s.release->series(), "1.1.0"))
      fail(failure_cause::certificate_too_small, "ee key too small", "cert");
    else if (bits < s.min_bits)
      s.certificate_too_small_later = true;
  }
}

prepared_endpoint::~prepared_endpoint() = default;
prepared_endpoint::prepared_endpoint(prepared_endpoint&&) noexcept = default;
prepared_endpoint& prepared_endpoint::operator=(prepared_endpoint&&) noexcept = default;

const tls_endpoint& prepared_endpoint::endpoint() const noexcept { return side_->endpoint; }
const configuration_result& prepared_endpoint::configuration() const noexcept {
  return side_->config;
}
const catalog& prepared_endpoint::release() const noexcept { return *side_->release; }

}  // namespace cipherexplain

// SPDX-License-Identifier: Apache-2.0
// The handshake model. Each step names the OpenSSL function whose decision it restates (ssl/
// statem/statem_lib.c, statem_clnt.c, statem_srvr.c, extensions_*.c, ssl/s3_lib.c, ssl/t1_lib.c
// of OpenSSL_1_1_1w, openssl-3.0.21, 3.5.7, 3.6.3, 4.0.1); the steps run in the order a real
// handshake makes them, so the first failure is the one OpenSSL reports.

#include "policy/negotiation_steps.hpp"

#include <algorithm>

namespace cipherexplain {
namespace {

using namespace detail;

struct outcome_builder {
  handshake_result result;
  handshake_result& fail(handshake_side side, failure_cause cause, std::string reason) {
    handshake_failure f;
    f.side = side;
    f.cause = cause;
    f.reason = std::move(reason);
    result.failure = std::move(f);
    return result;
  }
};

}  // namespace

handshake_result negotiate(const prepared_endpoint& client_end,
                           const prepared_endpoint& server_end) {
  const negotiation_side& c = client_end.side();
  const negotiation_side& s = server_end.side();
  outcome_builder out;
  handshake_result& r = out.result;
  const auto finish = [&](handshake_result& done) -> handshake_result {
    if (done.failure) detail::explain_failure(*done.failure, c, s, done.version_chosen);
    detail::add_release_notes(done, c, s);
    return std::move(done);
  };
  const auto internal = [](const negotiation_side& side, const char* named) {
    return std::string(side.rules->named_reasons ? named : "internal error");
  };

  // Setup: the client's calls are made first.
  // Certificates loaded first fail before any other call of the server is made.
  const bool certificate_before = s.endpoint.certificates_first && s.certificate_failure;
  const auto& server_failure =
      s.setup_failure && !certificate_before ? s.setup_failure : s.certificate_failure;
  for (const auto* failed : {&c.setup_failure, &server_failure}) {
    if (!*failed) continue;
    r.failure = **failed;
    r.failure->side = failed == &c.setup_failure ? handshake_side::client : handshake_side::server;
    return finish(r);
  }

  // Round 1, client: tls_setup_handshake / ssl_set_client_hello_version, then
  // ssl_cipher_list_to_bytes (nothing to offer, or nothing for its highest version: maxverok).
  if (!c.window.usable())
    return finish(
        out.fail(handshake_side::client, failure_cause::no_protocols, "no protocols available"));
  const bool max_ok = std::any_of(c.offered.begin(), c.offered.end(), [&](const cipher* x) {
    return highest_version(*x) >= c.window.highest;
  });
  if (c.offered.empty() || !max_ok)
    return finish(
        out.fail(handshake_side::client, failure_cause::no_ciphers, "no ciphers available"));
  if (!c.groups_ok)
    return finish(out.fail(handshake_side::client, failure_cause::no_groups, "no suitable groups"));
  if (c.window.highest >= version::tlsv1_3 && c.shares.empty())
    return finish(
        out.fail(handshake_side::client, failure_cause::no_key_share, "no suitable key share"));
  const std::vector<const group_info*>& sent_groups = c.sent_groups;
  const std::vector<const group_info*>& shares = c.shares;

  // Round 1, server: tls_setup_handshake checks its versions and that some suite of its list
  // can serve its highest version (not filtered by the level).
  if (!s.window.usable())
    return finish(out.fail(handshake_side::server,
                           s.rules->named_reasons ? failure_cause::no_protocols
                                                  : failure_cause::protocol_range_invalid,
                           internal(s, "no protocols available")));
  const bool serves_max =
      std::any_of(s.config.ciphers.begin(), s.config.ciphers.end(), [&](const cipher* x) {
        return x->min_tls <= s.window.highest && s.window.highest <= highest_version(*x);
      });
  if (!serves_max)
    return finish(
        out.fail(handshake_side::server, failure_cause::no_ciphers, "no ciphers available"));

  // Version: supported_versions when the client offers TLS 1.3 (and the server knows it),
  // else the client's legacy version (ssl_choose_server_version, ssl_choose_client_version).
  std::uint16_t v = 0;
  if (c.window.highest >= version::tlsv1_3 && s.rules->tls13) {
    v = std::min(c.window.highest, s.window.highest);
    if (v < c.window.lowest || v < s.window.lowest)
      return finish(out.fail(handshake_side::server, failure_cause::unsupported_protocol,
                             "unsupported protocol"));
  } else {
    const std::uint16_t legacy = std::min<std::uint16_t>(c.window.highest, version::tlsv1_2);
    if (legacy < s.window.lowest)
      return finish(out.fail(handshake_side::server, failure_cause::unsupported_protocol,
                             "unsupported protocol"));
    v = std::min(legacy, s.window.highest);
  }

  r.version_chosen = v;
  // TLS 1.2 and older: the signature schemes are matched before the suite is chosen
  // (tls_early_post_process_client_hello, tls1_set_server_sigalgs); TLS 1.3 after the key share.
  if (v < version::tlsv1_3 && !shares_signatures(c, s))
    return finish(out.fail(handshake_side::server, failure_cause::no_shared_signatures,
                           "no shared signature algorithms"));
  // The suite (ssl3_choose_cipher).
  const suite_chooser chooser(c, s, v, sent_groups);
  const cipher* chosen = chooser.choose();
  if (chosen == nullptr)
    return finish(
        out.fail(handshake_side::server, failure_cause::no_shared_cipher, "no shared cipher"));
  r.protocol = v;
  r.suite = chosen;
  return finish(detail::complete_handshake(out.result, c, s, sent_groups, shares,
                                           chooser.ecdhe_group(*chosen), chooser.ffdhe_group));
}

}  // namespace cipherexplain

namespace cipherexplain {

std::vector<handshake_result> negotiate_all(std::span<const prepared_endpoint* const> clients,
                                            std::span<const prepared_endpoint* const> servers) {
  std::vector<handshake_result> out;
  out.reserve(clients.size() * servers.size());
  for (const prepared_endpoint* c : clients)
    for (const prepared_endpoint* s : servers) out.push_back(negotiate(*c, *s));
  return out;
}

handshake_result negotiate(const catalog& client_release, const tls_endpoint& client,
                           const catalog& server_release, const tls_endpoint& server) {
  const configuration_resolver client_resolver(client_release);
  const prepared_endpoint c(client_resolver, client);
  if (&client_release == &server_release)
    return negotiate(c, prepared_endpoint(client_resolver, server));
  const configuration_resolver server_resolver(server_release);
  return negotiate(c, prepared_endpoint(server_resolver, server));
}

}  // namespace cipherexplain

// SPDX-License-Identifier: Apache-2.0
// A handshake's outcome for people: both sides in a line each, what they agree on or who
// fails and why, and with --why the reasoning.

#include "render_negotiation.hpp"

#include <fmt/format.h>

namespace cipherexplain::cli {
namespace {

std::string side_line(const char* label, const prepared_endpoint& side, bool server) {
  const tls_endpoint& e = side.endpoint();
  const configuration_result& r = side.configuration();
  std::string out = fmt::format("{} OpenSSL {}, level {}, ", label, side.release().release(),
                                std::max(r.security_level, 0));
  out += r.protocols.usable()
             ? (r.protocols.lowest == r.protocols.highest
                    ? std::string(protocol_version_name(r.protocols.lowest))
                    : fmt::format("{}-{}", protocol_version_name(r.protocols.lowest),
                                  protocol_version_name(r.protocols.highest)))
             : std::string("no usable protocol");
  out += fmt::format(", ciphers '{}'", e.config.cipher_list ? printable(*e.config.cipher_list)
                                                            : std::string("(default)"));
  if (e.config.ciphersuites)
    out += fmt::format(", ciphersuites '{}'", printable(*e.config.ciphersuites));
  if (e.groups) out += fmt::format(", groups '{}'", printable(*e.groups));
  if (server) {
    std::string certs;
    for (const auto& key : e.certificates) certs += (certs.empty() ? "" : " + ") + describe(key);
    out += ", certificate " + (certs.empty() ? std::string("none") : certs);
    if (e.prefer_server) out += ", prefers its own order";
    if (e.certificates_first) out += ", certificate loaded before the level";
  }
  return out + "\n";
}

}  // namespace

std::string render_negotiation_text(const prepared_endpoint& client,
                                    const prepared_endpoint& server, const handshake_result& r,
                                    const negotiation_why* why, const style& colours) {
  std::string out = side_line("Client:", client, false) + side_line("Server:", server, true);
  if (r.ok) {
    const suite_rating rated = rate(*r.suite);
    out += fmt::format("\n{} {} {}", colours.bold("Negotiated:"), protocol_version_name(r.protocol),
                       colours.for_rating(rated.level, r.suite->name));
    if (!r.suite->stdname.empty() && r.suite->stdname != r.suite->name)
      out += fmt::format(" ({})", r.suite->stdname);
    out += fmt::format(" - {}\n", rating_name(rated.level));
    out += fmt::format("  key exchange {}{}, ",
                       r.group.empty() ? std::string("RSA (no group)") : r.group,
                       r.hello_retry ? " after a HelloRetryRequest" : "");
    out += r.signature_type.empty() ? fmt::format("{} certificate, nothing signed\n", r.server_key)
                                    : fmt::format("signed {}+{} with the {} certificate\n",
                                                  r.signature_type, r.signature_hash, r.server_key);
  } else {
    const handshake_failure& f = *r.failure;
    out += fmt::format("\n{} the {} fails {}: {}\n", colours.for_rating(rating::insecure, "Fails:"),
                       side_name(f.side),
                       f.stage == handshake_stage::setup ? fmt::format("at setup ({})", f.step)
                                                         : std::string("in the handshake"),
                       colours.bold(f.reason));
    out += fmt::format("  {}\n", f.explanation);
  }
  for (const std::string& note : r.notes) out += fmt::format("  Note: {}\n", note);
  if (why == nullptr) return out;
  out += fmt::format("\n{}\n", colours.bold("Why:"));
  if (!why->version.empty()) out += fmt::format("  Version: {}\n", why->version);
  if (!why->choice.empty()) out += fmt::format("  Suite: {}\n", why->choice);
  std::size_t width = 0;
  for (const passed_suite& p : why->passed_over) width = std::max(width, p.suite->name.size());
  for (const passed_suite& p : why->passed_over)
    out += fmt::format("    {:<{}}  {}\n", p.suite->name, width, p.reason);
  if (!why->key_exchange.empty()) out += fmt::format("  Key exchange: {}\n", why->key_exchange);
  if (!why->signature.empty()) out += fmt::format("  Signature: {}\n", why->signature);
  return out;
}

}  // namespace cipherexplain::cli

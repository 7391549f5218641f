// SPDX-License-Identifier: Apache-2.0
// negotiate: which protocol and suite a client and a server agree on, or why they fail.

#include "commands.hpp"
#include "endpoints.hpp"
#include "exit_codes.hpp"
#include "options.hpp"
#include "releases.hpp"
#include "render_negotiation.hpp"

#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

namespace cipherexplain::cli {
namespace {

struct negotiate_options {
  shared_options shared;
  std::string client, server;
  bool why = false;
  std::vector<std::string> suites;
};

}  // namespace

void add_negotiate_command(CLI::App& app, const shared_options& before, int& exit_status) {
  auto o = std::make_shared<negotiate_options>();
  CLI::App* cmd = app.add_subcommand(
      "negotiate",
      "Simulate the handshake of a client and a server, each a TLS configuration on its own\n"
      "OpenSSL release: the protocol, suite, key exchange group and signature they agree on,\n"
      "or which side fails first, at which stage, with OpenSSL's reason and the setting that\n"
      "causes it. No connection is made: the model is checked against real handshakes.\n"
      "\n"
      "A SPEC is key=value pairs separated by commas:\n"
      "  openssl=R          the side's release (default: --openssl)\n"
      "  ciphers=STRING     SSL_CTX_set_cipher_list (commas inside it are fine)\n"
      "  ciphersuites=LIST  SSL_CTX_set_ciphersuites (TLS 1.3)\n"
      "  min=V, max=V       protocol bounds: TLSv1, TLSv1.1, TLSv1.2, TLSv1.3, or 0\n"
      "  level=N            security level 0-5\n"
      "  groups=LIST        SSL_CTX_set1_groups_list, e.g. X25519:P-256\n"
      "  cert=NAME          the server's certificate: rsa1024, rsa2048 (default), rsa3072,\n"
      "                     rsa4096, ecdsa-p256, ecdsa-p384, ecdsa-p521, both (RSA-2048 and\n"
      "                     P-256), none\n"
      "  prefer-server      SSL_OP_CIPHER_SERVER_PREFERENCE (the server's)\n"
      "  cert-first         the certificate is loaded before the level is set\n"
      "  preset=NAME        start from a preset (see `preset list`), e.g. python-3.6.1 or\n"
      "                     mozilla-modern-5.8; the other pairs override its settings. A\n"
      "                     SPEC that is just a preset's name means preset=NAME.\n"
      "  context=C          Python's context (default: client for --client, server for\n"
      "                     --server): sslcontext, client, server, tls-client, tls-server\n"
      "A preset runs on the release it bundled (or the recorded one of its series) unless\n"
      "--openssl or openssl= names one. An empty SPEC ('') is the release's defaults.");
  cmd->footer(
      "Examples:\n"
      "  cipherexplain negotiate --client 'openssl=1.1.1' --server 'openssl=3.5,min=TLSv1.3'\n"
      "  cipherexplain negotiate --client 'ciphers=kRSA,max=TLSv1.2' --server cert=ecdsa-p256\n"
      "  cipherexplain negotiate --why --client '' --server 'ciphers=HIGH:!aNULL,prefer-server'\n"
      "  cipherexplain negotiate --suite ECDHE-RSA-AES128-GCM-SHA256 --client max=TLSv1.2 --server ''\n"
      "  cipherexplain negotiate --format json --client level=5 --server cert=ecdsa-p384\n"
      "  cipherexplain negotiate --client python-3.6.1 --server mozilla-modern-5.8\n"
      "  cipherexplain negotiate --client preset=python-3.10.0,openssl=3.5 --server nginx-1.24.0\n"
      "\n"
      "Exit status: 0 the handshake completes, 1 it fails, 2 usage error, 5 the output could\n"
      "not be written.");
  o->shared.add_release(*cmd, false);
  o->shared.add_format(*cmd);
  cmd->add_option("--client", o->client, "The client's SPEC")->required()->type_name("SPEC");
  cmd->add_option("--server", o->server, "The server's SPEC")->required()->type_name("SPEC");
  cmd->add_flag("--why", o->why,
                "Explain: how the version was chosen, whose order decided the suite, why each "
                "suite ahead of it was passed over, how the group and signature were chosen");
  cmd->add_option("--suite", o->suites,
                  "What it would take to negotiate NAME (OpenSSL or IANA name); repeatable")
      ->type_name("NAME");
  o->shared.add_color(*cmd);
  cmd->callback([&app, &before, cmd, o, &exit_status] {
    const shared_options s = effective_options(app, before, *cmd, o->shared,
                                               takes::release | takes::format | takes::color);
    const catalog& release = one_release(s.release_spec, "negotiate");
    resolvers all;
    // A preset runs on its own (bundled) release unless --openssl says otherwise.
    const bool given = (o->shared.release_option && o->shared.release_option->count() > 0) ||
                       (before.release_option && before.release_option->count() > 0);
    const named_endpoint client_spec = read_spec(o->client, release, "--client", given);
    const named_endpoint server_spec = read_spec(o->server, release, "--server", given);
    const prepared_endpoint client = prepare(all, client_spec);
    const prepared_endpoint server = prepare(all, server_spec);
    const handshake_result result = negotiate(client, server);
    std::optional<negotiation_why> why;
    if (o->why) why = explain_negotiation(client, server, result);
    std::vector<std::string> answers;
    for (const std::string& name : o->suites) answers.push_back(what_selects(client, server, name));
    if (s.format == "json") {
      std::string out = negotiation_json(client, server, result, why ? &*why : nullptr);
      std::vector<std::pair<std::string, std::string>> extra;
      if (!client_spec.preset_note.empty())
        extra.emplace_back("client_preset", client_spec.preset_note);
      if (!server_spec.preset_note.empty())
        extra.emplace_back("server_preset", server_spec.preset_note);
      if (!extra.empty()) {
        out.resize(out.size() - 2);  // "}\n"
        while (!out.empty() && out.back() == '\n') out.pop_back();
        for (const auto& [key, value] : extra) {
          out += ",\n  ";
          append_json_string(out, key);
          out += ": ";
          append_json_string(out, value);
        }
        out += "\n}\n";
      }
      if (!answers.empty()) {
        // One more key: the answers to --suite, in order.
        out.resize(out.size() - 2);  // "}\n"
        while (!out.empty() && out.back() == '\n') out.pop_back();
        out += ",\n  \"suites\": [";
        for (std::size_t i = 0; i < answers.size(); ++i) {
          out += i == 0 ? "\n    {" : ",\n    {";
          out += "\"suite\": ";
          append_json_string(out, o->suites[i]);
          out += ", \"answer\": ";
          append_json_string(out, answers[i]);
          out += "}";
        }
        out += "\n  ]\n}\n";
      }
      print(out);
    } else {
      std::string out;
      for (const auto* side : {&client_spec, &server_spec})
        if (!side->preset_note.empty()) out += side->preset_note + "\n";
      if (!out.empty()) out += "\n";
      out += render_negotiation_text(client, server, result, why ? &*why : nullptr,
                                     style::from_mode(s.color));
      for (const std::string& answer : answers) out += "\n" + answer + "\n";
      print(out);
    }
    exit_status = result.ok ? exit_accepted : exit_rejected;
  });
}

}  // namespace cipherexplain::cli

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
      "An empty SPEC ('') is the release's defaults.");
  cmd->footer(
      "Examples:\n"
      "  cipherexplain negotiate --client 'openssl=1.1.1' --server 'openssl=3.5,min=TLSv1.3'\n"
      "  cipherexplain negotiate --client 'ciphers=kRSA,max=TLSv1.2' --server cert=ecdsa-p256\n"
      "  cipherexplain negotiate --why --client '' --server 'ciphers=HIGH:!aNULL,prefer-server'\n"
      "  cipherexplain negotiate --suite ECDHE-RSA-AES128-GCM-SHA256 --client max=TLSv1.2 --server ''\n"
      "  cipherexplain negotiate --format json --client level=5 --server cert=ecdsa-p384\n"
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
    const prepared_endpoint client = prepare(all, read_spec(o->client, release, "--client"));
    const prepared_endpoint server = prepare(all, read_spec(o->server, release, "--server"));
    const handshake_result result = negotiate(client, server);
    std::optional<negotiation_why> why;
    if (o->why) why = explain_negotiation(client, server, result);
    std::vector<std::string> answers;
    for (const std::string& name : o->suites) answers.push_back(what_selects(client, server, name));
    if (s.format == "json") {
      std::string out = negotiation_json(client, server, result, why ? &*why : nullptr);
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
      std::string out = render_negotiation_text(client, server, result, why ? &*why : nullptr,
                                                style::from_mode(s.color));
      for (const std::string& answer : answers) out += "\n" + answer + "\n";
      print(out);
    }
    exit_status = result.ok ? exit_accepted : exit_rejected;
  });
}

}  // namespace cipherexplain::cli

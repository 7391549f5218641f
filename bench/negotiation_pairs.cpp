// SPDX-License-Identifier: Apache-2.0
// Simulated handshakes against real in-process handshakes of the linked libssl (BIO pair), in
// the same run, and matrices of generated clients and servers (bench/README.md).

#include "negotiation_pairs.hpp"

#include "generated_handshakes.hpp"
#include "real_handshake.hpp"

#include <cipherexplain.hpp>

#include <benchmark/benchmark.h>
#include <openssl/crypto.h>

#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace cipherexplain::bench {
namespace {

using testing::real_outcome;
using testing::real_side;
using testing::side_fields;

struct handshake_case {
  std::string name;
  side_fields client, server;
};

const std::string python36 =
    "ECDH+AESGCM:ECDH+CHACHA20:DH+AESGCM:DH+CHACHA20:ECDH+AES256:DH+AES256:ECDH+AES128:DH+AES:"
    "ECDH+HIGH:DH+HIGH:RSA+AESGCM:RSA+AES:RSA+HIGH:!aNULL:!eNULL:!MD5:!3DES";
const std::string mozilla_intermediate =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305";

std::vector<handshake_case> cases() {
  return {
      {"defaults-tls13-rsa2048", {}, {}},
      {"tls12-ecdhe-ecdsa-p256", {{"max", "TLS1.2"}}, {{"cert", "ecdsa-p256"}}},
      {"python36-vs-mozilla-intermediate",
       {{"ciphers", python36}, {"max", "TLS1.2"}},
       {{"ciphers", mozilla_intermediate}, {"min", "TLS1.2"}, {"prefer_server", "true"}}},
      {"tls12-dhe-rsa3072", {{"ciphers", "kDHE"}, {"max", "TLS1.2"}}, {{"cert", "rsa3072"}}},
      {"no-shared-cipher", {{"ciphers", "kRSA"}, {"max", "TLS1.2"}}, {{"cert", "ecdsa-p256"}}},
  };
}

real_side real_side_of(const side_fields& fields) {
  real_side s;
  for (const auto& [key, value] : fields) {
    if (key == "ciphers") s.ciphers = value;
    if (key == "ciphersuites") s.ciphersuites = value;
    if (key == "min") s.min = value;
    if (key == "max") s.max = value;
    if (key == "groups") s.groups = value;
    if (key == "seclevel") s.seclevel = std::stoi(value);
    if (key == "prefer_server") s.prefer_server = value == "true";
    if (key == "cert") s.cert = value;
    if (key == "cert_first") s.cert_first = value == "true";
  }
  return s;
}

tls_endpoint endpoint_of(const side_fields& fields) {
  tls_endpoint e;
  for (const auto& [key, value] : fields)
    if (set_endpoint_field(e, key, value)) throw std::invalid_argument("bad field " + key);
  return e;
}

std::string line_of(const real_outcome& o) {
  return o.ok ? "OK " + o.protocol + " " + o.cipher + " " + o.group + " " + o.server_key + " " +
                    o.server_sig
              : "FAIL " + o.error_side + " " + o.stage + " " + o.error;
}

std::string line_of(const handshake_result& r) {
  if (!r.ok)
    return "FAIL " + std::string(side_name(r.failure->side)) + " " +
           std::string(stage_name(r.failure->stage)) + " " + r.failure->reason;
  const std::string sig = r.signature_type.empty() ? "" : r.signature_type + "+" + r.signature_hash;
  return "OK " + std::string(protocol_version_name(r.protocol)) + " " + std::string(r.suite->name) +
         " " + r.group + " " + r.server_key + " " + sig;
}

const configuration_resolver& resolver_3_0() {
  static const configuration_resolver r(*catalog::find("3.0"));
  return r;
}

void openssl_handshake(benchmark::State& state, const handshake_case& c) {
  const testing::real_contexts contexts(real_side_of(c.client), real_side_of(c.server));
  for (auto _ : state) benchmark::DoNotOptimize(contexts.handshake().ok);
}

void cipherexplain_handshake(benchmark::State& state, const handshake_case& c) {
  const prepared_endpoint client(resolver_3_0(), endpoint_of(c.client));
  const prepared_endpoint server(resolver_3_0(), endpoint_of(c.server));
  for (auto _ : state) benchmark::DoNotOptimize(negotiate(client, server).ok);
}

void openssl_setup_handshake(benchmark::State& state, const handshake_case& c) {
  const real_side client = real_side_of(c.client), server = real_side_of(c.server);
  for (auto _ : state) benchmark::DoNotOptimize(testing::real_handshake(client, server).ok);
}

void cipherexplain_setup_handshake(benchmark::State& state, const handshake_case& c) {
  const tls_endpoint client = endpoint_of(c.client), server = endpoint_of(c.server);
  for (auto _ : state) {
    const prepared_endpoint a(resolver_3_0(), client), b(resolver_3_0(), server);
    benchmark::DoNotOptimize(negotiate(a, b).ok);
  }
}

// A matrix as the CLI makes one: every side prepared once, every pair negotiated.
void matrix(benchmark::State& state, std::vector<const catalog*> releases) {
  const auto pairs = testing::generated_handshakes(100, 7);
  std::deque<configuration_resolver> resolvers;
  for (const catalog* r : releases) resolvers.emplace_back(*r);
  std::size_t connected = 0;
  for (auto _ : state) {
    for (const configuration_resolver& r : resolvers) {
      std::vector<prepared_endpoint> sides;
      sides.reserve(200);
      std::vector<const prepared_endpoint*> clients, servers;
      for (const auto& p : pairs) {
        // Before 1.1.1 a side with TLS 1.3 ciphersuites or levels cannot be set up: those
        // releases get the fields they have (the CLI refuses the others).
        for (const side_fields* fields : {&p.client, &p.server}) {
          tls_endpoint e = endpoint_of(*fields);
          if (check_configuration(r.release(), e.config)) e.config = tls_configuration{};
          sides.emplace_back(r, e);
        }
      }
      for (std::size_t i = 0; i < sides.size(); ++i)
        (i % 2 == 0 ? clients : servers).push_back(&sides[i]);
      const auto cells = negotiate_all(clients, servers);
      for (const auto& cell : cells) connected += cell.ok ? 1 : 0;
    }
  }
  benchmark::DoNotOptimize(connected);
  state.counters["pairs"] = static_cast<double>(10000 * releases.size());
}

}  // namespace

bool register_negotiation_pairs() {
  bool agree = true;
  for (const handshake_case& c : cases()) {
    const std::string real =
        line_of(testing::real_handshake(real_side_of(c.client), real_side_of(c.server)));
    const std::string simulated =
        line_of(negotiate(prepared_endpoint(resolver_3_0(), endpoint_of(c.client)),
                          prepared_endpoint(resolver_3_0(), endpoint_of(c.server))));
    if (real != simulated) {
      std::fprintf(stderr, "handshake %s: %s gives '%s', cipherexplain '%s'\n", c.name.c_str(),
                   OpenSSL_version(OPENSSL_VERSION), real.c_str(), simulated.c_str());
      agree = false;
    }
  }
  if (!agree) return false;
  for (const handshake_case& c : cases()) {
    benchmark::RegisterBenchmark(("openssl_handshake/" + c.name).c_str(), openssl_handshake, c);
    benchmark::RegisterBenchmark(("cipherexplain_handshake/" + c.name).c_str(),
                                 cipherexplain_handshake, c);
  }
  for (const handshake_case& c : cases()) {
    benchmark::RegisterBenchmark(("openssl_setup_handshake/" + c.name).c_str(),
                                 openssl_setup_handshake, c);
    benchmark::RegisterBenchmark(("cipherexplain_setup_handshake/" + c.name).c_str(),
                                 cipherexplain_setup_handshake, c);
  }
  benchmark::RegisterBenchmark("matrix/100x100/3.0", matrix,
                               std::vector<const catalog*>{catalog::find("3.0")})
      ->Unit(benchmark::kMillisecond);
  const auto all = catalog::all();
  benchmark::RegisterBenchmark("matrix/100x100/all-12-releases", matrix,
                               std::vector<const catalog*>(all.begin(), all.end()))
      ->Unit(benchmark::kMillisecond);
  return true;
}

}  // namespace cipherexplain::bench

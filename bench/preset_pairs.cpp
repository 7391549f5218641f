// SPDX-License-Identifier: Apache-2.0
// A preset on the linked release: cipherexplain's resolve_preset() against libssl making the
// context the software makes.
//
// openssl_preset/<case>: what the software does per context - SSL_CTX_new(TLS_method()), its
// SSL_CTX_set_options, each SSL_CTX_set_cipher_list call in order, SSL_CTX_set_ciphersuites,
// the protocol bounds - then SSL_CTX_get_ciphers and SSL_CTX_get_options, and SSL_CTX_free.
// A fresh context per iteration, unlike the configuration pairs: the question a preset answers
// is "what does this software's new context hold", and Python makes one per SSLContext.
//
// cipherexplain_preset/<case>: resolve_preset() on a configuration_resolver prepared once (as
// the timeline and matrices use it), which also computes usability and findings that OpenSSL
// does not.

#include "preset_pairs.hpp"

#include <cipherexplain.hpp>

#include <benchmark/benchmark.h>
#include <openssl/crypto.h>
#include <openssl/ssl.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace cipherexplain::bench {
namespace {

struct preset_case {
  std::string name, context;
  preset entry;
  std::uint64_t set_options = 0;  // the software's options, as the linked headers define them
};

const catalog& linked() { return *catalog::find("3.0.19"); }

struct made {
  std::vector<std::string> names;
  std::uint64_t options = 0;
};

// The context the software makes: a fresh one, its options, its calls in order.
SSL_CTX* configure(const preset_case& c) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_method());
  SSL_CTX_set_options(ctx, c.set_options);
  for (const std::string& call : c.entry.cipher_calls) SSL_CTX_set_cipher_list(ctx, call.c_str());
  if (c.entry.ciphersuites) SSL_CTX_set_ciphersuites(ctx, c.entry.ciphersuites->c_str());
  if (c.entry.min_protocol) SSL_CTX_set_min_proto_version(ctx, c.entry.min_protocol);
  if (c.entry.max_protocol) SSL_CTX_set_max_proto_version(ctx, c.entry.max_protocol);
  return ctx;
}

made make_context(const preset_case& c) {
  made out;
  SSL_CTX* ctx = configure(c);
  const STACK_OF(SSL_CIPHER)* list = SSL_CTX_get_ciphers(ctx);
  for (int i = 0; i < sk_SSL_CIPHER_num(list); ++i)
    out.names.emplace_back(SSL_CIPHER_get_name(sk_SSL_CIPHER_value(list, i)));
  out.options = SSL_CTX_get_options(ctx);
  SSL_CTX_free(ctx);
  return out;
}

void openssl_preset(benchmark::State& state, const preset_case& c) {
  for (auto _ : state) {
    SSL_CTX* ctx = configure(c);
    benchmark::DoNotOptimize(SSL_CTX_get_ciphers(ctx));
    benchmark::DoNotOptimize(SSL_CTX_get_options(ctx));
    SSL_CTX_free(ctx);
  }
}

void cipherexplain_preset(benchmark::State& state, const preset_case& c,
                          const configuration_resolver& release) {
  for (auto _ : state) {
    const preset_result r = resolve_preset(c.entry, release);
    benchmark::DoNotOptimize(r.resolved.ciphers.data());
    benchmark::DoNotOptimize(r.options);
  }
}

std::vector<preset_case> cases() {
  std::vector<preset_case> out;
  // Python's presets set only options whose values the linked headers define: the set the
  // cases below name, in the linked headers' values (so OpenSSL sees what Python passes).
  const std::uint64_t py36 = (SSL_OP_ALL & ~SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS) | SSL_OP_NO_SSLv2 |
                             SSL_OP_NO_SSLv3 | SSL_OP_NO_COMPRESSION |
                             SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_SINGLE_DH_USE |
                             SSL_OP_SINGLE_ECDH_USE;
  const struct {
    const char* name;
    const char* context;
    std::uint64_t options;
  } wanted[] = {
      {"python-2.7.18", "server", py36},
      {"python-3.6.15", "client", py36},
      {"python-3.11.2", "client", py36 | SSL_OP_IGNORE_UNEXPECTED_EOF},
      {"python-3.12.0", "client", py36},
      // nginx as the generator configures it: ssl_protocols TLSv1.2 TLSv1.3 sets SSL_OP_NO_*,
      // ssl_prefer_server_ciphers off.
      {"mozilla-intermediate-5.8", "", SSL_OP_NO_SSLv3 | SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1},
  };
  for (const auto& w : wanted) {
    std::string error;
    auto p = find_preset(w.name, w.context, error);
    if (!p) {
      std::fprintf(stderr, "preset %s: %s\n", w.name, error.c_str());
      continue;
    }
    // Appended piece by piece: GCC 12 -O2 reports a false -Wrestrict on "/" + std::string&&.
    std::string label = w.name;
    if (*w.context != '\0') {
      label += '/';
      label += w.context;
    }
    out.push_back({std::move(label), w.context, *p, w.options});
  }
  return out;
}

}  // namespace

bool register_preset_pairs() {
  static const std::vector<preset_case> all = cases();
  static const configuration_resolver release(linked());
  bool same = all.size() == 5;
  for (const preset_case& c : all) {
    const preset_result mine = resolve_preset(c.entry, release);
    std::vector<std::string> names;
    for (const cipher* s : mine.resolved.ciphers) names.emplace_back(s->name);
    const made theirs = make_context(c);
    if (names != theirs.names || mine.options != theirs.options) {
      std::fprintf(stderr, "preset %s: cipherexplain and %s disagree (options %llx vs %llx)\n",
                   c.name.c_str(), OpenSSL_version(OPENSSL_VERSION),
                   static_cast<unsigned long long>(mine.options),
                   static_cast<unsigned long long>(theirs.options));
      same = false;
    }
  }
  if (!same) return false;
  for (const preset_case& c : all) {
    benchmark::RegisterBenchmark(("openssl_preset/" + c.name).c_str(), openssl_preset, c);
    benchmark::RegisterBenchmark(("cipherexplain_preset/" + c.name).c_str(), cipherexplain_preset,
                                 c, std::cref(release));
  }
  return true;
}

}  // namespace cipherexplain::bench

// SPDX-License-Identifier: Apache-2.0
// A TLS configuration resolved by cipherexplain against the linked libssl doing the same.
//
// openssl_config/<case>: on one SSL_CTX kept across iterations, the calls an application makes
// for the configuration (SSL_CTX_set_security_level, SSL_CTX_set_cipher_list,
// SSL_CTX_set_ciphersuites, SSL_CTX_set_options(SSL_OP_NO_*), SSL_CTX_set_min/max_proto_version,
// for the fields that are set), then what it takes to learn which suites a client offers:
// SSL_new, SSL_set_connect_state, SSL_get1_supported_ciphers, sk_SSL_CIPHER_free, SSL_free.
//
// Why one context kept across iterations, not SSL_CTX_new per iteration: SSL_CTX_new is
// mostly work that has nothing to do with the configuration (the method, the X509 store, the
// session cache, loading the provider's algorithms on first use), which cipherexplain does once
// per release in the configuration_resolver, as the cipher-list pairs of benchmarks.cpp keep
// one context too. Every setter replaces what the previous iteration set, so the context is
// in the same state at every iteration as a fresh context given the configuration; the check
// below verifies exactly that (a fresh context, then the same context configured again). This
// choice is in OpenSSL's favour where a field is not set: a reused context skips that setter,
// while cipherexplain still evaluates the DEFAULT list a fresh context starts from
// (`mozilla-modern`, `ciphersuites-unknown`).
//
// cipherexplain_config/<case>: configuration_resolver::resolve_into with detail_level::result,
// reusing the result and the parse tree (the scratch overload, as the batch command resolves
// many lines), as the cipher-list pairs reuse theirs. config_parts/<case>/<part> splits it:
// `fresh-tree` is resolve_into without the scratch tree (a tree parsed and freed per call),
// `cipher-list` the cipher string's parse + evaluate alone, `ciphersuites` set_ciphersuites()
// alone, `supported` supported() on the resolved list alone.

#include "configuration_pairs.hpp"

#include <cipherexplain.hpp>

#include <benchmark/benchmark.h>
#include <openssl/crypto.h>
#include <openssl/ssl.h>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cipherexplain::bench {

namespace {

struct config_case {
  std::string name;
  tls_configuration config;
};

tls_configuration make(std::optional<std::string> cipher_list,
                       std::optional<std::string> ciphersuites, std::optional<int> level,
                       std::uint16_t min, std::uint16_t max) {
  tls_configuration c;
  c.cipher_list = std::move(cipher_list);
  c.ciphersuites = std::move(ciphersuites);
  c.security_level = level;
  c.min_protocol = min;
  c.max_protocol = max;
  return c;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += ':';
    out += p;
  }
  return out;
}

std::vector<config_case> config_cases() {
  // Five TLS 1.3 names 3.0 knows, among names it does not (later releases' suites, other
  // libraries' suites, misspellings), which 3.0's SSL_CTX_set_ciphersuites skips.
  const std::vector<std::string> suites = {"TLS_AES_256_GCM_SHA384",
                                           "TLS_SM4_GCM_SM3",
                                           "TLS_SM4_CCM_SM3",
                                           "TLS_AEGIS_256_SHA512",
                                           "TLS_AEGIS_128L_SHA256",
                                           "TLS_CHACHA20_POLY1305_SHA256",
                                           "TLS_SHA256_SHA256",
                                           "TLS_SHA384_SHA384",
                                           "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_L",
                                           "TLS_GOSTR341112_256_WITH_MAGMA_MGM_L",
                                           "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_S",
                                           "TLS_GOSTR341112_256_WITH_MAGMA_MGM_S",
                                           "TLS_AES_128_GCM_SHA256",
                                           "TLS_AES_128_CCM_SHA256",
                                           "TLS_AES_256_GCM_SHA256",
                                           "TLS_AES_128_GCM_SHA384",
                                           "TLS_CHACHA20_POLY1305_SHA384",
                                           "TLS13_AES_128_GCM_SHA256",
                                           "TLS_AES_128_CCM_8_SHA256",
                                           "tls-aes-256-gcm-sha384",
                                           "TLS_ECCPWD_WITH_AES_128_GCM_SHA256",
                                           "TLS_ECCPWD_WITH_AES_256_GCM_SHA384",
                                           "TLS_AES_256_CCM_SHA384",
                                           "TLS_NULL_SHA256"};
  return {
      {"mozilla-intermediate",
       make(
           "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-"
           "SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-"
           "POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305",
           std::nullopt, std::nullopt, version::tlsv1_2, 0)},
      {"mozilla-modern",
       make(std::nullopt,
            "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256",
            std::nullopt, version::tlsv1_3, 0)},
      {"DEFAULT", make("DEFAULT", std::nullopt, std::nullopt, 0, 0)},
      {"HIGH:!aNULL:!MD5-level0-TLS1-TLS1.3",
       make("HIGH:!aNULL:!MD5", std::nullopt, 0, version::tlsv1, version::tlsv1_3)},
      {"ALL:COMPLEMENTOFALL-level0", make("ALL:COMPLEMENTOFALL", std::nullopt, 0, 0, 0)},
      {"python3.6",
       make("ECDH+AESGCM:ECDH+CHACHA20:DH+AESGCM:DH+CHACHA20:ECDH+AES256:DH+AES256:ECDH+AES128:DH+"
            "AES:ECDH+HIGH:DH+HIGH:RSA+AESGCM:RSA+AES:RSA+HIGH:!aNULL:!eNULL:!MD5:!3DES",
            std::nullopt, std::nullopt, 0, 0)},
      // From 3.1 a security level of 1 or more refuses every version below TLS 1.2, and
      // SSL_get1_supported_ciphers returns NULL here; 3.0 lists the suites TLS 1.0 can carry.
      {"TLS1-only-level2", make("DEFAULT", std::nullopt, 2, version::tlsv1, version::tlsv1)},
      {"ciphersuites-unknown", make(std::nullopt, join(suites), std::nullopt, 0, 0)},
  };
}

const catalog& release_3_0() { return *catalog::find("3.0"); }

// The case with every setter called, as an application that sets the whole configuration
// does: a field the case leaves unset gets what a fresh context holds (the build's level,
// `DEFAULT`, the default TLS 1.3 suites, bounds 0), so the context ends in the same state and
// OpenSSL can no longer skip a call on its reused context.
tls_configuration every_setter(tls_configuration c) {
  const catalog& release = release_3_0();
  if (!c.security_level) c.security_level = release.default_security_level();
  if (!c.cipher_list) c.cipher_list = "DEFAULT";
  if (!c.ciphersuites) {
    std::string suites;
    for (const cipher* s : release.tls13_default()) {
      if (!suites.empty()) suites += ':';
      suites += s->stdname;
    }
    c.ciphersuites = suites;
  }
  return c;
}

evaluate_options result_only() {
  evaluate_options o;
  o.detail = detail_level::result;
  return o;
}

std::uint64_t no_options(std::uint8_t disabled) {
  std::uint64_t out = 0;
  if ((disabled & protocol_bit::sslv3) != 0) out |= SSL_OP_NO_SSLv3;
  if ((disabled & protocol_bit::tlsv1) != 0) out |= SSL_OP_NO_TLSv1;
  if ((disabled & protocol_bit::tlsv1_1) != 0) out |= SSL_OP_NO_TLSv1_1;
  if ((disabled & protocol_bit::tlsv1_2) != 0) out |= SSL_OP_NO_TLSv1_2;
  if ((disabled & protocol_bit::tlsv1_3) != 0) out |= SSL_OP_NO_TLSv1_3;
  return out;
}

// What the setters returned (1 for one not called).
struct setter_returns {
  long list = 1, suites = 1, min = 1, max = 1;
  friend bool operator==(const setter_returns&, const setter_returns&) = default;
};

// The calls in tls_configuration's order, for the fields that are set. A case made by
// every_setter() has every field set; its protocol bounds are called even when 0 (0 is a
// bound: "the lowest" or "the highest" the method has).
setter_returns configure(SSL_CTX* ctx, const tls_configuration& c, bool bounds_always) {
  setter_returns r;
  if (c.security_level) SSL_CTX_set_security_level(ctx, *c.security_level);
  if (c.ciphersuites_first && c.ciphersuites)
    r.suites = SSL_CTX_set_ciphersuites(ctx, c.ciphersuites->c_str());
  if (c.cipher_list) r.list = SSL_CTX_set_cipher_list(ctx, c.cipher_list->c_str());
  if (!c.ciphersuites_first && c.ciphersuites)
    r.suites = SSL_CTX_set_ciphersuites(ctx, c.ciphersuites->c_str());
  if (c.disabled_protocols != 0) SSL_CTX_set_options(ctx, no_options(c.disabled_protocols));
  if (bounds_always || c.min_protocol != 0)
    r.min = SSL_CTX_set_min_proto_version(ctx, c.min_protocol);
  if (bounds_always || c.max_protocol != 0)
    r.max = SSL_CTX_set_max_proto_version(ctx, c.max_protocol);
  return r;
}

std::vector<std::string> names(const STACK_OF(SSL_CIPHER) * list) {
  std::vector<std::string> out;
  for (int i = 0; i < sk_SSL_CIPHER_num(list); ++i)
    out.emplace_back(SSL_CIPHER_get_name(sk_SSL_CIPHER_value(list, i)));
  return out;
}

std::vector<std::string> names(const std::vector<const cipher*>& list) {
  std::vector<std::string> out;
  for (const cipher* s : list) out.emplace_back(s->name);
  return out;
}

// Everything the comparison looks at.
struct outcome {
  setter_returns returns;
  int security_level = -1;
  std::vector<std::string> ciphers;
  std::optional<std::vector<std::string>> supported;  // nullopt: NULL
  friend bool operator==(const outcome&, const outcome&) = default;
};

outcome openssl_outcome(SSL_CTX* ctx, const tls_configuration& c, bool bounds_always) {
  outcome out;
  out.returns = configure(ctx, c, bounds_always);
  out.ciphers = names(SSL_CTX_get_ciphers(ctx));
  SSL* ssl = SSL_new(ctx);
  SSL_set_connect_state(ssl);
  out.security_level = SSL_get_security_level(ssl);
  STACK_OF(SSL_CIPHER)* supported = SSL_get1_supported_ciphers(ssl);
  if (supported != nullptr) out.supported = names(supported);
  sk_SSL_CIPHER_free(supported);
  SSL_free(ssl);
  return out;
}

outcome cipherexplain_outcome(const configuration_resolver& resolver, const tls_configuration& c) {
  configuration_result r;
  resolver.resolve_into(r, c, result_only());
  outcome out;
  out.returns.list = r.list_ok ? 1 : 0;
  out.returns.suites = !r.ciphersuites || r.ciphersuites->ok ? 1 : 0;
  out.returns.min = r.min_ok ? 1 : 0;
  out.returns.max = r.max_ok ? 1 : 0;
  out.security_level = r.security_level;
  out.ciphers = names(r.ciphers);
  if (r.supported) out.supported = names(*r.supported);
  return out;
}

void print(const char* who, const outcome& o) {
  std::fprintf(stderr, "  %s: returns list %ld suites %ld min %ld max %ld, level %d\n", who,
               o.returns.list, o.returns.suites, o.returns.min, o.returns.max, o.security_level);
  std::fprintf(stderr, "    list (%zu): %s\n", o.ciphers.size(), join(o.ciphers).c_str());
  if (o.supported) {
    std::fprintf(stderr, "    supported (%zu): %s\n", o.supported->size(),
                 join(*o.supported).c_str());
  } else {
    std::fprintf(stderr, "    supported: NULL\n");
  }
}

void openssl_config(benchmark::State& state, const tls_configuration& c, bool bounds_always) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_method());
  for (auto _ : state) {
    const setter_returns r = configure(ctx, c, bounds_always);
    SSL* ssl = SSL_new(ctx);
    SSL_set_connect_state(ssl);
    STACK_OF(SSL_CIPHER)* supported = SSL_get1_supported_ciphers(ssl);
    benchmark::DoNotOptimize(r);
    benchmark::DoNotOptimize(supported);
    sk_SSL_CIPHER_free(supported);
    SSL_free(ssl);
  }
  SSL_CTX_free(ctx);
}

void set_counters(benchmark::State& state, const configuration_result& r) {
  state.counters["ctx_list"] = static_cast<double>(r.ciphers.size());
  state.counters["supported"] = r.supported ? static_cast<double>(r.supported->size()) : -1.0;
}

void cipherexplain_config(benchmark::State& state, const tls_configuration& c) {
  const configuration_resolver resolver(release_3_0());
  const evaluate_options options = result_only();
  configuration_result result;
  tree scratch;
  for (auto _ : state) {
    resolver.resolve_into(result, c, options, scratch);
    benchmark::DoNotOptimize(result.ciphers.data());
    benchmark::DoNotOptimize(result.supported);
  }
  set_counters(state, result);
}

// resolve_into without a scratch tree: the cipher string parsed into a tree made and freed
// per call.
void part_fresh_tree(benchmark::State& state, const tls_configuration& c) {
  const configuration_resolver resolver(release_3_0());
  const evaluate_options options = result_only();
  configuration_result result;
  for (auto _ : state) {
    resolver.resolve_into(result, c, options);
    benchmark::DoNotOptimize(result.ciphers.data());
    benchmark::DoNotOptimize(result.supported);
  }
}

// The cipher string alone (or the DEFAULT list, already parsed, when none is set).
void part_cipher_list(benchmark::State& state, const tls_configuration& c) {
  const evaluator eval(release_3_0());
  evaluate_options options = result_only();
  options.security_level = c.security_level;
  const tree fallback = parse(eval.release().default_cipher_list(), eval.release().dialect());
  tree parsed;
  evaluation result;
  for (auto _ : state) {
    if (c.cipher_list) {
      parse_into(parsed, *c.cipher_list, eval.release().dialect());
      eval.evaluate_into(result, parsed, options);
    } else {
      eval.evaluate_into(result, fallback, options);
    }
    benchmark::DoNotOptimize(result.ciphers.data());
  }
}

void part_ciphersuites(benchmark::State& state, const tls_configuration& c) {
  const catalog& release = release_3_0();
  const build_options options;
  for (auto _ : state) {
    ciphersuites_result r = set_ciphersuites(release, *c.ciphersuites, options, 0);
    benchmark::DoNotOptimize(r.listed.data());
  }
}

// supported() on the context list the configuration leaves.
void part_supported(benchmark::State& state, const tls_configuration& c) {
  const configuration_resolver resolver(release_3_0());
  const configuration_result r = resolver.resolve(c, detail_level::result);
  // No case starts with a Suite B keyword: the settings' Suite B field keeps its default.
  protocol_settings settings;
  settings.min_version = r.min_protocol;
  settings.max_version = r.max_protocol;
  settings.disabled = c.disabled_protocols;
  for (auto _ : state) {
    std::optional<supported_suites> s =
        supported(resolver.release(), r.ciphers, r.security_level, settings);
    benchmark::DoNotOptimize(s->usable.data());
  }
}

}  // namespace

bool register_configuration_pairs() {
  const configuration_resolver resolver(release_3_0());
  const std::vector<config_case> all = config_cases();
  bool agree = true;
  for (const config_case& c : all) {
    for (const bool whole : {true, false}) {
      const tls_configuration config = whole ? every_setter(c.config) : c.config;
      const outcome mine = cipherexplain_outcome(resolver, config);
      // A fresh context, then the same context configured again: the benchmark reuses one.
      SSL_CTX* ctx = SSL_CTX_new(TLS_method());
      const outcome fresh = openssl_outcome(ctx, config, whole);
      const outcome reused = openssl_outcome(ctx, config, whole);
      SSL_CTX_free(ctx);
      if (mine != fresh || mine != reused) {
        std::fprintf(stderr, "configuration %s%s: cipherexplain and %s disagree\n", c.name.c_str(),
                     whole ? "" : " (set fields only)", OpenSSL_version(OPENSSL_VERSION));
        print("cipherexplain", mine);
        print("OpenSSL, fresh context", fresh);
        if (reused != fresh) print("OpenSSL, reused context", reused);
        agree = false;
      }
    }
  }
  if (!agree) return false;
  // openssl_config/: every setter called (what the configuration target is measured on);
  // openssl_config_set_only/: only the setters of the fields the case sets.
  for (const config_case& c : all) {
    const tls_configuration whole = every_setter(c.config);
    benchmark::RegisterBenchmark(("openssl_config/" + c.name).c_str(), openssl_config, whole, true);
    benchmark::RegisterBenchmark(("cipherexplain_config/" + c.name).c_str(), cipherexplain_config,
                                 whole);
  }
  for (const config_case& c : all) {
    benchmark::RegisterBenchmark(("openssl_config_set_only/" + c.name).c_str(), openssl_config,
                                 c.config, false);
    benchmark::RegisterBenchmark(("cipherexplain_config_set_only/" + c.name).c_str(),
                                 cipherexplain_config, c.config);
  }
  for (const config_case& c : all) {
    const std::string prefix = "config_parts/" + c.name + "/";
    benchmark::RegisterBenchmark((prefix + "fresh-tree").c_str(), part_fresh_tree, c.config);
    benchmark::RegisterBenchmark((prefix + "cipher-list").c_str(), part_cipher_list, c.config);
    if (c.config.ciphersuites) {
      benchmark::RegisterBenchmark((prefix + "ciphersuites").c_str(), part_ciphersuites, c.config);
    }
    benchmark::RegisterBenchmark((prefix + "supported").c_str(), part_supported, c.config);
  }
  return true;
}

}  // namespace cipherexplain::bench

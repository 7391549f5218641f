// SPDX-License-Identifier: Apache-2.0
// Differential, for whole configurations: the library's configuration_resolver for the linked
// libssl's series against that libssl, on a fresh SSL_CTX_new(TLS_method()) per input (the
// layout of the input is in configuration_mutator.hpp): SSL_CTX_set_security_level,
// SSL_CTX_set_cipher_list and SSL_CTX_set_ciphersuites (in the order asked),
// SSL_CTX_set_options(SSL_OP_NO_*), SSL_CTX_set_min/max_proto_version, then SSL_new,
// SSL_set_connect_state and SSL_get1_supported_ciphers. Every return value, the security level
// and the protocol bounds afterwards, the context's list and the supported list (or NULL) must
// agree. The fast path (into storage an earlier input left) and the resolution with findings
// must agree with each other and with themselves (configuration_problem), the ciphersuites'
// elements must keep ciphersuites_problem's invariants, their findings must render, and the
// configuration's JSON document must be written.

#include "configuration_mutator.hpp"
#include "fuzz_checks.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace cipherexplain;
using namespace cipherexplain::fuzzing;

namespace {

struct libssl_result {
  bool list_ok = true, suites_ok = true, min_ok = true, max_ok = true;
  int security_level = 0;
  int min_after = 0, max_after = 0;
  std::vector<std::string> ciphers;
  std::optional<std::vector<std::string>> supported;  // nullopt: NULL
};

std::vector<std::string> names_of(const STACK_OF(SSL_CIPHER) * list) {
  std::vector<std::string> out;
  for (int i = 0; list != nullptr && i < sk_SSL_CIPHER_num(list); ++i)
    out.emplace_back(SSL_CIPHER_get_name(sk_SSL_CIPHER_value(list, i)));
  return out;
}

libssl_result run(const configuration_input& input) {
  const configuration_calls calls = read_calls(input);
  const std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_method()),
                                                              &SSL_CTX_free);
  if (!ctx) {
    std::fputs("SSL_CTX_new failed\n", stderr);
    std::abort();
  }
  libssl_result r;
  if (calls.security_level) SSL_CTX_set_security_level(ctx.get(), *calls.security_level);
  // OpenSSL reads C strings: the ciphersuites string ends at its first NUL.
  const auto set_list = [&] {
    if (calls.set_cipher_list)
      r.list_ok = SSL_CTX_set_cipher_list(ctx.get(), input.cipher_list.c_str()) == 1;
  };
  const auto set_suites = [&] {
    if (calls.set_ciphersuites)
      r.suites_ok = SSL_CTX_set_ciphersuites(ctx.get(), input.ciphersuites->c_str()) == 1;
  };
  if (calls.ciphersuites_first) {
    set_suites();
    set_list();
  } else {
    set_list();
    set_suites();
  }
  std::uint64_t options = 0;
  const std::uint8_t d = calls.disabled_protocols;
  if ((d & protocol_bit::sslv3) != 0) options |= SSL_OP_NO_SSLv3;
  if ((d & protocol_bit::tlsv1) != 0) options |= SSL_OP_NO_TLSv1;
  if ((d & protocol_bit::tlsv1_1) != 0) options |= SSL_OP_NO_TLSv1_1;
  if ((d & protocol_bit::tlsv1_2) != 0) options |= SSL_OP_NO_TLSv1_2;
  if ((d & protocol_bit::tlsv1_3) != 0) options |= SSL_OP_NO_TLSv1_3;
  if (options != 0) SSL_CTX_set_options(ctx.get(), options);
  if (calls.min_protocol)
    r.min_ok = SSL_CTX_set_min_proto_version(ctx.get(), *calls.min_protocol) == 1;
  if (calls.max_protocol)
    r.max_ok = SSL_CTX_set_max_proto_version(ctx.get(), *calls.max_protocol) == 1;
  r.ciphers = names_of(SSL_CTX_get_ciphers(ctx.get()));

  const std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), &SSL_free);
  if (!ssl) {
    std::fputs("SSL_new failed\n", stderr);
    std::abort();
  }
  SSL_set_connect_state(ssl.get());
  r.security_level = SSL_get_security_level(ssl.get());
  r.min_after = static_cast<int>(SSL_get_min_proto_version(ssl.get()));
  r.max_after = static_cast<int>(SSL_get_max_proto_version(ssl.get()));
  if (STACK_OF(SSL_CIPHER)* supported = SSL_get1_supported_ciphers(ssl.get())) {
    r.supported = names_of(supported);
    sk_SSL_CIPHER_free(supported);
  }
  ERR_clear_error();
  return r;
}

std::string list_text(const std::optional<std::vector<std::string>>& list) {
  return list ? fmt::format("{}", fmt::join(*list, ":")) : "NULL";
}

std::string describe(const libssl_result& want, const configuration_result& got) {
  std::optional<std::vector<std::string>> supported;
  if (got.supported) supported = names(*got.supported);
  return fmt::format(
      "libssl:  list_ok={} suites_ok={} min_ok={} max_ok={} seclevel={} min=0x{:x} max=0x{:x}\n"
      "  ciphers   {}\n  supported {}\n"
      "library: list_ok={} suites_ok={} min_ok={} max_ok={} seclevel={} min=0x{:x} max=0x{:x} "
      "window=0x{:x}-0x{:x}\n  ciphers   {}\n  supported {}",
      want.list_ok, want.suites_ok, want.min_ok, want.max_ok, want.security_level, want.min_after,
      want.max_after, fmt::join(want.ciphers, ":"), list_text(want.supported), got.list_ok,
      got.ciphersuites ? got.ciphersuites->ok : true, got.min_ok, got.max_ok, got.security_level,
      got.min_protocol, got.max_protocol, got.protocols.lowest, got.protocols.highest,
      fmt::join(names(got.ciphers), ":"), list_text(supported));
}

std::string describe(const configuration_input& input) {
  const configuration_calls c = read_calls(input);
  return fmt::format(
      "calls: seclevel {} | {} | cipher list {} | ciphersuites {} | SSL_OP_NO_* 0x{:02x} | min {} "
      "| max {}",
      c.security_level ? fmt::format("{}", *c.security_level) : "-",
      c.ciphersuites_first ? "ciphersuites first" : "cipher list first",
      c.set_cipher_list ? quoted_input(input.cipher_list) : "-",
      c.set_ciphersuites ? quoted_input(*input.ciphersuites) : "-", c.disabled_protocols,
      c.min_protocol ? fmt::format("0x{:x}", *c.min_protocol) : "-",
      c.max_protocol ? fmt::format("0x{:x}", *c.max_protocol) : "-");
}

const configuration_resolver& linked_release() {
  static const configuration_resolver resolver = [] {
    const unsigned long v = OpenSSL_version_num();
    const std::string series = fmt::format("{}.{}", (v >> 28) & 0xf, (v >> 20) & 0xff);
    // As differential_fuzzer: the newest recorded release of the linked series, default build.
    const evaluator* found = nullptr;
    for (const evaluator& e : release_evaluators()) {
      if (e.release().series() == series) found = &e;
    }
    if (found == nullptr) {
      std::fprintf(stderr, "no catalog for the linked %s\n", OpenSSL_version(OPENSSL_VERSION));
      std::abort();
    }
    return configuration_resolver(*found);
  }();
  return resolver;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // As the oracle was recorded: no configuration file, so no provider or policy of this
  // machine's openssl.cnf.
  setenv("OPENSSL_CONF", "/dev/null", 1);
  (void)linked_release();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const configuration_input input = decode_configuration(bytes);
  const tls_configuration config = to_configuration(input);
  const configuration_resolver& resolver = linked_release();
  const catalog& release = resolver.release();

  // The fast path into storage an earlier input left behind, and a fresh one with findings.
  static configuration_result fast;
  evaluate_options plain;
  plain.detail = detail_level::result;
  resolver.resolve_into(fast, config, plain);
  const configuration_result full = resolver.resolve(config, detail_level::findings);
  const auto failed = [&](std::string_view what) {
    fail(fmt::format("{}: {}\n{}", release.release(), what, describe(input)), bytes);
  };
  if (const std::string d = configuration_difference(fast, full); !d.empty())
    failed("the fast path and the findings differ: " + d);
  for (const configuration_result* r : {&std::as_const(fast), &full}) {
    if (const std::string p = configuration_problem(release, config, *r); !p.empty()) failed(p);
  }
  if (full.ciphersuites) {
    const std::string_view text = *config.ciphersuites;
    if (const std::string p = ciphersuites_problem(release, text, *full.ciphersuites, 1000);
        !p.empty())
      failed("ciphersuites: " + p);
    const diagnostic_renderer renderer(text);
    for (const diagnostic& x : full.diagnostics) {
      if (about_ciphersuites(x) && renderer(x).empty()) failed("a finding rendered as nothing");
    }
  }
  const std::string_view list =
      config.cipher_list ? std::string_view(*config.cipher_list) : release.default_cipher_list();
  // parse_fuzzer renders every cipher-string finding; here they are only checked.
  for (const diagnostic& x : full.cipher_list.diagnostics) {
    if (x.offset + x.length > list.size() || x.message.empty())
      failed("a cipher-string finding outside the string or without a message");
  }
  evaluation_report report;
  report.configuration = &config;
  report.resolved = &full;
  if (evaluation_json(resolver.cipher_strings(), list, full.cipher_list, report).empty())
    failed("an empty JSON document");

  const libssl_result want = run(input);
  std::optional<std::vector<std::string>> supported;
  if (fast.supported) supported = names(*fast.supported);
  const bool same = (!config.cipher_list || want.list_ok == fast.list_ok) &&
                    (!config.ciphersuites || want.suites_ok == fast.ciphersuites->ok) &&
                    want.min_ok == fast.min_ok && want.max_ok == fast.max_ok &&
                    want.security_level == fast.security_level &&
                    want.min_after == fast.min_protocol && want.max_after == fast.max_protocol &&
                    want.ciphers == names(fast.ciphers) && want.supported == supported;
  if (!same)
    failed(fmt::format("the library differs from {}\n{}", OpenSSL_version(OPENSSL_VERSION),
                       describe(want, fast)));
  return 0;
}

CIPHEREXPLAIN_FUZZ_CONFIGURATION_MUTATOR

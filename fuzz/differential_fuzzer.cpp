// SPDX-License-Identifier: Apache-2.0
// Differential: the evaluator against the linked libssl (SSL_CTX_set_cipher_list +
// SSL_CTX_get_ciphers), aborting on any difference in acceptance, list or security level.
//
// One context serves every input, as a fresh one per input (140 us) would cost more than the
// comparison: before each call its security level is reset, and a call that fails with a
// syntax error must leave its list untouched, which is checked too. What a fresh context holds
// after such a failure (DEFAULT's list) is compared once per failure against the list a
// pristine context was created with. A SUITEB prefix also leaves Suite B flags in the context,
// which OpenSSL keeps applying to later strings without the prefix, so after one the context is
// replaced. Any difference is confirmed on a fresh context before it is reported, so a harness
// mistake cannot pass for an evaluator bug.

#include "cipher_string_mutator.hpp"
#include "fuzz_checks.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

using namespace cipherexplain;
using namespace cipherexplain::fuzzing;

namespace {

struct libssl_result {
  bool ok = false;
  std::vector<std::string> ciphers;
  int security_level = 0;
  bool list_replaced = false;
};

std::vector<std::string> names_of(const STACK_OF(SSL_CIPHER) * list) {
  std::vector<std::string> out;
  for (int i = 0; list != nullptr && i < sk_SSL_CIPHER_num(list); ++i)
    out.emplace_back(SSL_CIPHER_get_name(sk_SSL_CIPHER_value(list, i)));
  return out;
}

using ctx_ptr = std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)>;

ctx_ptr new_context() {
  ctx_ptr ctx(SSL_CTX_new(TLS_method()), &SSL_CTX_free);
  if (!ctx) {
    std::fputs("SSL_CTX_new failed\n", stderr);
    std::abort();
  }
  return ctx;
}

libssl_result run(SSL_CTX* ctx, const std::string& input) {
  libssl_result r;
  const STACK_OF(SSL_CIPHER)* before = SSL_CTX_get_ciphers(ctx);
  r.ok = SSL_CTX_set_cipher_list(ctx, input.c_str()) == 1;
  ERR_clear_error();
  const STACK_OF(SSL_CIPHER)* after = SSL_CTX_get_ciphers(ctx);
  r.list_replaced = after != before;
  r.ciphers = names_of(after);
  r.security_level = SSL_CTX_get_security_level(ctx);
  return r;
}

struct harness {
  ctx_ptr ctx = new_context();
  int initial_level = SSL_CTX_get_security_level(ctx.get());
  std::vector<std::string> initial_list = names_of(SSL_CTX_get_ciphers(ctx.get()));
  const evaluator* eval = nullptr;
};

harness& the_harness() {
  static harness h = [] {
    harness out;
    const unsigned long v = OpenSSL_version_num();
    const std::string series = fmt::format("{}.{}", (v >> 28) & 0xf, (v >> 20) & 0xff);
    for (const evaluator& e : release_evaluators()) {
      if (e.release().series() == series) out.eval = &e;
    }
    if (out.eval == nullptr) {
      std::fprintf(stderr, "no catalog for the linked %s\n", OpenSSL_version(OPENSSL_VERSION));
      std::abort();
    }
    return out;
  }();
  return h;
}

std::string describe(const libssl_result& want, const evaluation& got) {
  return fmt::format("libssl:    ok={} seclevel={} {}\nevaluator: ok={} seclevel={} failure={} {}",
                     want.ok, want.security_level, fmt::join(want.ciphers, ":"), got.ok,
                     got.security_level, static_cast<int>(got.failure),
                     fmt::join(names(got.ciphers), ":"));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // As the oracle was recorded: no configuration file, so no provider or policy of this
  // machine's openssl.cnf.
  setenv("OPENSSL_CONF", "/dev/null", 1);
  (void)the_harness();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  harness& h = the_harness();
  const std::string input(reinterpret_cast<const char*>(data), size);
  SSL_CTX_set_security_level(h.ctx.get(), h.initial_level);
  const libssl_result want = run(h.ctx.get(), input);
  // OpenSSL reads a C string; the evaluator is given every byte and must stop where it does.
  const tree parsed = parse(input, h.eval->release().dialect());
  const evaluation got = h.eval->evaluate(parsed, detail_level::result);
  if (parsed.suiteb() != suiteb_prefix::none) h.ctx = new_context();

  bool same = want.ok == got.ok && want.security_level == got.security_level;
  if (same && got.failure == failure_reason::syntax) {
    // The context kept its list; a fresh one would hold DEFAULT's, which the evaluator reports.
    same = !want.list_replaced && names(got.ciphers) == h.initial_list;
  } else if (same) {
    same = names(got.ciphers) == want.ciphers;
  }
  if (same) return 0;

  const ctx_ptr fresh = new_context();
  const libssl_result confirmed = run(fresh.get(), input);
  fail(fmt::format("the evaluator ({}) differs from {}\n{}\non a fresh context:\n{}",
                   h.eval->release().release(), OpenSSL_version(OPENSSL_VERSION),
                   describe(want, got), describe(confirmed, got)),
       input);
}

CIPHEREXPLAIN_FUZZ_CIPHER_STRING_MUTATOR

// SPDX-License-Identifier: Apache-2.0
// The evaluator against the libssl this test links (Debian 12: 3.0.x): the whole corpus and a
// few thousand generated strings, each through SSL_CTX_set_cipher_list + SSL_CTX_get_ciphers on
// a fresh context, with OPENSSL_CONF pointing at an empty file as the oracle was recorded.

#include <cipherexplain.hpp>

#include "generated_strings.hpp"
#include "oracle_data.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace cipherexplain;
using namespace cipherexplain::testing;

struct live_result {
  bool ok = false;
  std::vector<std::string> ciphers;  // the context's list after the call
  int security_level = 0;
};

live_result run_openssl(const std::string& input) {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_method()), &SSL_CTX_free);
  if (!ctx) throw std::runtime_error("SSL_CTX_new failed");
  live_result r;
  r.ok = SSL_CTX_set_cipher_list(ctx.get(), input.c_str()) == 1;
  ERR_clear_error();
  const STACK_OF(SSL_CIPHER)* list = SSL_CTX_get_ciphers(ctx.get());
  for (int i = 0; list != nullptr && i < sk_SSL_CIPHER_num(list); ++i) {
    r.ciphers.emplace_back(SSL_CIPHER_get_name(sk_SSL_CIPHER_value(list, i)));
  }
  r.security_level = SSL_CTX_get_security_level(ctx.get());
  return r;
}

// The catalog of the linked library's series.
const catalog* linked_release() {
  const unsigned long v = OpenSSL_version_num();
  return catalog::find(fmt::format("{}.{}", (v >> 28) & 0xf, (v >> 20) & 0xff));
}

class live_openssl : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // ctest sets this; when the binary runs by hand, use the same empty configuration.
    setenv("OPENSSL_CONF", CIPHEREXPLAIN_EMPTY_OPENSSL_CONF, 0);
  }
  void SetUp() override {
    release_ = linked_release();
    ASSERT_NE(release_, nullptr) << "no catalog for the linked "
                                 << OpenSSL_version(OPENSSL_VERSION);
  }

  // Compares one string; returns an empty string when identical.
  std::string compare(const evaluator& eval, const std::string& input) const {
    const live_result want = run_openssl(input);
    // OpenSSL reads a C string: the library must agree on where it ends.
    const evaluation got = eval.evaluate(input);
    const auto got_names = names(got.ciphers);
    if (got.ok == want.ok && got_names == want.ciphers && got.security_level == want.security_level)
      return {};
    return fmt::format("{}: libssl ok={} seclevel={}, evaluator ok={} seclevel={}; {}",
                       printable(input), want.ok, want.security_level, got.ok, got.security_level,
                       describe_difference(want.ciphers, got_names));
  }

  const catalog* release_ = nullptr;
};

TEST_F(live_openssl, corpus_matches_the_linked_library) {
  const evaluator eval(*release_);
  std::size_t identical = 0;
  const auto lines = corpus_lines();
  for (const std::string& line : lines) {
    const std::string problem = compare(eval, line);
    if (problem.empty())
      ++identical;
    else
      ADD_FAILURE() << problem;
  }
  EXPECT_EQ(identical, lines.size()) << "against " << OpenSSL_version(OPENSSL_VERSION);
}

TEST_F(live_openssl, generated_strings_match_the_linked_library) {
  const evaluator eval(*release_);
  const std::vector<std::string> inputs = generated_strings(*release_, 4000);
  const int count = static_cast<int>(inputs.size());
  int identical = 0;
  int reported = 0;
  for (const std::string& input : inputs) {
    const std::string problem = compare(eval, input);
    if (problem.empty()) {
      ++identical;
    } else if (reported++ < 20) {
      ADD_FAILURE() << problem;
    }
  }
  EXPECT_EQ(identical, count);
}

}  // namespace

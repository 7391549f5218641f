// The evaluator against the libssl this test links (Debian 12: 3.0.x): the whole corpus and a
// few thousand generated strings, each through SSL_CTX_set_cipher_list + SSL_CTX_get_ciphers on
// a fresh context, with OPENSSL_CONF pointing at an empty file as the oracle was recorded.

#include <cipherexplain.hpp>

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

// Strings built from the whole vocabulary: every alias and suite name of the catalog (usable
// or not), TLS 1.3 and misspelt names, all operators and separators, '+' chains, commands,
// DEFAULT prefixes and stray bytes.
std::string generated_string(std::mt19937& rng, const catalog& c) {
  std::vector<std::string> words;
  for (const alias& a : c.aliases()) words.emplace_back(a.name);
  for (const cipher& s : c.ciphers()) {
    words.emplace_back(s.name);
    if (!s.stdname.empty()) words.emplace_back(s.stdname);
  }
  for (const char* w :
       {"DEFAULT", "FOO", "high", "All", "AES-", "-AES", "TLSv1.1", "SSLv2", "EXP", "DES", "AEAD",
        "SUITEB128", "kECDHe", "aDH", "HIGH_", "3DES", "RC4", "SEED"}) {
    words.emplace_back(w);
  }
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  static const std::vector<std::string> ops{"", "", "", "!", "-", "+", "@"};
  static const std::vector<std::string> seps{":", ":", ":", ",", ";", " ", "::", ""};
  static const std::vector<std::string> commands{
      "STRENGTH",   "SECLEVEL=0", "SECLEVEL=3", "SECLEVEL=5",
      "SECLEVEL=6", "SECLEVEL=",  "FOO",        "strength"};
  static const std::vector<std::string> junk{"$",        "\t", "\r", "_", "=", "!", "+", "@",
                                             "\xc3\xa9", "*",  "",   "",  "",  "",  "",  ""};
  std::string out = pick(6) == 0 ? "DEFAULT" : "";
  if (!out.empty() && pick(2) == 0) out += seps[pick(seps.size())];
  const std::size_t rules = 1 + pick(6);
  for (std::size_t r = 0; r < rules; ++r) {
    if (r > 0) out += seps[pick(seps.size())];
    const std::string& op = ops[pick(ops.size())];
    out += op;
    if (op == "@") {
      out += commands[pick(commands.size())];
    } else {
      const std::size_t chain = 1 + (pick(4) == 0 ? pick(3) : 0);
      for (std::size_t k = 0; k < chain; ++k) {
        if (k > 0) out += "+";
        out += words[pick(words.size())];
      }
    }
    out += junk[pick(junk.size())];
  }
  return out;
}

TEST_F(live_openssl, generated_strings_match_the_linked_library) {
  const evaluator eval(*release_);
  std::mt19937 rng(20261126);
  constexpr int count = 4000;
  int identical = 0;
  int reported = 0;
  for (int i = 0; i < count; ++i) {
    const std::string input = generated_string(rng, *release_);
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

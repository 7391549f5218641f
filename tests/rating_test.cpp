// The rating rules of docs/ratings.md, suite by suite, and the policies.

#include <cipherexplain.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace cipherexplain;

suite_rating rating_of(std::string_view release, std::string_view name) {
  const cipher* s = catalog::find(release)->find_cipher(name);
  EXPECT_NE(s, nullptr) << name;
  return s == nullptr ? suite_rating{} : rate(*s);
}

std::vector<std::string> reasons(const suite_rating& r) {
  std::vector<std::string> out;
  for (const weakness w : r.reasons) out.emplace_back(weakness_name(w));
  return out;
}

TEST(rating, recommends_tls13_and_ephemeral_aead_suites) {
  EXPECT_EQ(rating_of("3.0", "TLS_AES_128_GCM_SHA256").level, rating::recommended);
  EXPECT_EQ(rating_of("3.0", "ECDHE-ECDSA-AES128-GCM-SHA256").level, rating::recommended);
  EXPECT_EQ(rating_of("3.0", "DHE-RSA-CHACHA20-POLY1305").level, rating::recommended);
  EXPECT_TRUE(rating_of("3.0", "ECDHE-RSA-AES256-GCM-SHA384").reasons.empty());
}

TEST(rating, names_every_weakness_of_a_weak_suite) {
  const suite_rating r = rating_of("3.0", "AES128-SHA");
  EXPECT_EQ(r.level, rating::weak);
  EXPECT_EQ(reasons(r), (std::vector<std::string>{"no-forward-secrecy", "cbc-mode", "sha1-mac"}));
  EXPECT_EQ(reasons(rating_of("1.0.2", "DES-CBC3-SHA")),
            (std::vector<std::string>{"64-bit-block", "no-forward-secrecy", "cbc-mode", "sha1-mac",
                                      "small-key"}));
  EXPECT_EQ(reasons(rating_of("3.2", "ECDHE-ECDSA-AES128-CCM8")),
            (std::vector<std::string>{"short-tag", "small-key"}));
  EXPECT_EQ(rating_of("3.0", "DHE-DSS-AES128-GCM-SHA256").level, rating::weak);
}

TEST(rating, marks_broken_suites_insecure) {
  EXPECT_EQ(reasons(rating_of("1.0.2", "RC4-MD5")),
            (std::vector<std::string>{"rc4", "md5-mac", "no-forward-secrecy"}));
  EXPECT_EQ(rating_of("1.0.2", "RC4-MD5").level, rating::insecure);
  EXPECT_EQ(rating_of("3.0", "NULL-SHA256").level, rating::insecure);
  EXPECT_EQ(rating_of("3.0", "ADH-AES256-GCM-SHA384").level, rating::insecure);
  EXPECT_EQ(reasons(rating_of("3.0", "ADH-AES256-GCM-SHA384")),
            (std::vector<std::string>{"no-authentication"}));
}

TEST(rating, calls_sound_but_special_suites_secure) {
  EXPECT_EQ(rating_of("3.0", "ECDHE-PSK-CHACHA20-POLY1305").level, rating::secure);
  EXPECT_EQ(reasons(rating_of("3.0", "ECDHE-PSK-CHACHA20-POLY1305")),
            (std::vector<std::string>{"pre-shared-key"}));
  EXPECT_EQ(rating_of("3.0", "ECDHE-ECDSA-ARIA256-GCM-SHA384").level, rating::secure);
  EXPECT_EQ(rating_of("3.0", "TLS_AES_128_CCM_SHA256").level, rating::secure);
}

TEST(rating, the_verdict_is_the_weakest_suite) {
  const catalog& c = *catalog::find("3.0");
  const evaluator eval(c);
  EXPECT_EQ(verdict(eval.evaluate("ECDHE+AESGCM").ciphers), rating::recommended);
  EXPECT_EQ(verdict(eval.evaluate("ECDHE+AESGCM:AES128-SHA").ciphers), rating::weak);
  EXPECT_EQ(verdict(eval.evaluate("ALL:COMPLEMENTOFALL").ciphers), rating::insecure);
  EXPECT_EQ(verdict({}), rating::insecure);
}

TEST(profile, mozilla_profiles_are_known) {
  std::vector<std::string> names;
  for (const profile& p : profiles()) names.emplace_back(p.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"mozilla-modern", "mozilla-intermediate", "mozilla-old"}));
  EXPECT_EQ(find_profile("nope"), nullptr);
}

TEST(profile, lists_the_suites_a_profile_does_not_allow) {
  const evaluator eval(*catalog::find("3.0"));
  // Mozilla's own intermediate string passes its own profile; old adds CBC and RSA suites.
  const auto intermediate = eval.evaluate(
      "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
      "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305");
  EXPECT_TRUE(violations(*find_profile("mozilla-intermediate"), intermediate.ciphers).empty());
  const auto bad = violations(*find_profile("mozilla-modern"), intermediate.ciphers);
  EXPECT_EQ(bad.size(), 6u);
  const auto with_cbc = eval.evaluate("ECDHE+AESGCM:AES128-SHA");
  const auto v = violations(*find_profile("mozilla-intermediate"), with_cbc.ciphers);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0]->name, "AES128-SHA");
  EXPECT_TRUE(violations(*find_profile("mozilla-old"), with_cbc.ciphers).empty());
}

}  // namespace

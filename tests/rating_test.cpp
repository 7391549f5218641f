// SPDX-License-Identifier: Apache-2.0
// The rating rules of docs/ratings.md, suite by suite, and the policies.

#include <cipherexplain.hpp>

#include <gtest/gtest.h>

#include <algorithm>
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

// Every published guideline version (src/static/guidelines/ of mozilla/ssl-config-generator),
// each level it has; the unversioned names are the newest version's, and 6.0 has no old
// profile, so mozilla-old is 5.8's.
TEST(profile, mozilla_profiles_are_known_by_version) {
  std::vector<std::string> names;
  for (const profile& p : profiles()) names.emplace_back(p.name);
  std::vector<std::string> expected;
  for (const std::string version :
       {"4.0", "5.0", "5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "5.7", "5.8"}) {
    for (const std::string level : {"modern", "intermediate", "old"})
      expected.push_back("mozilla-" + level + "-" + version);
  }
  expected.insert(expected.end(), {"mozilla-modern-6.0", "mozilla-intermediate-6.0"});
  EXPECT_EQ(names, expected);
  EXPECT_EQ(find_profile("mozilla-modern")->name, "mozilla-modern-6.0");
  EXPECT_EQ(find_profile("mozilla-intermediate")->name, "mozilla-intermediate-6.0");
  EXPECT_EQ(find_profile("mozilla-old")->name, "mozilla-old-5.8");
  EXPECT_EQ(find_profile("mozilla-old-6.0"), nullptr);
  EXPECT_EQ(find_profile("nope"), nullptr);
  for (const profile& p : profiles()) {
    EXPECT_EQ(p.description, "Mozilla server-side TLS " + p.version + ", " + p.level);
    EXPECT_NE(p.source.find("src/static/guidelines/" + p.version + ".json@"), std::string::npos);
    EXPECT_FALSE(p.allowed.empty()) << p.name;
  }
}

// The fields beyond the suites, as the guideline files publish them (mozilla/ssl-config-generator
// src/static/guidelines/<version>.json; the commits are in profiles/mozilla.tsv).
TEST(profile, carries_the_rest_of_each_guideline_configuration) {
  const std::string tls13 =
      "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
  // 5.6 (9e999856): intermediate's openssl list, DHE-RSA with AES-GCM still in.
  const profile& i56 = *find_profile("mozilla-intermediate-5.6");
  EXPECT_EQ(
      i56.cipher_string,
      "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
      "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
      "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384");
  EXPECT_EQ(i56.ciphersuites, tls13);
  EXPECT_EQ(i56.tls_versions, (std::vector<std::string>{"TLSv1.2", "TLSv1.3"}));
  EXPECT_FALSE(i56.server_preference);
  EXPECT_EQ(i56.curves, "X25519:prime256v1:secp384r1");
  EXPECT_EQ(i56.dh_param_size, 2048);
  EXPECT_EQ(i56.ecdh_param_size, 256);
  EXPECT_EQ(i56.certificate_types, (std::vector<std::string>{"ecdsa", "rsa"}));
  EXPECT_EQ(i56.certificate_curves, (std::vector<std::string>{"prime256v1", "secp384r1"}));
  EXPECT_EQ(i56.rsa_key_size, 2048);
  EXPECT_NE(i56.source.find("5.6.json@9e999856e19e604a06b06cfbc2e949d184c5f4d3"),
            std::string::npos);

  // 6.0 modern (f196de90): TLS 1.3 only, no cipher string, no DH, no RSA key size.
  const profile& m60 = *find_profile("mozilla-modern-6.0");
  EXPECT_EQ(m60.ciphersuites, tls13);
  EXPECT_EQ(m60.cipher_string, "");
  EXPECT_EQ(m60.tls_versions, std::vector<std::string>{"TLSv1.3"});
  EXPECT_FALSE(m60.server_preference);
  EXPECT_EQ(m60.curves, "X25519MLKEM768:X25519:prime256v1:secp384r1");
  EXPECT_EQ(m60.dh_param_size, 0);
  EXPECT_EQ(m60.certificate_types, std::vector<std::string>{"ecdsa"});
  EXPECT_EQ(m60.rsa_key_size, 0);

  // 5.0 old: the server's order, DH 1024, P-256 still named secp256r1, no certificate curves.
  const profile& o50 = *find_profile("mozilla-old-5.0");
  EXPECT_TRUE(o50.server_preference);
  EXPECT_EQ(o50.ciphersuites, tls13);
  EXPECT_EQ(o50.tls_versions, (std::vector<std::string>{"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"}));
  EXPECT_EQ(o50.curves, "X25519:secp256r1:secp384r1");
  EXPECT_EQ(o50.dh_param_size, 1024);
  EXPECT_EQ(o50.certificate_types, std::vector<std::string>{"rsa"});
  EXPECT_TRUE(o50.certificate_curves.empty());
  EXPECT_EQ(o50.rsa_key_size, 2048);

  // 5.3 renamed secp256r1 to prime256v1 (477459e9); 5.4 dropped modern's RSA key size
  // (c48ecf5d); 5.8 raised old's DH to 2048.
  EXPECT_EQ(find_profile("mozilla-intermediate-5.2")->curves, "X25519:secp256r1:secp384r1");
  EXPECT_EQ(find_profile("mozilla-intermediate-5.3")->curves, "X25519:prime256v1:secp384r1");
  EXPECT_EQ(find_profile("mozilla-modern-5.3")->rsa_key_size, 2048);
  EXPECT_EQ(find_profile("mozilla-modern-5.4")->rsa_key_size, 0);
  EXPECT_EQ(find_profile("mozilla-old-5.7")->dh_param_size, 1024);
  EXPECT_EQ(find_profile("mozilla-old-5.8")->dh_param_size, 2048);

  // 4.0 predates TLS 1.3 and server_preferred_order; its old is the one with ECDH 160.
  const profile& o40 = *find_profile("mozilla-old-4.0");
  EXPECT_EQ(o40.ciphersuites, "");
  EXPECT_FALSE(o40.server_preference);
  EXPECT_EQ(o40.ecdh_param_size, 160);
  EXPECT_EQ(o40.dh_param_size, 1024);
  EXPECT_EQ(o40.tls_versions, (std::vector<std::string>{"TLSv1.2", "TLSv1.1", "TLSv1", "SSLv3"}));

  // Every profile from 5.0 on has the three TLS 1.3 suites, and they are among those allowed;
  // only old prefers the server's order; every profile names its certificate types and groups.
  for (const profile& p : profiles()) {
    SCOPED_TRACE(p.name);
    EXPECT_FALSE(p.certificate_types.empty());
    EXPECT_FALSE(p.curves.empty());
    EXPECT_GT(p.ecdh_param_size, 0);
    EXPECT_EQ(p.dh_param_size == 0, p.level == "modern");
    if (p.version == "4.0") continue;
    EXPECT_EQ(p.ciphersuites, tls13);
    EXPECT_EQ(p.server_preference, p.level == "old");
    for (const std::string suite :
         {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"}) {
      EXPECT_NE(std::find(p.allowed.begin(), p.allowed.end(), suite), p.allowed.end());
    }
  }
}

// The data is the guideline's: 5.7's intermediate allows DHE-RSA with AES-GCM and ChaCha20,
// 5.8's (Mozilla removed kDHE in 5.8) does not.
TEST(profile, versions_differ_as_the_guidelines_do) {
  const evaluator eval(*catalog::find("3.0"));
  const auto dhe = eval.evaluate("DHE-RSA-AES128-GCM-SHA256");
  EXPECT_TRUE(violations(*find_profile("mozilla-intermediate-5.7"), dhe.ciphers).empty());
  EXPECT_EQ(violations(*find_profile("mozilla-intermediate-5.8"), dhe.ciphers).size(), 1u);
}

// Each profile's own published cipher string passes its own check, on a release of its time
// (4.0 predates TLS 1.3, whose suites it does not list: 1.0.2 has none).
TEST(profile, each_published_cipher_string_passes_its_own_profile) {
  for (const profile& p : profiles()) {
    if (p.cipher_string.empty()) continue;  // modern 5.x/6.0: TLS 1.3 only, no cipher string
    SCOPED_TRACE(p.name);
    const catalog& release = *catalog::find(p.version == "4.0" ? "1.0.2" : "3.0");
    const evaluation e = evaluator(release).evaluate(p.cipher_string);
    ASSERT_TRUE(e.ok);
    std::string bad;
    for (const cipher* s : violations(p, e.ciphers)) bad += std::string(s->name) + " ";
    EXPECT_EQ(bad, "");
  }
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

// SPDX-License-Identifier: Apache-2.0
// Build options: which releases have them, and what they change. The legacy provider is also
// checked against real builds (differential_test); no build with weak ciphers or SSLv2 exists
// to compare with, so those are checked against the facts of the catalogs' tables.

#include <cipherexplain.hpp>

#include "oracle_data.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

namespace {

using namespace cipherexplain;
using namespace cipherexplain::testing;

build_options legacy() {
  build_options o;
  o.legacy_provider = true;
  return o;
}
build_options weak() {
  build_options o;
  o.weak_ciphers = true;
  return o;
}

// The suites a table compiles with an option and whose enc is `enc`.
std::set<std::string> table_suites(const catalog& c, std::string_view option,
                                   std::uint32_t enc_bits) {
  std::set<std::string> out;
  for (const cipher& s : c.ciphers()) {
    if (s.option == option && (s.enc & enc_bits) != 0 && s.valid) out.emplace(s.name);
  }
  return out;
}

std::set<std::string> tls12_names(const evaluation& e) {
  std::set<std::string> out;
  for (const cipher* s : e.ciphers) {
    if (s->table != cipher_table::tls13) out.emplace(s->name);
  }
  return out;
}

TEST(build_options, are_checked_against_what_each_release_has) {
  EXPECT_EQ(check_build_options(*catalog::find("1.1.1"), legacy()),
            "OpenSSL 1.1.1w has no legacy provider (providers exist from 3.0)");
  EXPECT_EQ(check_build_options(*catalog::find("3.0"), legacy()), std::nullopt);
  build_options ssl2;
  ssl2.sslv2 = true;
  EXPECT_EQ(check_build_options(*catalog::find("3.0"), ssl2),
            "OpenSSL 3.0.19 has no SSLv2 suites (SSLv2 was removed in 1.1.0)");
  EXPECT_EQ(check_build_options(*catalog::find("1.0.2"), ssl2), std::nullopt);
  build_options level;
  level.security_level = 1;
  EXPECT_EQ(check_build_options(*catalog::find("1.0.2"), level),
            "OpenSSL 1.0.2u has no security levels (they exist from 1.1.0)");
  level.security_level = 6;
  EXPECT_EQ(check_build_options(*catalog::find("3.0"), level),
            "security level 6 is out of range 0..5");
  EXPECT_THROW(evaluator(*catalog::find("1.1.1"), legacy()), std::invalid_argument);
  for (const catalog* c : catalog::all())
    EXPECT_EQ(check_build_options(*c, weak()), std::nullopt) << c->release();
}

TEST(build_options, describe_names_what_differs_from_the_recorded_build) {
  EXPECT_EQ(describe(build_options{}), "default build");
  build_options o = legacy();
  o.weak_ciphers = true;
  o.security_level = 1;
  EXPECT_EQ(describe(o), "legacy provider, weak ciphers, security level 1");
}

TEST(build_options, legacy_provider_makes_seed_usable_on_debian_and_idea_where_built) {
  const catalog& debian = *catalog::find("3.0");
  EXPECT_FALSE(evaluator(debian).evaluate("SEED").ok);
  const evaluation seed = evaluator(debian, legacy()).evaluate("SEED");
  EXPECT_TRUE(seed.ok);
  EXPECT_EQ(tls12_names(seed), (std::set<std::string>{"SEED-SHA", "DHE-RSA-SEED-SHA",
                                                      "DHE-DSS-SEED-SHA", "ADH-SEED-SHA"}));
  // Debian builds no-idea, upstream builds IDEA into the legacy provider.
  EXPECT_FALSE(evaluator(debian, legacy()).evaluate("IDEA-CBC-SHA").ok);
  EXPECT_TRUE(evaluator(*catalog::find("3.2"), legacy()).evaluate("IDEA-CBC-SHA").ok);
  // RC4 becomes a known alias matching nothing: a stray byte after it is now an error.
  EXPECT_EQ(evaluator(debian).evaluate("ALL:RC4$").ok, true);
  EXPECT_EQ(evaluator(debian, legacy()).evaluate("ALL:RC4$").failure, failure_reason::syntax);
}

TEST(build_options, weak_ciphers_add_exactly_the_tables_3des_and_rc4_suites) {
  const catalog& c = *catalog::find("3.0");
  const evaluation des3 = evaluator(c, weak()).evaluate("3DES");
  EXPECT_TRUE(des3.ok);
  EXPECT_EQ(tls12_names(des3), table_suites(c, "weak-ssl-ciphers", enc::des3));
  // RC4 also needs the legacy provider on 3.x.
  EXPECT_FALSE(evaluator(c, weak()).evaluate("RC4").ok);
  build_options both = weak();
  both.legacy_provider = true;
  EXPECT_EQ(tls12_names(evaluator(c, both).evaluate("RC4")),
            table_suites(c, "weak-ssl-ciphers", enc::rc4));
  // On 1.1.0+ every weak suite is NOT_DEFAULT: DEFAULT does not change.
  EXPECT_EQ(evaluator(c, both).evaluate("DEFAULT").ciphers,
            evaluator(c).evaluate("DEFAULT").ciphers);
}

TEST(build_options, weak_ciphers_on_1_0_2_bring_export_and_low_suites_that_default_excludes) {
  const catalog& c = *catalog::find("1.0.2");
  const evaluation exp = evaluator(c, weak()).evaluate("EXP");
  EXPECT_TRUE(exp.ok);
  for (const cipher* s : exp.ciphers) EXPECT_EQ(s->option, "weak-ssl-ciphers") << s->name;
  EXPECT_EQ(evaluator(c, weak()).evaluate("DEFAULT").ciphers,
            evaluator(c).evaluate("DEFAULT").ciphers);
}

TEST(build_options, sslv2_adds_the_sslv2_suites) {
  const catalog& c = *catalog::find("1.0.2");
  build_options o;
  o.sslv2 = true;
  const evaluator eval(c, o);
  std::set<std::string> expected;
  for (const cipher& s : c.ciphers()) {
    if (s.table == cipher_table::ssl2 && s.option == "ssl2") expected.emplace(s.name);
  }
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(tls12_names(eval.evaluate("SSLv2")), expected);
  EXPECT_EQ(eval.evaluate("DEFAULT").ciphers, evaluator(c).evaluate("DEFAULT").ciphers);
  const auto order = eval.preference_order();
  EXPECT_EQ(static_cast<std::size_t>(
                std::count_if(order.begin(), order.end(),
                              [](const cipher* s) { return s->table == cipher_table::ssl2; })),
            expected.size());
}

TEST(build_options, security_level_sets_the_starting_level_and_seclevel_overrides_it) {
  build_options o;
  o.security_level = 1;
  const evaluator eval(*catalog::find("3.0"), o);
  EXPECT_EQ(eval.evaluate("HIGH").security_level, 1);
  EXPECT_EQ(eval.evaluate("HIGH:@SECLEVEL=4").security_level, 4);
  EXPECT_EQ(evaluator(*catalog::find("3.0")).evaluate("HIGH").security_level, 2);
  EXPECT_EQ(evaluator(*catalog::find("1.0.2")).evaluate("HIGH").security_level, -1);
}

}  // namespace

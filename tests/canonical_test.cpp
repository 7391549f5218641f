// SPDX-License-Identifier: Apache-2.0
// The canonical string of a tree: what it keeps, what it drops, and that every release reads
// it as it reads the original.

#include <cipherexplain.hpp>

#include "oracle_data.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace cipherexplain;

std::string canonical(std::string_view input, const dialect& d = dialect::openssl_3_0()) {
  return canonical_text(parse(input, d));
}

TEST(canonical, joins_segments_with_colons_and_drops_empty_ones) {
  EXPECT_EQ(canonical("HIGH, !aNULL;;  !MD5 "), "HIGH:!aNULL:!MD5");
  EXPECT_EQ(canonical(""), "");
  EXPECT_EQ(canonical(":::"), "");
}

TEST(canonical, keeps_rules_glued_in_one_segment_together) {
  // After an unknown word OpenSSL skips the rest of the segment, so the grouping matters.
  EXPECT_EQ(canonical("ALL!aNULL-MD5"), "ALL!aNULL-MD5");
  EXPECT_EQ(canonical("FOO!aNULL ALL"), "FOO!aNULL:ALL");
}

TEST(canonical, keeps_chains_operators_and_commands) {
  EXPECT_EQ(canonical("+ECDH+AESGCM,-RSA @STRENGTH;@SECLEVEL=2"),
            "+ECDH+AESGCM:-RSA:@STRENGTH:@SECLEVEL=2");
}

TEST(canonical, drops_what_openssl_never_reads) {
  EXPECT_EQ(canonical("@STRENGTH$junk:HIGH"), "@STRENGTH:HIGH");
  EXPECT_EQ(canonical(std::string("HIGH\0:!RC4", 10)), "HIGH");
}

TEST(canonical, keeps_the_one_byte_read_after_a_missing_name) {
  // Releases before 1.1.1s and 3.0.7 (here 1.0.1u, 1.0.2u, 1.1.0l) step over the byte after a
  // missing name, then skip to a separator.
  EXPECT_EQ(canonical("!$$$:HIGH"), "!$:HIGH");
  EXPECT_EQ(canonical("@/SECLEVEL=1 @SECLEVEL=0"), "@/:@SECLEVEL=0");
  EXPECT_EQ(canonical("ALL+:HIGH"), "ALL+:HIGH");
  EXPECT_EQ(canonical("HIGH:\xc3\xa9t\xc3\xa9"), "HIGH:\xc3");
  // When the byte after the missing name is a separator, those releases then skip the next
  // segment: it stays glued to that separator, and a gap of separators stays a gap.
  EXPECT_EQ(canonical("@;ABC:HIGH"), "@;ABC:HIGH");
  EXPECT_EQ(canonical("@;:@SECLEVEL=3;@"), "@;:@SECLEVEL=3:@");
  EXPECT_EQ(canonical("!, ,,RC4 MD5"), "!,:RC4:MD5");
}

TEST(canonical, keeps_prefixes_and_guards_words_spelt_like_them) {
  EXPECT_EQ(canonical("DEFAULT"), "DEFAULT");
  EXPECT_EQ(canonical("DEFAULT::!RC4"), "DEFAULT:!RC4");
  EXPECT_EQ(canonical("DEFAULTz"), "DEFAULT:z");
  EXPECT_EQ(canonical("SUITEB128:ALL:whatever"), "SUITEB128");
  // Not a prefix where it stands, so it must not become one.
  EXPECT_EQ(canonical(",DEFAULT:HIGH"), ":DEFAULT:HIGH");
  EXPECT_EQ(canonical(" SUITEB192"), ":SUITEB192");
  // 4.0 reads the prefixes without regard to case.
  dialect v4;
  v4.case_insensitive = true;
  EXPECT_EQ(canonical(":default", v4), ":default");
  EXPECT_EQ(canonical(":default"), "default");
}

TEST(canonical, is_a_fixed_point) {
  for (const std::string& line : cipherexplain::testing::corpus_lines()) {
    for (const catalog* c : catalog::all()) {
      const std::string once = canonical(line, c->dialect());
      EXPECT_EQ(canonical(once, c->dialect()), once) << line << " on " << c->release();
    }
  }
}

// The same result from the canonical string as from the original, on every release, for
// every line of the corpus (the fuzz target round_trip_fuzzer checks the same on new inputs).
TEST(canonical, resolves_like_the_original_on_every_release) {
  const auto lines = cipherexplain::testing::corpus_lines();
  for (const catalog* c : catalog::all()) {
    const evaluator eval(*c);
    std::size_t same = 0;
    for (const std::string& line : lines) {
      const evaluation a = eval.evaluate(line, detail_level::result);
      const evaluation b = eval.evaluate(canonical(line, c->dialect()), detail_level::result);
      if (a.ok == b.ok && a.ciphers == b.ciphers && a.security_level == b.security_level)
        ++same;
      else
        ADD_FAILURE() << line << " on " << c->release();
    }
    EXPECT_EQ(same, lines.size()) << c->release();
  }
}

}  // namespace

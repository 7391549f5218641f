// SPDX-License-Identifier: Apache-2.0
// Suites as people write them: names in any case, IANA names, and code points, exactly.

#include <cipherexplain.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace cipherexplain;

TEST(suite_lookup, reads_exactly_the_documented_code_point_spellings) {
  const std::vector<std::pair<std::string, int>> valid{
      {"0xC02F", 0xC02F},     {"0xc02f", 0xC02F},      {"0x2F", 0x002F},    {"0xC0,0x2F", 0xC02F},
      {"0xC0, 0x2F", 0xC02F}, {"{0xC0,0x2F}", 0xC02F}, {"0x0,0x2F", 0x002F}};
  for (const auto& [text, value] : valid) {
    const code_point_parse p = parse_code_point(text);
    ASSERT_TRUE(p.value.has_value()) << text << ": " << p.error;
    EXPECT_EQ(*p.value, value) << text;
  }
  // What the old reader accepted by dropping every ',', space, brace and 0x.
  const std::vector<std::tuple<std::string, std::size_t, std::string>> invalid{
      {"0xC0,", 5, "'0x'"},
      {"0x 1", 2, "a hex digit"},
      {"0xC0,0x", 7, "a hex digit"},
      {"{0xC0,0x2F", 10, "'}'"},
      {"0x12345", 6, "the end"},
      {"0xC02F,0x01", 6, "the end (a byte has two hex digits)"},
      {"{}", 1, "'0x'"}};
  for (const auto& [text, offset, expected] : invalid) {
    const code_point_parse p = parse_code_point(text);
    EXPECT_FALSE(p.value.has_value()) << text;
    EXPECT_TRUE(p.looks_like_one) << text;
    EXPECT_EQ(p.error_offset, offset) << text;
    EXPECT_EQ(p.error, expected) << text;
  }
  for (const std::string text : {",0x2F", "C02F", "AES128-SHA", ""}) {
    EXPECT_FALSE(parse_code_point(text).looks_like_one) << text;
  }
}

TEST(suite_lookup, finds_a_suite_by_any_name_in_any_case_or_code_point) {
  const catalog& release = *catalog::find("3.0");
  const cipher* aes = release.find_cipher("AES128-SHA");
  ASSERT_NE(aes, nullptr);
  for (const std::string text : {"AES128-SHA", "aes128-sha", "TLS_RSA_WITH_AES_128_CBC_SHA",
                                 "tls_rsa_with_aes_128_cbc_sha", "0x002F", "0x2f", "0x00,0x2F"}) {
    EXPECT_EQ(find_suite(release, text), aes) << text;
  }
  EXPECT_EQ(find_suite(release, "0xC0,"), nullptr);
  EXPECT_EQ(find_suite(release, "AES128-SAH"), nullptr);
  const auto near = nearest_suite_names(release, "AES128-SAH");
  ASSERT_FALSE(near.empty());
  EXPECT_EQ(near.front(), "AES128-SHA");
}

}  // namespace

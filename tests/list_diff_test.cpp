// SPDX-License-Identifier: Apache-2.0
#include <cipherexplain.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace cipherexplain;

std::vector<const cipher*> suites(const catalog& c, std::initializer_list<const char*> list) {
  std::vector<const cipher*> out;
  for (const char* n : list) out.push_back(c.find_cipher(n));
  return out;
}

std::vector<std::string> names_of(const std::vector<const cipher*>& v) {
  std::vector<std::string> out;
  for (const cipher* s : v) out.emplace_back(s->name);
  return out;
}

TEST(list_diff, reports_added_removed_and_the_fewest_moved) {
  const catalog& c = *catalog::find("3.0");
  const auto before =
      suites(c, {"AES128-SHA", "AES256-SHA", "AES128-GCM-SHA256", "AES256-GCM-SHA384", "NULL-MD5"});
  const auto after =
      suites(c, {"AES256-SHA", "AES256-GCM-SHA384", "NULL-MD5", "AES128-SHA", "NULL-SHA"});
  const list_diff d = diff_lists(before, after);
  EXPECT_EQ(names_of(d.added), (std::vector<std::string>{"NULL-SHA"}));
  EXPECT_EQ(names_of(d.removed), (std::vector<std::string>{"AES128-GCM-SHA256"}));
  // AES256-SHA, AES256-GCM-SHA384 and NULL-MD5 keep their order; only AES128-SHA moved.
  EXPECT_EQ(names_of(d.moved), (std::vector<std::string>{"AES128-SHA"}));
  EXPECT_TRUE(diff_lists(before, before).empty());
}

TEST(list_diff, matches_suites_across_releases_by_id_not_name) {
  // 1.1.0 renamed EDH-RSA-DES-CBC3-SHA to DHE-RSA-DES-CBC3-SHA; same code point.
  const catalog& old_release = *catalog::find("1.0.2");
  const catalog& new_release = *catalog::find("1.1.0");
  const cipher* before = old_release.find_cipher("EDH-RSA-DES-CBC3-SHA");
  const cipher* after = new_release.find_cipher("DHE-RSA-DES-CBC3-SHA");
  ASSERT_NE(before, nullptr);
  ASSERT_NE(after, nullptr);
  const std::vector<const cipher*> a{before}, b{after};
  EXPECT_TRUE(diff_lists(a, b).empty());
}

}  // namespace

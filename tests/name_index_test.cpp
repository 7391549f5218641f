// SPDX-License-Identifier: Apache-2.0
// The names findings look up across releases come from word lists the build derives from the
// catalogs (cmake/embed_catalogs.cmake); here they are checked against the parsed catalogs,
// and the nearest-name search against a plain scan of every word.

#include <cipherexplain.hpp>

#include "catalog/registry.hpp"
#include "explain/name_index.hpp"
#include "text/ascii.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace cipherexplain;
using namespace cipherexplain::detail;

// What a cipher string of a release's default build can name (usable or not), from the catalog.
bool names_something(const catalog& c, std::string_view word) {
  const bool ci = c.dialect().case_insensitive;
  for (const cipher& s : c.ciphers()) {
    if (!s.option.empty() || !s.valid ||
        (s.table != cipher_table::ssl3 && s.table != cipher_table::ssl2))
      continue;
    if (same_name(s.name, word, ci) ||
        (c.stdname_lookup() && !s.stdname.empty() && same_name(s.stdname, word, ci)))
      return true;
  }
  for (const alias& a : c.aliases()) {
    if (a.option.empty() && same_name(a.name, word, ci)) return true;
  }
  return false;
}

std::set<std::string> every_word() {
  std::set<std::string> words{"FOO", "", "DEFAULT", "high", "tls_aes_128_gcm_sha256"};
  for (const catalog* c : catalog::all()) {
    for (const cipher& s : c->ciphers()) {
      words.insert(std::string(s.name));
      words.insert(ascii_lowered(s.name));
      if (!s.stdname.empty()) words.insert(std::string(s.stdname));
    }
    for (const alias& a : c->aliases()) {
      words.insert(std::string(a.name));
      words.insert(ascii_lowered(a.name));
    }
  }
  return words;
}

TEST(name_index, knows_which_releases_name_each_word_as_their_catalogs_do) {
  const release_name_index& index = release_name_index::instance();
  for (const std::string& word : every_word()) {
    std::vector<std::string_view> expected;
    for (const catalog* c : catalog::all()) {
      if (names_something(*c, word)) expected.push_back(c->release());
    }
    EXPECT_EQ(index.releases_naming(word), expected) << word;
  }
}

TEST(name_index, knows_every_tls13_suite_and_iana_name_of_every_release) {
  const release_name_index& index = release_name_index::instance();
  for (const std::string& word : every_word()) {
    const cipher* tls13 = nullptr;
    const cipher* iana = nullptr;
    for (const catalog* c : catalog::all()) {
      for (const cipher& s : c->ciphers()) {
        if (s.table == cipher_table::tls13 && s.name == word) tls13 = &s;
        if (s.table == cipher_table::ssl3 && !s.stdname.empty() && s.stdname == word &&
            iana == nullptr)
          iana = &s;
      }
    }
    EXPECT_EQ(index.tls13_suite(word).has_value(), tls13 != nullptr) << word;
    if (tls13 != nullptr && index.tls13_suite(word)) {
      EXPECT_EQ(*index.tls13_suite(word), tls13->name);
    }
    ASSERT_EQ(index.iana_suite(word).has_value(), iana != nullptr) << word;
    if (iana != nullptr) {
      EXPECT_EQ(*index.iana_suite(word), iana->id) << word;
    }
  }
}

TEST(name_index, nearest_names_are_those_a_scan_of_every_word_finds) {
  const prepared_release prepared(*catalog::find("3.0"), {});
  const name_suggestions names(prepared);
  const auto known = prepared.known_words();
  for (const std::string word : {"HIHG", "high", "ECDHE-RSA-AES128-GCM-SHA265", "AES", "aRAS",
                                 "kECDH", "X", "ZZZZZZZZZZ", "CHACHA", "TLSv1.3"}) {
    const std::size_t limit = word.size() < 5 ? 1 : 2;
    std::vector<std::pair<std::size_t, std::size_t>> scan;  // (distance, position)
    for (std::size_t i = 0; i < known.size(); ++i) {
      const std::size_t d = edit_distance(word, known[i], limit);
      if (d <= limit) scan.emplace_back(d, i);
    }
    std::stable_sort(scan.begin(), scan.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string_view> expected;
    for (std::size_t i = 0; i < scan.size() && i < 3 && scan[i].first == scan.front().first; ++i)
      expected.push_back(known[scan[i].second]);
    EXPECT_EQ(names.nearest(word, 3), expected) << word;
    const bool slip = std::any_of(known.begin(), known.end(),
                                  [&](std::string_view k) { return equal_ignoring_case(k, word); });
    EXPECT_EQ(names.knows_ignoring_case(word), slip) << word;
  }
}

// ctest runs each test in a process of its own, so nothing else has parsed a catalog yet.
TEST(name_index, an_unknown_word_parses_no_other_release_catalog) {
  const evaluator eval(*catalog::find("3.0"));
  ASSERT_EQ(parsed_catalog_count(), 1u);
  const evaluation e =
      eval.evaluate("HIGH:CHACHA21:FOO:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-SHA256");
  ASSERT_FALSE(e.diagnostics.empty());
  EXPECT_EQ(parsed_catalog_count(), 1u);
}

}  // namespace

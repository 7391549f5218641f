// SPDX-License-Identifier: Apache-2.0
// Which listed suites a client can use, against what SSL_get1_supported_ciphers() of each real
// build reported for every accepted corpus line (corpus/<release>/supported.jsonl).

#include <cipherexplain.hpp>

#include "oracle_data.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

namespace {

using namespace cipherexplain;
using namespace cipherexplain::testing;

std::vector<std::vector<std::string>> recorded_supported(const std::string& release_dir) {
  std::vector<std::vector<std::string>> out;
  std::ifstream in(corpus_dir() + "/" + release_dir + "/supported.jsonl");
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> names_list;
    const nlohmann::json record = nlohmann::json::parse(line);  // kept: the loop reads into it
    for (const auto& n : record.at("supported")) names_list.push_back(n.get<std::string>());
    out.push_back(std::move(names_list));
  }
  return out;
}

class supported_ciphers : public ::testing::TestWithParam<const catalog*> {};

TEST_P(supported_ciphers, match_what_each_build_reported_for_every_accepted_line) {
  const catalog& release = *GetParam();
  const auto lines = corpus_lines();
  const auto expected = recorded_supported(release_dir(release));
  ASSERT_EQ(expected.size(), lines.size());
  const evaluator eval(release);
  std::size_t identical = 0;
  std::size_t reported = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const evaluation e = eval.evaluate(lines[i], detail_level::result);
    std::vector<std::string> got;
    if (e.ok) got = names(supported(release, e.ciphers, e.security_level)->usable);
    if (got == expected[i]) {
      ++identical;
    } else if (reported++ < 10) {
      ADD_FAILURE() << "line " << i + 1 << " " << printable(lines[i]) << " at level "
                    << e.security_level << ": " << describe_difference(expected[i], got);
    }
  }
  EXPECT_EQ(identical, lines.size());
}

std::string param_name(const ::testing::TestParamInfo<const catalog*>& info) {
  std::string name = "openssl_" + std::string(info.param->release());
  std::replace(name.begin(), name.end(), '.', '_');
  return name;
}

std::vector<const catalog*> with_security_levels() {
  std::vector<const catalog*> out;
  for (const catalog* c : catalog::all()) {
    if (c->engine() != engine_family::openssl_1_0) out.push_back(c);
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(releases, supported_ciphers, ::testing::ValuesIn(with_security_levels()),
                         param_name);

TEST(supported, has_no_answer_before_security_levels_existed) {
  const catalog& c = *catalog::find("1.0.2");
  EXPECT_EQ(supported(c, evaluator(c).evaluate("ALL").ciphers, 1), std::nullopt);
}

TEST(supported, gives_the_reason_for_each_suite_left_out) {
  const catalog& c = *catalog::find("3.0");
  const auto list =
      evaluator(c)
          .evaluate("ADH-AES128-SHA:PSK-AES128-CBC-SHA:AES128-SHA:ECDHE-RSA-AES128-SHA")
          .ciphers;
  const auto at3 = supported(c, list, 3);
  ASSERT_TRUE(at3.has_value());
  ASSERT_EQ(at3->unusable.size(), 3u);
  EXPECT_EQ(at3->unusable[0].first->name, "ADH-AES128-SHA");
  EXPECT_EQ(at3->unusable[0].second, unusable_reason::anonymous);
  EXPECT_EQ(at3->unusable[1].second, unusable_reason::psk_not_set_up);
  EXPECT_EQ(at3->unusable[2].first->name, "AES128-SHA");
  EXPECT_EQ(at3->unusable[2].second, unusable_reason::no_forward_secrecy);
  EXPECT_EQ(at3->min_version, version::tlsv1_1);
  EXPECT_EQ(supported(*catalog::find("3.2"), list, 1)->min_version, version::tlsv1_2);
}

}  // namespace

// SPDX-License-Identifier: Apache-2.0
// Every corpus line, for every release compiled in, resolves exactly as the real OpenSSL build
// recorded it (corpus/<release>/results.jsonl and state.jsonl).

#include <cipherexplain.hpp>

#include "oracle_data.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace cipherexplain;
using namespace cipherexplain::testing;

class conformance : public ::testing::TestWithParam<const catalog*> {};

std::string param_name(const ::testing::TestParamInfo<const catalog*>& info) {
  std::string name = "openssl_" + std::string(info.param->release());
  for (char& c : name) {
    if (c == '.') c = '_';
  }
  return name;
}

TEST_P(conformance, every_corpus_line_matches_the_recorded_results) {
  const catalog& release = *GetParam();
  const evaluator eval(release);
  const std::vector<std::string> lines = corpus_lines();
  const std::vector<recorded_result> expected = recorded_results(release_dir(release));
  ASSERT_EQ(lines.size(), expected.size());

  std::size_t identical = 0;
  std::vector<std::string> failures;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const evaluation got = eval.evaluate(lines[i]);
    const std::vector<std::string> got_names =
        got.ok ? names(got.ciphers) : std::vector<std::string>{};
    if (got.ok == expected[i].ok && got_names == expected[i].ciphers) {
      ++identical;
      continue;
    }
    failures.push_back(fmt::format("line {}: {}\n  expected ok={} got ok={}; {}", i + 1,
                                   printable(lines[i]), expected[i].ok, got.ok,
                                   describe_difference(expected[i].ciphers, got_names)));
  }
  for (std::size_t i = 0; i < failures.size() && i < 20; ++i) ADD_FAILURE() << failures[i];
  EXPECT_EQ(identical, lines.size())
      << identical << "/" << lines.size() << " lines identical for OpenSSL " << release.release();
}

// For lines that fail or hold '@', the oracle also recorded what the context was left with and
// its security level: a failure is not always "nothing changed".
TEST_P(conformance, context_after_failures_and_commands_matches_the_recorded_state) {
  const catalog& release = *GetParam();
  const evaluator eval(release);
  const std::vector<recorded_state> states = recorded_states(release_dir(release));
  ASSERT_FALSE(states.empty());
  std::size_t identical = 0;
  for (const recorded_state& s : states) {
    const evaluation got = eval.evaluate(s.input);
    const std::vector<std::string> context = names(got.ciphers);
    if (got.ok == s.ok && context == s.context_ciphers && got.security_level == s.security_level) {
      ++identical;
      continue;
    }
    ADD_FAILURE() << printable(s.input) << ": expected ok=" << s.ok
                  << " seclevel=" << s.security_level << ", got ok=" << got.ok
                  << " seclevel=" << got.security_level
                  << "; context: " << describe_difference(s.context_ciphers, context);
  }
  EXPECT_EQ(identical, states.size());
}

TEST_P(conformance, each_alias_alone_matches_the_recorded_list) {
  const catalog& release = *GetParam();
  const evaluator eval(release);
  for (const recorded_alias& a : recorded_aliases(release_dir(release))) {
    const evaluation got = eval.evaluate(a.alias);
    const std::vector<std::string> got_names =
        got.ok ? names(got.ciphers) : std::vector<std::string>{};
    EXPECT_EQ(got.ok, a.ok) << a.alias;
    EXPECT_EQ(got_names, a.ciphers) << a.alias << ": " << describe_difference(a.ciphers, got_names);
  }
}

INSTANTIATE_TEST_SUITE_P(releases, conformance,
                         ::testing::ValuesIn(catalog::all().begin(), catalog::all().end()),
                         param_name);

}  // namespace

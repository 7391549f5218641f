// SPDX-License-Identifier: Apache-2.0
// preset list/show/timeline and presets in negotiate, as a user meets them: the contract of
// `preset show --format json` on the recorded interpreters, the timeline as text and HTML,
// and a preset on each side of a handshake.

#include "oracle_data.hpp"
#include "run_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

using cipherexplain::testing::corpus_dir;
using cipherexplain::testing::process_result;
using cipherexplain::testing::run_process;

process_result cli(const std::vector<std::string>& args) {
  setenv("COLUMNS", "200", 0);
  return run_process(CIPHEREXPLAIN_CLI, args, "");
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(cli_preset, show_json_is_the_recorded_interpreters_context) {
  std::ifstream in(corpus_dir() + "/python/python-3.11.7.json");
  const auto recorded = nlohmann::json::parse(in).at("contexts").at("create_default_context()");
  const process_result r = cli({"preset", "show", "python-3.11.7", "--context", "client",
                                "--openssl", "3.0.19", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto shown = nlohmann::json::parse(r.out);
  EXPECT_EQ(shown.at("ciphers"), recorded.at("ciphers"));
  EXPECT_EQ(shown.at("options"), recorded.at("options"));
  EXPECT_EQ(shown.at("min_protocol"), "TLSv1.2");
  EXPECT_TRUE(shown.at("max_protocol").is_null());
  EXPECT_EQ(shown.at("security_level"), recorded.at("security_level"));
  EXPECT_TRUE(shown.at("stands_in_for").is_null());  // --openssl was given
  EXPECT_TRUE(contains(shown.at("source").get<std::string>(), "Modules/_ssl.c@"));
}

TEST(cli_preset, show_without_a_release_runs_on_the_bundled_one_or_its_stand_in) {
  const process_result r = cli({"preset", "show", "python-3.6.1", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto shown = nlohmann::json::parse(r.out);
  EXPECT_EQ(shown.at("openssl"), "1.0.2u");
  EXPECT_EQ(shown.at("stands_in_for"), "1.0.2k");
  const process_result text = cli({"preset", "show", "python-3.6.1"});
  EXPECT_TRUE(contains(text.out, "standing in for 1.0.2k")) << text.out;
}

TEST(cli_preset, show_across_releases_and_the_draft_names_finding) {
  const process_result all = cli({"preset", "show", "python-3.6.15", "--openssl", "all"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_TRUE(contains(all.out, "4.0.3")) << all.out;
  const process_result one = cli({"preset", "show", "python-3.6.15", "--openssl", "1.1.1"});
  EXPECT_TRUE(contains(one.out, "pre-release name of a TLS 1.3 suite")) << one.out;
}

TEST(cli_preset, a_context_that_cannot_be_made_exits_1_and_says_why) {
  const process_result r = cli({"preset", "show", "python-3.10.0", "--openssl", "1.0.2"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(contains(r.out, "FAILS")) << r.out;
  EXPECT_TRUE(contains(r.out, "needs OpenSSL 1.1.1 or later")) << r.out;
}

TEST(cli_preset, unknown_names_and_contexts_are_usage_errors) {
  EXPECT_EQ(cli({"preset", "show", "python-9.9.9"}).exit_code, 2);
  EXPECT_EQ(cli({"preset", "show", "python-3.6.1", "--context", "nope"}).exit_code, 2);
  EXPECT_EQ(cli({"preset", "timeline", "nosuchfamily"}).exit_code, 2);
}

TEST(cli_preset, list_names_every_family_with_its_file) {
  const process_result r = cli({"preset", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* family :
       {"python", "mozilla", "nginx", "apache", "postfix", "node", "crypto-policies", "curl"})
    EXPECT_TRUE(contains(r.out, std::string("(") + family + ",")) << family;
  const auto json = nlohmann::json::parse(cli({"preset", "list", "--format", "json"}).out);
  EXPECT_GE(json.at("families").size(), 15u);
}

TEST(cli_preset, python_timeline_renders_as_text_json_and_a_self_contained_page) {
  const process_result text = cli({"preset", "timeline", "python"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_TRUE(contains(text.out, "3.6.3-3.6.15")) << text.out;
  EXPECT_TRUE(contains(text.out, "options: +IGNORE_UNEXPECTED_EOF")) << text.out;
  const process_result html = cli({"preset", "timeline", "python", "--format", "html"});
  ASSERT_EQ(html.exit_code, 0) << html.err;
  EXPECT_TRUE(html.out.starts_with("<!DOCTYPE html>"));
  EXPECT_FALSE(contains(html.out, "<script"));
  EXPECT_FALSE(contains(html.out, "src=\"http"));
  EXPECT_TRUE(contains(html.out, "TLS13-AES-256-GCM-SHA384")) << "3.6.3's string";
  const auto json =
      nlohmann::json::parse(cli({"preset", "timeline", "python", "--format", "json"}).out);
  EXPECT_GT(json.at("rows").size(), 20u);
}

TEST(cli_preset, negotiate_takes_presets_on_both_sides) {
  const process_result r =
      cli({"negotiate", "--client", "python-3.6.1", "--server", "mozilla-modern-5.8"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // 1.0.2 (for 1.0.2k) has no TLS 1.3; modern is 1.3 only
  EXPECT_TRUE(contains(r.out, "client is Python 3.6.1")) << r.out;
  EXPECT_TRUE(contains(r.out, "unsupported protocol")) << r.out;
  const process_result on30 =
      cli({"negotiate", "--openssl", "3.0", "--client", "preset=python-3.6.1,max=TLSv1.2",
           "--server", "mozilla-intermediate-5.8", "--format", "json"});
  ASSERT_EQ(on30.exit_code, 0) << on30.err;
  const auto json = nlohmann::json::parse(on30.out);
  EXPECT_EQ(json.at("protocol"), "TLSv1.2") << on30.out;
  EXPECT_TRUE(contains(json.at("client_preset").get<std::string>(), "python")) << on30.out;
}

TEST(cli_preset, explain_resolves_a_string_in_a_presets_configuration) {
  // Its own string, level and protocol floor on the release asked for.
  const process_result own =
      cli({"--preset", "python-3.11.7", "--openssl", "3.0.19", "--format", "json"});
  ASSERT_EQ(own.exit_code, 0) << own.err;
  const auto json = nlohmann::json::parse(own.out);
  EXPECT_EQ(json.at("security_level"), 2);
  EXPECT_EQ(json.at("ciphers").size(), 17u);
  EXPECT_EQ(json.at("configuration").at("min_protocol"), "TLSv1.2") << own.out;
  // A string of one's own inside the preset's configuration.
  const process_result mine =
      cli({"--preset", "python-3.11.7", "--openssl", "3.0.19", "--quiet", "HIGH"});
  ASSERT_EQ(mine.exit_code, 0) << mine.err;
  EXPECT_TRUE(contains(mine.out, "Preset python-3.11.7")) << mine.out;
  EXPECT_FALSE(contains(mine.out, "option-no-effect")) << "--quiet hides notes";
  EXPECT_EQ(cli({"--preset", "python-0.1"}).exit_code, 2);
}

TEST(cli_preset, diff_compares_two_presets_lists) {
  const process_result r = cli({"diff", "--openssl", "3.0", "--preset", "python-3.6.15", "--preset",
                                "python-3.11.7", "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // they differ
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json.dump().find("preset:python-3.6.15") != std::string::npos, true) << r.out;
  const process_result same =
      cli({"diff", "--openssl", "3.0", "--preset", "python-3.11.7", "--preset", "python-3.12.0"});
  EXPECT_EQ(same.exit_code, 0) << same.out;
}

}  // namespace

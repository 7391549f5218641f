// SPDX-License-Identifier: Apache-2.0
// The handshake model against real handshakes recorded on five builds (corpus/policy/
// handshake/): every line of every release, each recorded field the model reproduces.

#include "oracle_data.hpp"

#include <cipherexplain.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

namespace {

using namespace cipherexplain;
using cipherexplain::testing::corpus_dir;

tls_endpoint endpoint_of(const nlohmann::json& side) {
  tls_endpoint e;
  for (const auto& [key, value] : side.items()) {
    const std::string text = value.is_string()    ? value.get<std::string>()
                             : value.is_boolean() ? (value.get<bool>() ? "true" : "false")
                                                  : value.dump();
    const auto why = set_endpoint_field(e, key, text);
    EXPECT_FALSE(why) << *why;
  }
  return e;
}

std::string text_or_empty(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

class recorded_handshakes : public ::testing::TestWithParam<const char*> {};

TEST_P(recorded_handshakes, are_reproduced) {
  const std::string tag = GetParam();
  const catalog* release = catalog::find(tag);
  ASSERT_NE(release, nullptr) << tag;
  const configuration_resolver resolver(*release);
  std::ifstream in(corpus_dir() + "/policy/handshake/openssl-" + tag + "/results.jsonl");
  ASSERT_TRUE(in) << tag;
  std::string line;
  int compared = 0;
  while (std::getline(in, line)) {
    const auto record = nlohmann::json::parse(line);
    const std::string id = record["id"].get<std::string>();
    const prepared_endpoint client(resolver, endpoint_of(record["input"]["client"]));
    const prepared_endpoint server(resolver, endpoint_of(record["input"]["server"]));
    const handshake_result got = negotiate(client, server);
    const std::string what = id + " on " + tag;
    EXPECT_EQ(got.ok, record["ok"].get<bool>()) << what;
    EXPECT_EQ(std::string(protocol_version_name(got.protocol)), text_or_empty(record, "protocol"))
        << what;
    EXPECT_EQ(got.suite ? std::string(got.suite->name) : "", text_or_empty(record, "cipher"))
        << what;
    EXPECT_EQ(got.suite ? std::string(got.suite->stdname) : "",
              text_or_empty(record, "cipher_iana"))
        << what;
    EXPECT_EQ(got.group, text_or_empty(record, "group")) << what;
    EXPECT_EQ(got.ok ? got.server_key : "", text_or_empty(record, "server_key")) << what;
    EXPECT_EQ(got.signature_type.empty() ? "" : got.signature_type + "+" + got.signature_hash,
              text_or_empty(record, "server_sig"))
        << what;
    EXPECT_EQ(got.failure ? got.failure->reason : "", text_or_empty(record, "error")) << what;
    EXPECT_EQ(got.failure ? std::string(side_name(got.failure->side)) : "",
              text_or_empty(record, "error_side"))
        << what;
    EXPECT_EQ(got.failure ? std::string(stage_name(got.failure->stage)) : "",
              text_or_empty(record, "stage"))
        << what;
    if (got.failure) {
      EXPECT_FALSE(got.failure->explanation.empty()) << what;
    }
    ++compared;
  }
  EXPECT_EQ(compared, 118) << tag;
}

INSTANTIATE_TEST_SUITE_P(releases, recorded_handshakes,
                         ::testing::Values("1.1.1w", "3.0.19", "3.5.9", "3.6.5", "4.0.3"),
                         [](const ::testing::TestParamInfo<const char*>& param) {
                           std::string name = param.param;
                           for (char& c : name)
                             if (c == '.') c = '_';
                           return name;
                         });

}  // namespace

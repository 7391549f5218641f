// SPDX-License-Identifier: Apache-2.0
// The test harness's real handshakes (tests/support/real_handshake.cpp) against the recordings
// of the same library: the linked libssl is Debian 12's 3.0, the one recorded as openssl-3.0.19.
// If this fails, the differential tests that trust the harness would compare with the wrong
// procedure.

#include "real_handshake.hpp"
#include "oracle_data.hpp"

#include <gtest/gtest.h>
#include <openssl/crypto.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

namespace {

using cipherexplain::testing::corpus_dir;
using cipherexplain::testing::real_handshake;
using cipherexplain::testing::real_outcome;
using cipherexplain::testing::real_side;

std::string text_or_empty(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

real_side side_of(const nlohmann::json& j) {
  real_side s;
  if (j.contains("ciphers")) s.ciphers = j["ciphers"].get<std::string>();
  if (j.contains("ciphersuites")) s.ciphersuites = j["ciphersuites"].get<std::string>();
  if (j.contains("min")) s.min = j["min"].get<std::string>();
  if (j.contains("max")) s.max = j["max"].get<std::string>();
  if (j.contains("groups")) s.groups = j["groups"].get<std::string>();
  if (j.contains("seclevel")) s.seclevel = j["seclevel"].get<int>();
  if (j.contains("prefer_server")) s.prefer_server = j["prefer_server"].get<bool>();
  if (j.contains("cert")) s.cert = j["cert"].get<std::string>();
  if (j.contains("cert_first")) s.cert_first = j["cert_first"].get<bool>();
  return s;
}

TEST(real_handshake, reproduces_the_recorded_3_0_handshakes) {
  setenv("OPENSSL_CONF", CIPHEREXPLAIN_EMPTY_OPENSSL_CONF, 0);
  if (OPENSSL_VERSION_MAJOR != 3 || OPENSSL_VERSION_MINOR != 0)
    GTEST_SKIP() << "linked libssl is not 3.0 (the recorded one): " << OpenSSL_version(0);
  std::ifstream in(corpus_dir() + "/policy/handshake/openssl-3.0.19/results.jsonl");
  std::string line;
  int compared = 0;
  while (std::getline(in, line)) {
    const auto record = nlohmann::json::parse(line);
    const auto& input = record["input"];
    const real_outcome got = real_handshake(side_of(input["client"]), side_of(input["server"]));
    const std::string id = record["id"].get<std::string>();
    EXPECT_EQ(got.ok, record["ok"].get<bool>()) << id;
    EXPECT_EQ(got.protocol, text_or_empty(record, "protocol")) << id;
    EXPECT_EQ(got.cipher, text_or_empty(record, "cipher")) << id;
    EXPECT_EQ(got.group, text_or_empty(record, "group")) << id;
    EXPECT_EQ(got.server_key, text_or_empty(record, "server_key")) << id;
    EXPECT_EQ(got.server_sig, text_or_empty(record, "server_sig")) << id;
    EXPECT_EQ(got.error, text_or_empty(record, "error")) << id;
    EXPECT_EQ(got.error_side, text_or_empty(record, "error_side")) << id;
    EXPECT_EQ(got.stage, text_or_empty(record, "stage")) << id;
    ++compared;
  }
  EXPECT_EQ(compared, 118);
}

}  // namespace

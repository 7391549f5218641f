// SPDX-License-Identifier: Apache-2.0
// The configuration options as a user meets them: --ciphersuites, --min-protocol,
// --max-protocol, --protocols, --usable, the JSON "configuration" object, and the policy batch
// modes.

#include "run_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <string>
#include <vector>

namespace {

using cipherexplain::testing::process_result;
using cipherexplain::testing::run_process;

process_result cli(const std::vector<std::string>& args, const std::string& input = {}) {
  setenv("COLUMNS", "200", 0);
  return run_process(CIPHEREXPLAIN_CLI, args, input);
}

TEST(cli_configuration, explains_what_a_tls13_only_configuration_can_use) {
  const process_result r = cli({"--ciphersuites", "TLS_AES_256_GCM_SHA384", "--min-protocol",
                                "TLSv1.3", "--openssl", "3.0", "HIGH"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("TLS_AES_256_GCM_SHA384"), std::string::npos);
  EXPECT_NE(r.out.find("no: protocol range"), std::string::npos);
  EXPECT_NE(r.out.find("Protocols: TLSv1.3 only (minimum TLSv1.3); security level 2. 1 of the"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("1 recommended, 0 secure, 0 weak, 0 insecure"), std::string::npos) << r.out;
}

TEST(cli_configuration, usable_lists_only_what_a_connection_can_use_by_protocol) {
  const process_result r =
      cli({"--usable", "--protocols", "TLSv1.2,TLSv1.3", "--openssl", "3.0", "--ciphersuites",
           "TLS_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "OpenSSL 3.0.19: TLSv1.2 to TLSv1.3; security level 2.\n"
            "TLSv1.3 (1)\n"
            "  TLS_AES_128_GCM_SHA256           TLS_AES_128_GCM_SHA256\n"
            "TLSv1.2 (2)\n"
            "  ECDHE-RSA-AES128-GCM-SHA256      TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n"
            "  AES128-SHA                       TLS_RSA_WITH_AES_128_CBC_SHA\n");
}

TEST(cli_configuration, json_has_a_configuration_object_and_per_suite_usability) {
  const process_result r =
      cli({"--format", "json", "--openssl", "3.5", "--ciphersuites", "TLS_AES_128_GCM_SHA256:foo",
           "--max-protocol", "TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  const auto& c = doc.at("configuration");
  EXPECT_EQ(c.at("max_protocol"), "TLSv1.2");
  EXPECT_TRUE(c.at("min_protocol").is_null());
  EXPECT_EQ(c.at("ciphersuites").at("ok"), true);
  EXPECT_EQ(c.at("ciphersuites").at("elements").at(1).at("status"), "unknown");
  EXPECT_EQ(c.at("protocols").at("highest"), "TLSv1.2");
  EXPECT_EQ(c.at("supported"), nlohmann::json::array({"ECDHE-RSA-AES128-GCM-SHA256"}));
  EXPECT_EQ(doc.at("ciphers").at(0).at("name"), "TLS_AES_128_GCM_SHA256");
  EXPECT_EQ(doc.at("ciphers").at(0).at("usable"), false);
  EXPECT_EQ(doc.at("ciphers").at(1).at("usable"), true);
  EXPECT_EQ(c.at("diagnostics").at(0).at("code"), "ciphersuites-skipped");
}

TEST(cli_configuration, settings_a_release_lacks_are_usage_errors_that_say_so) {
  process_result r =
      cli({"--openssl", "1.1.0", "--ciphersuites", "TLS_AES_128_GCM_SHA256", "HIGH"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no TLS 1.3"), std::string::npos) << r.err;
  r = cli({"--min-protocol", "TLSv1.4", "HIGH"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'TLSv1.4' is not a protocol version"), std::string::npos) << r.err;
  r = cli({"--openssl", "all", "--min-protocol", "TLSv1.2", "HIGH"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("take one release"), std::string::npos) << r.err;
}

TEST(cli_configuration, a_rejected_ciphersuites_setting_exits_as_rejected) {
  const process_result r =
      cli({"--openssl", "1.1.1", "--ciphersuites", "TLS_AES_128_GCM_SHA256:", "HIGH"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("ciphersuites:1:24: error: an empty element"), std::string::npos) << r.out;
}

TEST(cli_configuration, batch_policy_modes_write_the_recorded_records) {
  process_result r =
      cli({"batch", "--input", "ciphersuites", "--openssl", "1.1.1"}, "TLS_AES_128_GCM_SHA256:\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, 86),
            "{\"input\": \"TLS_AES_128_GCM_SHA256:\", \"ok\": false, \"ciphers\": "
            "[\"TLS_AES_256_GCM_SHA384\"");
  r = cli({"batch", "--input", "supported", "--openssl", "3.5"}, "DEFAULT\tTLS1\tTLS1\t2\nbad\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto first = r.out.substr(0, r.out.find('\n'));
  EXPECT_EQ(first.substr(first.size() - 18), "\"supported\": null}") << first;
  EXPECT_NE(r.out.find("{\"input\": \"bad\", \"error\": \"expected"), std::string::npos) << r.out;
}

}  // namespace

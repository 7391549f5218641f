// SPDX-License-Identifier: Apache-2.0
// lint as a user meets it: text like a compiler's, the JSON document, exit statuses a CI can
// use, --root and --format-of, on Debian's shipped nginx.conf and the hand-made trees.

#include "run_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <string>
#include <vector>

namespace {

using cipherexplain::testing::process_result;
using cipherexplain::testing::run_process;

const std::string configs = CIPHEREXPLAIN_CONFIGS_DIR;
const std::string debian_nginx = configs + "/debian-12/nginx-common";
const std::string hand_nginx = configs + "/hand-made/nginx";

process_result cli(const std::vector<std::string>& args) {
  setenv("COLUMNS", "200", 0);
  return run_process(CIPHEREXPLAIN_CLI, args, "");
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(cli_lint, debian_nginx_conf_as_a_compiler_reports_it) {
  const process_result r = cli({"lint", "--openssl", "3.0.19", "--server-version", "1.22.1",
                                "--root", debian_nginx, debian_nginx + "/etc/nginx/nginx.conf"});
  EXPECT_EQ(r.exit_code, 0) << r.err;  // warnings only
  const std::string where = debian_nginx + "/etc/nginx/nginx.conf:33:16: warning: ";
  EXPECT_TRUE(contains(r.out, where)) << r.out;
  // The line itself under it, and the caret under TLSv1 (after a tab and 14 characters).
  EXPECT_TRUE(contains(r.out, "    \tssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;")) << r.out;
  EXPECT_TRUE(contains(r.out, "\n    \t              ^\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "cipher_list    HIGH:!aNULL:!MD5  (default: preset nginx-server-"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "2 files, 2 TLS settings, 1 configuration:")) << r.out;
}

TEST(cli_lint, json_has_settings_errors_units_and_findings) {
  const process_result r = cli({"lint", "--format", "json", "--openssl", "3.0.19", "--root",
                                hand_nginx, hand_nginx + "/etc/nginx/nginx.conf"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // the tree has errors nginx refuses
  const auto doc = nlohmann::json::parse(r.out);
  const auto& settings = doc.at("settings");
  ASSERT_FALSE(settings.empty());
  const auto& first = settings.at(0);
  for (const char* key : {"software", "file", "line", "column", "directive", "value", "kind",
                          "context", "effective"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  EXPECT_EQ(first.at("software"), "nginx");
  EXPECT_EQ(first.at("file"), hand_nginx + "/etc/nginx/nginx.conf");
  EXPECT_EQ(first.at("line"), 6);
  EXPECT_EQ(first.at("value"), "TLSv1.2 TLSv1.3");
  // The CRLF file's value has no '\r'; the file nobody includes is not read.
  bool crlf = false;
  for (const auto& s : settings) {
    const std::string file = s.at("file");
    EXPECT_FALSE(contains(file, "not-included")) << file;
    if (contains(file, "10-tls.conf") && s.at("kind") == "cipher_list") {
      crlf = true;
      EXPECT_EQ(s.at("value"), "HIGH:!aNULL:!MD5");
    }
  }
  EXPECT_TRUE(crlf);
  const auto& errors = doc.at("errors");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors.at(0).at("file"), hand_nginx + "/etc/nginx/sites-enabled/mail.example");
  EXPECT_EQ(errors.at(0).at("line"), 5);
  EXPECT_EQ(errors.at(0).at("message"), "\"ssl_prefer_server_ciphers\" directive is duplicate");
  bool unknown = false;
  for (const auto& f : doc.at("findings")) {
    if (f.at("code") != "unknown-name") continue;
    unknown = true;
    EXPECT_EQ(f.at("line"), 15);
    EXPECT_EQ(f.at("column"), 55);
    EXPECT_EQ(f.at("end_column"), 59);
    EXPECT_EQ(f.at("directive"), "ssl_ciphers");
    EXPECT_EQ(f.at("context"), "http > server shop.example");
  }
  EXPECT_TRUE(unknown);
  EXPECT_GE(doc.at("units").size(), 4u);  // http, two servers, the location's client side
}

TEST(cli_lint, exit_statuses) {
  const std::string main = debian_nginx + "/etc/nginx/nginx.conf";
  // Only the policy broken: 3.
  EXPECT_EQ(
      cli({"lint", "--policy", "mozilla-intermediate", "--root", debian_nginx, main}).exit_code, 3);
  // Warnings count with --werror: 1.
  EXPECT_EQ(cli({"lint", "--werror", "--root", debian_nginx, main}).exit_code, 1);
  // A PATH that cannot be read: 6, and the message names it.
  const process_result missing = cli({"lint", configs + "/nowhere/nginx.conf"});
  EXPECT_EQ(missing.exit_code, 6);
  EXPECT_TRUE(contains(missing.out, "nowhere/nginx.conf")) << missing.out;
  // Usage errors: 2.
  EXPECT_EQ(cli({"lint", "--policy", "nope", main}).exit_code, 2);
  EXPECT_EQ(cli({"lint", "--format-of", "nope", main}).exit_code, 2);
  EXPECT_EQ(cli({"lint"}).exit_code, 2);
}

TEST(cli_lint, output_it_could_not_write_is_exit_status_5) {
  const std::string main = debian_nginx + "/etc/nginx/nginx.conf";
  for (const std::string format : {"text", "json", "sarif"}) {
    const process_result r = run_process(
        "/bin/sh", {"-c", "exec \"$0\" lint --format \"$1\" --root \"$2\" \"$3\" >/dev/full",
                    CIPHEREXPLAIN_CLI, format, debian_nginx, main});
    EXPECT_EQ(r.exit_code, 5) << format;
    // With --format json the error is a JSON object on stderr, as for every command; text
    // and SARIF (whose readers take a file, not stderr) get the line.
    if (format == "json")
      EXPECT_EQ(nlohmann::json::parse(r.err).at("error").at("exit_status"), 5) << r.err;
    else
      EXPECT_EQ(r.err, "cipherexplain: cannot write to stdout: No space left on device\n");
  }
}

TEST(cli_lint, format_of_reads_a_file_whose_name_tells_nothing) {
  const std::string site = hand_nginx + "/etc/nginx/sites-enabled/mail.example";
  // By its directory (…/nginx/…) it is nginx already; --format-of says so explicitly too.
  const process_result r = cli({"lint", "--format-of", "nginx", "--format", "json", site});
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc.at("settings").at(0).at("directive"), "ssl_prefer_server_ciphers");
  EXPECT_EQ(doc.at("settings").at(0).at("context"), "server mail.example");
}

}  // namespace

// SPDX-License-Identifier: Apache-2.0
// The OpenVPN reader on Debian 12's sample server.conf / client.conf and on hand-made
// trees: parameters, quotes, backslashes, comments, inline files, `config` includes, the
// role, and the names OpenVPN rewrites.

#include <cipherexplain/config_file.hpp>
#include <cipherexplain/supported.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace cipherexplain {
namespace {

const std::string samples = std::string(CIPHEREXPLAIN_CONFIGS_DIR) +
                            "/debian-12/openvpn/usr/share/doc/openvpn/examples/sample-config-files";

config_read_result read_memory(std::map<std::string, std::string> files,
                               const std::string& main = "etc/openvpn/server/vpn.conf") {
  memory_tree tree(std::move(files));
  return read_config(tree, main, {config_format::openvpn});
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(OpenvpnReader, DebianSamplesHaveNoActiveTlsSetting) {
  filesystem_tree tree;
  for (const char* name : {"server.conf", "client.conf"}) {
    const config_read_result r = read_config(tree, samples + "/" + name, {config_format::openvpn});
    EXPECT_TRUE(r.errors.empty()) << name << ": " << r.errors[0].message;
    // `;data-ciphers` and `;tls-auth ta.key 0 # ...` are commented out; `cipher` and
    // `data-ciphers` would be the data channel anyway.
    EXPECT_TRUE(r.settings.empty()) << name;
  }
}

TEST(OpenvpnReader, DebianSamplesGiveTheRole) {
  // server.conf has no final newline: its last option still ends there, and a line added
  // after it is read. Its `server 10.8.0.0 255.255.255.0` (:115) makes OpenVPN the TLS
  // server; client.conf's `client` (:16) the TLS client.
  const std::string server = slurp(samples + "/server.conf");
  ASSERT_FALSE(server.empty());
  ASSERT_NE(server.back(), '\n');
  const auto s = read_memory({{"etc/openvpn/server/vpn.conf", server + "\ntls-version-min 1.2\n"}});
  ASSERT_TRUE(s.errors.empty()) << s.errors[0].message;
  ASSERT_EQ(s.settings.size(), 1u);
  EXPECT_EQ(s.settings[0].line, 311u);
  EXPECT_EQ(s.settings[0].role, setting_role::server);
  EXPECT_EQ(s.settings[0].meaning, version::tlsv1_2);
  const auto c = read_memory(
      {{"etc/openvpn/client/vpn.conf", "tls-cipher HIGH\n" + slurp(samples + "/client.conf")}},
      "etc/openvpn/client/vpn.conf");
  ASSERT_TRUE(c.errors.empty()) << c.errors[0].message;
  ASSERT_EQ(c.settings.size(), 1u);
  EXPECT_EQ(c.settings[0].role, setting_role::client);  // `client` comes later
}

TEST(OpenvpnReader, QuotesBackslashesCommentsAndSpans) {
  const auto r = read_memory({{"etc/openvpn/server/vpn.conf",
                               "tls-server\n"
                               "  tls-cipher \"TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256:HIGH\" # x\n"
                               "--tls-ciphersuites 'TLS-AES-256-GCM-SHA384' ; comment\n"
                               "tls-cert-profile pre\\ferred\n"
                               "tls-version-max A#B\n"
                               "# tls-version-min 1.3\n"
                               "; tls-version-min 1.3\n"}});
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].message, "Options error: Bad backslash ('\\') usage");
  EXPECT_EQ(r.errors[0].line, 4u);
  EXPECT_EQ(r.errors[1].message, "Options error: unknown tls-version-max parameter: A#B");
  ASSERT_EQ(r.settings.size(), 3u);
  const tls_setting& c = r.settings[0];
  EXPECT_EQ(c.line, 2u);
  EXPECT_EQ(c.column, 3u);
  EXPECT_EQ(c.directive, "tls-cipher");
  // The IANA name is replaced by OpenSSL's, made at the name; ":HIGH" is the file's.
  EXPECT_EQ(c.value, "ECDHE-RSA-AES128-GCM-SHA256:HIGH");
  EXPECT_FALSE(c.spans[0].verbatim);
  EXPECT_EQ(position_of(c, 5), (file_position{2, 15}));
  EXPECT_EQ(position_of(c, 28), (file_position{2, 53}));
  EXPECT_FALSE(c.note.empty());
  const tls_setting& t = r.settings[1];
  EXPECT_EQ(t.directive, "tls-ciphersuites");  // "--" dropped
  EXPECT_EQ(t.value, "TLS_AES_256_GCM_SHA384");
  EXPECT_EQ(position_of(t, 3), (file_position{3, 24}));  // a made '_' at the '-'
  EXPECT_EQ(position_of(t, 4), (file_position{3, 25}));
  EXPECT_EQ(r.settings[2].value, "A#B");  // '#' starts a comment only where a parameter would
  EXPECT_FALSE(r.settings[2].meaning.has_value());
}

TEST(OpenvpnReader, InlineFilesAreSkipped) {
  const auto r = read_memory({{"etc/openvpn/server/vpn.conf",
                               "<ca>\n-----BEGIN CERTIFICATE-----\ntls-cipher NOT-AN-OPTION\n"
                               "  </ca>\n"
                               "<tls-cipher>\nLOW\n</tls-cipher>\n"
                               "tls-cipher HIGH\n"
                               "<key>\nno end\n"}});
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_NE(r.errors[0].message.find("not expected to be inline"), std::string::npos);
  EXPECT_EQ(r.errors[0].line, 5u);
  EXPECT_EQ(r.errors[1].message, "ERROR: Endtag </key> missing");
  EXPECT_EQ(r.errors[1].line, 9u);
  ASSERT_EQ(r.settings.size(), 1u);
  EXPECT_EQ(r.settings[0].value, "HIGH");
  EXPECT_EQ(r.settings[0].line, 8u);
}

TEST(OpenvpnReader, ConfigIncludesCdAndDuplicates) {
  memory_tree tree({{"copy/etc/openvpn/server/vpn.conf",
                     "tls-cipher A\nconfig tls.conf\ncd /etc/openvpn/common\nconfig more.conf\n"
                     "config missing.conf\n"},
                    {"copy/etc/openvpn/server/tls.conf", "tls-cipher B\ntls-version-min 1.2\n"},
                    {"copy/etc/openvpn/common/more.conf", "\xEF\xBB\xBFtls-version-min 1.3\n"}},
                   "copy");
  const auto r = read_config(tree, "copy/etc/openvpn/server/vpn.conf", {config_format::openvpn});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 5u);
  EXPECT_NE(r.errors[0].message.find("copy/etc/openvpn/common/missing.conf"), std::string::npos);
  ASSERT_EQ(r.settings.size(), 4u);
  EXPECT_FALSE(r.settings[0].effective);  // the later tls-cipher of tls.conf replaces it
  EXPECT_EQ(r.settings[1].file, "copy/etc/openvpn/server/tls.conf");
  EXPECT_TRUE(r.settings[1].effective);
  EXPECT_FALSE(r.settings[2].effective);
  const tls_setting& m = r.settings[3];
  EXPECT_EQ(m.file, "copy/etc/openvpn/common/more.conf");  // after cd, from its directory
  EXPECT_EQ(m.column, 1u);                                 // the BOM is no column
  EXPECT_EQ(m.meaning, version::tlsv1_3);
  EXPECT_TRUE(m.effective);
  EXPECT_EQ(m.role, setting_role::server);  // neither client nor server: server by default
}

TEST(OpenvpnReader, IncludeNestingIsLimited) {
  const auto r = read_memory({{"etc/openvpn/server/vpn.conf", "config vpn.conf\ntls-cipher A\n"}});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("includes itself"), std::string::npos);
  EXPECT_EQ(r.settings.size(), 1u);
}

TEST(OpenvpnReader, RefusedLinesAndValues) {
  const auto r = read_memory({{"etc/openvpn/server/vpn.conf",
                               "tls-cipher \"HIGH\n"
                               "tls-cipher A B\n"
                               "tls-version-min 9 or-highest\n"
                               "tls-version-min 1.1 foo\n"
                               "tls-cert-profile strict\n"
                               "client\r\ntls-server\r\n"
                               "tls-cipher " +
                                   std::string(250, 'A') + "\n"}});
  ASSERT_EQ(r.errors.size(), 5u);
  EXPECT_EQ(r.errors[0].message, "Options error: No closing quotation (\")");
  EXPECT_EQ(r.errors[0].column, 12u);
  EXPECT_NE(r.errors[1].message.find("Unrecognized option"), std::string::npos);
  EXPECT_EQ(r.errors[2].message, "ERROR: Invalid cert profile: strict");
  EXPECT_EQ(r.errors[3].message, "Maximum option line length (256) exceeded");
  EXPECT_EQ(r.errors[3].line, 8u);
  EXPECT_NE(r.errors[4].message.find("specify only one of"), std::string::npos);
  ASSERT_EQ(r.settings.size(), 4u);
  EXPECT_EQ(r.settings[0].value, "9 or-highest");
  EXPECT_EQ(r.settings[0].meaning, version::tlsv1_3);
  EXPECT_EQ(r.settings[1].meaning, version::tlsv1_1);  // a valid version ignores the rest
  EXPECT_FALSE(r.settings[2].meaning.has_value());
}

}  // namespace
}  // namespace cipherexplain

// SPDX-License-Identifier: Apache-2.0
// The stunnel reader on Debian 12's shipped stunnel.conf-sample and on hand-made trees:
// the BOM, comments, services and their defaults, client mode, options, includes.

#include <cipherexplain/config_file.hpp>
#include <cipherexplain/supported.hpp>

#include <gtest/gtest.h>

#include <string>

namespace cipherexplain {
namespace {

config_read_result read_memory(std::map<std::string, std::string> files,
                               const std::string& main = "etc/stunnel/stunnel.conf") {
  memory_tree tree(std::move(files));
  return read_config(tree, main, {config_format::stunnel});
}

const std::string& block_name(const config_read_result& r, const tls_setting& s) {
  return r.blocks[static_cast<std::size_t>(s.block)].name;
}

TEST(StunnelReader, DebianShippedSample) {
  const std::string root = std::string(CIPHEREXPLAIN_CONFIGS_DIR) + "/debian-12/stunnel4";
  filesystem_tree tree(root);
  const std::string main = root + "/usr/share/doc/stunnel4/examples/stunnel.conf-sample";
  const config_read_result r = read_config(tree, main);
  EXPECT_EQ(r.format, config_format::stunnel);  // told by the name
  // Line 1 starts with a BOM before its ';': a comment, not a line without '='.
  EXPECT_TRUE(r.errors.empty()) << r.errors[0].message;
  // No cipher or protocol setting is active; `;options = -NO_SSLv3` (:39) is commented out.
  EXPECT_TRUE(r.settings.empty());
  ASSERT_EQ(r.blocks.size(), 4u);
  EXPECT_EQ(r.blocks[1].name, "[gmail-pop3]");
  EXPECT_EQ(r.blocks[1].line, 62u);
  EXPECT_EQ(r.blocks[1].parent, 0);
  EXPECT_EQ(r.blocks[2].name, "[gmail-imap]");
  EXPECT_EQ(r.blocks[3].name, "[gmail-smtp]");
  EXPECT_EQ(r.blocks[3].line, 80u);
}

TEST(StunnelReader, BomCommentsCrlfAndSpans) {
  const auto r = read_memory({{"etc/stunnel/stunnel.conf",
                               "\xEF\xBB\xBF"
                               "ciphers = HIGH:!aNULL # not a comment\r\n"
                               "  ;ciphersuites = TLS_AES_128_GCM_SHA256\r\n"
                               "# ciphers = LOW\r\n"
                               "\tCipherSuites\t=\tTLS_AES_256_GCM_SHA384  \r\n"}});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 2u);
  const tls_setting& c = r.settings[0];
  EXPECT_EQ(c.line, 1u);
  EXPECT_EQ(c.column, 1u);  // the BOM is no column
  EXPECT_EQ(c.directive, "ciphers");
  EXPECT_EQ(c.value, "HIGH:!aNULL # not a comment");  // stunnel has no comments after values
  EXPECT_EQ(position_of(c, 0), (file_position{1, 11}));
  const tls_setting& t = r.settings[1];
  EXPECT_EQ(t.kind, setting_kind::ciphersuites);  // option names are matched without case
  EXPECT_EQ(t.value, "TLS_AES_256_GCM_SHA384");
  EXPECT_EQ(t.line, 4u);
  EXPECT_EQ(t.column, 2u);
  EXPECT_EQ(position_of(t, 4), (file_position{4, 21}));
  EXPECT_EQ(block_name(r, t), "global");
}

TEST(StunnelReader, ServicesDefaultsAndClientMode) {
  const auto r = read_memory({{"etc/stunnel/stunnel.conf",
                               "ciphers = HIGH\n"
                               "[in]\naccept = 443\nciphers = ECDHE+AESGCM\n"
                               "[out]\nciphers = MEDIUM\nsslVersionMin = TLSv1.2\nclient = yes\n"
                               "[plain]\nconnect = 80\n"}});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 4u);
  EXPECT_EQ(block_name(r, r.settings[0]), "global");
  EXPECT_EQ(r.settings[0].role, setting_role::server);
  EXPECT_EQ(block_name(r, r.settings[1]), "[in]");
  EXPECT_EQ(r.settings[1].role, setting_role::server);
  // client = yes comes last and still makes the whole service a client.
  EXPECT_EQ(block_name(r, r.settings[2]), "[out]");
  EXPECT_EQ(r.settings[2].role, setting_role::client);
  EXPECT_EQ(r.settings[3].role, setting_role::client);
  EXPECT_EQ(r.settings[3].kind, setting_kind::min_protocol);
  EXPECT_EQ(r.settings[3].meaning, version::tlsv1_2);
  EXPECT_EQ(r.blocks.size(), 4u);
  for (std::size_t i = 1; i < r.blocks.size(); ++i) EXPECT_EQ(r.blocks[i].parent, 0);
}

TEST(StunnelReader, OptionsVersionsAndConfigCommands) {
  const auto r = read_memory({{"etc/stunnel/stunnel.conf",
                               "options = -CIPHER_SERVER_PREFERENCE\n"
                               "options = CIPHER_SERVER_PREFERENCE\n"
                               "options = NO_TLSv1\n"
                               "options = -no_sslv3\n"
                               "sslVersion = TLSv1.3\n"
                               "sslVersionMax = all\n"
                               "securityLevel = 3\n"
                               "ciphers = HIGH\n"
                               "config = CipherString:MEDIUM\n"
                               "config = MinProtocol:TLSv1.2\n"
                               "options = SINGLE_DH_USE\n"}});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 11u);
  // The cleared option wins over the set one, whatever the order.
  EXPECT_EQ(r.settings[0].meaning, 0);
  EXPECT_TRUE(r.settings[0].effective);
  EXPECT_FALSE(r.settings[1].effective);
  // NO_TLSv1 disables TLS 1.0 besides stunnel's own SSLv3; -NO_SSLv3 gives SSLv3 back.
  EXPECT_EQ(r.settings[2].meaning,
            protocol_bit::tlsv1_1 | protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
  EXPECT_EQ(r.settings[3].value, "-no_sslv3");
  EXPECT_EQ(r.settings[3].meaning, protocol_bit::sslv3 | protocol_bit::tlsv1_1 |
                                       protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
  EXPECT_TRUE(r.settings[2].effective);
  // sslVersion sets both bounds; the later sslVersionMax = all lifts the maximum.
  EXPECT_EQ(r.settings[4].kind, setting_kind::min_protocol);
  EXPECT_EQ(r.settings[4].meaning, version::tlsv1_3);
  EXPECT_EQ(r.settings[5].kind, setting_kind::max_protocol);
  EXPECT_FALSE(r.settings[5].effective);
  EXPECT_EQ(r.settings[6].meaning, 0);
  EXPECT_EQ(r.settings[7].meaning, 3);
  // config = CipherString:... runs after ciphers: it counts.
  EXPECT_FALSE(r.settings[8].effective);
  const tls_setting& cs = r.settings[9];
  EXPECT_EQ(cs.directive, "config CipherString");
  EXPECT_EQ(cs.value, "MEDIUM");
  EXPECT_EQ(position_of(cs, 0), (file_position{9, 23}));
  EXPECT_TRUE(cs.effective);
  EXPECT_FALSE(r.settings[4].effective);  // MinProtocol runs after sslVersion
  EXPECT_EQ(r.settings[10].meaning, version::tlsv1_2);
}

TEST(StunnelReader, RefusedValues) {
  const auto r = read_memory({{"etc/stunnel/stunnel.conf",
                               "sslVersion = TLSv1.0\n"
                               "options = NO_SUCH_THING\n"
                               "securityLevel = 6\n"
                               "just words\n"
                               "client = maybe\n"
                               "ciphers = HIGH\n"}});
  ASSERT_EQ(r.errors.size(), 5u);
  EXPECT_EQ(r.errors[0].message, "\"TLSv1.0\": Invalid protocol version");
  EXPECT_EQ(r.errors[0].column, 14u);
  EXPECT_EQ(r.errors[1].message, "\"NO_SUCH_THING\": Illegal TLS option");
  EXPECT_EQ(r.errors[2].message, "\"6\": Illegal security level");
  EXPECT_EQ(r.errors[3].message, "\"just words\": No '=' found");
  EXPECT_EQ(r.errors[3].line, 4u);
  EXPECT_NE(r.errors[4].message.find("'yes' or 'no'"), std::string::npos);
  // The refused versions are recorded without a meaning; the last line is still read.
  ASSERT_EQ(r.settings.size(), 4u);
  EXPECT_FALSE(r.settings[0].meaning.has_value());
  EXPECT_EQ(r.settings[3].value, "HIGH");
}

TEST(StunnelReader, IncludeReadsEveryFileOfTheDirectoryInOrder) {
  memory_tree tree({{"copy/etc/stunnel/stunnel.conf",
                     "include = conf.d\nciphers = AFTER\ninclude = /etc/stunnel/abs\n"},
                    {"copy/etc/stunnel/conf.d/b.snippet", "ciphersuites = B\n[svc]\n"},
                    {"copy/etc/stunnel/conf.d/a.conf", "ciphers = A\n"},
                    {"copy/etc/stunnel/conf.d/.hidden", "securityLevel = 1\n"},
                    {"copy/etc/stunnel/abs/x", "sslVersionMin = TLSv1.2\n"}},
                   "copy");
  const auto r = read_config(tree, "copy/etc/stunnel/stunnel.conf", {config_format::stunnel});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 5u);
  EXPECT_EQ(r.settings[0].file, "copy/etc/stunnel/conf.d/.hidden");  // no suffix, dot files
  EXPECT_EQ(r.settings[1].file, "copy/etc/stunnel/conf.d/a.conf");
  EXPECT_EQ(r.settings[2].file, "copy/etc/stunnel/conf.d/b.snippet");
  EXPECT_EQ(block_name(r, r.settings[2]), "global");
  // The [svc] opened in b.snippet goes on in the main file after the include.
  EXPECT_EQ(r.settings[3].value, "AFTER");
  EXPECT_EQ(r.settings[3].file, "copy/etc/stunnel/stunnel.conf");
  EXPECT_EQ(block_name(r, r.settings[3]), "[svc]");
  EXPECT_EQ(r.settings[4].file, "copy/etc/stunnel/abs/x");  // absolute: under the root
  EXPECT_EQ(r.files.size(), 5u);
}

TEST(StunnelReader, MissingIncludeDirectoryIsAnError) {
  const auto r =
      read_memory({{"etc/stunnel/stunnel.conf", "include = /etc/stunnel/none\nciphers = HIGH\n"}});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 1u);
  EXPECT_NE(r.errors[0].message.find("Failed to include directory"), std::string::npos);
  EXPECT_EQ(r.settings.size(), 1u);
}

}  // namespace
}  // namespace cipherexplain

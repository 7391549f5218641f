// SPDX-License-Identifier: Apache-2.0
// The nginx reader on Debian 12's shipped nginx.conf and on hand-made trees: tokens, quotes,
// escapes, comments, includes with globs, blocks, duplicates and what nginx refuses.

#include <cipherexplain/config_file.hpp>
#include <cipherexplain/supported.hpp>

#include <gtest/gtest.h>

#include <string>

namespace cipherexplain {
namespace {

config_read_result read_memory(std::map<std::string, std::string> files,
                               const std::string& main = "etc/nginx/nginx.conf") {
  memory_tree tree(std::move(files));
  return read_config(tree, main, {config_format::nginx});
}

TEST(NginxReader, DebianShippedNginxConf) {
  const std::string root = std::string(CIPHEREXPLAIN_CONFIGS_DIR) + "/debian-12/nginx-common";
  filesystem_tree tree(root);
  const std::string main = root + "/etc/nginx/nginx.conf";
  const config_read_result r = read_config(tree, main);
  EXPECT_EQ(r.format, config_format::nginx);  // told by the name
  EXPECT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 2u);
  // nginx.conf:33 `ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3; # Dropping SSLv3, ref: POODLE`
  const tls_setting& p = r.settings[0];
  EXPECT_EQ(p.file, main);
  EXPECT_EQ(p.line, 33u);
  EXPECT_EQ(p.column, 2u);  // after a tab
  EXPECT_EQ(p.directive, "ssl_protocols");
  EXPECT_EQ(p.value, "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3");
  EXPECT_EQ(p.kind, setting_kind::protocols);
  EXPECT_EQ(p.meaning, protocol_bit::tlsv1 | protocol_bit::tlsv1_1 | protocol_bit::tlsv1_2 |
                           protocol_bit::tlsv1_3);
  EXPECT_EQ(r.blocks[static_cast<std::size_t>(p.block)].name, "http");
  EXPECT_TRUE(p.effective);
  // :34 `ssl_prefer_server_ciphers on;`
  const tls_setting& q = r.settings[1];
  EXPECT_EQ(q.line, 34u);
  EXPECT_EQ(q.kind, setting_kind::prefer_server);
  EXPECT_EQ(q.meaning, 1);
  // mime.types is read (under the root); the globs of modules-enabled, conf.d and
  // sites-enabled match nothing in the package, which nginx accepts.
  EXPECT_EQ(r.files, (std::vector<std::string>{main, root + "/etc/nginx/mime.types"}));
}

TEST(NginxReader, DebianSitesAvailableDefaultHasNoActiveTlsSetting) {
  const std::string root = std::string(CIPHEREXPLAIN_CONFIGS_DIR) + "/debian-12/nginx-common";
  filesystem_tree tree(root);
  const config_read_result r =
      read_config(tree, root + "/etc/nginx/sites-available/default", {config_format::nginx});
  // Its `listen 443 ssl` and the snakeoil include are commented out; bare server blocks at
  // the top of a file are what sites-enabled/ holds (included inside http).
  EXPECT_TRUE(r.settings.empty());
}

TEST(NginxReader, QuotesEscapesCommentsAndSpans) {
  const auto r = read_memory({{"etc/nginx/nginx.conf",
                               "http {\n"
                               "  ssl_ciphers \"HIGH:!aNULL\\\"x\"; # a comment\n"
                               "  ssl_conf_command Ciphersuites 'TLS_AES_128_GCM_SHA256';\n"
                               "  server { listen 443 ssl; server_name a.example b.example;\n"
                               "    ssl_ciphers ECDHE#notacomment;\n"
                               "    proxy_ssl_ciphers\n      MEDIUM;\n"
                               "  }\n"
                               "}\n"}});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 4u);
  const tls_setting& a = r.settings[0];
  EXPECT_EQ(a.value, "HIGH:!aNULL\"x");
  EXPECT_EQ(a.line, 2u);
  EXPECT_EQ(a.column, 3u);
  // The value's bytes map back to the file: "HIGH" starts at column 16, after the quote; the
  // escaped quote is dropped, so 'x' is two columns further on than its value offset says.
  EXPECT_EQ(position_of(a, 0), (file_position{2, 16}));
  EXPECT_EQ(position_of(a, 12), (file_position{2, 29}));
  const tls_setting& b = r.settings[1];
  EXPECT_EQ(b.directive, "ssl_conf_command Ciphersuites");
  EXPECT_EQ(b.kind, setting_kind::ciphersuites);
  EXPECT_EQ(b.value, "TLS_AES_128_GCM_SHA256");
  const tls_setting& c = r.settings[2];
  EXPECT_EQ(c.value, "ECDHE#notacomment");  // '#' starts a comment only where a word does
  EXPECT_EQ(r.blocks[static_cast<std::size_t>(c.block)].name, "server a.example");
  const tls_setting& d = r.settings[3];
  EXPECT_EQ(d.role, setting_role::client);
  EXPECT_EQ(d.value, "MEDIUM");
  EXPECT_EQ(d.line, 6u);
  EXPECT_EQ(position_of(d, 0), (file_position{7, 7}));
}

TEST(NginxReader, IncludesWithGlobsRelativeToThePrefixAndUnderRoot) {
  memory_tree tree({{"copy/etc/nginx/nginx.conf",
                     "http { include conf.d/*.conf; include /etc/nginx/abs.conf; }\n"},
                    {"copy/etc/nginx/conf.d/b.conf", "ssl_ciphers B;\n"},
                    {"copy/etc/nginx/conf.d/a.conf", "ssl_protocols TLSv1.3;\n"},
                    {"copy/etc/nginx/conf.d/skip.txt", "ssl_ciphers X;\n"},
                    {"copy/etc/nginx/abs.conf", "ssl_prefer_server_ciphers off;\n"}},
                   "copy");
  const auto r = read_config(tree, "copy/etc/nginx/nginx.conf");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 3u);
  EXPECT_EQ(r.settings[0].file, "copy/etc/nginx/conf.d/a.conf");  // sorted, as glob(3)
  EXPECT_EQ(r.settings[1].file, "copy/etc/nginx/conf.d/b.conf");
  EXPECT_EQ(r.settings[2].file, "copy/etc/nginx/abs.conf");  // absolute: under --root
  for (const tls_setting& s : r.settings) {
    EXPECT_EQ(r.blocks[static_cast<std::size_t>(s.block)].name, "http");
  }
  EXPECT_EQ(r.files.size(), 4u);
}

TEST(NginxReader, MissingIncludeIsAnErrorAndTheRestIsRead) {
  const auto r = read_memory(
      {{"etc/nginx/nginx.conf", "http {\n include missing.conf;\n ssl_ciphers HIGH;\n}\n"}});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 2u);
  EXPECT_NE(r.errors[0].message.find("etc/nginx/missing.conf"), std::string::npos);
  ASSERT_EQ(r.settings.size(), 1u);
  EXPECT_EQ(r.settings[0].line, 3u);
}

TEST(NginxReader, IncludeCycleIsRefused) {
  const auto r = read_memory({{"etc/nginx/nginx.conf", "http { include a.conf; }\n"},
                              {"etc/nginx/a.conf", "include a.conf;\nssl_ciphers A;\n"}});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("cycle"), std::string::npos);
  EXPECT_EQ(r.settings.size(), 1u);
}

TEST(NginxReader, DuplicatesAndProtocolsThatAddUp) {
  const auto r = read_memory({{"etc/nginx/nginx.conf",
                               "http {\n ssl_ciphers A;\n ssl_ciphers B;\n"
                               " ssl_protocols TLSv1.2;\n ssl_protocols TLSv1.3;\n"
                               " ssl_conf_command CipherString C;\n}\n"}});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message, "\"ssl_ciphers\" directive is duplicate");
  EXPECT_EQ(r.errors[0].line, 3u);
  ASSERT_EQ(r.settings.size(), 4u);
  // ssl_conf_command is applied after ssl_ciphers: it is the one that counts.
  EXPECT_FALSE(r.settings[0].effective);
  EXPECT_TRUE(r.settings[3].effective);
  // The second ssl_protocols adds TLS 1.3 to TLS 1.2; both stay in force.
  EXPECT_TRUE(r.settings[1].effective);
  EXPECT_TRUE(r.settings[2].effective);
  EXPECT_EQ(r.settings[2].meaning, protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
}

TEST(NginxReader, RefusedValuesAndPlaces) {
  const auto r =
      read_memory({{"etc/nginx/nginx.conf",
                    "ssl_ciphers HIGH;\n"
                    "http { ssl_protocols TLSv1.2 TLSv9; ssl_prefer_server_ciphers yes; }\n"}});
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0].message, "\"ssl_ciphers\" directive is not allowed here");
  EXPECT_EQ(r.errors[1].message, "invalid value \"TLSv9\"");
  EXPECT_EQ(r.errors[1].column, 30u);
  EXPECT_NE(r.errors[2].message.find("it must be \"on\" or \"off\""), std::string::npos);
}

TEST(NginxReader, UnterminatedQuoteAndBlock) {
  const auto a = read_memory({{"etc/nginx/nginx.conf", "http { ssl_ciphers \"HIGH;\n}\n"}});
  ASSERT_FALSE(a.errors.empty());
  EXPECT_EQ(a.errors[0].line, 1u);
  EXPECT_NE(a.errors[0].message.find("quoted"), std::string::npos);
  const auto b = read_memory({{"etc/nginx/nginx.conf", "http { ssl_ciphers HIGH;\n"}});
  ASSERT_EQ(b.errors.size(), 1u);
  EXPECT_NE(b.errors[0].message.find("unexpected end of file"), std::string::npos);
  EXPECT_EQ(b.settings.size(), 1u);
}

TEST(NginxReader, CrlfLineEndingsAndStreamBlocks) {
  const auto r = read_memory({{"etc/nginx/nginx.conf",
                               "stream {\r\n  server {\r\n    listen 993 ssl;\r\n"
                               "    ssl_ciphers HIGH;\r\n  }\r\n}\r\n"}});
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.settings.size(), 1u);
  EXPECT_EQ(r.settings[0].value, "HIGH");
  EXPECT_EQ(r.settings[0].line, 4u);
  EXPECT_EQ(r.blocks[static_cast<std::size_t>(r.settings[0].block)].name, "stream server 993");
}

}  // namespace
}  // namespace cipherexplain

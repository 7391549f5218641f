// SPDX-License-Identifier: Apache-2.0
// The Dovecot reader on Debian 12's shipped configuration (through its includes) and on
// hand-made trees: comments, quotes, continuations, includes, filters and sections,
// $setting expansion and the values Dovecot refuses.

#include <cipherexplain/config_file.hpp>
#include <cipherexplain/supported.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

namespace cipherexplain {
namespace {

const std::string root = std::string(CIPHEREXPLAIN_CONFIGS_DIR) + "/debian-12/dovecot-core";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

config_read_result read_memory(std::map<std::string, std::string> files,
                               const std::string& main = "etc/dovecot/dovecot.conf") {
  memory_tree tree(std::move(files), "copy");
  return read_config(tree, main, {config_format::dovecot});
}

config_read_result one(const std::string& text) {
  return read_memory({{"etc/dovecot/dovecot.conf", text}});
}

const std::string& block_name(const config_read_result& r, const tls_setting& s) {
  return r.blocks[static_cast<std::size_t>(s.block)].name;
}

std::string dump(const config_read_result& r) {
  std::string out;
  for (const config_error& e : r.errors)
    out +=
        "error " + std::to_string(e.line) + ":" + std::to_string(e.column) + " " + e.message + "\n";
  for (const tls_setting& s : r.settings)
    out += "setting " + std::to_string(s.line) + ":" + std::to_string(s.column) + " " +
           s.directive + " = " + s.value + "\n";
  return out;
}

bool has_file(const config_read_result& r, const std::string& path) {
  return std::find(r.files.begin(), r.files.end(), path) != r.files.end();
}

TEST(DovecotReader, DebianShippedConfigurationThroughItsIncludes) {
  filesystem_tree tree(root);
  const std::string main = root + "/usr/share/dovecot/dovecot.conf";
  const config_read_result r = read_config(tree, main);
  EXPECT_EQ(r.format, config_format::dovecot);  // told by the name
  EXPECT_TRUE(r.errors.empty()) << r.errors[0].message;
  // ssl = yes, the <file certificate, key and DH lines are no cipher/protocol settings;
  // ssl_min_protocol, ssl_cipher_list, ssl_prefer_server_ciphers are commented out.
  EXPECT_TRUE(r.settings.empty());
  // !include conf.d/*.conf (relative to dovecot.conf), and 10-auth.conf's
  // !include auth-system.conf.ext (relative to conf.d/); the !include_try ones match nothing.
  EXPECT_TRUE(has_file(r, root + "/usr/share/dovecot/conf.d/10-ssl.conf"));
  EXPECT_TRUE(has_file(r, root + "/usr/share/dovecot/conf.d/auth-system.conf.ext"));
  EXPECT_FALSE(has_file(r, root + "/usr/share/dovecot/conf.d/auth-sql.conf.ext"));
  // Filters met on the way are blocks: protocol lda { } in 15-lda.conf and others.
  EXPECT_NE(std::find_if(r.blocks.begin(), r.blocks.end(),
                         [](const config_block& b) { return b.name == "protocol lda"; }),
            r.blocks.end());
}

TEST(DovecotReader, DebianTenSslUncommented) {
  // As an admin would: the lines the file documents, uncommented, in /etc/dovecot.
  std::string ssl = slurp(root + "/usr/share/dovecot/conf.d/10-ssl.conf");
  for (const std::string line : {"#ssl_min_protocol = TLSv1.2", "#ssl_cipher_list = ALL:!DH",
                                 "#ssl_prefer_server_ciphers = no"}) {
    const std::size_t at = ssl.find(line);
    ASSERT_NE(at, std::string::npos) << line;
    ssl.erase(at, 1);
  }
  const auto r =
      read_memory({{"etc/dovecot/dovecot.conf", slurp(root + "/usr/share/dovecot/dovecot.conf")},
                   {"etc/dovecot/conf.d/10-ssl.conf", ssl}});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 3u);
  const tls_setting& m = r.settings[0];
  EXPECT_EQ(m.file, "etc/dovecot/conf.d/10-ssl.conf");
  EXPECT_EQ(m.line, 62u);
  EXPECT_EQ(m.column, 1u);
  EXPECT_EQ(m.kind, setting_kind::min_protocol);
  EXPECT_EQ(m.meaning, version::tlsv1_2);
  const tls_setting& c = r.settings[1];
  EXPECT_EQ(c.line, 67u);
  EXPECT_EQ(c.value,
            "ALL:!DH:!kRSA:!SRP:!kDHd:!DSS:!aNULL:!eNULL:!EXPORT:!DES:!3DES:!MD5:!PSK:!RC4:!ADH:"
            "!LOW@STRENGTH");
  EXPECT_EQ(position_of(c, 4), (file_position{67, 23}));
  EXPECT_EQ(block_name(r, c), "global");
  EXPECT_EQ(r.settings[2].line, 75u);
  EXPECT_EQ(r.settings[2].kind, setting_kind::prefer_server);
  EXPECT_EQ(r.settings[2].meaning, 0);
}

TEST(DovecotReader, QuotesCommentsAndSpans) {
  const auto r =
      one("ssl_cipher_list = \"HIGH:!aNULL\\\"#x\" # trailing comment\n"
          "ssl_min_protocol = TLSv1.3#right after the value\n"
          "ssl_cipher_suites = 'TLS_AES_128_GCM_SHA256'\n"
          "ssl_prefer_server_ciphers = \"a\" b\n"
          "  #ssl_cipher_list = commented\n"
          "ssl_curve_list = X25519 # not a TLS setting this reader reports\n");
  ASSERT_EQ(r.errors.size(), 1u) << dump(r);
  EXPECT_EQ(r.errors[0].message, "Invalid boolean value: \"a\" b (use yes or no)");
  ASSERT_EQ(r.settings.size(), 4u);
  const tls_setting& a = r.settings[0];
  EXPECT_EQ(a.value, "HIGH:!aNULL\"#x");  // a '#' inside quotes is text
  EXPECT_EQ(position_of(a, 0), (file_position{1, 20}));
  EXPECT_EQ(position_of(a, 11), (file_position{1, 32}));  // after the dropped backslash
  EXPECT_EQ(r.settings[1].value, "TLSv1.3");
  EXPECT_EQ(r.settings[1].meaning, version::tlsv1_3);
  EXPECT_EQ(r.settings[2].kind, setting_kind::ciphersuites);
  EXPECT_EQ(r.settings[2].value, "TLS_AES_128_GCM_SHA256");
  EXPECT_EQ(r.settings[3].value, "\"a\" b");  // quotes only go when they enclose the value
}

TEST(DovecotReader, ContinuationsAndCrlf) {
  const auto r =
      one("ssl_cipher_list = HIGH: \\\n"
          "    !aNULL\n"
          "ssl_cipher_suites = A \\\n"
          "# a comment drops the line being continued\n"
          "ssl_min_protocol = TLSv1.1\r\n"
          "ssl_prefer_server_ciphers = yes\r\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 3u);
  EXPECT_EQ(r.settings[0].value, "HIGH: !aNULL");  // joined with one space
  EXPECT_FALSE(r.settings[0].spans[1].verbatim);
  EXPECT_EQ(position_of(r.settings[0], 6), (file_position{2, 5}));
  EXPECT_EQ(r.settings[1].kind, setting_kind::min_protocol);
  EXPECT_EQ(r.settings[1].line, 5u);
  EXPECT_EQ(r.settings[1].value, "TLSv1.1");
  EXPECT_EQ(r.settings[2].meaning, 1);
}

TEST(DovecotReader, IncludesGlobsRelativePathsAndRoot) {
  const auto r = read_memory({
      {"etc/dovecot/dovecot.conf",
       "!include conf.d/*.conf\n!include_try /etc/dovecot/local.conf\n"
       "!include_try missing/*.conf\n!include_try none.conf\n!include missing.conf\n"
       "ssl_min_protocol = TLSv1.2\n"},
      {"etc/dovecot/conf.d/20-b.conf", "!include sub/c.ext\n"},
      {"etc/dovecot/conf.d/sub/c.ext", "ssl_prefer_server_ciphers = yes\n"},
      {"etc/dovecot/conf.d/10-a.conf", "ssl_cipher_list = A\n"},
      {"copy/etc/dovecot/local.conf", "ssl_cipher_list = LOCAL\n"},
  });
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].file, "etc/dovecot/dovecot.conf");
  EXPECT_EQ(r.errors[0].line, 5u);
  EXPECT_NE(r.errors[0].message.find("etc/dovecot/missing.conf"), std::string::npos);
  ASSERT_EQ(r.settings.size(), 4u);
  EXPECT_EQ(r.settings[0].file, "etc/dovecot/conf.d/10-a.conf");  // sorted as glob(3) sorts
  EXPECT_EQ(r.settings[1].file, "etc/dovecot/conf.d/sub/c.ext");  // relative to conf.d/
  EXPECT_EQ(r.settings[2].file, "copy/etc/dovecot/local.conf");   // absolute: under the root
  EXPECT_FALSE(r.settings[0].effective);
  EXPECT_TRUE(r.settings[2].effective);
  EXPECT_EQ(r.settings[3].line, 6u);
  // A glob that matches nothing: "No matches" for !include.
  const auto g = one("!include nothing/*.conf\n");
  ASSERT_EQ(g.errors.size(), 1u);
  EXPECT_NE(g.errors[0].message.find("No matches"), std::string::npos);
  // An include of itself.
  const auto c = read_memory({{"etc/dovecot/dovecot.conf", "!include a.conf\n"},
                              {"etc/dovecot/a.conf", "!include a.conf\nssl_cipher_list = A\n"}});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].message.find("cycle"), std::string::npos);
  EXPECT_EQ(c.settings.size(), 1u);
}

TEST(DovecotReader, FiltersAndSections) {
  const auto r = read_memory({
      {"etc/dovecot/dovecot.conf",
       "ssl_cipher_list = ROOT\n"
       "protocol imap {\n"
       "  ssl_cipher_list = A\n"
       "}\n"
       "local 10.0.0.1 {\n"
       "  protocol pop3 {\n"
       "    ssl_min_protocol = latest\n"
       "  }\n"
       "}\n"
       "protocol imap {\n"
       "  !include imap.conf\n"
       "service imap-login {\n"
       "  inet_listener imaps {\n"
       "    ssl = yes\n"
       "    ssl_cipher_list = LOW\n"
       "  }\n"
       "}\n"
       "local_name \"mail.example.com\" {\n"
       "  ssl_prefer_server_ciphers = yes\n"
       "}\n"},
      {"etc/dovecot/imap.conf", "  ssl_cipher_list = B\n}\n"},
  });
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 15u);
  EXPECT_NE(r.errors[0].message.find("Unknown setting: ssl_cipher_list"), std::string::npos);
  ASSERT_EQ(r.settings.size(), 5u);
  EXPECT_EQ(block_name(r, r.settings[0]), "global");
  EXPECT_EQ(block_name(r, r.settings[1]), "protocol imap");
  EXPECT_FALSE(r.settings[1].effective);  // the same filter again: B replaces A
  const tls_setting& p = r.settings[2];
  EXPECT_EQ(block_name(r, p), "protocol pop3");
  EXPECT_EQ(r.blocks[static_cast<std::size_t>(p.block)].parent, 2);  // inside local 10.0.0.1
  EXPECT_EQ(r.blocks[2].name, "local 10.0.0.1");
  EXPECT_EQ(p.meaning, version::tlsv1_3);
  EXPECT_EQ(r.settings[3].file, "etc/dovecot/imap.conf");  // the section closes there
  EXPECT_EQ(r.settings[3].block, r.settings[1].block);
  EXPECT_TRUE(r.settings[3].effective);
  EXPECT_EQ(block_name(r, r.settings[4]), "local_name mail.example.com");
}

TEST(DovecotReader, RefusedStructure) {
  const auto r =
      one("protocol imap {\n"
          "  protocol pop3 {\n"
          "  }\n"
          "}\n"
          "protocol imap{\n"
          "}\n"
          "local 1.2.3.4 { x\n"
          "ssl_cipher_list = 'unterminated\n"
          "remote 10.0.0.0/8 {\n");
  ASSERT_EQ(r.errors.size(), 6u);
  EXPECT_EQ(r.errors[0].message, "Nested protocol { protocol { .. } } block not allowed");
  EXPECT_EQ(r.errors[0].line, 2u);
  EXPECT_EQ(r.errors[1].message, "Expecting '{'");
  EXPECT_EQ(r.errors[2].message, "Unexpected '}'");
  EXPECT_EQ(r.errors[2].line, 6u);
  EXPECT_EQ(r.errors[3].message, "Garbage after '{'");
  EXPECT_EQ(r.errors[3].column, 16u);
  EXPECT_NE(r.errors[4].message.find("unterminated quote"), std::string::npos);
  EXPECT_EQ(r.errors[4].line, 8u);
  EXPECT_NE(r.errors[5].message.find("Missing '}' (section started at "
                                     "etc/dovecot/dovecot.conf:9)"),
            std::string::npos);
  ASSERT_EQ(r.settings.size(), 1u);
  EXPECT_EQ(r.settings[0].value, "'unterminated");  // as Dovecot keeps it
}

TEST(DovecotReader, SettingExpansion) {
  const auto r = read_memory({
      {"etc/dovecot/dovecot.conf",
       "ssl_cipher_list = HIGH\n"
       "protocol imap {\n"
       "  ssl_cipher_list = $ssl_cipher_list  !SHA1\n"  // the enclosing filter's value
       "  ssl_cipher_suites = $ssl_cipher_list\n"       // set in this filter
       "}\n"
       "protocol pop3 {\n"
       "  ssl_cipher_suites = $ssl_min_protocol\n"  // not set here: the default
       "}\n"
       "ssl_min_protocol = $ENV:MINPROTO\n"
       "ssl_cipher_suites = $SET:ssl_cipher_list\n"  // 2.4's spelling
       "ssl_cipher_list = $ssl_cipher_list:!MD5\n"},
  });
  ASSERT_EQ(r.errors.size(), 1u);  // not about $ENV:MINPROTO, whose value is not known
  EXPECT_EQ(r.errors[0].message, "Unknown variable: $ssl_cipher_list:!MD5");
  EXPECT_EQ(r.errors[0].line, 11u);
  ASSERT_EQ(r.settings.size(), 7u) << dump(r);
  const tls_setting& a = r.settings[1];
  EXPECT_EQ(a.value, "HIGH !SHA1");                      // words joined with one space
  EXPECT_EQ(position_of(a, 0), (file_position{1, 19}));  // HIGH where it is written
  EXPECT_EQ(position_of(a, 4), (file_position{3, 37}));
  EXPECT_EQ(position_of(a, 5), (file_position{3, 39}));
  EXPECT_EQ(r.settings[2].value, "HIGH !SHA1");
  EXPECT_EQ(r.settings[3].value, "TLSv1.2");
  ASSERT_EQ(r.settings[3].spans.size(), 1u);
  EXPECT_FALSE(r.settings[3].spans[0].verbatim);
  EXPECT_EQ(position_of(r.settings[3], 0), (file_position{7, 23}));
  EXPECT_NE(r.settings[4].note.find("$ENV:MINPROTO is the server's environment"),
            std::string::npos);
  EXPECT_EQ(r.settings[4].meaning, std::nullopt);
  EXPECT_EQ(r.settings[5].value, "HIGH");
  EXPECT_EQ(r.settings[6].value, "$ssl_cipher_list:!MD5");
}

TEST(DovecotReader, NamesFromTheRecordedSettingsTable) {
  const auto r =
      one("ssl_cipher_list = $login_trusted_networks HIGH\n"  // a non-TLS setting's default: empty
          "ssl_cipher_suites = $no_such_setting\n"            // doveconf: Unknown variable
          "ssl_cipher_lsit = HIGH\n"                          // doveconf: Unknown setting
          "ssl_key_password = secret\n"                       // a real ssl_ setting, not TLS policy
          "ssl_protocols = !SSLv3\n");                        // obsolete, still read
  ASSERT_EQ(r.errors.size(), 2u) << dump(r);
  EXPECT_EQ(r.errors[0].message, "Unknown variable: $no_such_setting");
  EXPECT_EQ(r.errors[0].line, 2u);
  EXPECT_EQ(r.errors[1].message, "Unknown setting: ssl_cipher_lsit");
  EXPECT_EQ(r.errors[1].line, 3u);
  ASSERT_GE(r.settings.size(), 2u) << dump(r);
  EXPECT_EQ(r.settings[0].value, " HIGH");
}

TEST(DovecotReader, ValuesAndFiles) {
  const auto r = read_memory({
      {"etc/dovecot/dovecot.conf",
       "ssl_min_protocol = ANY\n"
       "ssl_min_protocol = TLSv1.0\n"
       "ssl_protocols = !SSLv2 !SSLv3\n"
       "ssl_protocols = !SSLv3 TLSv1.1, TLSv1.2\n"
       "ssl_cipher_suites =\n"
       "ssl_server_prefer_ciphers = server\n"
       "ssl_prefer_server_ciphers = y\n"
       "ssl_cipher_list = <ciphers.txt\n"
       "ssl_cipher_list = </etc/dovecot/none.txt\n"
       "ssl_cert = </etc/dovecot/private/dovecot.pem\n"},
      {"etc/dovecot/ciphers.txt", "ECDHE+AESGCM"},
  });
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0].message, "Unknown ssl_min_protocol setting 'TLSv1.0'");
  EXPECT_EQ(r.errors[1].message,
            "Could not find a minimum ssl_min_protocol setting from ssl_protocols = !SSLv2 "
            "!SSLv3: Unrecognized protocol 'SSLv2'");
  EXPECT_EQ(r.errors[2].line, 9u);
  EXPECT_NE(r.errors[2].message.find("copy/etc/dovecot/none.txt"), std::string::npos);
  ASSERT_EQ(r.settings.size(), 7u);
  EXPECT_EQ(r.settings[0].meaning, 0);  // ANY: no lower bound
  EXPECT_EQ(r.settings[1].meaning, std::nullopt);
  const tls_setting& p = r.settings[2];
  EXPECT_EQ(p.directive, "ssl_protocols");
  EXPECT_EQ(p.kind, setting_kind::min_protocol);
  EXPECT_EQ(p.value, "TLSv1.1");  // the lowest enabled
  EXPECT_EQ(p.meaning, version::tlsv1_1);
  EXPECT_TRUE(p.effective);
  EXPECT_FALSE(r.settings[1].effective);
  EXPECT_EQ(r.settings[3].value,
            "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256");
  EXPECT_EQ(r.settings[4].meaning, 1);
  EXPECT_EQ(r.settings[5].meaning, 1);
  EXPECT_EQ(r.settings[6].value, "ECDHE+AESGCM");  // the file's contents
  EXPECT_EQ(position_of(r.settings[6], 3), (file_position{8, 19}));
  // ssl_cert's file is not read.
  EXPECT_FALSE(has_file(r, "copy/etc/dovecot/private/dovecot.pem"));
}

}  // namespace
}  // namespace cipherexplain

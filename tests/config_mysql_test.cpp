// SPDX-License-Identifier: Apache-2.0
// The MySQL/MariaDB option-file reader on Debian 12's shipped files and on hand-made trees:
// groups and their roles, comments, quotes, escapes, !include / !includedir, which setting
// counts across groups, and what the servers refuse.

#include <cipherexplain/config_file.hpp>
#include <cipherexplain/supported.hpp>

#include <gtest/gtest.h>

#include "config_checks.hpp"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cipherexplain {
namespace {

config_read_result read_memory(std::map<std::string, std::string> files,
                               const std::string& main = "etc/mysql/my.cnf") {
  memory_tree tree(std::move(files));
  return read_config(tree, main, {config_format::mysql});
}

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string block_of(const config_read_result& r, const tls_setting& s) {
  return r.blocks[static_cast<std::size_t>(s.block)].name;
}

// Debian 12's /etc/mysql as the three packages install it, under "deb".
memory_tree debian_tree() {
  const std::string d = std::string(CIPHEREXPLAIN_CONFIGS_DIR) + "/debian-12/";
  std::map<std::string, std::string> files;
  for (const char* p :
       {"mariadb-common/etc/mysql/mariadb.cnf", "mysql-common/etc/mysql/my.cnf.fallback",
        "mysql-common/etc/mysql/conf.d/mysql.cnf", "mysql-common/etc/mysql/conf.d/mysqldump.cnf",
        "mariadb-server/etc/mysql/mariadb.conf.d/50-mysqld_safe.cnf",
        "mariadb-server/etc/mysql/mariadb.conf.d/50-server.cnf"}) {
    const std::string rel = std::string(p).substr(std::string(p).find("/etc/"));
    files.emplace("deb" + rel, file_text(d + p));
  }
  return memory_tree(std::move(files), "deb");
}

TEST(MysqlReader, DebianShippedFilesHaveNoActiveTlsSetting) {
  const memory_tree tree = debian_tree();
  const config_read_result r = read_config(tree, "deb/etc/mysql/mariadb.cnf");
  EXPECT_EQ(r.format, config_format::mysql);  // told by the name
  EXPECT_TRUE(r.errors.empty()) << r.errors[0].message;
  // 50-server.cnf:84-87 (#ssl-ca ... #require-secure-transport) are commented out.
  EXPECT_TRUE(r.settings.empty());
  // mariadb.cnf:28-29 `!includedir /etc/mysql/conf.d/` and `.../mariadb.conf.d/`, each
  // directory's .cnf files sorted by name, under the root.
  EXPECT_EQ(r.files,
            (std::vector<std::string>{"deb/etc/mysql/mariadb.cnf", "deb/etc/mysql/conf.d/mysql.cnf",
                                      "deb/etc/mysql/conf.d/mysqldump.cnf",
                                      "deb/etc/mysql/mariadb.conf.d/50-mysqld_safe.cnf",
                                      "deb/etc/mysql/mariadb.conf.d/50-server.cnf"}));
  std::vector<std::string> names;
  for (const config_block& b : r.blocks) names.push_back(b.name);
  EXPECT_EQ(names, (std::vector<std::string>{"global", "[client-server]", "[mysql]", "[mysqldump]",
                                             "[mysqld_safe]", "[server]", "[mysqld]", "[embedded]",
                                             "[mariadb]", "[mariadb-10.11]"}));
  EXPECT_EQ(r.blocks[6].file, "deb/etc/mysql/mariadb.conf.d/50-server.cnf");
  EXPECT_EQ(r.blocks[6].line, 9u);

  const config_read_result fallback = read_config(tree, "deb/etc/mysql/my.cnf.fallback");
  EXPECT_TRUE(fallback.errors.empty());
  EXPECT_EQ(fallback.files.size(), 3u);  // my.cnf.fallback:23 includes conf.d only
}

TEST(MysqlReader, MissingIncludedirIsFatalAndPositioned) {
  // mariadb-common alone: /etc/mysql/conf.d and mariadb.conf.d are not there.
  const std::string root = std::string(CIPHEREXPLAIN_CONFIGS_DIR) + "/debian-12/mariadb-common";
  filesystem_tree tree(root);
  const config_read_result r = read_config(tree, root + "/etc/mysql/mariadb.cnf");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].line, 28u);
  EXPECT_EQ(r.errors[0].column, 1u);
  EXPECT_EQ(r.errors[0].message,
            "cannot open directory " + root + "/etc/mysql/conf.d (a fatal error)");
  EXPECT_EQ(r.errors[1].line, 29u);
}

TEST(MysqlReader, QuotesEscapesCommentsAndSpans) {
  const auto r = read_memory({{"etc/mysql/my.cnf",
                               "[mysqld]\n"
                               "  ssl-cipher = \"HIGH:!aNULL#x\"   # a comment\n"
                               "loose_tls-version=TLSv1.2,TLSv1.3 ; not a comment\n"
                               "#ssl_cipher = COMMENTED\n"
                               "; tls_version = TLSv1.3\n"
                               "ssl_cipher = 'A\\tB\\q' \n"
                               "ssl_cipher = \"x\n"}});
  ASSERT_EQ(r.errors.size(), 2u);
  // `; not a comment` stays in the value: ';' only starts a comment at the line's start.
  EXPECT_EQ(r.errors[0].message,
            "Error while setting value 'TLSv1.2,TLSv1.3 ; not a comment' to 'tls_version': "
            "\"TLSv1.3 ; not a comment\" is not a TLS version");
  EXPECT_EQ(r.errors[0].line, 3u);
  EXPECT_EQ(r.errors[0].column, 19u);
  EXPECT_EQ(r.errors[1].message,
            "unterminated \" quote: the quote and what follows it, '#' included, are the value");
  EXPECT_EQ(r.errors[1].line, 7u);
  ASSERT_EQ(r.settings.size(), 4u);
  const tls_setting& a = r.settings[0];
  EXPECT_EQ(a.directive, "ssl-cipher");
  EXPECT_EQ(a.value, "HIGH:!aNULL#x");  // '#' inside quotes is no comment
  EXPECT_EQ(a.kind, setting_kind::cipher_list);
  EXPECT_EQ(a.role, setting_role::server);
  EXPECT_EQ(a.line, 2u);
  EXPECT_EQ(a.column, 3u);
  EXPECT_EQ(position_of(a, 0), (file_position{2, 17}));  // after the quote
  EXPECT_EQ(block_of(r, a), "[mysqld]");
  EXPECT_FALSE(a.effective);
  const tls_setting& b = r.settings[1];
  EXPECT_EQ(b.directive, "loose_tls-version");
  EXPECT_EQ(b.kind, setting_kind::protocols);
  EXPECT_EQ(b.meaning, std::nullopt);
  // \t is a tab; \q is no escape and keeps its backslash.
  const tls_setting& c = r.settings[2];
  EXPECT_EQ(c.value, "A\tB\\q");
  EXPECT_EQ(c.line, 6u);
  EXPECT_EQ(position_of(c, 1), (file_position{6, 16}));  // the made tab: where "\t" is
  EXPECT_EQ(position_of(c, 2), (file_position{6, 18}));
  EXPECT_FALSE(c.spans[1].verbatim);
  const tls_setting& d = r.settings[3];
  EXPECT_EQ(d.value, "\"x");
  EXPECT_TRUE(d.effective);
}

TEST(MysqlReader, TlsVersionSetsAndCiphersuites) {
  const auto r =
      read_memory({{"etc/mysql/my.cnf",
                    "[mysqld]\n"
                    "tls_version = tlsv1.2,TLSv1.3\n"
                    "ssl_cipher = TLS_AES_128_GCM_SHA256:ECDHE+AESGCM:TLS_AES_256_GCM_SHA384\n"
                    "tls_ciphersuites = TLS_CHACHA20_POLY1305_SHA256\n"
                    "[mariadb]\n"
                    "tls_version = TLSv1.2, TLSv1.3\n"
                    "tls_version = SSLv3\n"
                    "ssl_cipher\n"}});
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0].line, 6u);
  EXPECT_NE(r.errors[0].message.find("\" TLSv1.3\" is not a TLS version"), std::string::npos);
  EXPECT_EQ(r.errors[1].line, 7u);
  EXPECT_EQ(r.errors[2].message, "option '--ssl_cipher' requires an argument");
  ASSERT_EQ(r.settings.size(), 6u);
  EXPECT_EQ(r.settings[0].meaning, protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
  const tls_setting& suites = r.settings[2];
  EXPECT_EQ(suites.kind, setting_kind::ciphersuites);
  EXPECT_EQ(suites.directive, "ssl_cipher");
  EXPECT_EQ(suites.value, "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384");
  EXPECT_EQ(position_of(suites, 23), (file_position{3, 50}));
  EXPECT_FALSE(suites.effective);  // tls_ciphersuites comes after it in the same group
  EXPECT_TRUE(r.settings[3].effective);
  EXPECT_EQ(r.settings[3].kind, setting_kind::ciphersuites);
}

TEST(MysqlReader, LaterGroupsTheServerReadsReplaceEarlierOnes) {
  const auto r = read_memory({{"etc/mysql/my.cnf",
                               "[mysqld]\nssl-cipher = A\n"
                               "[mysqld-10.11]\nssl-cipher = B\n"
                               "[mariadb]\nssl-cipher = C\n"
                               "[mysqld-8.0]\nssl-cipher = D\n"
                               "[mysqld1]\nssl-cipher = E\n"
                               "[client]\nssl-cipher = F\n"
                               "[mysqldump]\nssl-cipher = G\n"
                               "[mysqld_safe]\nssl-cipher = H\n"}});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 7u);  // nothing from [mysqld_safe]
  EXPECT_FALSE(r.settings[0].effective);
  EXPECT_NE(r.settings[0].note.find("replaced by ssl-cipher in [mariadb] at etc/mysql/my.cnf:6"),
            std::string::npos);
  EXPECT_FALSE(r.settings[1].effective);  // [mariadb] is read by 10.11 too
  EXPECT_TRUE(r.settings[2].effective);
  EXPECT_TRUE(r.settings[3].effective);  // only MySQL 8.0 reads it, after [mariadb]
  EXPECT_TRUE(r.settings[4].effective);  // mysqld_multi's instance 1
  EXPECT_EQ(r.settings[5].role, setting_role::client);
  EXPECT_EQ(block_of(r, r.settings[6]), "[mysqldump]");
  EXPECT_TRUE(r.settings[6].effective);  // after [client]
}

TEST(MysqlReader, ClientServerGroupIsForBothRoles) {
  const auto r = read_memory({{"etc/mysql/my.cnf",
                               "[client]\ntls_version=TLSv1.3\n"
                               "[Client-Server]\ntls_version=TLSv1.2\n"
                               "[MYSQLD]\n"}});
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.settings.size(), 3u);
  EXPECT_FALSE(r.settings[0].effective);  // [client-server] comes later
  EXPECT_EQ(r.settings[1].role, setting_role::server);
  EXPECT_EQ(r.settings[2].role, setting_role::client);
  EXPECT_EQ(r.settings[1].line, r.settings[2].line);
  EXPECT_EQ(block_of(r, r.settings[1]), "[Client-Server]");
}

TEST(MysqlReader, IncludesAndIncludedirUnderRoot) {
  memory_tree tree(
      {{"copy/etc/mysql/my.cnf",
        "[mysqld]\n"
        "!include /etc/mysql/extra.cnf\n"
        "ssl-cipher = AFTER\n"
        "!includedir /etc/mysql/conf.d/\n"
        "!include\n"},
       {"copy/etc/mysql/extra.cnf", "ssl-cipher = NOGROUP\n[client]\nssl-cipher = E\n"},
       {"copy/etc/mysql/conf.d/b.cnf", "[mysqld]\ntls_version=TLSv1.3\n"},
       {"copy/etc/mysql/conf.d/a.cnf", "[mysqld]\nssl-cipher = A\n"},
       {"copy/etc/mysql/conf.d/.hidden.cnf", "[mysqld]\nssl-cipher = H\n"},
       {"copy/etc/mysql/conf.d/skip.conf", "[mysqld]\nssl-cipher = X\n"}},
      "copy");
  const auto r = read_config(tree, "copy/etc/mysql/my.cnf", {config_format::mysql});
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].file, "copy/etc/mysql/extra.cnf");
  EXPECT_EQ(r.errors[0].line, 1u);
  EXPECT_NE(r.errors[0].message.find("option without preceding group"), std::string::npos);
  EXPECT_EQ(r.errors[1].line, 5u);
  EXPECT_EQ(r.errors[1].message, "wrong '!include' directive: no name (a fatal error)");
  ASSERT_EQ(r.settings.size(), 5u);
  EXPECT_EQ(r.settings[0].value, "E");
  EXPECT_EQ(r.settings[0].role, setting_role::client);
  EXPECT_EQ(r.settings[1].value, "AFTER");  // back in the including file's [mysqld]
  EXPECT_EQ(r.settings[2].file, "copy/etc/mysql/conf.d/.hidden.cnf");  // sorted by name
  EXPECT_EQ(r.settings[3].file, "copy/etc/mysql/conf.d/a.cnf");
  EXPECT_EQ(r.settings[4].file, "copy/etc/mysql/conf.d/b.cnf");
  EXPECT_TRUE(r.settings[3].effective);
  EXPECT_FALSE(r.settings[1].effective);
}

TEST(MysqlReader, MissingIncludeIsReportedAndTheRestIsRead) {
  const auto r = read_memory(
      {{"etc/mysql/my.cnf", "[mysqld]\n!include etc/mysql/none.cnf\nssl_cipher=HIGH\n"}});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 2u);
  EXPECT_NE(r.errors[0].message.find("cannot read included etc/mysql/none.cnf"), std::string::npos);
  ASSERT_EQ(r.settings.size(), 1u);
  EXPECT_EQ(r.settings[0].line, 3u);
}

TEST(MysqlReader, IncludeCycleAndGroupErrors) {
  const auto r =
      read_memory({{"etc/mysql/my.cnf", "[mysqld\n[ mysqld]\n!include etc/mysql/my.cnf\n"}});
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0].message, "wrong group definition: no ']' (a fatal error)");
  EXPECT_NE(r.errors[1].message.find("starts with a space"), std::string::npos);
  EXPECT_NE(r.errors[2].message.find("cycle"), std::string::npos);
}

TEST(MysqlReader, CrlfLineEndings) {
  const auto r = read_memory(
      {{"etc/mysql/my.cnf", "[mysqld]\r\nssl-cipher = 'HIGH'\r\ntls_version = TLSv1.2\r\n"}});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 2u);
  EXPECT_EQ(r.settings[0].value, "HIGH");
  EXPECT_EQ(r.settings[1].meaning, protocol_bit::tlsv1_2);
  EXPECT_EQ(r.settings[1].line, 3u);
}

TEST(MysqlReader, GarbageNeverCrashesAndKeepsSpansWhole) {
  const std::vector<std::string> pieces = {"[mysqld]\n",
                                           "[client-server]\n",
                                           "[",
                                           "]",
                                           "ssl-cipher",
                                           "tls_version",
                                           "ssl_cipher",
                                           " = ",
                                           "=",
                                           "'",
                                           "\"",
                                           "\\",
                                           "\\n",
                                           "#",
                                           ";",
                                           " ",
                                           "\t",
                                           "\r\n",
                                           "\n",
                                           "TLS_AES_128_GCM_SHA256",
                                           ":",
                                           ",",
                                           "TLSv1.2",
                                           "HIGH",
                                           "!include etc/mysql/x.cnf\n",
                                           "!includedir etc/mysql\n",
                                           "loose-",
                                           "tls_ciphersuites",
                                           "\xC3\xA9"};
  config_checks::for_each_random_text(pieces, 3000, [&](const std::string& text) {
    const auto r = read_memory({{"etc/mysql/my.cnf", text}, {"etc/mysql/x.cnf", text}});
    config_checks::check_spans_cover_values(r);
  });
}

TEST(MysqlReader, LargeInputsAreReadInLinearTime) {
  // Many lines, a long line with quotes to track, many groups (each a block).
  std::string text = "[mysqld]\n";
  for (int i = 0; i < 100000; ++i) text += "option-without-value\n";
  text += "ssl_cipher = '" + std::string(2000000, '"') + "x # '\n";
  for (int i = 0; i < 20000; ++i) text += "[g" + std::to_string(i) + "]\nssl-cipher=A\n";
  const auto r = read_memory({{"etc/mysql/my.cnf", text}});
  ASSERT_EQ(r.settings.size(), 20001u);
  EXPECT_EQ(r.settings[0].value.size(), 2000004u);  // the quotes go, '#' is inside them
  EXPECT_EQ(r.blocks.size(), 20002u);
  EXPECT_TRUE(r.errors.empty());
}

}  // namespace
}  // namespace cipherexplain

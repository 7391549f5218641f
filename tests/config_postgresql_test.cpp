// SPDX-License-Identifier: Apache-2.0
// The PostgreSQL reader on Debian 12's postgresql.conf.sample and on hand-made trees: the
// scanner's tokens, quotes and escapes, comments, include / include_if_exists / include_dir,
// duplicates, and the values the server refuses.

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

const std::string main_path = "etc/postgresql/15/main/postgresql.conf";

config_read_result read_memory(std::map<std::string, std::string> files,
                               const std::string& main = main_path) {
  memory_tree tree(std::move(files));
  return read_config(tree, main, {config_format::postgresql});
}

std::string sample_path() {
  return std::string(CIPHEREXPLAIN_CONFIGS_DIR) +
         "/debian-12/postgresql-15/usr/share/postgresql/15/postgresql.conf.sample";
}

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(PostgresqlReader, DebianSampleHasEveryTlsSettingCommentedOut) {
  filesystem_tree tree;
  const config_read_result r = read_config(tree, sample_path(), {config_format::postgresql});
  EXPECT_TRUE(r.errors.empty()) << r.errors[0].message;
  // postgresql.conf.sample:105-118 (#ssl = off ... #ssl_max_protocol_version = '') and the
  // include lines at 806-809 are all comments.
  EXPECT_TRUE(r.settings.empty());
  EXPECT_EQ(r.files.size(), 1u);
}

TEST(PostgresqlReader, DebianSampleUncommentedGivesItsDefaults) {
  // The sample with the '#' of lines 111-115 removed, as an administrator would.
  std::istringstream in(file_text(sample_path()));
  std::string text, line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (n >= 111 && n <= 115) line.erase(0, 1);
    text += line + "\n";
  }
  const auto r = read_memory({{main_path, text}});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 4u);  // ssl_ecdh_curve (113) is no setting of ours
  const tls_setting& c = r.settings[0];
  EXPECT_EQ(c.line, 111u);
  EXPECT_EQ(c.column, 1u);
  EXPECT_EQ(c.directive, "ssl_ciphers");
  EXPECT_EQ(c.value, "HIGH:MEDIUM:+3DES:!aNULL");  // the trailing "# allowed SSL ciphers" goes
  EXPECT_EQ(c.kind, setting_kind::cipher_list);
  EXPECT_EQ(position_of(c, 0), (file_position{111, 16}));
  EXPECT_EQ(r.blocks[static_cast<std::size_t>(c.block)].name, "global");
  EXPECT_EQ(r.settings[1].kind, setting_kind::prefer_server);
  EXPECT_EQ(r.settings[1].meaning, 1);
  EXPECT_EQ(r.settings[2].kind, setting_kind::min_protocol);
  EXPECT_EQ(r.settings[2].meaning, version::tlsv1_2);
  EXPECT_EQ(r.settings[2].line, 114u);
  EXPECT_EQ(r.settings[3].kind, setting_kind::max_protocol);
  EXPECT_EQ(r.settings[3].value, "");
  EXPECT_EQ(r.settings[3].meaning, 0);  // no upper bound
}

TEST(PostgresqlReader, TokensQuotesEscapesAndComments) {
  const auto r = read_memory({{main_path,
                               "ssl_ciphers HIGH:MEDIUM   # no '=' and unquoted\n"
                               "SSL_Ciphers = 'it''s#\\n\\101\\q' # escapes\n"
                               "ssl_ciphers = HIGH:!aNULL\n"
                               "ssl_ciphers = 'open\n"
                               "ssl_min_protocol_version = TLSv1.3 extra\n"
                               "= 'x'\n"}});
  ASSERT_EQ(r.errors.size(), 4u);
  EXPECT_EQ(r.errors[0].message, "syntax error, near token \"!\"");
  EXPECT_EQ(r.errors[0].line, 3u);
  EXPECT_EQ(r.errors[0].column, 20u);
  EXPECT_EQ(r.errors[1].message, "syntax error, near token \"'\"");  // not a string
  EXPECT_EQ(r.errors[1].line, 4u);
  EXPECT_EQ(r.errors[2].message, "syntax error, near token \"extra\"");
  EXPECT_EQ(r.errors[3].message, "syntax error, near token \"=\"");
  ASSERT_EQ(r.settings.size(), 2u);
  EXPECT_EQ(r.settings[0].value, "HIGH:MEDIUM");
  EXPECT_FALSE(r.settings[0].effective);
  const tls_setting& b = r.settings[1];
  EXPECT_EQ(b.directive, "SSL_Ciphers");  // names without case
  EXPECT_EQ(b.value, "it's#\nAq");
  EXPECT_TRUE(b.effective);
  EXPECT_EQ(position_of(b, 0), (file_position{2, 16}));
  EXPECT_EQ(position_of(b, 3), (file_position{2, 20}));  // 's' after the doubled quote
  EXPECT_EQ(position_of(b, 5), (file_position{2, 22}));  // the made newline: its "\n"
  EXPECT_EQ(position_of(b, 6), (file_position{2, 24}));  // 'A' from "\101"
  EXPECT_EQ(position_of(b, 7), (file_position{2, 29}));  // 'q': "\q" drops the backslash
}

TEST(PostgresqlReader, IncludesRelativeToTheIncludingFile) {
  memory_tree tree({{"copy/etc/pg/postgresql.conf",
                     "include 'sub/a.conf'\n"
                     "include_if_exists = 'missing.conf'\n"
                     "include 'gone.conf'\n"
                     "include_dir '/etc/pg/conf.d'\n"
                     "include_dir 'nodir'\n"},
                    {"copy/etc/pg/sub/a.conf", "include 'b.conf'\n"},
                    {"copy/etc/pg/sub/b.conf", "ssl_ciphers = 'B'\n"},
                    {"copy/etc/pg/conf.d/20-z.conf", "ssl_ciphers = 'Z'\n"},
                    {"copy/etc/pg/conf.d/10-a.conf", "ssl_prefer_server_ciphers = off\n"},
                    {"copy/etc/pg/conf.d/.hidden.conf", "ssl_ciphers = 'H'\n"},
                    {"copy/etc/pg/conf.d/notes.txt", "ssl_ciphers = 'T'\n"}},
                   "copy");
  const auto r = read_config(tree, "copy/etc/pg/postgresql.conf", {config_format::postgresql});
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].line, 3u);
  EXPECT_NE(r.errors[0].message.find("copy/etc/pg/gone.conf"), std::string::npos);
  EXPECT_EQ(r.errors[1].line, 5u);
  EXPECT_EQ(r.errors[1].message, "could not open configuration directory \"copy/etc/pg/nodir\"");
  ASSERT_EQ(r.settings.size(), 3u);
  EXPECT_EQ(r.settings[0].file, "copy/etc/pg/sub/b.conf");  // relative to sub/, not to etc/pg
  EXPECT_EQ(r.settings[1].file, "copy/etc/pg/conf.d/10-a.conf");
  EXPECT_EQ(r.settings[1].meaning, 0);
  EXPECT_EQ(r.settings[2].file, "copy/etc/pg/conf.d/20-z.conf");
  EXPECT_FALSE(r.settings[0].effective);
  EXPECT_TRUE(r.settings[2].effective);
}

TEST(PostgresqlReader, NestingDeeperThanTenIsRefused) {
  std::map<std::string, std::string> files;
  for (int i = 0; i <= 12; ++i) {
    files["etc/pg/" + std::to_string(i) + ".conf"] = "include '" + std::to_string(i + 1) +
                                                     ".conf'\nssl_ciphers = 'L" +
                                                     std::to_string(i) + "'\n";
  }
  const auto r = read_memory(files, "etc/pg/0.conf");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].file, "etc/pg/10.conf");
  EXPECT_EQ(r.errors[0].message,
            "could not open configuration file \"11.conf\": maximum nesting depth exceeded");
  EXPECT_EQ(r.settings.size(), 11u);  // 0.conf ... 10.conf
}

TEST(PostgresqlReader, RefusedValuesAndBooleans) {
  const auto r = read_memory({{main_path,
                               "ssl_min_protocol_version = 'TLSv9'\n"
                               "ssl_min_protocol_version = ''\n"
                               "ssl_max_protocol_version = 'tlsv1.3'\n"
                               "ssl_prefer_server_ciphers = maybe\n"
                               "ssl_prefer_server_ciphers = of\n"
                               "ssl_prefer_server_ciphers = TRU\n"
                               "ssl_prefer_server_ciphers = o\n"
                               "ssl_prefer_server_ciphers = 0\n"}});
  ASSERT_EQ(r.errors.size(), 4u);
  EXPECT_EQ(r.errors[0].message,
            "invalid value for parameter \"ssl_min_protocol_version\": \"TLSv9\" (available "
            "values: TLSv1, TLSv1.1, TLSv1.2, TLSv1.3)");
  EXPECT_EQ(r.errors[0].column, 28u);
  EXPECT_EQ(r.errors[1].line, 2u);  // '' is no minimum
  EXPECT_EQ(r.errors[2].message,
            "parameter \"ssl_prefer_server_ciphers\" requires a Boolean value");
  EXPECT_EQ(r.errors[3].line, 7u);  // "o" is not unique enough
  ASSERT_EQ(r.settings.size(), 8u);
  EXPECT_EQ(r.settings[2].meaning, version::tlsv1_3);
  EXPECT_EQ(r.settings[4].meaning, 0);
  EXPECT_EQ(r.settings[5].meaning, 1);
  EXPECT_EQ(r.settings[7].meaning, 0);
  EXPECT_TRUE(r.settings[7].effective);
}

TEST(PostgresqlReader, MinimumAboveMaximumStopsTheServer) {
  const auto r = read_memory({{main_path,
                               "ssl_max_protocol_version = 'TLSv1.2'\n"
                               "ssl_min_protocol_version = 'TLSv1.3'\n"}});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 1u);
  EXPECT_NE(r.errors[0].message.find("cannot be higher than"), std::string::npos);
}

TEST(PostgresqlReader, CrlfAndTls13Ciphers) {
  const auto r = read_memory({{main_path,
                               "ssl_tls13_ciphers = 'TLS_AES_256_GCM_SHA384'\r\n"
                               "ssl_ciphers='HIGH'\r\n"}});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 2u);
  EXPECT_EQ(r.settings[0].kind, setting_kind::ciphersuites);
  EXPECT_EQ(r.settings[0].value, "TLS_AES_256_GCM_SHA384");
  EXPECT_EQ(r.settings[1].value, "HIGH");
  EXPECT_EQ(r.settings[1].line, 2u);
}

TEST(PostgresqlReader, GarbageNeverCrashesAndKeepsSpansWhole) {
  const std::vector<std::string> pieces = {"ssl_ciphers",
                                           "ssl_min_protocol_version",
                                           "ssl_max_protocol_version",
                                           "ssl_prefer_server_ciphers",
                                           "ssl_tls13_ciphers",
                                           " = ",
                                           "=",
                                           "'",
                                           "''",
                                           "\\",
                                           "\\1",
                                           "\\n",
                                           "#",
                                           " ",
                                           "\t",
                                           "\r\n",
                                           "\n",
                                           "TLSv1.2",
                                           "on",
                                           "HIGH:!",
                                           "0x1F",
                                           "1.5e3",
                                           "-",
                                           "include 'x.conf'\n",
                                           "include_dir '.'\n",
                                           "a.b",
                                           "\xC3\xA9",
                                           "\x01"};
  config_checks::for_each_random_text(pieces, 3000, [&](const std::string& text) {
    const auto r = read_memory({{main_path, text}, {"etc/postgresql/15/main/x.conf", text}});
    config_checks::check_spans_cover_values(r);
  });
}

TEST(PostgresqlReader, LargeInputsAreReadInLinearTime) {
  std::string escaped;
  for (int i = 0; i < 500000; ++i) escaped += "\\'";
  std::string text = "ssl_ciphers = '" + escaped + "\n" + std::string(1000000, '\'') + "\n";
  for (int i = 0; i < 50000; ++i) text += "ssl_ciphers = 'a' x\n";
  text += "ssl_ciphers = 'last'\n";
  const auto r = read_memory({{main_path, text}});
  // 100 syntax errors, then PostgreSQL abandons the file: "last" is never read.
  EXPECT_TRUE(r.settings.empty());
  ASSERT_EQ(r.errors.size(), 101u);
  EXPECT_EQ(r.errors[0].message, "syntax error, near token \"'\"");
  EXPECT_LT(r.errors[1].message.size(), 100u);  // the 1 MB token is cut short
  EXPECT_NE(r.errors[100].message.find("abandoning file"), std::string::npos);
}

}  // namespace
}  // namespace cipherexplain

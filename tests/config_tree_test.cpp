// SPDX-License-Identifier: Apache-2.0
// Where the readers find files: glob(3) matching, paths under --root, the file system and
// files in memory, and format detection.

#include <cipherexplain/config_file.hpp>

#include <gtest/gtest.h>

namespace cipherexplain {
namespace {

TEST(GlobMatch, AsGlob3) {
  EXPECT_TRUE(glob_match("*.conf", "a.conf"));
  EXPECT_FALSE(glob_match("*.conf", "a.conf.bak"));
  EXPECT_FALSE(glob_match("*.conf", ".hidden.conf"));  // a leading dot is not matched by '*'
  EXPECT_TRUE(glob_match(".*.conf", ".hidden.conf"));
  EXPECT_TRUE(glob_match("1?-*.conf", "10-ssl.conf"));
  EXPECT_TRUE(glob_match("[0-9]*", "50-server.cnf"));
  EXPECT_FALSE(glob_match("[!0-9]*", "50-server.cnf"));
  EXPECT_TRUE(glob_match("a\\*b", "a*b"));
  EXPECT_FALSE(glob_match("a\\*b", "axb"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_TRUE(glob_match("[", "["));  // an unclosed bracket is itself
  EXPECT_TRUE(glob_match("*a*a*a*a*b", std::string(60, 'a') + "b"));
  EXPECT_FALSE(glob_match("*a*a*a*a*b", std::string(60, 'a')));
}

TEST(ConfigTree, ResolveUnderRoot) {
  memory_tree none({}, "copy/");
  EXPECT_EQ(none.resolve("/etc/nginx/x.conf", "copy/etc/nginx"), "copy/etc/nginx/x.conf");
  EXPECT_EQ(none.resolve("conf.d/x.conf", "copy/etc/nginx"), "copy/etc/nginx/conf.d/x.conf");
  EXPECT_EQ(none.resolve("x.conf", ""), "x.conf");
  memory_tree plain({});
  EXPECT_EQ(plain.resolve("/etc/x", "anything"), "/etc/x");
  memory_tree slash({}, "/");
  EXPECT_EQ(slash.resolve("/etc/x", ""), "/etc/x");
}

TEST(ConfigTree, MemoryGlobAndDirectories) {
  memory_tree t({{"d/a.conf", ""}, {"d/b.conf", ""}, {"d/sub/c.conf", ""}, {"e/a.conf", ""}});
  EXPECT_EQ(t.glob("d/*.conf"), (std::vector<std::string>{"d/a.conf", "d/b.conf"}));
  EXPECT_EQ(t.glob("*/a.conf"), (std::vector<std::string>{"d/a.conf", "e/a.conf"}));
  EXPECT_TRUE(t.is_directory("d"));
  EXPECT_TRUE(t.is_directory("d/sub/"));
  EXPECT_FALSE(t.is_directory("d/a.conf"));
  std::string error;
  EXPECT_FALSE(t.read("d", error));
  EXPECT_EQ(error, "is a directory");
  EXPECT_FALSE(t.read("nope", error));
  EXPECT_EQ(error, "No such file or directory");
}

TEST(ConfigTree, FilesystemGlobSortsAndSkipsDirectories) {
  const std::string root = std::string(CIPHEREXPLAIN_CONFIGS_DIR) + "/debian-12/apache2";
  filesystem_tree t;
  const auto found = t.glob(root + "/etc/apache2/sites-available/*.conf");
  EXPECT_EQ(found,
            (std::vector<std::string>{root + "/etc/apache2/sites-available/000-default.conf",
                                      root + "/etc/apache2/sites-available/default-ssl.conf"}));
  EXPECT_TRUE(t.glob(root + "/etc/apache2/*").size() >= 3u);  // files only, not the folders
  for (const std::string& f : t.glob(root + "/etc/apache2/*")) EXPECT_FALSE(t.is_directory(f));
  EXPECT_TRUE(t.glob(root + "/nowhere/*.conf").empty());
  std::string error;
  EXPECT_FALSE(t.read(root + "/nowhere.conf", error));
  EXPECT_FALSE(error.empty());
}

TEST(ConfigFormats, NamesAndDetection) {
  for (config_format f : config_formats()) {
    EXPECT_EQ(parse_config_format(config_format_name(f)), f);
  }
  EXPECT_EQ(parse_config_format("postfix"), config_format::postfix_main);
  EXPECT_EQ(parse_config_format("nope"), std::nullopt);
  EXPECT_EQ(detect_config_format("/etc/nginx/sites-enabled/default", ""), config_format::nginx);
  EXPECT_EQ(detect_config_format("x/etc/apache2/apache2.conf", ""), config_format::apache);
  EXPECT_EQ(detect_config_format("main.cf", ""), config_format::postfix_main);
  EXPECT_EQ(detect_config_format("master.cf", ""), config_format::postfix_master);
  EXPECT_EQ(detect_config_format("/etc/mysql/mariadb.conf.d/50-server.cnf", ""),
            config_format::mysql);
  EXPECT_EQ(detect_config_format("/etc/ssl/openssl.cnf", ""), config_format::openssl_cnf);
  EXPECT_EQ(detect_config_format("site.conf", "<VirtualHost *:443>\n"), config_format::apache);
  EXPECT_EQ(detect_config_format("x.conf", "ssl_min_protocol_version = 'TLSv1.2'"),
            config_format::postgresql);
  EXPECT_EQ(detect_config_format("x.conf", "ssl_min_protocol = TLSv1.2"), config_format::dovecot);
  EXPECT_EQ(detect_config_format("x.conf", "nothing here"), std::nullopt);
}

TEST(ConfigRead, UnknownFormatAndMissingFileAreErrors) {
  memory_tree t(std::map<std::string, std::string>{{"x.conf", "nothing here"}});
  const auto a = read_config(t, "x.conf");
  ASSERT_EQ(a.errors.size(), 1u);
  EXPECT_NE(a.errors[0].message.find("--format-of"), std::string::npos);
  const auto b = read_config(t, "y.conf");
  ASSERT_EQ(b.errors.size(), 1u);
  EXPECT_EQ(b.errors[0].file, "y.conf");
  EXPECT_EQ(b.errors[0].line, 0u);
}

}  // namespace
}  // namespace cipherexplain

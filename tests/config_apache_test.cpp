// SPDX-License-Identifier: Apache-2.0
// The Apache reader on Debian 12's shipped apache2 files and on hand-made trees: lines,
// continuations, quotes, ${} from Define, comments, sections, IfModule / IfDefine, includes,
// and what mod_ssl makes of SSLCipherSuite, SSLProtocol, SSLHonorCipherOrder and
// SSLOpenSSLConfCmd.

#include <cipherexplain/config_file.hpp>
#include <cipherexplain/supported.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace cipherexplain {
namespace {

const std::string debian = std::string(CIPHEREXPLAIN_CONFIGS_DIR) + "/debian-12/apache2";
constexpr std::uint16_t tls1_to_1_3 =
    protocol_bit::tlsv1 | protocol_bit::tlsv1_1 | protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3;

config_read_result read_memory(std::map<std::string, std::string> files,
                               const std::string& main = "etc/apache2/apache2.conf") {
  memory_tree tree(std::move(files));
  return read_config(tree, main, {config_format::apache});
}

std::string shipped(const std::string& path) {
  std::ifstream in(debian + "/" + path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const std::string& block_name(const config_read_result& r, const tls_setting& s) {
  return r.blocks[static_cast<std::size_t>(s.block)].name;
}

std::string all_errors(const config_read_result& r) {
  std::string out;
  for (const config_error& e : r.errors)
    out += e.file + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) + ": " +
           e.message + "\n";
  return out;
}

TEST(ApacheReader, DebianShippedSslConf) {
  filesystem_tree tree(debian);
  const std::string main = debian + "/etc/apache2/mods-available/ssl.conf";
  const config_read_result r = read_config(tree, main, {config_format::apache});
  EXPECT_TRUE(r.errors.empty()) << all_errors(r);
  ASSERT_EQ(r.settings.size(), 2u);
  // ssl.conf:57 `SSLCipherSuite HIGH:!aNULL`; mod_ssl appends its own exclusions.
  const tls_setting& c = r.settings[0];
  EXPECT_EQ(c.file, main);
  EXPECT_EQ(c.line, 57u);
  EXPECT_EQ(c.column, 1u);
  EXPECT_EQ(c.directive, "SSLCipherSuite");
  EXPECT_EQ(c.kind, setting_kind::cipher_list);
  EXPECT_EQ(c.value, "HIGH:!aNULL:!aNULL:!eNULL:!EXP");
  ASSERT_EQ(c.spans.size(), 2u);
  EXPECT_EQ(c.spans[0], (value_span{0, 11, 57, 16, true}));
  EXPECT_EQ(c.spans[1], (value_span{11, 19, 57, 1, false}));
  EXPECT_NE(c.note.find("appends :!aNULL:!eNULL:!EXP"), std::string::npos);
  EXPECT_TRUE(c.effective);
  EXPECT_EQ(block_name(r, c), "global");
  // :71 `SSLProtocol all -SSLv3`: OpenSSL 3 has no SSLv3, `all` is TLS 1.0 to 1.3.
  const tls_setting& p = r.settings[1];
  EXPECT_EQ(p.line, 71u);
  EXPECT_EQ(p.directive, "SSLProtocol");
  EXPECT_EQ(p.value, "all -SSLv3");
  EXPECT_EQ(p.kind, setting_kind::protocols);
  EXPECT_EQ(p.meaning, tls1_to_1_3);
  EXPECT_EQ(position_of(p, 4), (file_position{71, 17}));
  EXPECT_EQ(p.spans, (std::vector<value_span>{{0, 10, 71, 13, true}}));  // as written
  // The commented `#SSLHonorCipherOrder on` (:66) is not a setting.
  EXPECT_EQ(r.files, (std::vector<std::string>{main}));
}

TEST(ApacheReader, DebianTreeWithSslEnabled) {
  // What `a2enmod ssl` and `a2ensite default-ssl` link, copied into memory.
  const std::string etc = "etc/apache2/";
  const auto r = read_memory({
      {etc + "apache2.conf", shipped(etc + "apache2.conf")},
      {etc + "ports.conf", shipped(etc + "ports.conf")},
      {etc + "mods-enabled/ssl.load", shipped(etc + "mods-available/ssl.load")},
      {etc + "mods-enabled/ssl.conf", shipped(etc + "mods-available/ssl.conf")},
      {etc + "mods-enabled/socache_shmcb.load", shipped(etc + "mods-available/socache_shmcb.load")},
      {etc + "sites-enabled/default-ssl.conf", shipped(etc + "sites-available/default-ssl.conf")},
  });
  // ${APACHE_LOG_DIR} and the like come from envvars; they are on lines with no TLS meaning.
  EXPECT_TRUE(r.errors.empty()) << all_errors(r);
  EXPECT_EQ(r.files,
            (std::vector<std::string>{etc + "apache2.conf", etc + "mods-enabled/socache_shmcb.load",
                                      etc + "mods-enabled/ssl.load", etc + "mods-enabled/ssl.conf",
                                      etc + "ports.conf", etc + "sites-enabled/default-ssl.conf"}));
  ASSERT_EQ(r.settings.size(), 2u);
  EXPECT_EQ(r.settings[0].file, etc + "mods-enabled/ssl.conf");
  EXPECT_EQ(r.settings[0].line, 57u);
  EXPECT_EQ(r.settings[1].line, 71u);
  EXPECT_EQ(r.settings[1].meaning, tls1_to_1_3);
  for (const tls_setting& s : r.settings) {
    EXPECT_EQ(s.block, 0);
    EXPECT_TRUE(s.effective);
  }
  // The site's blocks: the vhost (which inherits the globals) and its two per-dir blocks.
  std::vector<std::string> names;
  for (const config_block& b : r.blocks) names.push_back(b.name);
  const auto vhost = std::find(names.begin(), names.end(), "<VirtualHost *:443>");
  ASSERT_NE(vhost, names.end());
  const auto index = static_cast<std::int32_t>(vhost - names.begin());
  EXPECT_EQ(r.blocks[static_cast<std::size_t>(index)].line, 1u);
  EXPECT_EQ(r.blocks[static_cast<std::size_t>(index)].file, etc + "sites-enabled/default-ssl.conf");
  EXPECT_EQ(r.blocks[static_cast<std::size_t>(index)].parent, 0);
  EXPECT_EQ(names[static_cast<std::size_t>(index) + 1],
            "<FilesMatch \"\\.(?:cgi|shtml|phtml|php)$\">");
  EXPECT_EQ(r.blocks[static_cast<std::size_t>(index) + 1].parent, index);
  EXPECT_EQ(names[static_cast<std::size_t>(index) + 2], "<Directory /usr/lib/cgi-bin>");
}

TEST(ApacheReader, DebianDefaultSslSiteHasNoTlsSettingOfItsOwn) {
  filesystem_tree tree(debian);
  const auto r = read_config(tree, debian + "/etc/apache2/sites-available/default-ssl.conf",
                             {config_format::apache});
  EXPECT_TRUE(r.errors.empty()) << all_errors(r);
  EXPECT_TRUE(r.settings.empty());
  EXPECT_EQ(r.blocks.size(), 4u);  // global, the vhost, <FilesMatch>, <Directory>
}

TEST(ApacheReader, QuotesContinuationsAndSpans) {
  const auto r = read_memory({{"etc/apache2/apache2.conf",
                               "SSLCipherSuite \"HIGH:\\\"x\\\\y\"\n"
                               "  SSLCipherSuite \\\n    HIGH:\\\n!aNULL\n"
                               "sslproxyciphersuite 'TLSv1.3' TLS_AES_256_GCM_SHA384\n"
                               "SSLProtocol \"TLSv1.2\"   +TLSv1.3\n"}});
  ASSERT_TRUE(r.errors.empty()) << all_errors(r);
  ASSERT_EQ(r.settings.size(), 4u);
  const tls_setting& a = r.settings[0];
  EXPECT_EQ(a.value, "HIGH:\"x\\y:!aNULL:!eNULL:!EXP");
  EXPECT_EQ(position_of(a, 0), (file_position{1, 17}));
  EXPECT_EQ(position_of(a, 5), (file_position{1, 23}));  // the '"' after its backslash
  EXPECT_EQ(position_of(a, 7), (file_position{1, 26}));  // '\' of "\\"
  EXPECT_FALSE(a.effective);                             // the next one replaces it
  // A backslash before the line break joins the lines; the next line's indentation stays
  // (it separates words here) and the directive is where its first line starts.
  const tls_setting& b = r.settings[1];
  EXPECT_EQ(b.line, 2u);
  EXPECT_EQ(b.column, 3u);
  EXPECT_EQ(b.value, "HIGH:!aNULL:!aNULL:!eNULL:!EXP");
  EXPECT_EQ(position_of(b, 0), (file_position{3, 5}));
  EXPECT_EQ(position_of(b, 5), (file_position{4, 1}));
  EXPECT_TRUE(b.effective);
  const tls_setting& c = r.settings[2];
  EXPECT_EQ(c.directive, "sslproxyciphersuite TLSv1.3");  // names are read without case
  EXPECT_EQ(c.kind, setting_kind::ciphersuites);
  EXPECT_EQ(c.role, setting_role::client);
  EXPECT_EQ(c.value, "TLS_AES_256_GCM_SHA384");  // TLS 1.3 lists are used as written
  EXPECT_TRUE(c.note.empty());
  const tls_setting& d = r.settings[3];
  EXPECT_EQ(d.value, "TLSv1.2 +TLSv1.3");
  EXPECT_EQ(d.meaning, protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
  EXPECT_EQ(position_of(d, 8), (file_position{6, 25}));
}

TEST(ApacheReader, CommentsOnlyStartLines) {
  const auto r = read_memory({{"etc/apache2/apache2.conf",
                               "# SSLCipherSuite NULL\n"
                               "   #SSLProtocol TLSv1\n"
                               "#SSLProtocol TLSv1 \\\nSSLProtocol TLSv1.1\n"
                               "SSLProtocol all # no comments here\n"
                               "SSLCipherSuite HIGH # nor here\n"
                               "SSLCipherSuite HIGH #nor-here\n"
                               "SSLHonorCipherOrder on # a flag reads one word\n"}});
  ASSERT_EQ(r.errors.size(), 3u) << all_errors(r);
  EXPECT_EQ(r.errors[0].message, "SSLProtocol: Illegal protocol '#'");
  EXPECT_EQ(r.errors[0].line, 5u);
  EXPECT_EQ(r.errors[0].column, 17u);
  EXPECT_EQ(r.errors[1].line, 6u);
  EXPECT_NE(r.errors[1].message.find("SSLCipherSuite takes 1-2 arguments"), std::string::npos);
  EXPECT_EQ(r.errors[2].message, "protocol 'HIGH' not supported");
  EXPECT_EQ(r.errors[2].column, 16u);
  ASSERT_EQ(r.settings.size(), 2u);
  // The comment's continuation swallowed line 4; line 5's SSLProtocol is refused.
  EXPECT_EQ(r.settings[0].line, 5u);
  EXPECT_EQ(r.settings[0].value, "all # no comments here");
  EXPECT_EQ(r.settings[0].meaning, std::nullopt);
  EXPECT_EQ(r.settings[1].kind, setting_kind::prefer_server);
  EXPECT_EQ(r.settings[1].value, "on");
  EXPECT_EQ(r.settings[1].meaning, 1);
  EXPECT_NE(r.settings[1].note.find("ignores the rest"), std::string::npos);
}

TEST(ApacheReader, DefineAndVariables) {
  const auto r = read_memory({{"etc/apache2/apache2.conf",
                               "SSLCipherSuite ${CIPHERS}\n"
                               "Define CIPHERS HIGH:!MD5\n"
                               "Define PROTOCOLS \"TLSv1.2 +TLSv1.3\"\n"
                               "SSLCipherSuite ${CIPHERS}:!RC4\n"
                               "SSLProtocol ${PROTOCOLS}\n"
                               "SSLCipherSuite ${a:b}$x${\n"
                               "UnDefine CIPHERS\n"
                               "<IfDefine CIPHERS>\nSSLCipherSuite NO\n</IfDefine>\n"
                               "<IfDefine PROTOCOLS>\nSSLCipherSuite YES\n</IfDefine>\n"
                               "Define bad:name x\n"}});
  ASSERT_EQ(r.errors.size(), 2u) << all_errors(r);
  EXPECT_EQ(r.errors[0].message,
            "Config variable ${CIPHERS} is not defined (httpd keeps it as written)");
  EXPECT_EQ(r.errors[0].line, 1u);
  EXPECT_EQ(r.errors[0].column, 16u);
  EXPECT_EQ(r.errors[1].message, "Variable name must not contain ':'");
  ASSERT_EQ(r.settings.size(), 5u);
  EXPECT_EQ(r.settings[0].value, "${CIPHERS}:!aNULL:!eNULL:!EXP");  // used before its Define
  const tls_setting& b = r.settings[1];
  EXPECT_EQ(b.value, "HIGH:!MD5:!RC4:!aNULL:!eNULL:!EXP");
  ASSERT_EQ(b.spans.size(), 3u);
  EXPECT_EQ(b.spans[0], (value_span{0, 9, 4, 16, false}));  // made by ${CIPHERS}
  EXPECT_EQ(b.spans[1], (value_span{9, 5, 4, 26, true}));
  // The value is put in before the line is split: two words.
  EXPECT_EQ(r.settings[2].value, "TLSv1.2 +TLSv1.3");
  EXPECT_EQ(r.settings[2].meaning, protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
  // A name with ':' is no variable (and no warning); `$x` and `${` alone stay.
  EXPECT_EQ(r.settings[3].value, "${a:b}$x${:!aNULL:!eNULL:!EXP");
  EXPECT_EQ(r.settings[4].value, "YES:!aNULL:!eNULL:!EXP");
}

TEST(ApacheReader, IncludesGlobsServerRootAndRoot) {
  memory_tree tree({{"copy/etc/apache2/apache2.conf",
                     "Include conf.d/*.conf\n"
                     "IncludeOptional /etc/apache2/abs.conf\n"
                     "IncludeOptional nothing/*.conf\n"
                     "IncludeOptional missing.conf\n"
                     "Include sites/*/ssl.conf\n"
                     "Include dir\n"
                     "ServerRoot /srv\n"
                     "Include rooted.conf\n"},
                    {"copy/etc/apache2/conf.d/b.conf", "SSLCipherSuite B\n"},
                    {"copy/etc/apache2/conf.d/a.conf", "SSLProtocol TLSv1.3\n"},
                    {"copy/etc/apache2/conf.d/skip.txt", "SSLCipherSuite X\n"},
                    {"copy/etc/apache2/conf.d/.hidden.conf", "SSLCipherSuite X\n"},
                    {"copy/etc/apache2/abs.conf", "SSLHonorCipherOrder off\n"},
                    {"copy/etc/apache2/sites/one/ssl.conf", "SSLCipherSuite ONE\n"},
                    {"copy/etc/apache2/sites/two/ssl.conf", "SSLCipherSuite TWO\n"},
                    {"copy/etc/apache2/dir/z.conf", "SSLCipherSuite Z\n"},
                    {"copy/etc/apache2/dir/m/1.conf", "SSLCipherSuite M1\n"},
                    {"copy/etc/apache2/dir/a.txt", "SSLCipherSuite A\n"},
                    {"copy/srv/rooted.conf", "SSLProxyProtocol all\n"}},
                   "copy");
  const auto r = read_config(tree, "copy/etc/apache2/apache2.conf", {config_format::apache});
  ASSERT_TRUE(r.errors.empty()) << all_errors(r);
  std::vector<std::string> files;
  for (const tls_setting& s : r.settings) files.push_back(s.file);
  EXPECT_EQ(files, (std::vector<std::string>{
                       "copy/etc/apache2/conf.d/a.conf", "copy/etc/apache2/conf.d/b.conf",
                       "copy/etc/apache2/abs.conf", "copy/etc/apache2/sites/one/ssl.conf",
                       "copy/etc/apache2/sites/two/ssl.conf", "copy/etc/apache2/dir/a.txt",
                       "copy/etc/apache2/dir/m/1.conf", "copy/etc/apache2/dir/z.conf",
                       "copy/srv/rooted.conf"}));
}

TEST(ApacheReader, IncludeErrorsHaveTheirLine) {
  const auto r = read_memory({{"etc/apache2/apache2.conf",
                               "Include missing.conf\n"
                               "Include conf.d/*.conf\n"
                               "Include nodir/*.conf\n"
                               "Include a.conf\n"
                               "Include one two\n"
                               "SSLCipherSuite HIGH\n"},
                              {"etc/apache2/conf.d/x.txt", ""},
                              {"etc/apache2/a.conf", "Include a.conf\n"}});
  ASSERT_EQ(r.errors.size(), 5u) << all_errors(r);
  EXPECT_EQ(r.errors[0].line, 1u);
  EXPECT_NE(r.errors[0].message.find("etc/apache2/missing.conf"), std::string::npos);
  EXPECT_EQ(r.errors[1].line, 2u);
  EXPECT_EQ(r.errors[1].message,
            "Include/IncludeOptional: No matches for the wildcard '*.conf' in "
            "'etc/apache2/conf.d', failing");
  EXPECT_EQ(r.errors[2].message,
            "Include/IncludeOptional: Could not open directory etc/apache2/nodir: No such file "
            "or directory");
  EXPECT_NE(r.errors[3].message.find("cycle"), std::string::npos);
  EXPECT_EQ(r.errors[3].file, "etc/apache2/a.conf");
  EXPECT_NE(r.errors[4].message.find("Include takes one argument"), std::string::npos);
  ASSERT_EQ(r.settings.size(), 1u);
  EXPECT_EQ(r.settings[0].line, 6u);
}

TEST(ApacheReader, SectionsOpenAndCloseInOneFile) {
  const auto r =
      read_memory({{"etc/apache2/apache2.conf",
                    "<VirtualHost *:443>\n"
                    "  Include vhost.conf\n"
                    "  <Directory /x>\n"
                    "  </VirtualHost>\n"
                    "</Files>\n"
                    "<VirtualHost *:443\n"
                    "  <VirtualHost *:8443>\n"
                    "  </VirtualHost>\n"
                    "  SSLCipherSuite IN\n"},
                   {"etc/apache2/vhost.conf", "SSLCipherSuite V\n</VirtualHost>\n<Location />\n"}});
  std::vector<std::string> messages;
  for (const config_error& e : r.errors)
    messages.push_back(e.file + ":" + std::to_string(e.line) + " " + e.message);
  EXPECT_EQ(messages,
            (std::vector<std::string>{
                "etc/apache2/vhost.conf:2 </VirtualHost> without matching <VirtualHost> section",
                "etc/apache2/vhost.conf:3 <Location> was not closed.",
                "etc/apache2/apache2.conf:4 Expected </Directory> but saw </VirtualHost>",
                "etc/apache2/apache2.conf:5 </Files> without matching <Files> section",
                "etc/apache2/apache2.conf:6 <VirtualHost> directive missing closing '>'",
                "etc/apache2/apache2.conf:7 <VirtualHost> doesn't nest!",
                "etc/apache2/apache2.conf:6 <VirtualHost> was not closed."}));
  ASSERT_EQ(r.settings.size(), 2u);
  EXPECT_EQ(block_name(r, r.settings[0]), "<VirtualHost *:443>");  // included inside it
  EXPECT_EQ(block_name(r, r.settings[1]), "<VirtualHost *:443>");  // the second one
  EXPECT_NE(r.settings[0].block, r.settings[1].block);
}

TEST(ApacheReader, IfModuleAndLoadModule) {
  const auto alone =
      read_memory({{"etc/apache2/apache2.conf",
                    "<IfModule mod_ssl.c>\nSSLCipherSuite A\n</IfModule>\n"
                    "<IfModule !ssl_module>\nSSLCipherSuite B\n"
                    "<VirtualHost *:1>\n</VirtualHost>\n</IfModule>\n"
                    "<IfModule mod_headers.c>\nSSLProtocol TLSv1.2\n</IfModule>\n"
                    "<IfModule !mod_headers.c>\nSSLProtocol TLSv1.3\n</IfModule>\n"}});
  ASSERT_TRUE(alone.errors.empty()) << all_errors(alone);
  ASSERT_EQ(alone.settings.size(), 2u);
  EXPECT_EQ(alone.settings[0].value, "A:!aNULL:!eNULL:!EXP");
  // No LoadModule read: a piece of a configuration, every module taken as loaded.
  EXPECT_EQ(alone.settings[1].value, "TLSv1.2");
  EXPECT_EQ(alone.blocks.size(), 1u);  // the skipped vhost made no block

  const auto full =
      read_memory({{"etc/apache2/apache2.conf",
                    "LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so\n"
                    "LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\n"
                    "<IfModule mod_headers.c>\nSSLProtocol TLSv1.2\n</IfModule>\n"
                    "<IfModule mod_gnutls.c>\nSSLProtocol TLSv1.1\n</IfModule>\n"
                    "<IfModule !mod_http2.c>\nSSLHonorCipherOrder on\n</IfModule>\n"
                    "<IfModule mod_version.c>\n<IfModule>\n</IfModule>\n</IfModule>\n"
                    "<IfDefine NOPE>\n<Foo>\n</Bar>\n</IfDefine>\n"
                    "<IfModule mod_gnutls.c>\n"}});
  ASSERT_EQ(full.settings.size(), 2u);
  EXPECT_EQ(full.settings[0].value, "TLSv1.2");
  EXPECT_EQ(full.settings[1].kind, setting_kind::prefer_server);
  std::vector<std::string> messages;
  for (const config_error& e : full.errors)
    messages.push_back(std::to_string(e.line) + " " + e.message);
  EXPECT_EQ(messages,
            (std::vector<std::string>{"13 <IfModule> directive requires additional arguments",
                                      "18 Expected </Foo> but saw </Bar>",
                                      "20 Expected </IfModule> before end of configuration"}));
}

TEST(ApacheReader, CrlfLinesAndUnterminatedQuotes) {
  const auto r = read_memory({{"etc/apache2/apache2.conf",
                               "<VirtualHost *:443>\r\n"
                               "  SSLProtocol TLSv1.2 \\\r\n     +TLSv1.3\r\n"
                               "  SSLCipherSuite \"HIGH:!aNULL\r\n"
                               "</VirtualHost>\r\n"}});
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_EQ(r.errors[0].message,
            "unterminated double quote: httpd takes the rest of the line as the word");
  EXPECT_EQ(r.errors[0].line, 4u);
  EXPECT_EQ(r.errors[0].column, 18u);
  ASSERT_EQ(r.settings.size(), 2u);
  EXPECT_EQ(r.settings[0].meaning, protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
  EXPECT_EQ(r.settings[0].value, "TLSv1.2 +TLSv1.3");
  EXPECT_EQ(position_of(r.settings[0], 8), (file_position{3, 6}));
  EXPECT_EQ(r.settings[1].value, "HIGH:!aNULL:!aNULL:!eNULL:!EXP");  // no '\r' in it
  EXPECT_EQ(block_name(r, r.settings[1]), "<VirtualHost *:443>");
}

TEST(ApacheReader, OtherSectionsAndUtf8Columns) {
  const auto r = read_memory({{"etc/apache2/apache2.conf",
                               "<Macro SSL $x>\nSSLCipherSuite $x\n</Macro>\n"
                               "<IfFile ssl.conf>\nSSLCipherSuite F\n</IfFile>\n"
                               "<IfFile !/nope>\nSSLProtocol TLSv1.2\n</IfFile>\n"
                               "<IfFile nope>\nSSLProtocol TLSv1.1\n</IfFile>\n"
                               "<Limit GET>\nSSLHonorCipherOrder on\n</Limit>\n"
                               "<MyOwn \xc3\xa9>\n  SSLCipherSuite \"\xc3\xa9:HIGH\"\n</myown>\n"},
                              {"etc/apache2/ssl.conf", ""}});
  ASSERT_TRUE(r.errors.empty()) << all_errors(r);
  ASSERT_EQ(r.settings.size(), 4u);
  EXPECT_EQ(r.settings[0].value, "F:!aNULL:!eNULL:!EXP");  // the <Macro> body is not applied
  EXPECT_EQ(r.settings[1].value, "TLSv1.2");
  EXPECT_EQ(block_name(r, r.settings[2]), "global");  // <Limit> only wraps
  const tls_setting& u = r.settings[3];
  EXPECT_EQ(block_name(r, u), "<MyOwn \xc3\xa9>");        // an unknown section: a per-dir block
  EXPECT_EQ(position_of(u, 2), (file_position{17, 20}));  // columns count code points
}

}  // namespace
}  // namespace cipherexplain

// What mod_ssl makes of the TLS directives (a second file of cases, for length).
#include "config_apache_test_modssl.hpp"

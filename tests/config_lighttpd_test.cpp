// SPDX-License-Identifier: Apache-2.0
// The lighttpd reader on Debian 12's shipped lighttpd.conf and 10-ssl.conf and on hand-made
// trees: statements, strings, variables, arrays, conditional blocks and else chains,
// includes, include_shell, and the ssl.* keys as mod_openssl reads them.

#include <cipherexplain/config_file.hpp>
#include <cipherexplain/supported.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace cipherexplain {
namespace {

const std::string debian = std::string(CIPHEREXPLAIN_CONFIGS_DIR) + "/debian-12";

config_read_result read_memory(std::map<std::string, std::string> files,
                               const std::string& main = "etc/lighttpd/lighttpd.conf") {
  memory_tree tree(std::move(files));
  return read_config(tree, main, {config_format::lighttpd});
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string& block_name(const config_read_result& r, const tls_setting& s) {
  return r.blocks[static_cast<std::size_t>(s.block)].name;
}

TEST(LighttpdReader, DebianShippedLighttpdConf) {
  const std::string root = debian + "/lighttpd";
  filesystem_tree tree(root);
  const config_read_result r = read_config(tree, root + "/etc/lighttpd/lighttpd.conf");
  EXPECT_EQ(r.format, config_format::lighttpd);
  EXPECT_TRUE(r.settings.empty());
  // Lines 46-47 run Perl scripts; the conf-enabled/*.conf of :48 matches nothing.
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].line, 46u);
  EXPECT_EQ(r.errors[0].column, 1u);
  EXPECT_EQ(r.errors[0].message,
            "include_shell \"/usr/share/lighttpd/use-ipv6.pl 80\": the reader runs no command, so "
            "its output is not read");  // "..." + server.port, the integer 80
  EXPECT_EQ(r.errors[1].line, 47u);
  EXPECT_EQ(r.files.size(), 1u);
}

TEST(LighttpdReader, DebianSslConfEnabled) {
  // 10-ssl.conf as `lighty-enable-mod ssl` links it into conf-enabled/.
  memory_tree tree(
      {{"copy/etc/lighttpd/lighttpd.conf", slurp(debian + "/lighttpd/etc/lighttpd/lighttpd.conf")},
       {"copy/etc/lighttpd/conf-enabled/10-ssl.conf",
        slurp(debian + "/lighttpd-mod-openssl/etc/lighttpd/conf-available/10-ssl.conf")}},
      "copy");
  const auto r = read_config(tree, "copy/etc/lighttpd/lighttpd.conf");
  // No ssl.cipher-list, ssl-conf-cmd or honor-cipher-order: lighttpd's defaults apply.
  EXPECT_TRUE(r.settings.empty());
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[2].file, "copy/etc/lighttpd/conf-enabled/10-ssl.conf");
  EXPECT_EQ(r.errors[2].line, 13u);
  ASSERT_EQ(r.blocks.size(), 2u);
  EXPECT_EQ(r.blocks[1].name, "$SERVER[\"socket\"] == \"0.0.0.0:443\"");
  EXPECT_EQ(r.blocks[1].line, 10u);
  EXPECT_EQ(r.blocks[1].file, "copy/etc/lighttpd/conf-enabled/10-ssl.conf");
  EXPECT_EQ(r.files.size(), 2u);
}

TEST(LighttpdReader, VariablesConcatenationAndSpans) {
  const auto r =
      read_memory({{"etc/lighttpd/lighttpd.conf",
                    "var.base = \"ECDHE+AESGCM\"\n"
                    "strong = \":!a\\\"x\"  # a comment\n"
                    "include \"vars.conf\"\n"
                    "ssl.cipher-list = var.base + strong + \":\" + 3\n"
                    "ssl.openssl.ssl-conf-cmd = (\"Ciphersuites\" => other)\n"
                    "ssl.openssl.ssl-conf-cmd += (\"MinProtocol\" => env.TLSMIN)\n"},
                   {"etc/lighttpd/vars.conf", "var.other = \"TLS_AES_128_GCM_SHA256\"\n"}});
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_NE(r.errors[0].message.find("env.TLSMIN"), std::string::npos);
  EXPECT_EQ(r.errors[0].line, 6u);
  EXPECT_EQ(r.errors[0].column, 47u);
  EXPECT_EQ(r.errors[1].message, "SSL: SSL_CONF_cmd MinProtocol  failed");
  ASSERT_EQ(r.settings.size(), 4u);
  const tls_setting& c = r.settings[0];
  EXPECT_EQ(c.line, 4u);
  EXPECT_EQ(c.directive, "ssl.cipher-list");
  EXPECT_EQ(c.value, "ECDHE+AESGCM:!a\"x:3");
  // Same-file variables keep their spans: "ECDHE" is line 1's, 'x' follows the \" of line 2.
  EXPECT_EQ(position_of(c, 0), (file_position{1, 13}));
  EXPECT_EQ(position_of(c, 12), (file_position{2, 11}));
  EXPECT_EQ(position_of(c, 16), (file_position{2, 16}));
  EXPECT_EQ(position_of(c, 17), (file_position{4, 40}));
  EXPECT_EQ(position_of(c, 18), (file_position{4, 45}));
  // A non-empty ssl.cipher-list also makes the server order count.
  EXPECT_EQ(r.settings[1].kind, setting_kind::prefer_server);
  EXPECT_EQ(r.settings[1].meaning, 1);
  const tls_setting& s = r.settings[2];
  EXPECT_EQ(s.directive, "ssl.openssl.ssl-conf-cmd Ciphersuites");
  EXPECT_EQ(s.value, "TLS_AES_128_GCM_SHA256");
  // From another file: made, at where this file reads it.
  ASSERT_EQ(s.spans.size(), 1u);
  EXPECT_FALSE(s.spans[0].verbatim);
  EXPECT_EQ(position_of(s, 0), (file_position{5, 1}));
  // += adds MinProtocol (read as empty: refused, no meaning) and reports only what it adds.
  EXPECT_EQ(r.settings[3].kind, setting_kind::min_protocol);
  EXPECT_FALSE(r.settings[3].meaning.has_value());
  EXPECT_EQ(r.settings[3].directive, "ssl.openssl.ssl-conf-cmd MinProtocol");
}

TEST(LighttpdReader, SslConfCmdRunsLastAndCipherStringGetsItsSuffix) {
  const auto r = read_memory({{"etc/lighttpd/lighttpd.conf",
                               "ssl.openssl.ssl-conf-cmd = (\r\n"
                               "  \"CipherString\" => \"EECDH+AESGCM\",\r\n"
                               "  \"MinProtocol\" => \"TLSv1.3\", \"Options\" => \"-SessionTicket, "
                               "-ServerPreference\",\r\n"
                               "  \"SecurityLevel\" => \"2\", \"Curves\" => \"X25519\",\r\n"
                               ")\r\n"
                               "ssl.cipher-list = \"HIGH\"\r\n"}});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 6u);
  const tls_setting& c = r.settings[0];
  EXPECT_EQ(c.value, "EECDH+AESGCM:!aNULL:!eNULL:!EXP");
  EXPECT_EQ(c.line, 1u);
  EXPECT_EQ(position_of(c, 0), (file_position{2, 22}));
  EXPECT_EQ(position_of(c, 12), (file_position{2, 34}));  // the suffix, after the value
  EXPECT_FALSE(c.spans.back().verbatim);
  EXPECT_TRUE(c.effective);
  EXPECT_EQ(r.settings[1].meaning, version::tlsv1_3);
  EXPECT_EQ(r.settings[2].kind, setting_kind::prefer_server);
  EXPECT_EQ(r.settings[2].meaning, 0);
  EXPECT_TRUE(r.settings[2].effective);  // over the later ssl.cipher-list's
  EXPECT_EQ(r.settings[3].meaning, 2);
  EXPECT_FALSE(r.settings[4].effective);  // ssl.cipher-list loses to CipherString
  EXPECT_FALSE(r.settings[5].effective);
}

TEST(LighttpdReader, BlocksElseChainsAndScopes) {
  const auto r =
      read_memory({{"etc/lighttpd/lighttpd.conf",
                    "$SERVER[\"socket\"] == \":443\" {\n"
                    "  ssl.cipher-list = \"A\"\n"
                    "  $HTTP[\"host\"] == \"x\" { ssl.cipher-list = \"B\" }\n"
                    "}\n"
                    "else {\n  ssl.openssl.ssl-conf-cmd = (\"MaxProtocol\" => \"TLSv1.2\")\n}\n"
                    "$SERVER[\"socket\"] == \":443\" { ssl.cipher-list := \"C\" } x = 1\n"
                    "global { ssl.openssl.ssl-conf-cmd = (\"Ciphersuites\" => \"D\") }\n"}});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message,
            "ssl.cipher-list is valid only in global scope or $SERVER[\"socket\"] condition");
  EXPECT_EQ(r.errors[0].line, 3u);
  ASSERT_EQ(r.settings.size(), 6u);
  EXPECT_EQ(block_name(r, r.settings[0]), "$SERVER[\"socket\"] == \":443\"");
  const tls_setting& e = r.settings[2];
  EXPECT_EQ(block_name(r, e), "$SERVER[\"socket\"] != \":443\"");  // lighttpd's name for else
  EXPECT_EQ(e.meaning, version::tlsv1_2);
  // The same condition again is the same block; := replaces there.
  EXPECT_EQ(r.settings[3].block, r.settings[0].block);
  EXPECT_FALSE(r.settings[0].effective);
  EXPECT_TRUE(r.settings[3].effective);
  EXPECT_EQ(r.settings[5].block, 0);  // global { }
  const config_block& http = r.blocks[2];
  EXPECT_EQ(http.name, "$HTTP[\"host\"] == \"x\"");
  EXPECT_EQ(http.parent, r.settings[0].block);
  EXPECT_EQ(r.blocks.size(), 4u);
}

TEST(LighttpdReader, RefusedStatementsAndTheRestIsRead) {
  const auto r = read_memory({{"etc/lighttpd/lighttpd.conf",
                               "ssl.cipher-list = \"A\"\n"
                               "ssl.cipher-list = \"B\"\n"
                               "ssl.honor-cipher-order = \"enable\"\n"
                               "ssl.openssl.ssl-conf-cmd = (\"CipherString\" => 1)\n"
                               "x = = 2\n"
                               "y = undefined_var\n"
                               "}\n"
                               "$HTTP[\"nope\"] == \"1\" { }\n"
                               "z = \"never closed\n"}});
  ASSERT_EQ(r.errors.size(), 8u);
  EXPECT_EQ(r.errors[0].message,
            "Duplicate config variable in conditional 0 global: ssl.cipher-list");
  EXPECT_EQ(r.errors[0].line, 2u);
  EXPECT_NE(r.errors[1].message.find("removed in lighttpd 1.4.68"), std::string::npos);
  EXPECT_EQ(r.errors[2].message,
            "ssl.openssl.ssl-conf-cmd should have been a list of key => string");
  EXPECT_EQ(r.errors[3].message, "parser failed somehow near here: =");
  EXPECT_EQ(r.errors[3].column, 5u);
  EXPECT_EQ(r.errors[4].message, "Undefined config variable: var.undefined_var");
  EXPECT_EQ(r.errors[5].message, "parser failed somehow near here: }");
  EXPECT_EQ(r.errors[6].message, "error comp_key $HTTP[\"nope\"]");
  EXPECT_EQ(r.errors[7].message, "missing closing quote");
  EXPECT_EQ(r.errors[7].line, 9u);
  ASSERT_EQ(r.settings.size(), 2u);  // the first ssl.cipher-list and its server order
  EXPECT_EQ(r.settings[0].value, "A");
}

TEST(LighttpdReader, AppendMergesWithTheEnclosingBlock) {
  const auto r = read_memory({{"etc/lighttpd/lighttpd.conf",
                               "ssl.openssl.ssl-conf-cmd = (\"CipherString\" => \"A\")\n"
                               "$SERVER[\"socket\"] == \":443\" {\n"
                               "  ssl.openssl.ssl-conf-cmd += (\"MinProtocol\" => \"TLSv1.2\")\n"
                               "  ssl.openssl.ssl-conf-cmd += (\"CipherString\" => \"A\")\n"
                               "  ssl.openssl.ssl-conf-cmd += (\"CipherString\" => \"B\")\n"
                               "}\n"
                               "ssl.cipher-list = \"X\"\nssl.cipher-list += \":Y\"\n"}});
  // The same key with the same value merges silently; another value is refused.
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message, "Duplicate array-key 'CipherString'");
  EXPECT_EQ(r.errors[0].line, 5u);
  ASSERT_EQ(r.settings.size(), 6u);
  EXPECT_EQ(r.settings[0].block, 0);
  // In the socket block, += only adds MinProtocol: CipherString A is the global one's.
  EXPECT_EQ(r.settings[1].directive, "ssl.openssl.ssl-conf-cmd MinProtocol");
  EXPECT_EQ(block_name(r, r.settings[1]), "$SERVER[\"socket\"] == \":443\"");
  // A string += concatenates: the setting is the whole new value.
  EXPECT_EQ(r.settings[2].value, "X");
  EXPECT_FALSE(r.settings[2].effective);
  EXPECT_EQ(r.settings[4].value, "X:Y");
  EXPECT_EQ(position_of(r.settings[4], 1), (file_position{8, 21}));
  // ... and still loses to the global CipherString, which SSL_CONF_cmd applies later.
  EXPECT_FALSE(r.settings[4].effective);
  EXPECT_TRUE(r.settings[0].effective);
}

TEST(LighttpdReader, IncludesGlobsBracesAndPaths) {
  memory_tree tree(
      {{"copy/etc/lighttpd/lighttpd.conf",
        "include \"conf.d/*.conf\"\n"
        "include \"/etc/lighttpd/{b,a}.inc\"\n"
        "include \"none/*.conf\"\n"
        "include \"missing.conf\"\n"
        "$SERVER[\"socket\"] == \":443\" { include \"sub/in-block.conf\" }\n"},
       {"copy/etc/lighttpd/conf.d/2.conf", "var.two = 2\n"},
       {"copy/etc/lighttpd/conf.d/1.conf", "include \"sub/nested.conf\"\n"},
       {"copy/etc/lighttpd/sub/nested.conf", "ssl.cipher-list = \"N\"\n"},
       {"copy/etc/lighttpd/sub/in-block.conf", "ssl.cipher-list = \"S\"\n"},
       {"copy/etc/lighttpd/a.inc", "ssl.openssl.ssl-conf-cmd += (\"Ciphersuites\" => \"A\")\n"},
       {"copy/etc/lighttpd/b.inc",
        "ssl.openssl.ssl-conf-cmd = (\"MinProtocol\" => \"TLSv1.2\")\n"}},
      "copy");
  const auto r = read_config(tree, "copy/etc/lighttpd/lighttpd.conf", {config_format::lighttpd});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 4u);
  EXPECT_NE(r.errors[0].message.find("copy/etc/lighttpd/missing.conf"), std::string::npos);
  ASSERT_EQ(r.settings.size(), 6u);
  // Relative includes are from the main file's directory, even inside an included file.
  EXPECT_EQ(r.settings[0].file, "copy/etc/lighttpd/sub/nested.conf");
  // Braces keep their order: b before a.
  EXPECT_EQ(r.settings[2].file, "copy/etc/lighttpd/b.inc");
  EXPECT_EQ(r.settings[3].file, "copy/etc/lighttpd/a.inc");
  EXPECT_EQ(r.settings[4].file, "copy/etc/lighttpd/sub/in-block.conf");
  EXPECT_EQ(block_name(r, r.settings[4]), "$SERVER[\"socket\"] == \":443\"");
}

}  // namespace
}  // namespace cipherexplain

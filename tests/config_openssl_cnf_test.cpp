// SPDX-License-Identifier: Apache-2.0
// The openssl.cnf reader on Debian 12's openssl.cnf and on hand-made files: the chain
// openssl_conf -> ssl_conf -> contexts -> SSL_CONF commands, the parser's quotes, escapes,
// continuations, variables and includes, and what OpenSSL refuses.

#include <cipherexplain/config_file.hpp>
#include <cipherexplain/supported.hpp>

#include <gtest/gtest.h>

#include "config_checks.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cipherexplain {
namespace {

const std::string main_path = "etc/ssl/openssl.cnf";

config_read_result read_memory(std::map<std::string, std::string> files,
                               const std::string& main = main_path) {
  memory_tree tree(std::move(files));
  return read_config(tree, main, {config_format::openssl_cnf});
}

std::string debian_path() {
  return std::string(CIPHEREXPLAIN_CONFIGS_DIR) + "/debian-12/openssl/etc/ssl/openssl.cnf";
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

// What Debian 10's openssl.cnf and Fedora's crypto-policies set up.
const std::string policy_head =
    "openssl_conf = default_conf\n"
    "\n"
    "[default_conf]\n"
    "ssl_conf = ssl_sect\n"
    "\n"
    "[ssl_sect]\n"
    "system_default = system_default_sect\n"
    "\n"
    "[system_default_sect]\n";

TEST(OpensslCnfReader, DebianShippedFileHasNoSslConf) {
  filesystem_tree tree;
  const config_read_result r = read_config(tree, debian_path());
  EXPECT_EQ(r.format, config_format::openssl_cnf);  // told by the name
  // It parses (its $dir and $insta::... expansions included): openssl.cnf:17
  // `openssl_conf = openssl_init`, but [openssl_init] (:53) has only comments, no ssl_conf.
  EXPECT_TRUE(r.errors.empty()) << r.errors[0].message;
  EXPECT_TRUE(r.settings.empty());
  EXPECT_EQ(r.blocks.size(), 1u);
  EXPECT_EQ(r.files, (std::vector<std::string>{debian_path()}));
}

TEST(OpensslCnfReader, DebianFileWithAnSslConfAddedExpandsItsVariables) {
  const std::string text = file_text(debian_path()) +
                           "[openssl_init]\nssl_conf = ssl_sect\n"
                           "[ssl_sect]\nsystem_default = sys\n"
                           "[sys]\nCipherString = $CA_default::dir/${HOME}:HIGH\n";
  const auto r = read_memory({{main_path, text}});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 1u);
  const tls_setting& s = r.settings[0];
  const auto line = static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n'));
  EXPECT_EQ(s.value, "./demoCA/.:HIGH");  // dir = ./demoCA (:82), HOME = . (:14)
  EXPECT_EQ(s.line, line);
  EXPECT_EQ(block_of(r, s), "system_default [sys]");
  // The expanded parts come from the "$..." that made them.
  EXPECT_EQ(position_of(s, 0), (file_position{line, 16}));
  EXPECT_FALSE(s.spans[0].verbatim);
  EXPECT_EQ(position_of(s, 8), (file_position{line, 32}));   // '/' as written
  EXPECT_EQ(position_of(s, 9), (file_position{line, 33}));   // ${HOME}
  EXPECT_EQ(position_of(s, 11), (file_position{line, 41}));  // "HIGH"
}

TEST(OpensslCnfReader, SystemDefaultSectionAsDebian10AndFedoraHaveIt) {
  const auto r = read_memory({{main_path, policy_head + "MinProtocol = TLSv1.2\n"
                                                        "CipherString = DEFAULT@SECLEVEL=2\n"
                                                        "[unreached]\nCipherString = NULL\n"}});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 2u);
  const tls_setting& m = r.settings[0];
  EXPECT_EQ(m.directive, "MinProtocol");
  EXPECT_EQ(m.kind, setting_kind::min_protocol);
  EXPECT_EQ(m.meaning, version::tlsv1_2);
  EXPECT_EQ(m.line, 10u);
  EXPECT_EQ(m.column, 1u);
  EXPECT_EQ(m.role, setting_role::server);
  EXPECT_NE(m.note.find("clients' as well as servers'"), std::string::npos);
  const tls_setting& c = r.settings[1];
  EXPECT_EQ(c.kind, setting_kind::cipher_list);
  EXPECT_EQ(c.value, "DEFAULT@SECLEVEL=2");
  EXPECT_EQ(position_of(c, 0), (file_position{11, 16}));
  EXPECT_EQ(block_of(r, c), "system_default [system_default_sect]");
  EXPECT_EQ(r.blocks[static_cast<std::size_t>(c.block)].line, 9u);
  EXPECT_TRUE(c.effective);
}

TEST(OpensslCnfReader, CryptoPoliciesBackEndThroughInclude) {
  memory_tree tree({{"root/etc/pki/tls/openssl.cnf",
                     "openssl_conf = openssl_init\n"
                     "[openssl_init]\nssl_conf = ssl_module\n"
                     "[ ssl_module ]\nsystem_default = crypto_policy\n"
                     "[ crypto_policy ]\n"
                     ".include = /etc/crypto-policies/back-ends/opensslcnf.config\n"
                     "Options = ServerPreference,PrioritizeChaCha\n"},
                    {"root/etc/crypto-policies/back-ends/opensslcnf.config",
                     "CipherString = @SECLEVEL=2:kEECDH:kRSA:!aNULL\n"
                     "Ciphersuites = TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256\n"
                     "TLS.MinProtocol = TLSv1.2\n"
                     "TLS.MaxProtocol = TLSv1.3\n"
                     "DTLS.MinProtocol = DTLSv1.2\n"
                     "DTLS.MaxProtocol = DTLSv1.2\n"}},
                   "root");
  const auto r = read_config(tree, "root/etc/pki/tls/openssl.cnf", {config_format::openssl_cnf});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 5u);  // the DTLS bounds leave TLS contexts alone
  const std::string backend = "root/etc/crypto-policies/back-ends/opensslcnf.config";
  EXPECT_EQ(r.settings[0].file, backend);
  EXPECT_EQ(r.settings[1].kind, setting_kind::ciphersuites);
  EXPECT_EQ(r.settings[2].directive, "TLS.MinProtocol");
  EXPECT_EQ(r.settings[2].line, 3u);
  EXPECT_EQ(r.settings[3].meaning, version::tlsv1_3);
  EXPECT_EQ(r.settings[4].kind, setting_kind::prefer_server);
  EXPECT_EQ(r.settings[4].meaning, 1);
  EXPECT_EQ(r.settings[4].file, "root/etc/pki/tls/openssl.cnf");
  for (const tls_setting& s : r.settings) {
    EXPECT_EQ(block_of(r, s), "system_default [crypto_policy]");
    EXPECT_TRUE(s.effective);
  }
}

TEST(OpensslCnfReader, SectionsNotReachedHoldNoSettings) {
  // No openssl_conf at all; then an openssl_conf whose section has no ssl_conf; then a
  // context other than system_default (reported, for SSL_CTX_config callers).
  const auto a = read_memory({{main_path, "[system_default_sect]\nMinProtocol = TLSv1.3\n"}});
  EXPECT_TRUE(a.settings.empty());
  EXPECT_TRUE(a.errors.empty());
  const auto b =
      read_memory({{main_path,
                    "openssl_conf = init\n[init]\nproviders = p\n[ssl_sect]\nsystem_default = s\n"
                    "[s]\nMinProtocol = TLSv1.3\n"}});
  EXPECT_TRUE(b.settings.empty());
  const auto c = read_memory({{main_path,
                               "openssl_conf = init\n[init]\nssl = ssl_sect\n"
                               "[ssl_sect]\nmyapp = s\n[s]\nMinProtocol = None\n"}});
  ASSERT_EQ(c.settings.size(), 1u);  // "ssl" begins "ssl_conf": module_find takes it
  EXPECT_EQ(c.settings[0].meaning, 0);
  EXPECT_EQ(block_of(c, c.settings[0]), "myapp [s]");
  EXPECT_NE(c.settings[0].note.find("SSL_CTX_config(ctx, \"myapp\")"), std::string::npos);
}

TEST(OpensslCnfReader, BrokenChainsFailTheModule) {
  const auto a = read_memory({{main_path, "openssl_conf = nowhere\n"}});
  ASSERT_EQ(a.errors.size(), 1u);
  EXPECT_EQ(a.errors[0].message, "openssl_conf references missing section nowhere");
  EXPECT_EQ(a.errors[0].line, 1u);
  const auto b = read_memory({{main_path, policy_head + "MinProtocol = TLSv1.2\n"
                                                        "[ssl_sect]\nother = empty_sect\n"
                                                        "[empty_sect]\n"}});
  ASSERT_EQ(b.errors.size(), 1u);
  EXPECT_EQ(b.errors[0].line, 12u);
  EXPECT_EQ(b.errors[0].message,
            "SSL command section empty_sect of other is empty: the ssl_conf module fails, so "
            "no TLS setting of this file applies");
  EXPECT_TRUE(b.settings.empty());
}

TEST(OpensslCnfReader, QuotesEscapesContinuationsAndComments) {
  const auto r = read_memory({{main_path, policy_head + "CipherString = \"HIGH:#x\" # comment\n"
                                                        "cipherstring = a\\\n"
                                                        "  b\\#c\\n'q\\'q'\r\n"
                                                        "# MinProtocol = TLSv1\n"
                                                        "Protocol = -ALL, TLSv1.2 ,+TLSv1.3\n"}});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 3u);
  EXPECT_EQ(r.settings[0].value, "HIGH:#x");
  EXPECT_FALSE(r.settings[0].effective);  // the other spelling comes later: both are applied
  const tls_setting& b = r.settings[1];
  EXPECT_EQ(b.value, "a  b#c\nq'q");
  EXPECT_EQ(b.line, 11u);
  EXPECT_EQ(position_of(b, 0), (file_position{11, 16}));
  EXPECT_EQ(position_of(b, 1), (file_position{12, 1}));  // the continued line
  EXPECT_EQ(position_of(b, 4), (file_position{12, 5}));  // '#' after its backslash
  EXPECT_EQ(position_of(b, 6), (file_position{12, 7}));  // "\n" made a newline
  const tls_setting& p = r.settings[2];
  EXPECT_EQ(p.kind, setting_kind::protocols);
  EXPECT_EQ(p.meaning, protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
}

TEST(OpensslCnfReader, UnterminatedQuoteRunsToTheEndOfTheLine) {
  const auto r = read_memory({{main_path, policy_head + "CipherString = 'HIGH # no comment\n"}});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 10u);
  EXPECT_EQ(r.errors[0].column, 16u);
  EXPECT_NE(r.errors[0].message.find("unterminated ' quote"), std::string::npos);
  ASSERT_EQ(r.settings.size(), 1u);
  EXPECT_EQ(r.settings[0].value, "HIGH # no comment");
}

TEST(OpensslCnfReader, SameNameAgainReplacesTheEntry) {
  const auto r = read_memory({{main_path, policy_head + "CipherString = FIRST\n"
                                                        "MinProtocol = TLSv1\n"
                                                        "CipherString = SECOND\n"
                                                        "Options = -ServerPreference\n"}});
  ASSERT_TRUE(r.errors.empty());
  // OpenSSL keeps one entry per name: FIRST is gone from the section, not just replaced.
  ASSERT_EQ(r.settings.size(), 3u);
  EXPECT_EQ(r.settings[0].directive, "MinProtocol");
  EXPECT_EQ(r.settings[1].value, "SECOND");
  EXPECT_EQ(r.settings[1].line, 12u);
  EXPECT_EQ(r.settings[2].meaning, 0);
}

TEST(OpensslCnfReader, RefusedValuesAndSyntaxErrors) {
  const auto r = read_memory({{main_path, policy_head + "MinProtocol = tlsv1.2\n"
                                                        "Protocol = TLSv1.2 TLSv1.3\n"
                                                        "no equal sign here\n"
                                                        "[broken\n"
                                                        "CipherString = $nosuch:HIGH\n"
                                                        "CipherString = ${ENV::X}\n"}});
  ASSERT_EQ(r.errors.size(), 6u);
  EXPECT_EQ(r.errors[0].message,
            "missing equal sign (NCONF_load fails: none of this "
            "configuration applies)");
  EXPECT_EQ(r.errors[0].line, 12u);
  EXPECT_EQ(r.errors[0].column, 4u);
  EXPECT_EQ(r.errors[1].line, 13u);
  EXPECT_NE(r.errors[1].message.find("missing close square bracket"), std::string::npos);
  EXPECT_EQ(r.errors[2].line, 14u);
  EXPECT_EQ(r.errors[2].column, 16u);
  EXPECT_NE(r.errors[2].message.find("variable has no value: nosuch"), std::string::npos);
  EXPECT_NE(r.errors[3].message.find("environment variable X"), std::string::npos);
  // The chain's errors come after the parse: the values SSL_CONF_cmd refuses.
  EXPECT_NE(r.errors[4].message.find("SSL_CONF_cmd(\"MinProtocol\", \"tlsv1.2\") fails"),
            std::string::npos);
  EXPECT_EQ(r.errors[4].line, 10u);
  EXPECT_NE(r.errors[5].message.find("\"TLSv1.2 TLSv1.3\" is not a protocol name"),
            std::string::npos);
  ASSERT_EQ(r.settings.size(), 3u);
  EXPECT_EQ(r.settings[0].meaning, std::nullopt);
  EXPECT_EQ(r.settings[2].value, "");  // ${ENV::X} left empty
}

TEST(OpensslCnfReader, ByteOrderMarkIsNoColumn) {
  // def_load_bio skips a BOM at the start of the first file; columns count from after it.
  const auto r = read_memory({{main_path, "\xEF\xBB\xBFno equal sign here\n"}});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 1u);
  EXPECT_EQ(r.errors[0].column, 4u);  // after "no", as on any other line
}

TEST(OpensslCnfReader, IncludesDirectoriesAndPragmas) {
  memory_tree tree({{"etc/ssl/openssl.cnf", policy_head + ".include etc/ssl/conf.d\n"
                                                          ".include etc/ssl/missing.cnf\n"
                                                          ".pragma dollarid:on\n"
                                                          "x$y = 1\n"
                                                          "CipherString = a$x$y:${x$y}\n"
                                                          ".pragma = abspath:true\n"
                                                          ".include relative.cnf\n"},
                    {"etc/ssl/conf.d/b.CNF", "MaxProtocol = TLSv1.3\n"},
                    {"etc/ssl/conf.d/a.conf", ".include etc/ssl/conf.d\nMinProtocol = TLSv1.2\n"},
                    {"etc/ssl/conf.d/c.txt", "MinProtocol = SSLv3\n"}});
  const auto r = read_config(tree, "etc/ssl/openssl.cnf", {config_format::openssl_cnf});
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0].file, "etc/ssl/conf.d/a.conf");
  EXPECT_EQ(r.errors[0].message, "recursive directory include of etc/ssl/conf.d (skipped)");
  EXPECT_EQ(r.errors[1].line, 11u);
  EXPECT_NE(r.errors[1].message.find("(OpenSSL skips it)"), std::string::npos);
  EXPECT_EQ(r.errors[2].line, 16u);
  EXPECT_NE(r.errors[2].message.find("relative path relative.cnf"), std::string::npos);
  ASSERT_EQ(r.settings.size(), 3u);
  EXPECT_EQ(r.settings[0].file, "etc/ssl/conf.d/a.conf");  // in the current section
  EXPECT_EQ(r.settings[1].file, "etc/ssl/conf.d/b.CNF");
  EXPECT_EQ(r.settings[2].value, "a$x$y:1");  // with dollarid, only ${...} expands
}

TEST(OpensslCnfReader, GarbageNeverCrashesAndKeepsSpansWhole) {
  const std::vector<std::string> pieces = {"openssl_conf = i\n",
                                           "[i]\nssl_conf = s\n",
                                           "[s]\nsystem_default = d\n",
                                           "[d]\n",
                                           "[",
                                           "]",
                                           "CipherString",
                                           "MinProtocol",
                                           "Options",
                                           "Protocol",
                                           " = ",
                                           "=",
                                           "'",
                                           "\"",
                                           "`",
                                           "\\",
                                           "\\\n",
                                           "#",
                                           " ",
                                           "\r\n",
                                           "\n",
                                           "$",
                                           "${",
                                           "}",
                                           "$(",
                                           "::",
                                           "ENV",
                                           "d::x",
                                           "TLSv1.2",
                                           "ServerPreference",
                                           ",",
                                           "-",
                                           ".include etc/ssl/x.cnf\n",
                                           ".include etc\n",
                                           ".pragma dollarid:on\n",
                                           "\xEF\xBB\xBF",
                                           "x = $x$x$x$x\n"};
  config_checks::for_each_random_text(pieces, 3000, [&](const std::string& text) {
    const auto r = read_memory({{main_path, text}, {"etc/ssl/x.cnf", text}});
    config_checks::check_spans_cover_values(r);
  });
}

TEST(OpensslCnfReader, LargeInputsAreReadInLinearTime) {
  // Built with append: GCC 12 -O2 reports a false -Wrestrict on "v" + std::string&&.
  const auto name = [](const char* prefix, int i) {
    return std::string(prefix).append(std::to_string(i));
  };
  std::string text = policy_head + "v0 = " + std::string(64, 'x') + "\n";
  for (int i = 1; i <= 10; ++i) {
    text.append(name("v", i)).append(" = $").append(name("v", i - 1));
    text.append("$").append(name("v", i - 1)).append("\n");
  }
  for (int i = 0; i < 5000; ++i) text.append(name("w", i)).append(" = $v10\n");
  std::string many = "many = ";
  for (int i = 0; i < 100000; ++i) many += "$v0";
  text += many + "\n";
  text += "[ssl_sect]\n";
  for (int i = 0; i < 1000; ++i) text.append(name("c", i)).append(" = big\n");
  text += "[big]\n";
  for (int i = 0; i < 1000; ++i) text.append(name("k", i)).append(".MinProtocol = TLSv1.2\n");
  const auto r = read_memory({{main_path, text}});
  EXPECT_GT(r.settings.size(), 1000u);
  EXPECT_LT(r.settings.size(), 100000u);  // bounded, not 1000 x 1000
  EXPECT_FALSE(r.errors.empty());
}

}  // namespace
}  // namespace cipherexplain

// SPDX-License-Identifier: Apache-2.0
// The HAProxy reader on Debian 12's shipped haproxy.cfg and on hand-made files: sections,
// bind and server lines, quotes, escapes, "${VAR}", .if blocks, and what HAProxy refuses.

#include <cipherexplain/config_file.hpp>
#include <cipherexplain/supported.hpp>

#include <gtest/gtest.h>

#include <string>

namespace cipherexplain {
namespace {

config_read_result read_text(const std::string& text) {
  memory_tree tree({{"etc/haproxy/haproxy.cfg", text}});
  return read_config(tree, "etc/haproxy/haproxy.cfg", {config_format::haproxy});
}

const std::string& block_name(const config_read_result& r, const tls_setting& s) {
  return r.blocks[static_cast<std::size_t>(s.block)].name;
}

TEST(HaproxyReader, DebianShippedHaproxyCfg) {
  const std::string root = std::string(CIPHEREXPLAIN_CONFIGS_DIR) + "/debian-12/haproxy";
  filesystem_tree tree(root);
  const std::string main = root + "/etc/haproxy/haproxy.cfg";
  const config_read_result r = read_config(tree, main);
  EXPECT_EQ(r.format, config_format::haproxy);  // told by the name
  EXPECT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 3u);
  // haproxy.cfg:16-18, indented with 8 spaces where the rest of global uses a tab.
  const tls_setting& c = r.settings[0];
  EXPECT_EQ(c.file, main);
  EXPECT_EQ(c.line, 16u);
  EXPECT_EQ(c.column, 9u);
  EXPECT_EQ(c.directive, "ssl-default-bind-ciphers");
  EXPECT_EQ(c.kind, setting_kind::cipher_list);
  EXPECT_EQ(c.role, setting_role::server);
  EXPECT_TRUE(c.value.starts_with("ECDHE-ECDSA-AES128-GCM-SHA256:"));
  EXPECT_TRUE(c.value.ends_with(":DHE-RSA-AES256-GCM-SHA384"));
  EXPECT_EQ(position_of(c, 0), (file_position{16, 34}));
  EXPECT_EQ(block_name(r, c), "global");
  const tls_setting& t = r.settings[1];
  EXPECT_EQ(t.line, 17u);
  EXPECT_EQ(t.kind, setting_kind::ciphersuites);
  EXPECT_EQ(t.value, "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256");
  // :18 `ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets`
  const tls_setting& m = r.settings[2];
  EXPECT_EQ(m.line, 18u);
  EXPECT_EQ(m.directive, "ssl-default-bind-options ssl-min-ver");
  EXPECT_EQ(m.kind, setting_kind::min_protocol);
  EXPECT_EQ(m.value, "TLSv1.2");
  EXPECT_EQ(m.meaning, version::tlsv1_2);
  EXPECT_EQ(position_of(m, 0), (file_position{18, 46}));
  for (const tls_setting& s : r.settings) EXPECT_TRUE(s.effective);
  ASSERT_EQ(r.blocks.size(), 2u);
  EXPECT_EQ(r.blocks[1].name, "defaults");
  EXPECT_EQ(r.blocks[1].line, 20u);
}

TEST(HaproxyReader, BindAndServerLinesAreBlocksOfTheirOwn) {
  const auto r = read_text(
      "global\n"
      "  ssl-default-bind-ciphers HIGH\n"
      "  ssl-default-server-ciphers MEDIUM\n"
      "defaults\n"
      "  default-server ssl ciphersuites TLS_AES_128_GCM_SHA256\n"
      "frontend web\n"
      "  bind :80\n"
      "  bind :443 ssl crt /etc/ssl/web.pem ciphers ECDHE+AESGCM ssl-max-ver TLSv1.3 "
      "prefer-client-ciphers\n"
      "backend app\n"
      "  server s1 10.0.0.1:443 ssl verify none ciphers AES256\n"
      "  server s2 10.0.0.2:80 check\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 7u);
  EXPECT_EQ(r.settings[1].role, setting_role::client);
  const tls_setting& ds = r.settings[2];
  EXPECT_EQ(ds.directive, "default-server ... ciphersuites");
  EXPECT_EQ(ds.role, setting_role::client);
  EXPECT_EQ(block_name(r, ds), "defaults");
  const tls_setting& b = r.settings[3];
  EXPECT_EQ(b.directive, "bind ... ciphers");
  EXPECT_EQ(b.value, "ECDHE+AESGCM");
  EXPECT_EQ(b.line, 8u);
  EXPECT_EQ(b.column, 3u);
  EXPECT_EQ(block_name(r, b), "frontend web bind :443");
  EXPECT_EQ(r.settings[4].kind, setting_kind::max_protocol);
  EXPECT_EQ(r.settings[4].meaning, version::tlsv1_3);
  EXPECT_EQ(r.settings[5].kind, setting_kind::prefer_server);
  EXPECT_EQ(r.settings[5].meaning, 0);
  const tls_setting& s = r.settings[6];
  EXPECT_EQ(s.directive, "server ... ciphers");
  EXPECT_EQ(s.role, setting_role::client);
  EXPECT_EQ(block_name(r, s), "backend app server s1");
  // The bind block sits in its frontend, which sits in the defaults section, in global.
  const config_block& bb = r.blocks[static_cast<std::size_t>(b.block)];
  EXPECT_EQ(r.blocks[static_cast<std::size_t>(bb.parent)].name, "frontend web");
  EXPECT_EQ(
      r.blocks[static_cast<std::size_t>(r.blocks[static_cast<std::size_t>(bb.parent)].parent)].name,
      "defaults");
  // Neither the plain bind :80 nor the server without TLS words is a block.
  EXPECT_EQ(r.blocks.size(), 6u);
}

TEST(HaproxyReader, QuotesEscapesVariablesAndSpans) {
  const auto r = read_text(
      "global\n"
      "  setenv CIPH \"ECDHE+AESGCM:!aNULL\"\n"
      "  ssl-default-bind-ciphers \"${CIPH}\":x   # a comment\n"
      "  ssl-default-server-ciphers ${CIPH}\n"
      "  ssl-default-bind-ciphersuites 'TLS_AES_256_GCM_SHA384'\\#1\n"
      "  ssl-default-server-ciphersuites \"${NOPE}\"\n"
      "  ssl-default-server-options ssl-min-ver \"${MIN-TLSv1.2}\"\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 6u);
  EXPECT_EQ(r.errors[0].column, 36u);  // at the '$'
  EXPECT_NE(r.errors[0].message.find("'NOPE'"), std::string::npos);
  ASSERT_EQ(r.settings.size(), 5u);
  const tls_setting& a = r.settings[0];
  EXPECT_EQ(a.value, "ECDHE+AESGCM:!aNULL:x");
  // The expansion is made at the '$' (column 29); ":x" is the file's, after the quote.
  ASSERT_EQ(a.spans.size(), 2u);
  EXPECT_FALSE(a.spans[0].verbatim);
  EXPECT_EQ(position_of(a, 3), (file_position{3, 29}));
  EXPECT_EQ(position_of(a, 20), (file_position{3, 38}));
  EXPECT_EQ(position_of(a, 19), (file_position{3, 37}));
  // Unquoted and single-quoted, "${...}" and '#' are as written.
  EXPECT_EQ(r.settings[1].value, "${CIPH}");
  EXPECT_EQ(r.settings[2].value, "TLS_AES_256_GCM_SHA384#1");
  EXPECT_EQ(r.settings[3].value, "");
  EXPECT_FALSE(r.settings[3].note.empty());
  EXPECT_EQ(r.settings[4].value, "TLSv1.2");  // the default of ${MIN-TLSv1.2}
  EXPECT_EQ(r.settings[4].meaning, version::tlsv1_2);
}

TEST(HaproxyReader, DisabledVersionsAddUpAndForceSetsBothBounds) {
  const auto r = read_text(
      "global\n"
      "  ssl-default-bind-options no-sslv3 no-tlsv10\n"
      "frontend f\n"
      "  bind :443 ssl crt x.pem no-tlsv11 force-tlsv12\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 5u);
  EXPECT_EQ(r.settings[0].meaning, protocol_bit::tlsv1 | protocol_bit::tlsv1_1 |
                                       protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
  EXPECT_TRUE(r.settings[0].effective);  // the next one adds to it
  EXPECT_EQ(r.settings[1].meaning,
            protocol_bit::tlsv1_1 | protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
  // The bind ORs in the global no-* versions.
  EXPECT_EQ(r.settings[2].directive, "bind ... no-tlsv11");
  EXPECT_EQ(r.settings[2].meaning, protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
  EXPECT_EQ(r.settings[3].kind, setting_kind::min_protocol);
  EXPECT_EQ(r.settings[4].kind, setting_kind::max_protocol);
  EXPECT_EQ(r.settings[4].meaning, version::tlsv1_2);
  EXPECT_EQ(r.settings[4].value, "force-tlsv12");
}

TEST(HaproxyReader, DuplicatesLastOneCounts) {
  const auto r = read_text(
      "global\n  ssl-default-bind-ciphers A\n  ssl-default-bind-ciphers B\n"
      "frontend f\n  bind :443 ssl ciphers C ciphers D\n");
  ASSERT_EQ(r.settings.size(), 4u);
  EXPECT_FALSE(r.settings[0].effective);
  EXPECT_TRUE(r.settings[1].effective);
  EXPECT_FALSE(r.settings[2].effective);
  EXPECT_TRUE(r.settings[3].effective);
}

TEST(HaproxyReader, RefusedValuesAndBadLines) {
  const auto r = read_text(
      "ssl-default-bind-ciphers X\n"
      "global\n"
      "  ssl-default-bind-ciphers \"HIGH\n"
      "  ssl-default-bind-options ssl-min-ver TLSv1 no-tlsv12\n"
      "  ssl-default-server-options bogus no-tlsv10\n"
      "  ssl-default-bind-ciphersuites A B\n"
      "  ssl-default-server-ciphers \"\\xZZ\"\n"
      "defaults\n  bind :443 ssl\n"
      "frontend f\n  bind :443 ssl ciphers\n"
      "  bind :444 ssl ssl-min-ver TLSv1.2");
  ASSERT_EQ(r.errors.size(), 9u);
  EXPECT_EQ(r.errors[0].message, "unknown keyword 'ssl-default-bind-ciphers' out of section");
  EXPECT_EQ(r.errors[1].message, "unmatched quote");
  EXPECT_EQ(r.errors[1].line, 3u);
  EXPECT_EQ(r.errors[1].column, 28u);
  EXPECT_EQ(r.errors[2].message, "'TLSv1' : unknown ssl/tls version");
  EXPECT_EQ(r.errors[2].column, 40u);
  EXPECT_EQ(r.errors[3].message,
            "unknown option 'bogus' on global statement 'ssl-default-server-options'");
  EXPECT_NE(r.errors[4].message.find("unexpected argument 'B'"), std::string::npos);
  EXPECT_EQ(r.errors[5].message, "truncated or invalid hexadecimal sequence");
  EXPECT_EQ(r.errors[6].message, "'bind' not allowed in 'defaults' section");
  EXPECT_EQ(r.errors[7].message, "'ciphers' : missing cipher suite");
  EXPECT_EQ(r.errors[8].message, "Missing LF on last line, file might have been truncated");
  EXPECT_EQ(r.errors[8].line, 12u);
  // The refused TLSv1 is recorded without a meaning, and HAProxy stops at it: no-tlsv12 and
  // the words after 'bogus' are not read. The last line is still read.
  ASSERT_EQ(r.settings.size(), 2u);
  EXPECT_EQ(r.settings[0].value, "TLSv1");
  EXPECT_FALSE(r.settings[0].meaning.has_value());
  EXPECT_EQ(r.settings[1].line, 12u);
  EXPECT_EQ(r.settings[1].meaning, version::tlsv1_2);
}

TEST(HaproxyReader, ConditionalBlocks) {
  const auto r = read_text(
      "global\n"
      "  setenv STRICT 1\n"
      ".if 0\n  ssl-default-bind-ciphers A\n.elif defined(STRICT)\n"
      "  ssl-default-bind-ciphers B\n.else\n  ssl-default-bind-ciphers C\n.endif\n"
      ".if feature(OPENSSL)\n  ssl-default-server-ciphers D\n.endif\n"
      "  unsetenv GONE\n.if defined(GONE)\n  ssl-default-server-ciphersuites E\n.endif\n"
      ".if \"${NOVAR}\"\n  ssl-default-bind-ciphersuites F\n.endif\n");
  // feature() needs the build, ${NOVAR} the process environment: both read as holding.
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].line, 10u);
  EXPECT_NE(r.errors[0].message.find("cannot evaluate"), std::string::npos);
  EXPECT_EQ(r.errors[1].line, 17u);
  ASSERT_EQ(r.settings.size(), 3u);
  EXPECT_EQ(r.settings[0].value, "B");
  EXPECT_EQ(r.settings[1].value, "D");
  EXPECT_EQ(r.settings[2].value, "F");
}

TEST(HaproxyReader, CrlfNamedDefaultsAndSecurityLevel) {
  const auto r = read_text(
      "global\r\n  ssl-security-level 2\r\n"
      "defaults tls\r\n  default-server ssl ciphers HIGH\r\n"
      "defaults plain\r\n"
      "backend b from tls\r\n  server s 10.0.0.1:443 ssl ssl-min-ver TLSv1.3\r\n"
      "backend c from nosuch\r\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("defaults section 'nosuch'"), std::string::npos);
  ASSERT_EQ(r.settings.size(), 4u);
  EXPECT_EQ(r.settings[0].kind, setting_kind::security_level);
  EXPECT_EQ(r.settings[0].meaning, 2);
  EXPECT_EQ(r.settings[1].role, setting_role::client);
  EXPECT_EQ(r.settings[2].value, "HIGH");  // no '\r' in the value
  const tls_setting& s = r.settings[3];
  EXPECT_EQ(s.line, 7u);
  const config_block& server = r.blocks[static_cast<std::size_t>(s.block)];
  EXPECT_EQ(server.name, "backend b server s");
  const config_block& backend = r.blocks[static_cast<std::size_t>(server.parent)];
  EXPECT_EQ(r.blocks[static_cast<std::size_t>(backend.parent)].name, "defaults tls");
}

}  // namespace
}  // namespace cipherexplain

// SPDX-License-Identifier: Apache-2.0
// The Postfix readers (main.cf, master.cf) on Debian 12's shipped files and on hand-made
// trees: logical lines, $name expansion, grades resolved to the cipher list OpenSSL gets,
// the security level choosing the variant, master.cf services and their -o overrides.

#include <cipherexplain/config_file.hpp>
#include <cipherexplain/supported.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace cipherexplain {
namespace {

const std::string debian =
    std::string(CIPHEREXPLAIN_CONFIGS_DIR) + "/debian-12/postfix/usr/share/postfix/";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

config_read_result main_cf(const std::string& text) {
  memory_tree tree({{"etc/postfix/main.cf", text}});
  return read_config(tree, "etc/postfix/main.cf");
}

config_read_result master_cf(const std::string& text, const std::string& main = {}) {
  std::map<std::string, std::string> files{{"etc/postfix/master.cf", text}};
  if (!main.empty()) files["etc/postfix/main.cf"] = main;
  memory_tree tree(std::move(files));
  return read_config(tree, "etc/postfix/master.cf");
}

const std::string medium = "aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH";  // 3.7's default
const std::string& block_name(const config_read_result& r, const tls_setting& s) {
  return r.blocks[static_cast<std::size_t>(s.block)].name;
}

TEST(PostfixReader, DebianMainCfHasNoTlsSettingOfItsOwn) {
  // postinst makes main.cf from main.cf.debian + main.cf.tls: only the security levels
  // (may, as with nothing set) and file paths, so Postfix's built-in lists apply.
  const std::string text = slurp(debian + "main.cf.debian") + slurp(debian + "main.cf.tls");
  ASSERT_NE(text.find("smtpd_tls_security_level=may"), std::string::npos);
  const auto r = main_cf(text);
  EXPECT_EQ(r.format, config_format::postfix_main);
  EXPECT_TRUE(r.errors.empty()) << r.errors[0].message;
  EXPECT_TRUE(r.settings.empty());
  // The upstream annotated file: every parameter commented out.
  filesystem_tree tree;
  const auto dist = read_config(tree, debian + "main.cf.dist", {config_format::postfix_main});
  EXPECT_TRUE(dist.errors.empty());
  EXPECT_TRUE(dist.settings.empty());
  // With the level raised, the mandatory variant differs from the default: reported there.
  const auto raised = main_cf(text + "smtp_tls_security_level = verify\n");
  ASSERT_EQ(raised.settings.size(), 2u);    // the mandatory cipher list and protocols
  EXPECT_EQ(raised.settings[0].line, 36u);  // main.cf.debian's 24 + main.cf.tls's 11 + 1
  EXPECT_EQ(raised.settings[0].role, setting_role::client);
  EXPECT_EQ(raised.settings[0].kind, setting_kind::cipher_list);
  EXPECT_EQ(raised.settings[0].value, medium + ":!aNULL");
  EXPECT_EQ(raised.settings[1].value, ">=TLSv1");
}

TEST(PostfixReader, DebianMasterCfDist) {
  filesystem_tree tree;
  const auto r = read_config(tree, debian + "master.cf.dist", {config_format::postfix_master});
  EXPECT_TRUE(r.errors.empty()) << r.errors[0].message;
  EXPECT_TRUE(r.settings.empty());  // submission/submissions are commented out
  EXPECT_EQ(r.files, std::vector<std::string>{debian + "master.cf.dist"});  // no main.cf there
  // Uncommented as the comments invite (the prose lines between stay comments, inside the
  // service's logical line): each service's TLS override is reported in its block.
  std::string text = slurp(debian + "master.cf.dist");
  std::istringstream in(text);
  std::string out, l;
  for (int n = 1; std::getline(in, l); ++n) {
    const bool on = (n >= 19 && n <= 24) || (n >= 29 && n <= 34) || (n >= 37 && n <= 41) ||
                    (n >= 46 && n <= 51);
    out += (on ? l.substr(1) : l) + "\n";
  }
  const auto u = master_cf(out, slurp(debian + "main.cf.debian") + slurp(debian + "main.cf.tls"));
  ASSERT_TRUE(u.errors.empty()) << u.errors[0].message;
  EXPECT_EQ(u.files.size(), 2u);  // main.cf beside it is read too
  ASSERT_EQ(u.settings.size(), 4u);
  const tls_setting& c = u.settings[0];
  EXPECT_EQ(c.line, 21u);
  EXPECT_EQ(c.column, 3u);  // the "-o"
  EXPECT_EQ(c.directive, "-o smtpd_tls_security_level");
  EXPECT_EQ(c.kind, setting_kind::cipher_list);
  EXPECT_EQ(c.value, medium);  // the mandatory grade, medium by default
  EXPECT_TRUE(c.effective);
  EXPECT_EQ(block_name(u, c), "submission inet");
  EXPECT_EQ(u.blocks[static_cast<std::size_t>(c.block)].line, 19u);
  EXPECT_EQ(u.settings[1].kind, setting_kind::protocols);
  EXPECT_EQ(u.settings[1].meaning, protocol_bit::tlsv1 | protocol_bit::tlsv1_1 |
                                       protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
  EXPECT_EQ(u.settings[2].line, 39u);
  EXPECT_EQ(u.settings[2].directive, "-o smtpd_tls_wrappermode");
  EXPECT_EQ(block_name(u, u.settings[2]), "submissions inet");
}

TEST(PostfixReader, GradeResolvedWithExclusionsAndSpans) {
  const auto r = main_cf(
      "smtpd_tls_security_level = may\n"
      "my_excl = RC4, SEED\n"
      "tls_high_cipherlist = ECDHE+AESGCM:${no_such}!aNULL\n"
      "smtpd_tls_ciphers = HIGH\n"
      "smtpd_tls_exclude_ciphers = $my_excl\n"
      "# a comment inside the logical line\n"
      "   aDSS\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 1u);
  const tls_setting& s = r.settings[0];
  EXPECT_EQ(s.directive, "smtpd_tls_ciphers");
  EXPECT_EQ(s.line, 4u);
  EXPECT_EQ(s.value, "ECDHE+AESGCM:!aNULL:!RC4:!SEED:!aDSS");
  EXPECT_EQ(s.role, setting_role::server);
  EXPECT_EQ(s.block, 0);
  EXPECT_NE(s.note.find("grade HIGH"), std::string::npos);
  EXPECT_NE(s.note.find("$no_such is undefined"), std::string::npos);
  // The grade's list is tls_high_cipherlist's own text; the exclusions are where written.
  EXPECT_EQ(position_of(s, 0), (file_position{3, 23}));
  EXPECT_EQ(position_of(s, 13), (file_position{3, 46}));  // "!aNULL" after ${no_such}
  EXPECT_EQ(position_of(s, 21), (file_position{2, 11}));  // "RC4" in my_excl
  EXPECT_EQ(position_of(s, 19), (file_position{2, 11}));  // its ":!", made there
  EXPECT_EQ(position_of(s, 32), (file_position{7, 4}));   // "aDSS" on the continuation
  // A default list is made text at the grade.
  const auto d = main_cf("smtpd_tls_ciphers = low\n");
  ASSERT_EQ(d.settings.size(), 1u);
  EXPECT_EQ(d.settings[0].value, "aNULL:-aNULL:HIGH:MEDIUM:LOW:+RC4:@STRENGTH");
  ASSERT_EQ(d.settings[0].spans.size(), 1u);
  EXPECT_FALSE(d.settings[0].spans[0].verbatim);
  EXPECT_EQ(position_of(d.settings[0], 5), (file_position{1, 21}));
}

TEST(PostfixReader, SecurityLevelChoosesTheVariant) {
  const auto r = main_cf(
      "smtpd_tls_ciphers = high\n"
      "smtpd_tls_mandatory_ciphers = medium\n"
      "smtpd_tls_mandatory_exclude_ciphers = 3DES\n"
      "smtpd_tls_protocols = !SSLv2, !SSLv3\n"
      "smtpd_tls_mandatory_protocols = >=TLSv1.2\n"
      "smtpd_tls_security_level = encrypt\n"
      "smtpd_tls_ask_ccert = yes\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 4u);
  EXPECT_EQ(r.settings[0].directive, "smtpd_tls_ciphers");
  EXPECT_FALSE(r.settings[0].effective);  // opportunistic: not what encrypt uses
  EXPECT_NE(r.settings[0].note.find("does not apply with smtpd_tls_security_level = encrypt"),
            std::string::npos);
  EXPECT_EQ(r.settings[1].directive, "smtpd_tls_mandatory_ciphers");
  EXPECT_TRUE(r.settings[1].effective);
  EXPECT_EQ(r.settings[1].value, medium + ":!3DES:!aNULL");  // ask_ccert excludes aNULL
  EXPECT_EQ(position_of(r.settings[1], medium.size() + 6), (file_position{7, 23}));
  EXPECT_FALSE(r.settings[2].effective);
  EXPECT_EQ(r.settings[2].meaning, protocol_bit::tlsv1 | protocol_bit::tlsv1_1 |
                                       protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
  EXPECT_TRUE(r.settings[3].effective);
  EXPECT_EQ(r.settings[3].meaning, protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
  // Wrapper mode enforces whatever the level says; `may` takes the opportunistic one.
  const auto w = main_cf(
      "smtpd_tls_security_level = may\nsmtpd_tls_wrappermode = yes\n"
      "smtpd_tls_mandatory_ciphers = high\n");
  ASSERT_EQ(w.settings.size(), 2u);  // and the mandatory protocols wrapper mode selects
  EXPECT_EQ(w.settings[1].value, "aNULL:-aNULL:HIGH:@STRENGTH");
  EXPECT_TRUE(w.settings[1].effective);
  const auto m = main_cf("smtpd_tls_security_level = may\nsmtpd_tls_mandatory_ciphers = high\n");
  ASSERT_EQ(m.settings.size(), 1u);
  EXPECT_FALSE(m.settings[0].effective);
}

TEST(PostfixReader, ClientLevelsAndLmtp) {
  const auto r = main_cf(
      "smtp_tls_security_level = encrypt\n"
      "smtp_tls_mandatory_ciphers = high\n"
      "lmtp_enforce_tls = yes\n"
      "lmtp_tls_protocols = TLSv1.3\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 5u);
  // encrypt selects smtp_tls_mandatory_protocols (the default, reported at the level)...
  EXPECT_EQ(r.settings[0].kind, setting_kind::protocols);
  EXPECT_EQ(r.settings[0].line, 1u);
  // ... and the mandatory grade, with eNULL excluded.
  EXPECT_EQ(r.settings[1].value, "aNULL:-aNULL:HIGH:@STRENGTH:!eNULL");
  EXPECT_EQ(r.settings[1].role, setting_role::client);
  EXPECT_EQ(r.settings[1].block, 0);
  // lmtp_enforce_tls with lmtp_tls_enforce_peername (yes) is verify: aNULL excluded.
  EXPECT_EQ(r.settings[2].directive, "lmtp_enforce_tls");
  EXPECT_EQ(r.settings[2].value, medium + ":!aNULL");
  EXPECT_EQ(block_name(r, r.settings[2]), "lmtp");
  EXPECT_EQ(r.blocks[static_cast<std::size_t>(r.settings[2].block)].parent, -1);
  EXPECT_TRUE(r.settings[3].effective);  // lmtp_tls_mandatory_protocols (default)
  EXPECT_EQ(r.settings[4].kind, setting_kind::protocols);
  EXPECT_FALSE(r.settings[4].effective);  // verify uses lmtp_tls_mandatory_protocols
  EXPECT_EQ(r.settings[4].meaning, protocol_bit::tlsv1_3);
}

TEST(PostfixReader, DuplicatesCommentsAndContinuations) {
  const auto r = main_cf(
      "tls_preempt_cipherlist = yes\n"
      "tls_preempt_cipherlist = NO\n"
      "smtpd_tls_ciphers = high\n"
      "smtpd_tls_ciphers = medium # not a comment\n"
      "smtpd_tls_ciphers = low\n"
      "  #smtpd_tls_ciphers = null\n"
      "smtpd_tls_protocols = !SSLv2\r\n"
      "\t!SSLv3\r\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message, "invalid cipher grade: \"medium # not a comment\"");
  EXPECT_EQ(r.errors[0].line, 4u);
  EXPECT_EQ(r.errors[0].column, 21u);
  ASSERT_EQ(r.settings.size(), 5u);
  EXPECT_EQ(r.settings[0].kind, setting_kind::prefer_server);
  EXPECT_FALSE(r.settings[0].effective);
  EXPECT_EQ(r.settings[0].note, "replaced by line 2");
  EXPECT_TRUE(r.settings[1].effective);
  EXPECT_EQ(r.settings[1].meaning, 0);  // "NO": booleans have no case
  EXPECT_EQ(r.settings[2].line, 3u);
  EXPECT_FALSE(r.settings[2].effective);
  EXPECT_EQ(r.settings[3].line, 5u);  // the last one counts; the commented one is not read
  EXPECT_TRUE(r.settings[3].effective);
  // Continued as written: the CR before the newline and the tab stay, and separate words.
  EXPECT_EQ(r.settings[4].value, "!SSLv2\r\t!SSLv3");
  EXPECT_EQ(r.settings[4].meaning, protocol_bit::tlsv1 | protocol_bit::tlsv1_1 |
                                       protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
  EXPECT_EQ(position_of(r.settings[4], 8), (file_position{8, 2}));
}

TEST(PostfixReader, Expansion) {
  const auto r = main_cf(
      "a = x\n"
      "empty =\n"
      "tls_high_cipherlist = ${a?{A}:{B}}${empty:C}${a:D}$$E$(a)${{$a} == {x} ? {F}}\n"
      "smtpd_tls_ciphers = ${level?{high}:{medium}}\n"
      "level = 1\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 1u);
  EXPECT_EQ(r.settings[0].value, "AC$ExF");
  const auto bad = main_cf(
      "tls_medium_cipherlist = HIGH:${a\n"
      "smtpd_tls_ciphers = $loop\n"
      "loop = $loop\n");
  ASSERT_EQ(bad.errors.size(), 2u);
  EXPECT_EQ(bad.errors[0].message,
            "smtpd_tls_ciphers: unreasonable macro call nesting (Postfix stops: macro "
            "processing error)");
  EXPECT_EQ(bad.errors[0].line, 2u);
  EXPECT_EQ(bad.errors[0].column, 21u);  // the $loop
  EXPECT_NE(bad.errors[1].message.find("truncated macro reference"), std::string::npos);
  EXPECT_EQ(bad.errors[1].line, 1u);
  EXPECT_EQ(bad.errors[1].column, 30u);
  EXPECT_TRUE(bad.settings.empty());
  // Runaway expansions are cut short, not followed.
  std::string text = "smtpd_tls_ciphers = high\ntls_high_cipherlist = $p0\n";
  // Appended piece by piece: GCC 12 -O2 reports a false -Wrestrict on "p" + std::string&&.
  for (int k = 0; k < 30; ++k) {
    const std::string next = std::to_string(k + 1);
    text.append("p").append(std::to_string(k)).append(" = $p").append(next);
    text.append("$p").append(next).append("\n");
  }
  text += "p30 = HIGH\n";
  const auto big = main_cf(text);
  ASSERT_EQ(big.errors.size(), 1u);
  EXPECT_EQ(big.errors[0].line, 2u);
}

TEST(PostfixReader, RefusedValues) {
  const auto r = main_cf(
      "  indented = first\n"
      "no equals sign\n"
      "smtpd_tls_security_level = dane\n"
      "smtpd_tls_exclude_ciphers = RC4\n"
      "smtpd_tls_protocols = TLSv1.2, TLSv9\n"
      "smtp_tls_security_level = bogus\n"
      "smtpd_tls_ask_ccert = maybe\n"
      "tls_medium_cipherlist =\n");
  ASSERT_EQ(r.errors.size(), 7u);
  EXPECT_EQ(r.errors[0].message,
            "logical line must not start with whitespace (a warning: ignored)");
  EXPECT_EQ(r.errors[1].line, 2u);
  EXPECT_NE(r.errors[1].message.find("missing '=' after attribute name"), std::string::npos);
  auto has = [&](std::uint32_t line, std::uint32_t column, const std::string& text) {
    for (const config_error& e : r.errors) {
      if (e.line == line && e.column == column && e.message.find(text) != std::string::npos)
        return true;
    }
    return false;
  };
  EXPECT_TRUE(has(3, 28, "Invalid TLS level \"dane\""));
  EXPECT_TRUE(has(5, 32, "Invalid TLS protocol list"));
  EXPECT_TRUE(has(6, 27, "invalid tls security level: \"bogus\""));
  EXPECT_TRUE(has(7, 23, "bad boolean configuration: smtpd_tls_ask_ccert = maybe"));
  EXPECT_TRUE(has(8, 23, "bad parameter value: tls_medium_cipherlist"));
  for (const tls_setting& s : r.settings) EXPECT_NE(s.kind, setting_kind::cipher_list);
  ASSERT_EQ(r.settings.size(), 1u);  // the refused protocol list, with no meaning
  EXPECT_EQ(r.settings[0].meaning, std::nullopt);
  // An exclusion with an operator is refused; the rest of the list stands.
  const auto x = main_cf("smtpd_tls_exclude_ciphers = RC4 !MD5, SEED\n");
  ASSERT_EQ(x.errors.size(), 1u);
  EXPECT_EQ(x.errors[0].column, 33u);
  EXPECT_NE(x.errors[0].message.find("invalid unary '!+-@' in cipher exclusion: !MD5"),
            std::string::npos);
  ASSERT_EQ(x.settings.size(), 1u);
  EXPECT_EQ(x.settings[0].value, medium + ":!RC4:!SEED");
}

TEST(PostfixReader, MasterCfOverridesOverMainCf) {
  const auto r = master_cf(
      "smtp      inet  n       -       y       -       -       smtpd\n"
      "submission inet n       -       y       -       -       smtpd\n"
      "  -o syslog_name=postfix/submission\n"
      "  -o smtpd_tls_security_level=encrypt\n"
      "  -o { tls_high_cipherlist = ${my_ciphers}:!SHA1 }\n"
      "465 inet n - y - - /usr/lib/postfix/sbin/smtpd -osmtpd_tls_ciphers=medium "
      "-o tls_preempt_cipherlist=yes\n"
      "relay     unix  -       -       y       -       -       smtp\n"
      "        -o smtp_tls_security_level=verify -o smtpd_tls_ciphers=null\n",
      "my_ciphers = ECDHE+AESGCM\nsmtpd_tls_mandatory_ciphers = high\n"
      "tls_medium_cipherlist = MEDIUM\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.settings.size(), 6u);
  const tls_setting& a = r.settings[1];  // [0] is the mandatory protocols the level picks
  EXPECT_EQ(a.directive, "-o tls_high_cipherlist");
  EXPECT_EQ(a.line, 5u);
  EXPECT_EQ(a.column, 3u);
  EXPECT_EQ(a.value, "ECDHE+AESGCM:!SHA1");               // main.cf's grade, main.cf's $my_ciphers
  EXPECT_EQ(position_of(a, 0), (file_position{5, 30}));   // made by the ${my_ciphers}
  EXPECT_EQ(position_of(a, 13), (file_position{5, 44}));  // "!SHA1", written here
  EXPECT_EQ(block_name(r, a), "submission inet");
  const tls_setting& b = r.settings[2];
  EXPECT_EQ(b.directive, "-o smtpd_tls_ciphers");
  EXPECT_EQ(b.value, "MEDIUM");
  EXPECT_EQ(b.column, 48u);
  EXPECT_EQ(block_name(r, b), "465 inet");
  EXPECT_EQ(r.settings[3].kind, setting_kind::prefer_server);
  EXPECT_EQ(r.settings[3].meaning, 1);
  // The smtp client service: only smtp_* apply; smtpd_tls_ciphers there is not its setting.
  EXPECT_EQ(r.settings[4].role, setting_role::client);
  EXPECT_EQ(r.settings[4].value, "MEDIUM:!aNULL");
  EXPECT_EQ(block_name(r, r.settings[4]), "relay unix");
  EXPECT_EQ(r.settings[5].kind, setting_kind::protocols);
  // Without main.cf, the defaults and an undefined $my_ciphers.
  const auto alone = master_cf(
      "sub inet n - y - - smtpd -o smtpd_tls_ciphers=high\n"
      "  -o tls_high_cipherlist=$my_ciphers:HIGH\n");
  ASSERT_EQ(alone.settings.size(), 1u);
  EXPECT_EQ(alone.settings[0].value, ":HIGH");
  EXPECT_NE(alone.settings[0].note.find("$my_ciphers is undefined"), std::string::npos);
}

TEST(PostfixReader, MasterCfRefusedLines) {
  const auto r = master_cf(
      "bad  tcp - - - - - smtpd\n"
      "bad2 inet x - - - - smtpd\n"
      "short inet n\n"
      "brace inet n - y - - smtpd -o {smtpd_tls_ciphers=high\n"
      "brace2 inet n - y - - smtpd -o { a = b }x\n"
      "opt inet n - y - - smtpd -o\n"
      "eq inet n - y - - smtpd -o smtpd_tls_ciphers\n"
      "ok inet n - y - - smtpd -o smtpd_tls_ciphers=high\n");
  ASSERT_EQ(r.errors.size(), 7u);
  EXPECT_EQ(r.errors[0].message, "bad transport type: tcp");
  EXPECT_EQ(r.errors[0].column, 6u);
  EXPECT_EQ(r.errors[1].message, "field \"private\": bad value: \"x\"");
  EXPECT_EQ(r.errors[2].message, "missing \"unprivileged\" field");
  EXPECT_NE(r.errors[3].message.find("missing '}'"), std::string::npos);
  EXPECT_NE(r.errors[4].message.find("syntax error after '}'"), std::string::npos);
  EXPECT_EQ(r.errors[5].message, "option requires an argument -- 'o'");
  EXPECT_NE(r.errors[6].message.find("missing '=' after attribute name"), std::string::npos);
  EXPECT_EQ(r.errors[6].line, 7u);
  ASSERT_EQ(r.settings.size(), 1u);  // the rest is still read
  EXPECT_EQ(r.settings[0].line, 8u);
}

}  // namespace
}  // namespace cipherexplain

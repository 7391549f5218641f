// SPDX-License-Identifier: Apache-2.0
// Every diagnostic code, as a user meets it: the trap, tried on the release where it bites,
// and the full rendered message with its position and fix.

#include <cipherexplain.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace cipherexplain;

struct finding_case {
  std::string code;
  std::string release;
  std::string input;
  std::string rendered;  // the first diagnostic with that code, as render() prints it
};

const std::vector<finding_case>& cases() {
  static const std::vector<finding_case> all{
      {"missing-name", "3.0", "ALL:AES$",
       "input:1:8: error: expected a cipher name, found '$'; names are ASCII letters, digits, '-' "
       "and '.' [missing-name]\n"
       "ALL:AES$\n"
       "       ^\n"},
      {"unknown-command", "3.0", "ALL@FOO",
       "input:1:4: error: unknown command '@FOO'; the commands are @STRENGTH and @SECLEVEL=n (n = "
       "0..5) [unknown-command]\n"
       "ALL@FOO\n"
       "   ^~~~\n"},
      {"bad-security-level", "3.0", "HIGH:@SECLEVEL=9",
       "input:1:6: error: '@SECLEVEL=9' is not a security level: write @SECLEVEL= and one digit "
       "from 0 to 5 [bad-security-level]\n"
       "HIGH:@SECLEVEL=9\n"
       "     ^~~~~~~~~~~\n"},
      {"no-cipher-selected", "3.0", "FOO",
       "input:1:1: error: the string selects no TLS 1.2-or-older cipher suite, so OpenSSL 3.0.19 "
       "rejects it (the context is left with only the TLS 1.3 suites) [no-cipher-selected]\n"
       "FOO\n"
       "^~~\n"},
      {"unknown-name", "3.0", "HIGH:FOO!aNULL:MEDIUM",
       "input:1:6: warning: unknown name 'FOO' in OpenSSL 3.0.19; OpenSSL ignores the rule "
       "[unknown-name]\n"
       "HIGH:FOO!aNULL:MEDIUM\n"
       "     ^~~\n"},
      {"unknown-name", "3.0", "ECDHE-RSA-AES128-GCM-SHA265",
       "input:1:1: warning: unknown name 'ECDHE-RSA-AES128-GCM-SHA265' in OpenSSL 3.0.19; OpenSSL "
       "ignores the rule [unknown-name]\n"
       "ECDHE-RSA-AES128-GCM-SHA265\n"
       "^~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
       "help: did you mean 'ECDHE-RSA-AES128-GCM-SHA256'?\n"},
      {"unknown-name", "3.0", "high",
       "input:1:1: warning: unknown name 'high' in OpenSSL 3.0.19; OpenSSL ignores the rule "
       "[unknown-name]\n"
       "high\n"
       "^~~~\n"
       "help: names are case-sensitive in OpenSSL 3.0.19 (4.0 ignores case): did you mean "
       "'HIGH'?\n"},
      {"conflicting-names", "3.0", "kRSA+kECDHE:HIGH",
       "input:1:1: warning: 'kECDHE' cannot match anything together with what precedes it in the "
       "'+' chain; OpenSSL ignores the rule [conflicting-names]\n"
       "kRSA+kECDHE:HIGH\n"
       "^~~~~~~~~~~\n"},
      {"skipped-text", "3.0", "HIGH:@STRENGTH+X",
       "input:1:15: note: OpenSSL ignores '+X' after a command, up to the next separator "
       "[skipped-text]\n"
       "HIGH:@STRENGTH+X\n"
       "              ^~\n"},
      {"suiteb-prefix", "3.0", "SUITEB128:HIGH",
       "input:1:1: note: 'SUITEB128' makes OpenSSL ignore the whole string and use "
       "'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384'; the context also stays "
       "in Suite B mode for cipher strings set on it later [suiteb-prefix]\n"
       "SUITEB128:HIGH\n"
       "^~~~~~~~~~~~~~\n"},
      {"name-not-in-release", "1.0.2", "CHACHA20:HIGH",
       "input:1:1: warning: 'CHACHA20' is not a name in OpenSSL 1.0.2u (it is in 1.1.0l to 4.0.3); "
       "OpenSSL ignores the rule [name-not-in-release]\n"
       "CHACHA20:HIGH\n"
       "^~~~~~~~\n"},
      {"name-not-in-release", "3.0", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:HIGH",
       "input:1:1: warning: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' is an IANA name; OpenSSL "
       "3.0.19 reads only its own names here (IANA names work from 3.2), so it ignores the rule "
       "[name-not-in-release]\n"
       "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:HIGH\n"
       "^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
       "help: write 'ECDHE-RSA-AES128-GCM-SHA256'\n"},
      {"name-unavailable", "3.0", "SEED:HIGH",
       "input:1:1: warning: 'SEED' names only algorithms this build of OpenSSL 3.0.19 cannot use; "
       "OpenSSL ignores the rule [name-unavailable]\n"
       "SEED:HIGH\n"
       "^~~~\n"},
      {"name-unavailable", "3.0", "HIGH:RC4-SHA",
       "input:1:6: warning: 'RC4-SHA' is not available in OpenSSL 3.0.19: that suite needs the "
       "build option weak-ssl-ciphers and the legacy provider; OpenSSL ignores the rule "
       "[name-unavailable]\n"
       "HIGH:RC4-SHA\n"
       "     ^~~~~~~\n"},
      {"tls13-name", "3.0", "TLS_AES_128_GCM_SHA256:HIGH",
       "input:1:1: warning: 'TLS_AES_128_GCM_SHA256' is a TLS 1.3 suite: cipher strings never "
       "select or remove TLS 1.3 suites, so OpenSSL ignores the rule [tls13-name]\n"
       "TLS_AES_128_GCM_SHA256:HIGH\n"
       "^~~~~~~~~~~~~~~~~~~~~~\n"
       "help: choose TLS 1.3 suites with SSL_CTX_set_ciphersuites() (openssl -ciphersuites, nginx "
       "'ssl_conf_command Ciphersuites')\n"},
      {"tls13-unaffected", "3.0", "HIGH:!AES128",
       "input:1:6: note: '!AES128' does not touch TLS 1.3 suites: TLS_AES_128_GCM_SHA256 stays in "
       "the list [tls13-unaffected]\n"
       "HIGH:!AES128\n"
       "     ^~~~~~~\n"
       "help: choose TLS 1.3 suites with SSL_CTX_set_ciphersuites() (openssl -ciphersuites)\n"},
      {"default-not-first", "3.0", "HIGH:DEFAULT",
       "input:1:6: warning: DEFAULT is special only at the very start of the string; here it is an "
       "unknown word and OpenSSL ignores the rule [default-not-first]\n"
       "HIGH:DEFAULT\n"
       "     ^~~~~~~\n"
       "help: start the string with DEFAULT instead\n"},
      {"default-glued", "3.0", "DEFAULTz",
       "input:1:8: warning: OpenSSL reads only the first 7 bytes as DEFAULT and then 'z' as a rule "
       "of its own [default-glued]\n"
       "DEFAULTz\n"
       "       ^\n"
       "help: write 'DEFAULT:z' if that is meant\n"},
      {"no-effect", "3.0", "DEFAULT:!3DES",
       "input:1:9: note: '!3DES' changes nothing: '3DES' matches no suite this build can use "
       "[no-effect]\n"
       "DEFAULT:!3DES\n"
       "        ^~~~~\n"},
      {"removal-undone", "3.0", "HIGH:-aRSA:ALL",
       "input:1:6: warning: '-aRSA' takes suites out only until a later rule adds them back: "
       "'ALL' (1:12) does, so ECDHE-RSA-AES256-GCM-SHA384, DHE-RSA-AES256-GCM-SHA384, "
       "ECDHE-RSA-CHACHA20-POLY1305 and 54 more end up in the list [removal-undone]\n"
       "HIGH:-aRSA:ALL\n"
       "     ^~~~~\n"
       "help: write '!aRSA' to remove them for good\n"},
      {"narrow-alias", "1.0.2", "HIGH:-DSS",
       "input:1:6: warning: '-DSS' leaves DH-DSS-AES256-GCM-SHA384, DH-DSS-AES256-SHA256, "
       "DH-DSS-AES256-SHA and 5 more with DSS in their names: 'DSS' means authentication aDSS "
       "[narrow-alias]\n"
       "HIGH:-DSS\n"
       "     ^~~~\n"},
      {"narrow-alias", "3.0", "ALL:!RSA",
       "input:1:5: warning: '!RSA' leaves ECDHE-RSA-AES256-GCM-SHA384, DHE-RSA-AES256-GCM-SHA384, "
       "ECDHE-RSA-CHACHA20-POLY1305 and 36 more with RSA in their names: 'RSA' means key exchange "
       "kRSA and authentication aRSA [narrow-alias]\n"
       "ALL:!RSA\n"
       "    ^~~~\n"},
      {"strength-undone", "1.0.2", "HIGH:@STRENGTH:ALL",
       "input:1:16: warning: 'ALL' comes after @STRENGTH (1:6): the 31 suites it adds go to the "
       "end in preference order, not sorted by strength [strength-undone]\n"
       "HIGH:@STRENGTH:ALL\n"
       "               ^~~\n"
       "help: put @STRENGTH last\n"},
      {"unusable-suites", "3.0", "ECDHE+AESGCM:ADH-AES128-SHA",
       "input:1:1: note: no connection uses 1 of the listed suites: 1 is refused at security level 2 "
       "for no authentication (aNULL) (ADH-AES128-SHA) [unusable-suites]\n"
       "ECDHE+AESGCM:ADH-AES128-SHA\n"
       "^~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
       "help: remove them with '!aNULL', or lower the level with @SECLEVEL=n if they are needed\n"},
      {"old-protocols-refused", "3.5", "ECDHE-RSA-AES128-SHA:AES128-SHA",
       "input:1:1: warning: at security level 2 OpenSSL 3.5.9 refuses TLS 1.0 and TLS 1.1, so "
       "ECDHE-RSA-AES128-SHA "
       "and AES128-SHA are only used over newer versions; peers limited to the old ones cannot "
       "connect "
       "[old-protocols-refused]\n"
       "ECDHE-RSA-AES128-SHA:AES128-SHA\n"
       "^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
       "help: add @SECLEVEL=0 if such peers must connect (3.1+ refuses TLS 1.0/1.1 from level "
       "1)\n"},
      {"harmless-exclusion", "3.0", "HIGH:!EXPORT",
       "input:1:6: note: '!EXPORT' excludes a name OpenSSL 3.0.19 does not have (it is in 1.0.1u "
       "and 1.0.2u); OpenSSL ignores the rule, which is harmless: the string means the same "
       "[harmless-exclusion]\n"
       "HIGH:!EXPORT\n"
       "     ^~~~~~~\n"},
      {"text-after-nul", "3.0", std::string("HIGH\0:!RC4", 10),
       "input:1:5: warning: OpenSSL reads the string only up to this NUL byte; the rest is ignored "
       "[text-after-nul]\n"
       "HIGH\\x00:!RC4\n"
       "    ^~~~~~~~~\n"},
      {"input-too-long", "3.0", std::string(max_input_length + 1, 'A'),
       "input:1:1: error: input of 16777217 bytes is longer than the 16777216 bytes this parser "
       "accepts "
       "[input-too-long]\n"
       "\n"
       "^\n"},
  };
  return all;
}

const diagnostic* first_with_code(const evaluation& e, std::string_view code) {
  for (const diagnostic& d : e.diagnostics) {
    if (code_name(d.code) == code) return &d;
  }
  return nullptr;
}

std::string first_rendered(const finding_case& c) {
  const evaluation e = evaluator(*catalog::find(c.release)).evaluate(c.input);
  for (const diagnostic& d : e.diagnostics) {
    if (code_name(d.code) == c.code)
      return render(d, c.code == "input-too-long" ? std::string_view{} : c.input);
  }
  return "(no " + c.code + " finding)";
}

TEST(findings, each_trap_renders_with_its_position_and_fix) {
  for (const finding_case& c : cases()) {
    SCOPED_TRACE(c.code + " on " + c.release);
    EXPECT_EQ(first_rendered(c), c.rendered);
  }
}

// The configuration traps: a setting on one release, and the finding with its position (into
// the ciphersuites string) and message.
struct configuration_case {
  std::string code, release;
  tls_configuration config;
  std::string message;
  std::size_t offset = 0, length = 0;
  std::string suggestion = {};
};

tls_configuration suites(std::string text, std::optional<int> level = std::nullopt) {
  tls_configuration c;
  c.cipher_list = "HIGH:!aNULL:!PSK:!SRP";
  c.ciphersuites = std::move(text);
  c.security_level = level;
  return c;
}

tls_configuration range(std::uint16_t min, std::uint16_t max, std::uint8_t disabled = 0) {
  tls_configuration c;
  c.cipher_list = "HIGH:!aNULL:!PSK:!SRP";
  c.min_protocol = min;
  c.max_protocol = max;
  c.disabled_protocols = disabled;
  return c;
}

const std::vector<configuration_case>& configuration_cases() {
  static const std::vector<configuration_case> all{
      {"ciphersuites-skipped", "3.0", suites("TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384"),
       "'TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384' is one element: only ':' separates TLS "
       "1.3 suites; skipped",
       0, 45, "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384"},
      {"ciphersuites-skipped", "3.0", suites("TLS_AES_128_GCM_SHA256:tls_aes_256_gcm_sha384"),
       "'tls_aes_256_gcm_sha384' differs from 'TLS_AES_256_GCM_SHA384' in case, and OpenSSL "
       "3.0.19 matches names exactly (4.0 ignores case); skipped",
       23, 22, "TLS_AES_256_GCM_SHA384"},
      {"ciphersuites-skipped", "3.0", suites("TLS_AES_128_GCM_SHA256:DEFAULT"),
       "'DEFAULT' is cipher-string syntax, which means nothing in the TLS 1.3 ciphersuites: they "
       "take suite names only; skipped",
       23, 7},
      {"ciphersuites-skipped", "3.0", suites("TLS_AES_128_GCM_SHA256:TLS_SHA384_SHA384"),
       "OpenSSL 3.0.19 has no TLS 1.3 suite 'TLS_SHA384_SHA384' (OpenSSL 3.4.6 has); skipped", 23,
       17},
      {"ciphersuites-rejected", "1.1.1", suites("TLS_AES_128_GCM_SHA256:"),
       "an empty element (a leading, trailing or doubled ':') makes OpenSSL 1.1.1w reject the "
       "whole setting",
       23, 0},
      {"ciphersuites-rejected", "3.0", suites("ECDHE-RSA-AES128-GCM-SHA256"),
       "no element names a TLS 1.3 suite, so OpenSSL 3.0.19 rejects the setting and keeps its "
       "default suites",
       0, 27},
      {"tls12-in-ciphersuites", "3.6", suites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
       "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (ECDHE-RSA-AES128-GCM-SHA256) is not a TLS 1.3 "
       "suite: OpenSSL 3.6.5 puts it at the head of the whole list, ahead of the cipher string's "
       "order",
       0, 37},
      {"duplicate-ciphersuite", "4.0", suites("TLS_AES_128_GCM_SHA256:TLS_AES_128_GCM_SHA256"),
       "TLS_AES_128_GCM_SHA256 is named again: OpenSSL 4.0.3 skips it", 23, 22},
      {"no-tls13-suites", "3.0", suites(""),
       "TLS 1.3 is enabled but the TLS 1.3 suites are empty: every handshake fails ('no ciphers "
       "available'), also with peers that could use TLS 1.2; set the maximum protocol to TLS 1.2"},
      {"ccm8-needs-level-0", "3.5", suites("TLS_AES_128_CCM_8_SHA256:TLS_AES_128_GCM_SHA256"),
       "OpenSSL 3.5.9 counts CCM_8 as 64-bit secure, so security level 2 refuses 1 listed: "
       "TLS_AES_128_CCM_8_SHA256"},
      {"old-protocols-unusable", "3.0", range(version::tlsv1, 0),
       "the range allows TLS 1.0/1.1, but at security level 2 no TLS 1.0/1.1 handshake completes "
       "on OpenSSL 3.0.19: their MD5-SHA1 signatures are below the level (they need level 0)"},
      {"no-usable-protocol", "3.0", range(version::tlsv1_3, version::tlsv1_2),
       "no protocol version is usable: the minimum TLSv1.3 is above the maximum TLSv1.2"},
      {"protocol-hole", "3.0",
       range(0, 0, protocols_only(protocol_bit::tlsv1 | protocol_bit::tlsv1_2)),
       "TLSv1 and TLSv1.2 are enabled but not the versions between them: OpenSSL keeps only the "
       "lowest run it can use, TLSv1"},
      {"nothing-usable", "3.0",
       [] {
         tls_configuration c = range(version::tlsv1_2, version::tlsv1_2);
         c.cipher_list = "aNULL";
         return c;
       }(),
       "none of the 16 listed suites is usable at security level 2 with TLSv1.2 only"},
  };
  return all;
}

TEST(findings, each_configuration_trap_is_found_with_its_position_and_fix) {
  for (const configuration_case& c : configuration_cases()) {
    SCOPED_TRACE(c.code + " on " + c.release);
    const configuration_result r = resolve(*catalog::find(c.release), c.config);
    const diagnostic* found = nullptr;
    for (const diagnostic& d : r.diagnostics) {
      if (code_name(d.code) == c.code && d.message == c.message) found = &d;
    }
    ASSERT_NE(found, nullptr) << [&] {
      std::string all;
      for (const diagnostic& d : r.diagnostics)
        all += std::string(code_name(d.code)) + ": " + d.message + "\n";
      return all.empty() ? std::string("(no findings)") : all;
    }();
    EXPECT_EQ(found->offset, c.offset);
    EXPECT_EQ(found->length, c.length);
    EXPECT_EQ(found->suggestion, c.suggestion);
    EXPECT_EQ(found->severity, code_info(found->code).severity);
  }
}

// A plain configuration of each release says nothing: the findings are about traps only.
TEST(findings, a_plain_configuration_has_no_configuration_findings) {
  for (const catalog* c : catalog::all()) {
    tls_configuration config;
    config.cipher_list = "HIGH:!aNULL";
    if (c->engine() != engine_family::openssl_1_0) config.min_protocol = version::tlsv1_2;
    if (c->ciphersuites_setter() != ciphersuites_setter::none)
      config.ciphersuites = "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256";
    const configuration_result r = resolve(*c, config);
    EXPECT_TRUE(r.diagnostics.empty()) << c->release() << ": " << r.diagnostics.front().message;
  }
}

// Findings about presets: software defaults on a release they were not written for.
struct preset_case {
  std::string code, preset, release, message;
};

const std::vector<preset_case>& preset_cases() {
  static const std::vector<preset_case> all{
      {"option-undefined", "python-3.11.2", "1.1.1w",
       "SSL_OP_IGNORE_UNEXPECTED_EOF does not exist in OpenSSL 1.1.1w: it sets nothing"},
      {"option-no-effect", "python-3.6.15", "3.0.19",
       "SSL_OP_NO_SSLv2 is 0 in OpenSSL 3.0.19 (defined as 0 since 1.1.0 (was 0x1000000): no "
       "effect; SSL_CONF Protocol keyword -SSLv2 accepted but sets no bit): setting it changes "
       "nothing"},
      {"preset-call-fails", "python-3.10.0", "1.0.2u",
       "SSL_CTX_set_cipher_list(\"@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:"
       "!eNULL:!aDSS:!SHA1:!AESCCM\") fails on OpenSSL 1.0.2u: Python 3.10.0, "
       "create_default_context() cannot make this context"},
      {"preset-unsupported-release", "python-3.10.0", "1.0.2u",
       "Python 3.10.0, create_default_context() needs OpenSSL 1.1.1 or later: no real "
       "installation runs on 1.0.2u"},
      {"preset-setting-dropped", "mozilla-modern-5.8", "1.1.0l",
       "OpenSSL 1.1.0l has no TLS 1.3: the ciphersuites "
       "'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256' are left out"},
  };
  return all;
}

TEST(findings, preset_cases_report_their_code_with_its_message_and_severity) {
  for (const preset_case& c : preset_cases()) {
    SCOPED_TRACE(c.code + ": " + c.preset + " on " + c.release);
    std::string error;
    const auto p = find_preset(c.preset, "", error);
    ASSERT_TRUE(p) << error;
    const preset_result r = resolve_preset(*p, *catalog::find(c.release));
    const auto it = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                                 [&](const diagnostic& d) { return code_name(d.code) == c.code; });
    ASSERT_NE(it, r.diagnostics.end());
    EXPECT_EQ(it->message, c.message);
    EXPECT_EQ(it->severity, code_info(it->code).severity);
  }
}

// Findings about configuration files: lint on an nginx.conf in memory.
struct lint_case {
  std::string code, file_text, release, policy, message;
  std::uint32_t line = 0, column = 0;
};

const std::vector<lint_case>& lint_cases() {
  static const std::vector<lint_case> all{
      {"config-error", "http { ssl_protocols TLSv9; }\n", "3.0.19", "", "invalid value \"TLSv9\"",
       1, 22},
      {"setting-replaced", "http { ssl_ciphers HIGH; ssl_conf_command CipherString MEDIUM; }\n",
       "3.0.19", "",
       "ssl_ciphers is replaced by ssl_conf_command CipherString at etc/nginx/nginx.conf:1", 1, 8},
      {"setting-no-change", "http { ssl_ciphers HIGH:!aNULL:!MD5; }\n", "3.0.19", "",
       "ssl_ciphers gives http the server's default (preset nginx-server-1.22.1)", 1, 8},
      {"setting-unsupported", "http { ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256; }\n",
       "1.1.0l", "",
       "http: OpenSSL 1.1.0l has no TLS 1.3, so no SSL_CTX_set_ciphersuites(): TLS 1.3 suites "
       "can be set from 1.1.1",
       1, 38},
      {"policy-violation",
       "http { ssl_protocols TLSv1 TLSv1.1 TLSv1.2; ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256; }\n",
       "3.0.19", "mozilla-intermediate-5.8",
       "http: TLSv1, TLSv1.1 can be used; mozilla-intermediate-5.8 allows only what it lists", 1,
       22},
  };
  return all;
}

TEST(findings, lint_cases_report_their_code_at_the_file_position) {
  for (const lint_case& c : lint_cases()) {
    SCOPED_TRACE(c.code + ": " + c.file_text);
    memory_tree tree({{"etc/nginx/nginx.conf", c.file_text}});
    std::vector<config_read_result> read;
    read.push_back(read_config(tree, "etc/nginx/nginx.conf"));
    lint_options options;
    options.releases = {catalog::find(c.release)};
    options.server_version = "1.22.1";
    if (!c.policy.empty()) options.policy = find_profile(c.policy);
    const lint_report r = lint(std::move(read), options);
    const auto it = std::find_if(r.findings.begin(), r.findings.end(), [&](const lint_finding& f) {
      return code_name(f.finding.code) == c.code;
    });
    ASSERT_NE(it, r.findings.end());
    EXPECT_EQ(it->finding.message, c.message);
    EXPECT_EQ(it->finding.severity, code_info(it->finding.code).severity);
    EXPECT_EQ(it->file, "etc/nginx/nginx.conf");
    EXPECT_EQ(it->line, c.line);
    EXPECT_EQ(it->column, c.column);
  }
}

TEST(findings, every_code_is_covered_by_a_case) {
  std::set<std::string> covered;
  for (const finding_case& c : cases()) covered.insert(c.code);
  for (const configuration_case& c : configuration_cases()) covered.insert(c.code);
  for (const preset_case& c : preset_cases()) covered.insert(c.code);
  for (const lint_case& c : lint_cases()) covered.insert(c.code);
  for (const diagnostic_code_info& code : diagnostic_codes()) {
    EXPECT_TRUE(covered.contains(std::string(code.name))) << code.name << " has no test case";
  }
}

// Each finding is reported with the severity the code table gives its code.
TEST(findings, carry_the_severity_of_their_code_in_the_table) {
  for (const finding_case& c : cases()) {
    SCOPED_TRACE(c.code + " on " + c.release);
    const evaluation e = evaluator(*catalog::find(c.release)).evaluate(c.input);
    const diagnostic* d = first_with_code(e, c.code);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->severity, code_info(d->code).severity);
    const std::string first_line = c.rendered.substr(0, c.rendered.find('\n'));
    EXPECT_NE(first_line.find(": " + std::string(severity_name(d->severity)) + ": "),
              std::string::npos)
        << first_line;
  }
}

TEST(diagnostic_codes, are_numbered_from_one_with_unique_names_and_text) {
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < diagnostic_codes().size(); ++i) {
    const diagnostic_code_info& row = diagnostic_codes()[i];
    EXPECT_EQ(static_cast<std::size_t>(row.code), i + 1);
    EXPECT_TRUE(names.insert(row.name).second) << row.name;
    EXPECT_EQ(code_name(row.code), row.name);
    EXPECT_EQ(&code_info(row.code), &row);
    EXPECT_EQ(find_code(row.name), &row);
    EXPECT_FALSE(row.summary.empty()) << row.name;
    EXPECT_GT(row.help.size(), row.summary.size() / 2) << row.name;
  }
  EXPECT_EQ(find_code("no-such-code"), nullptr);
}

// docs/json-output.md lists the codes: its table must be the code table, row by row.
TEST(diagnostic_codes, match_the_table_in_json_output_md) {
  std::ifstream doc(std::string(CIPHEREXPLAIN_DOCS_DIR) + "/json-output.md");
  ASSERT_TRUE(doc) << "cannot read docs/json-output.md";
  std::vector<std::string> rows;
  bool in_section = false;
  for (std::string line; std::getline(doc, line);) {
    if (line.starts_with("## ")) in_section = line == "## Diagnostic codes";
    if (in_section && line.starts_with("| `")) rows.push_back(line);
  }
  std::vector<std::string> expected;
  for (const diagnostic_code_info& row : diagnostic_codes()) {
    expected.push_back("| `" + std::string(row.name) + "` | " +
                       std::string(severity_name(row.severity)) + " | " + std::string(row.summary) +
                       " |");
  }
  EXPECT_EQ(rows, expected);
}

// A rule that changes nothing is told why: suites removed for good earlier (by which rule, or
// by DEFAULT), not in the list, or not in this build at all (before, the first two read "matches
// no suite this build can use" and '+kRSA' "already at the end of the list").
TEST(findings, say_why_a_rule_changes_nothing) {
  struct no_effect_case {
    std::string release;
    build_options options;
    std::string input;
    std::string message;
  };
  build_options weak;
  weak.weak_ciphers = true;
  const std::vector<no_effect_case> cases{
      {"3.0",
       {},
       "DEFAULT:!aNULL",
       "'!aNULL' changes nothing: every suite it matches was removed for good before, by DEFAULT"},
      {"3.0",
       {},
       "HIGH:!aNULL:!aNULL",
       "'!aNULL' changes nothing: every suite it matches was removed for good before, by '!aNULL' "
       "(1:6)"},
      {"3.0",
       {},
       "ECDHE+AESGCM:+kRSA",
       "'+kRSA' changes nothing: none of the suites it matches is in the list"},
      {"1.0.1", weak, "ALL:!LOW:LOW",
       "'LOW' changes nothing: every suite it matches was removed for good before, by '!LOW' (1:5)"},
      {"3.0",
       {},
       "HIGH:!aNULL:HIGH",
       "'HIGH' changes nothing: every suite it matches is already in the list (the others were "
       "removed for good by '!aNULL' (1:6))"},
      {"3.0",
       {},
       "DEFAULT:!3DES",
       "'!3DES' changes nothing: '3DES' matches no suite this build can use"},
      {"3.0",
       {},
       "ECDHE+AESGCM:+ECDHE",
       "'+ECDHE' changes nothing: the suites it matches are already at the end of the list, in that order"},
  };
  for (const no_effect_case& c : cases) {
    const evaluation e = evaluator(*catalog::find(c.release), c.options).evaluate(c.input);
    const diagnostic* d = first_with_code(e, "no-effect");
    ASSERT_NE(d, nullptr) << c.input;
    EXPECT_EQ(d->message, c.message) << c.input;
  }
}

// Hints for what was pasted or meant (issue 11.12): a protocol version instead of suites, a
// directive's name or quotes along with the string, and one finding per TLS 1.3 name.
TEST(findings, hint_at_what_was_pasted_or_meant) {
  const evaluator release(*catalog::find("3.0"));
  const evaluation version = release.evaluate("TLSv1.3:HIGH");
  ASSERT_FALSE(version.diagnostics.empty());
  EXPECT_EQ(code_name(version.diagnostics[0].code), "tls13-name");
  EXPECT_EQ(version.diagnostics[0].message,
            "'TLSv1.3' is not a name in cipher strings, which never select or remove TLS 1.3 "
            "suites, so OpenSSL ignores the rule");
  EXPECT_EQ(version.diagnostics[0].suggestion.find("did you mean"), std::string::npos);

  const evaluation tls13 = release.evaluate("TLS_AES_128_GCM_SHA256:HIGH");
  EXPECT_EQ(first_with_code(tls13, "skipped-text"), nullptr)
      << "the tls13-name finding already covers the whole name";

  for (const auto& [input, hint] : std::vector<std::pair<std::string, std::string>>{
           {"ssl_ciphers HIGH:!aNULL;",
            "'ssl_ciphers' is the name of an nginx directive, not part of the cipher string: give "
            "only its value, 'HIGH:!aNULL'"},
           {"SSLCipherSuite \"HIGH:!aNULL\"",
            "'SSLCipherSuite' is the name of an Apache directive, not part of the cipher string: "
            "give only its value, 'HIGH:!aNULL'"},
           {"CipherString = DEFAULT",
            "'CipherString' is the name of an OpenSSL configuration command, not part of the "
            "cipher string: give only its value, 'DEFAULT'"}}) {
    const evaluation e = release.evaluate(input);
    const diagnostic* d = first_with_code(e, "unknown-name");
    ASSERT_NE(d, nullptr) << input;
    EXPECT_EQ(d->suggestion, hint);
  }
  const evaluation quoted = release.evaluate("\"HIGH:!aNULL\"");
  ASSERT_FALSE(quoted.diagnostics.empty());
  EXPECT_EQ(quoted.diagnostics[0].suggestion,
            "remove the quotes: they belong to the shell or the configuration file, not to the "
            "cipher string");
}

// One note for every reason a listed suite goes unused, worded by reason: PSK and SRP need
// setting up at any level, and 1.0.x (no security levels) has the same rule for them (issue
// 11.10; before: up to three notes, all "at security level 2 ...", and none on 1.0.x).
TEST(findings, unusable_suites_are_one_note_worded_by_reason) {
  const evaluation high = evaluator(*catalog::find("3.0")).evaluate("HIGH");
  std::vector<const diagnostic*> notes;
  for (const diagnostic& d : high.diagnostics) {
    if (d.code == diagnostic_code::unusable_suites) notes.push_back(&d);
  }
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]->message.rfind("no connection uses 66 of the listed suites: 12 are refused "
                                    "at security level 2 for no authentication (aNULL) (",
                                    0),
            0u);
  EXPECT_NE(notes[0]->message.find("; 48 need a PSK callback ("), std::string::npos);
  EXPECT_NE(notes[0]->message.find("; 6 need SRP parameters ("), std::string::npos);
  EXPECT_EQ(notes[0]->suggestion,
            "remove them with '!aNULL:!PSK:!SRP', or lower the level with @SECLEVEL=n if they are "
            "needed; PSK and SRP suites work only if the application sets them up");
  const evaluation old = evaluator(*catalog::find("1.0.2")).evaluate("HIGH");
  const diagnostic* on_1_0 = first_with_code(old, "unusable-suites");
  ASSERT_NE(on_1_0, nullptr);
  EXPECT_EQ(
      on_1_0->message.rfind("no connection uses 8 of the listed suites: 2 need a PSK callback", 0),
      0u);
  EXPECT_EQ(on_1_0->suggestion,
            "remove them with '!PSK:!SRP', unless the application sets up PSK or SRP");
}

// Defensive exclusions that name nothing here are notes that say so (issue 11.11: Dovecot's
// default got four warnings, stunnel's one); a typo in one is still a warning, and so is one
// after which OpenSSL skips text. Postfix's 'aNULL:-aNULL:...' ordering idiom is not a slip.
TEST(findings, defensive_exclusions_and_ordering_idioms_are_not_warnings) {
  const evaluator release(*catalog::find("3.0"));
  for (const std::string input :
       {"ALL:!kDHd:!EXPORT:!DES:!RC4:!SSLv2:@STRENGTH", "aNULL:-aNULL:HIGH:@STRENGTH"}) {
    for (const diagnostic& d : release.evaluate(input).diagnostics) {
      EXPECT_EQ(d.severity, severity::note) << input << ": " << d.message;
    }
  }
  EXPECT_EQ(code_name(release.evaluate("HIGH:!EXPRT").diagnostics.front().code), "unknown-name");
  EXPECT_EQ(code_name(release.evaluate("HIGH:!RC4!MD5").diagnostics.front().code),
            "name-unavailable");
  // On a release that has them, the same exclusions are ordinary rules.
  const evaluation old = evaluator(*catalog::find("1.0.2")).evaluate("ALL:!EXPORT:!RC4");
  EXPECT_EQ(first_with_code(old, "harmless-exclusion"), nullptr);
}

// 3.0 lists TLS 1.0/1.1 suites at level 1 and up but completes no such handshake (the MD5-SHA1
// signature is below level 1: recorded handshakes h062, h063, h077 of the policy oracle, where
// 1.1.1w at level 1 completes them); it said nothing, as 3.5 warned (issue 11.5).
TEST(findings, tls10_and_tls11_on_3_0_are_refused_by_the_signature_rule) {
  const std::string input = "ECDHE-RSA-AES128-SHA:AES128-SHA";
  const evaluation on_3_0 = evaluator(*catalog::find("3.0")).evaluate(input);
  const diagnostic* refused = first_with_code(on_3_0, "old-protocols-refused");
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ(refused->message,
            "at security level 2 OpenSSL 3.0.19 completes no TLS 1.0 or TLS 1.1 handshake (the "
            "MD5-SHA1 signature those versions use is below level 1), although it lists their "
            "suites, so ECDHE-RSA-AES128-SHA and AES128-SHA are only used over newer versions; "
            "peers limited to the old ones cannot connect");
  build_options level1;
  level1.security_level = 1;
  const evaluation at_level_1 = evaluator(*catalog::find("3.0"), level1).evaluate(input);
  EXPECT_NE(first_with_code(at_level_1, "old-protocols-refused"), nullptr);
  const evaluation at_level_0 = evaluator(*catalog::find("3.0")).evaluate(input + ":@SECLEVEL=0");
  EXPECT_EQ(first_with_code(at_level_0, "old-protocols-refused"), nullptr);
  const evaluation on_1_1_1 = evaluator(*catalog::find("1.1.1")).evaluate(input);
  EXPECT_EQ(first_with_code(on_1_1_1, "old-protocols-refused"), nullptr)
      << "1.1.1w at its default level 1 completes TLS 1.0/1.1 handshakes";
}

TEST(findings, are_not_produced_on_the_fast_path) {
  const evaluation e = evaluator(*catalog::find("3.0")).evaluate("HIGH:FOO", detail_level::result);
  EXPECT_TRUE(e.ok);
  EXPECT_TRUE(e.diagnostics.empty());
  EXPECT_TRUE(e.outcomes.empty());
  EXPECT_TRUE(e.steps.empty());
}

TEST(findings, a_clean_string_has_none) {
  const evaluation e = evaluator(*catalog::find("3.0")).evaluate("ECDHE+AESGCM:ECDHE+CHACHA20");
  EXPECT_TRUE(e.diagnostics.empty())
      << render(e.diagnostics.front(), "ECDHE+AESGCM:ECDHE+CHACHA20");
}

TEST(findings, outcomes_say_what_happened_to_each_rule) {
  const evaluation e =
      evaluator(*catalog::find("3.0")).evaluate("HIGH:FOO!aNULL:@STRENGTH:kRSA+kECDHE");
  EXPECT_EQ(e.outcomes,
            (std::vector<rule_outcome>{rule_outcome::applied, rule_outcome::unknown_name,
                                       rule_outcome::skipped, rule_outcome::command_done,
                                       rule_outcome::conflict}));
}

TEST(trace, records_what_each_rule_added_removed_killed_and_moved) {
  const evaluation e =
      evaluator(*catalog::find("3.0"))
          .evaluate("DEFAULT:-ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES128-SHA:!AES256-SHA:+AES128-SHA",
                    detail_level::trace);
  ASSERT_EQ(e.steps.size(), 5u);
  EXPECT_EQ(e.steps[0].what, step::kind::default_prefix);
  EXPECT_EQ(e.steps[0].added.size(), 57u);
  EXPECT_EQ(e.steps[0].list.size(), 57u);
  ASSERT_EQ(e.steps[1].removed.size(), 1u);
  EXPECT_EQ(e.steps[1].removed[0]->name, "ECDHE-RSA-AES128-SHA");
  EXPECT_EQ(e.steps[1].list.size(), 56u);
  ASSERT_EQ(e.steps[2].added.size(), 1u);
  EXPECT_EQ(e.steps[2].list.back()->name, "ECDHE-RSA-AES128-SHA");
  ASSERT_EQ(e.steps[3].killed.size(), 1u);
  EXPECT_EQ(e.steps[3].killed[0]->name, "AES256-SHA");
  ASSERT_EQ(e.steps[4].moved.size(), 1u);
  EXPECT_EQ(e.steps[4].moved[0]->name, "AES128-SHA");
  EXPECT_EQ(e.steps[4].list.back()->name, "AES128-SHA");
  // The last step's list is the result without the TLS 1.3 suites in front.
  EXPECT_EQ(e.steps.back().list.size() + 3, e.ciphers.size());
  EXPECT_TRUE(
      std::equal(e.steps.back().list.begin(), e.steps.back().list.end(), e.ciphers.begin() + 3));
}

TEST(evaluation, memory_bytes_grows_with_the_detail_asked_for) {
  const evaluator e(*catalog::find("3.0"));
  const evaluation plain = e.evaluate("HIGH:!aNULL:-SHA1", detail_level::result);
  const evaluation traced = e.evaluate("HIGH:!aNULL:-SHA1", detail_level::trace);
  EXPECT_GE(plain.memory_bytes(),
            sizeof(evaluation) + plain.ciphers.size() * sizeof(const cipher*));
  // Three steps, each holding at least the list after it.
  std::size_t lists = 0;
  for (const step& s : traced.steps) lists += s.list.size() * sizeof(const cipher*);
  EXPECT_EQ(traced.steps.size(), 3u);
  EXPECT_GE(traced.memory_bytes(), plain.memory_bytes() + lists);
}

}  // namespace

// SPDX-License-Identifier: Apache-2.0
// The cipherexplain command as a user runs it: table, JSON, batch, help and exit codes.

#include <cipherexplain.hpp>

#include "oracle_data.hpp"
#include "run_process.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <openssl/crypto.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace cipherexplain;
using namespace cipherexplain::testing;

// Output fits $COLUMNS when stdout is not a terminal; most tests read whole tables, so they run
// wide unless a test set its own width.
process_result cli(const std::vector<std::string>& args, const std::string& input = {}) {
  setenv("COLUMNS", "1000", 0);
  return run_process(CIPHEREXPLAIN_CLI, args, input);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

const evaluator& release_3_0() {
  static const evaluator eval(*catalog::find("3.0"));
  return eval;
}

TEST(cli, prints_the_list_as_a_table_in_order) {
  const process_result r = cli({"DEFAULT:!3DES"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_GE(lines.size(), 70u);
  EXPECT_EQ(lines[0],
            "OpenSSL 3.0.19 accepts the string: 60 cipher suites, in order of preference.");
  EXPECT_EQ(lines[1], "");
  EXPECT_EQ(lines[2],
            " #  OpenSSL name                   IANA name                                      ID  "
            "    Protocol  "
            "Kx        Au     Enc                     Mac     Bits  Usable         Rating       "
            "Weaknesses");
  EXPECT_EQ(lines[3],
            " 1  TLS_AES_256_GCM_SHA384         TLS_AES_256_GCM_SHA384                         "
            "0x1302  TLSv1.3   "
            "any       any    AESGCM(256)             AEAD     256  yes            recommended  -");
  EXPECT_EQ(lines[62],
            "60  PSK-AES128-CBC-SHA             TLS_PSK_WITH_AES_128_CBC_SHA                   "
            "0x008C  SSLv3     "
            "PSK       PSK    AES(128)                SHA1     128  no: needs PSK  weak         "
            "no-forward-secrecy, cbc-mode, "
            "sha1-mac, pre-shared-key");
  // Every row, in the evaluator's order.
  const auto expected = names(release_3_0().evaluate("DEFAULT:!3DES").ciphers);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    std::istringstream row(lines[3 + i]);
    std::string number, name;
    row >> number >> name;
    EXPECT_EQ(number, std::to_string(i + 1));
    EXPECT_EQ(name, expected[i]);
  }
  // Then the verdict, and the findings: '!3DES' does nothing (3.0.19 compiles no 3DES suite).
  const std::size_t after = 3 + expected.size();
  EXPECT_EQ(lines[after], "");
  EXPECT_EQ(lines[after + 1],
            "Verdict: weak (the rating of the weakest suite a connection can use, which a peer may "
            "pick; the 30 no connection uses are not rated). 12 recommended, 0 secure, 18 weak, 0 "
            "insecure, 30 unusable (rules: docs/ratings.md).");
  EXPECT_EQ(lines[after + 3],
            "input:1:9: note: '!3DES' changes nothing: '3DES' matches no suite this build can use "
            "[no-effect]");
}

TEST(cli, explains_a_rejected_string_and_exits_1) {
  const process_result r = cli({"ALL:!"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out,
            "OpenSSL 3.0.19 rejects the string: SSL_CTX_set_cipher_list returns 0.\n"
            "The context keeps the cipher list it had before the call.\n"
            "\n"
            "input:1:6: error: expected a cipher name after '!', found the end of the string "
            "[missing-name]\n"
            "ALL:!\n"
            "     ^\n");
}

TEST(cli, says_when_nothing_is_selected_and_the_list_is_replaced_anyway) {
  const process_result r = cli({"RC4"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out,
            "OpenSSL 3.0.19 rejects the string: SSL_CTX_set_cipher_list returns 0.\n"
            "The context's list is replaced anyway: it keeps only the 3 TLS 1.3 suites.\n"
            "\n"
            "input:1:1: warning: 'RC4' names only algorithms this build of OpenSSL 3.0.19 cannot "
            "use; OpenSSL "
            "ignores the rule [name-unavailable]\n"
            "RC4\n"
            "^~~\n"
            "input:1:1: error: the string selects no TLS 1.2-or-older cipher suite, so OpenSSL "
            "3.0.19 rejects it "
            "(the context is left with only the TLS 1.3 suites) [no-cipher-selected]\n"
            "RC4\n"
            "^~~\n");
}

TEST(cli, shows_warnings_after_the_table_of_an_accepted_string) {
  const process_result r = cli({"FOO!aNULL:ECDHE+AESGCM"});
  EXPECT_EQ(r.exit_code, 0);
  const std::string tail =
      "input:1:1: warning: unknown name 'FOO' in OpenSSL 3.0.19; OpenSSL ignores the rule "
      "[unknown-name]\n"
      "FOO!aNULL:ECDHE+AESGCM\n"
      "^~~\n"
      "input:1:4: note: after an unknown name OpenSSL skips everything up to the next separator "
      "[skipped-text]\n"
      "FOO!aNULL:ECDHE+AESGCM\n"
      "   ^~~~~~\n";
  ASSERT_GE(r.out.size(), tail.size());
  EXPECT_EQ(r.out.substr(r.out.size() - tail.size()), tail);
}

TEST(cli, writes_json_with_every_field) {
  const process_result r = cli({"--format", "json", "--trace", "ECDHE+AESGCM:!aNULL"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::ordered_json::parse(r.out);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "openssl", "options", "input", "ok", "failure", "security_level", "verdict",
                      "ciphers", "steps", "steps_omitted", "diagnostics", "diagnostics_omitted"}));
  EXPECT_EQ(j["steps_omitted"], 0);
  EXPECT_TRUE(j["diagnostics_omitted"].empty());
  EXPECT_EQ(j["verdict"], "recommended");
  EXPECT_EQ(j["openssl"], "3.0.19");
  EXPECT_EQ(j["options"], "default build");
  EXPECT_EQ(j["input"], "ECDHE+AESGCM:!aNULL");
  EXPECT_EQ(j["ok"], true);
  EXPECT_EQ(j["failure"], "none");
  EXPECT_EQ(j["security_level"], 2);
  const auto expected = release_3_0().evaluate("ECDHE+AESGCM:!aNULL").ciphers;
  ASSERT_EQ(j["ciphers"].size(), expected.size());
  EXPECT_EQ(j["ciphers"][3],
            nlohmann::ordered_json::parse(R"j({"name": "ECDHE-ECDSA-AES256-GCM-SHA384",
      "iana": "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "id": "0xC02C", "protocol": "TLSv1.2", "kx": "ECDH",
      "au": "ECDSA", "enc": "AESGCM(256)", "mac": "AEAD", "bits": 256, "usable": true,
      "unusable_reason": null, "rating": "recommended",
      "weaknesses": []})j"));
  // One step per rule, saying what it did.
  ASSERT_EQ(j["steps"].size(), 2u);
  // ECDHE already excludes anonymous suites, so '!aNULL' only kills the 13 that were never listed.
  EXPECT_EQ(j["steps"][1],
            nlohmann::ordered_json::parse(R"j({"kind": "rule", "text": "!aNULL", "offset": 13,
      "length": 6, "outcome": "applied", "matched": 13, "added": [], "removed": [],
      "killed": ["ADH-AES256-GCM-SHA384", "ADH-AES128-GCM-SHA256", "ADH-AES256-SHA256", "ADH-CAMELLIA256-SHA256",
                 "ADH-AES128-SHA256", "ADH-CAMELLIA128-SHA256", "AECDH-AES256-SHA", "ADH-AES256-SHA",
                 "ADH-CAMELLIA256-SHA", "AECDH-AES128-SHA", "ADH-AES128-SHA", "ADH-CAMELLIA128-SHA",
                 "AECDH-NULL-SHA"], "moved": [], "list_size": 4})j"))
      << j["steps"][1].dump();
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(j["ciphers"][i]["name"], expected[i]->name);
  EXPECT_TRUE(j["diagnostics"].empty());
}

// The verdict rates what a connection can use (issue 11.4): at level 2 no connection uses the
// eNULL suites, so 'ECDHE+AESGCM:eNULL' is recommended, not insecure; each suite says why not.
TEST(cli, rates_only_the_suites_a_connection_can_use) {
  const auto j = nlohmann::ordered_json::parse(cli({"--format", "json", "ECDHE+AESGCM:eNULL"}).out);
  EXPECT_EQ(j["verdict"], "recommended");
  std::size_t usable = 0;
  for (const auto& c : j["ciphers"]) {
    if (c["usable"].get<bool>()) {
      ++usable;
      EXPECT_TRUE(c["unusable_reason"].is_null());
    } else {
      EXPECT_FALSE(c["unusable_reason"].get<std::string>().empty());
    }
  }
  EXPECT_EQ(usable, 7u);  // what `openssl ciphers -s` lists: the 3 TLS 1.3 and 4 ECDHE AEAD suites
  EXPECT_NE(cli({"ECDHE+AESGCM:eNULL"})
                .out.find("Verdict: recommended (the rating of the weakest "
                          "suite a connection can use"),
            std::string::npos);
  // 1.1.0 has no TLS 1.3 suites, which every later list starts with.
  const auto psk_only =
      nlohmann::ordered_json::parse(cli({"--openssl", "1.1.0", "--format", "json", "PSK"}).out);
  EXPECT_EQ(psk_only["verdict"], "none");
  EXPECT_NE(cli({"--openssl", "1.1.0", "PSK"})
                .out.find("Verdict: none (no connection can use any of the"),
            std::string::npos);
}

TEST(cli, quiet_shows_errors_and_warnings_only_and_hide_drops_chosen_codes) {
  const std::string input = "HIGH:FOO!x:!3DES";
  const process_result all = cli({input});
  ASSERT_NE(all.out.find("[unusable-suites]"), std::string::npos);
  ASSERT_NE(all.out.find("[no-effect]"), std::string::npos);
  const process_result quiet = cli({"-q", input});
  EXPECT_EQ(quiet.out.find("note:"), std::string::npos) << quiet.out;
  EXPECT_NE(quiet.out.find("[unknown-name]"), std::string::npos);
  const process_result hidden = cli({"--hide", "unusable-suites,no-effect", input});
  EXPECT_EQ(hidden.out.find("[unusable-suites]"), std::string::npos);
  EXPECT_EQ(hidden.out.find("[no-effect]"), std::string::npos);
  EXPECT_NE(hidden.out.find("[skipped-text]"), std::string::npos);
  const auto j = nlohmann::ordered_json::parse(cli({"--format", "json", "-q", input}).out);
  for (const auto& d : j["diagnostics"]) EXPECT_NE(d["severity"], "note");
  const process_result unknown = cli({"--hide", "nope", "HIGH"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(
      unknown.err.rfind(
          "cipherexplain: --hide: 'nope' is not a diagnostic code; the codes are missing-name, ",
          0),
      0u);
}

TEST(cli, writes_diagnostics_in_json) {
  const process_result r = cli({"--format", "json", "HIGH:@SECLEVEL=7"});
  EXPECT_EQ(r.exit_code, 1);
  const auto j = nlohmann::ordered_json::parse(r.out);
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(j["failure"], "syntax");
  EXPECT_TRUE(j["ciphers"].empty());
  ASSERT_EQ(j["diagnostics"].size(), 1u);
  EXPECT_EQ(j["diagnostics"][0], nlohmann::ordered_json::parse(R"j({"code": "bad-security-level",
      "severity": "error", "offset": 5, "length": 11,
      "message": "'@SECLEVEL=7' is not a security level: write @SECLEVEL= and one digit from 0 to 5",
      "suggestion": ""})j"));
}

TEST(cli, accepts_a_string_starting_with_a_dash_after_double_dash) {
  const process_result r = cli({"--", "-ALL:HIGH"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines_of(r.out)[0],
            "OpenSSL 3.0.19 accepts the string: 140 cipher suites, in order of preference.");
}

TEST(cli, chooses_the_release_by_series_or_exact_name) {
  EXPECT_EQ(cli({"--openssl", "3.0", "HIGH"}).out, cli({"--openssl", "3.0.19", "HIGH"}).out);
}

TEST(cli, rejects_an_unknown_release_listing_the_known_ones) {
  const process_result r = cli({"--openssl", "2.7", "HIGH"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  std::string known;
  for (const catalog* c : catalog::all())
    known += known.empty() ? std::string(c->release()) : ", " + std::string(c->release());
  EXPECT_EQ(r.err,
            "cipherexplain: --openssl: unknown OpenSSL release '2.7'; known: " + known +
                " (or a series such as 3.0, latest, system, all, or a comma-separated list)\n"
                "Run 'cipherexplain --help' for usage.\n");
}

TEST(cli, usage_errors_exit_2) {
  EXPECT_EQ(cli({}).exit_code, 2);
  EXPECT_EQ(cli({"--format", "xml", "HIGH"}).exit_code, 2);
  EXPECT_EQ(cli({"--no-such-option"}).exit_code, 2);
  EXPECT_EQ(cli({"HIGH", "LOW"}).exit_code, 2);
}

TEST(cli, help_teaches_syntax_and_exit_codes) {
  const process_result r = cli({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("cipherexplain 'DEFAULT:!3DES'"), std::string::npos);
  EXPECT_NE(r.out.find("'!' = remove for good"), std::string::npos);
  EXPECT_NE(
      r.out.find(
          "Exit status: 0 OpenSSL accepts the string (every chosen release does), 1 "
          "OpenSSL rejects\nit (some release does), 2 usage error, 3 accepted but the list breaks "
          "the --policy."),
      std::string::npos);
  EXPECT_NE(r.out.find("--legacy-provider"), std::string::npos);
  EXPECT_NE(r.out.find("versions"), std::string::npos);
  EXPECT_NE(r.out.find("batch"), std::string::npos);
  const process_result b = cli({"batch", "--help"});
  EXPECT_EQ(b.exit_code, 0);
  EXPECT_NE(b.out.find("'\\n' ends a line"), std::string::npos);
}

TEST(cli, version_names_library_and_catalogs) {
  const process_result r = cli({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(
      r.out.rfind("cipherexplain " + std::string(library_version) + " (OpenSSL catalogs: ", 0), 0u);
}

TEST(cli, batch_writes_one_json_object_per_line_in_the_oracle_shape) {
  // Tab, CR, an empty line, a byte that is not UTF-8 and a last line without '\n'.
  const std::string input =
      std::string("HIGH\n\tHIGH\nHIGH\r\n\nAES\xff\nkRSA+AES128+SHA1:!") + "aNULL";
  const process_result r = cli({"batch", "--openssl", "3.0"}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto out = lines_of(r.out);
  ASSERT_EQ(out.size(), 6u);
  EXPECT_EQ(out[1], R"({"input": "\tHIGH", "ok": false, "ciphers": []})");
  EXPECT_EQ(out[2], R"({"input": "HIGH\r", "ok": false, "ciphers": []})");
  EXPECT_EQ(out[3], R"({"input": "", "ok": false, "ciphers": []})");
  EXPECT_EQ(out[4], R"({"input": "AES\udcff", "ok": false, "ciphers": []})");
  const std::vector<std::string> inputs{"HIGH", "kRSA+AES128+SHA1:!aNULL"};
  for (const std::size_t i : {std::size_t{0}, std::size_t{5}}) {
    const auto j = nlohmann::ordered_json::parse(out[i]);
    EXPECT_EQ(out[i].rfind("{\"input\": ", 0), 0u);
    EXPECT_EQ(j["input"], inputs[i == 0 ? 0 : 1]);
    EXPECT_EQ(j["ok"], true);
    std::vector<std::string> got;
    for (const auto& n : j["ciphers"]) got.push_back(n.get<std::string>());
    EXPECT_EQ(got, names(release_3_0().evaluate(inputs[i == 0 ? 0 : 1]).ciphers));
  }
}

TEST(cli, batch_reproduces_the_recorded_results_byte_for_byte) {
  std::ifstream corpus(corpus_dir() + "/corpus.txt", std::ios::binary);
  std::ifstream results(corpus_dir() + "/openssl-3.0.19/results.jsonl", std::ios::binary);
  std::ostringstream c, expected;
  c << corpus.rdbuf();
  expected << results.rdbuf();
  const process_result r = cli({"batch", "--openssl", "3.0.19"}, c.str());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto got = lines_of(r.out);
  const auto want = lines_of(expected.str());
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got[i], want[i]) << "line " << i + 1;
}

// Every release at once: for each input line, one line per release in release order, each the
// recorded oracle line with "openssl" first. This is how the whole corpus runs in one process.
TEST(cli, batch_on_all_releases_reproduces_every_recorded_result) {
  std::ifstream corpus(corpus_dir() + "/corpus.txt", std::ios::binary);
  std::ostringstream c;
  c << corpus.rdbuf();
  const process_result r = cli({"batch", "--openssl", "all"}, c.str());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto got = lines_of(r.out);
  const auto releases = catalog::all();
  std::vector<std::vector<std::string>> want;
  for (const catalog* release : releases) {
    std::ifstream results(
        corpus_dir() + "/openssl-" + std::string(release->release()) + "/results.jsonl",
        std::ios::binary);
    std::ostringstream e;
    e << results.rdbuf();
    want.push_back(lines_of(e.str()));
  }
  ASSERT_EQ(got.size(), want.front().size() * releases.size());
  for (std::size_t line = 0; line < want.front().size(); ++line) {
    for (std::size_t k = 0; k < releases.size(); ++k) {
      const std::string expected = "{\"openssl\": \"" + std::string(releases[k]->release()) +
                                   "\", " + want[k][line].substr(1);
      ASSERT_EQ(got[line * releases.size() + k], expected) << "line " << line + 1;
    }
  }
}

TEST(cli, batch_rejects_an_unknown_release) {
  const process_result r = cli({"batch", "--openssl", "9.9"}, "HIGH\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("unknown OpenSSL release '9.9'"), std::string::npos);
}

TEST(cli, compares_all_releases_side_by_side) {
  const std::string input = "ECDHE+AESGCM:!aNULL:CHACHA20";
  const process_result r = cli({"--openssl", "all", input});
  const auto lines = lines_of(r.out);
  std::size_t accepted = 0;
  for (const catalog* c : catalog::all()) accepted += evaluator(*c).evaluate(input).ok ? 1u : 0u;
  EXPECT_EQ(r.exit_code, accepted == catalog::all().size() ? 0 : 1);
  ASSERT_GT(lines.size(), catalog::all().size() + 3);
  EXPECT_EQ(lines[0], std::to_string(accepted) + " of " + std::to_string(catalog::all().size()) +
                          " releases accept the string.");
  EXPECT_EQ(lines[2].rfind("Release  Result   Suites  Change from the row above  Findings", 0), 0u);
  for (std::size_t i = 0; i < catalog::all().size(); ++i) {
    const catalog& c = *catalog::all()[i];
    const evaluation e = evaluator(c).evaluate(input);
    std::istringstream row(lines[3 + i]);
    std::string release, verdict, count;
    row >> release >> verdict >> count;
    EXPECT_EQ(release, c.release());
    EXPECT_EQ(verdict, e.ok ? "accepts" : "rejects");
    EXPECT_EQ(count, e.ok ? std::to_string(e.ciphers.size()) : "-");
  }
  // 1.0.2 has no ChaCha20; 1.1.0 adds it.
  EXPECT_NE(r.out.find("1.0.2u -> 1.1.0l:\n  added:   ECDHE-ECDSA-CHACHA20-POLY1305"),
            std::string::npos)
      << r.out;
}

TEST(cli, compares_chosen_releases_as_json_with_the_changes_between_them) {
  const std::string input = "DEFAULT";
  const process_result r = cli({"--openssl", "1.0.2,3.5", "--format", "json", input});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::ordered_json::parse(r.out);
  EXPECT_EQ(j["input"], input);
  ASSERT_EQ(j["releases"].size(), 2u);
  EXPECT_EQ(j["releases"][0]["openssl"], "1.0.2u");
  EXPECT_EQ(j["releases"][1]["openssl"], "3.5.9");
  const evaluation old_list = evaluator(*catalog::find("1.0.2")).evaluate(input);
  const evaluation new_list = evaluator(*catalog::find("3.5")).evaluate(input);
  std::vector<std::string> got;
  for (const auto& n : j["releases"][1]["ciphers"]) got.push_back(n.get<std::string>());
  EXPECT_EQ(got, names(new_list.ciphers));
  const list_diff d = diff_lists(old_list.ciphers, new_list.ciphers);
  ASSERT_EQ(j["changes"].size(), 1u);
  EXPECT_EQ(j["changes"][0]["from"], "1.0.2u");
  EXPECT_EQ(j["changes"][0]["to"], "3.5.9");
  EXPECT_EQ(j["changes"][0]["added"].size(), d.added.size());
  EXPECT_EQ(j["changes"][0]["removed"].size(), d.removed.size());
  EXPECT_EQ(j["changes"][0]["moved"].size(), d.moved.size());
  EXPECT_FALSE(d.removed.empty());
}

TEST(cli, latest_is_the_newest_catalog_and_system_the_linked_one) {
  const std::string newest(catalog::all().back()->release());
  EXPECT_EQ(cli({"--openssl", "latest", "HIGH"}).out, cli({"--openssl", newest, "HIGH"}).out);
  const unsigned long v = OpenSSL_version_num();
  const catalog* system = catalog::find(fmt::format("{}.{}", (v >> 28) & 0xf, (v >> 20) & 0xff));
  ASSERT_NE(system, nullptr);
  const process_result r = cli({"--openssl", "system", "HIGH"});
  EXPECT_EQ(lines_of(r.out)[0].rfind("OpenSSL " + std::string(system->release()) + " accepts", 0),
            0u)
      << r.out;
}

// --openssl system says which recorded release answers for an unrecorded system release (issue
// 11.6: with a 3.0.2 libcrypto the tool said "OpenSSL 3.0.19" and nothing else).
TEST(cli, system_says_which_recorded_release_stands_in_for_the_system_one) {
  auto with = [](const char* library, std::vector<std::string> args) {
    args.insert(args.begin(),
                {std::string("CIPHEREXPLAIN_LIBCRYPTO=") + library, CIPHEREXPLAIN_CLI});
    return run_process("/usr/bin/env", args);
  };
  const process_result r = with(STUB_LIBCRYPTO_302, {"--openssl", "system", "HIGH"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines_of(r.out)[0],
            "OpenSSL 3.0.19 stands in for the system's OpenSSL 3.0.2, which is not recorded: it is "
            "the newest recorded release of the 3.0 series, and point releases can differ (3.0.7 "
            "changed how a missing name is handled, for one).");
  EXPECT_EQ(nlohmann::ordered_json::parse(
                with(STUB_LIBCRYPTO_302, {"--openssl", "system", "--format", "json", "HIGH"})
                    .out)["stands_in_for"],
            "3.0.2");
  EXPECT_NE(
      with(STUB_LIBCRYPTO_302, {"versions"}).out.find("3.0.19 (stands in for the system's 3.0.2)"),
      std::string::npos);
  const process_result broken = with(STUB_LIBCRYPTO_BROKEN, {"versions"});
  EXPECT_EQ(broken.exit_code, 0) << broken.err;
  EXPECT_NE(broken.out.find("3.0.19 (system)"), std::string::npos);
  const process_result none = with("/no/such/libcrypto.so", {"--openssl", "system", "HIGH"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(
      none.err,
      "cipherexplain: --openssl: system: cannot load /no/such/libcrypto.so: cannot open shared object file: No such file or directory\n"
      "Run 'cipherexplain --help' for usage.\n");
}

TEST(cli, versions_lists_every_catalog_with_its_build) {
  const process_result r = cli({"versions"});
  EXPECT_EQ(r.exit_code, 0);
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), catalog::all().size() + 1);
  EXPECT_EQ(lines[0].rfind("Release", 0), 0u);
  for (std::size_t i = 0; i < catalog::all().size(); ++i) {
    EXPECT_EQ(lines[1 + i].rfind(std::string(catalog::all()[i]->release()), 0), 0u);
    EXPECT_NE(lines[1 + i].find(std::string(catalog::all()[i]->build())), std::string::npos);
  }
  const auto j = nlohmann::ordered_json::parse(cli({"versions", "--format", "json"}).out);
  ASSERT_EQ(j.size(), catalog::all().size());
  int latest = 0, system = 0;
  for (const auto& v : j) {
    latest += v["latest"].get<bool>() ? 1 : 0;
    system += v["system"].get<bool>() ? 1 : 0;
  }
  EXPECT_EQ(latest, 1);
  EXPECT_EQ(system, 1);
  EXPECT_EQ(j[0]["release"], "1.0.1u");
  EXPECT_EQ(j[0]["security_level"], -1);
  EXPECT_EQ(j[0]["build_options"], "weak-ciphers, sslv2");
}

TEST(cli, build_options_change_the_result_and_show_in_the_output) {
  const process_result plain = cli({"SEED"});
  EXPECT_EQ(plain.exit_code, 1);
  const process_result legacy = cli({"--legacy-provider", "SEED"});
  EXPECT_EQ(legacy.exit_code, 0) << legacy.out;
  build_options o;
  o.legacy_provider = true;
  const evaluation e = evaluator(*catalog::find("3.0"), o).evaluate("SEED");
  EXPECT_EQ(lines_of(legacy.out)[0], "OpenSSL 3.0.19 (legacy provider) accepts the string: " +
                                         std::to_string(e.ciphers.size()) +
                                         " cipher suites, in order of preference.");
  const auto j = nlohmann::ordered_json::parse(
      cli({"--format", "json", "--weak-ciphers", "--security-level", "1", "3DES"}).out);
  EXPECT_EQ(j["options"], "weak ciphers, security level 1");
  EXPECT_EQ(j["security_level"], 1);
  EXPECT_EQ(j["ok"], true);
}

TEST(cli, rejects_a_build_option_the_release_lacks) {
  const process_result r = cli({"--openssl", "1.1.1", "--legacy-provider", "HIGH"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "cipherexplain: OpenSSL 1.1.1w has no legacy provider (providers exist from 3.0)\n"
            "Run 'cipherexplain --help' for usage.\n");
  EXPECT_EQ(cli({"--security-level", "9", "HIGH"}).exit_code, 2);
}

TEST(cli, applies_each_build_option_only_where_a_release_has_it_when_comparing) {
  const process_result r = cli({"--openssl", "1.1.1,3.0", "--legacy-provider", "SEED"});
  const auto lines = lines_of(r.out);
  ASSERT_GE(lines.size(), 5u);
  EXPECT_EQ(lines[3].rfind("1.1.1w ", 0), 0u);
  EXPECT_EQ(lines[4].rfind("3.0.19 (legacy provider) ", 0), 0u);
}

TEST(cli, batch_takes_build_options_and_any_release) {
  const process_result r = cli({"batch", "--openssl", "3.0", "--legacy-provider"}, "SEED\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  build_options o;
  o.legacy_provider = true;
  const auto j = nlohmann::ordered_json::parse(r.out);
  std::vector<std::string> got;
  for (const auto& n : j["ciphers"]) got.push_back(n.get<std::string>());
  EXPECT_EQ(got, names(evaluator(*catalog::find("3.0"), o).evaluate("SEED").ciphers));
  for (const catalog* c : catalog::all()) {
    const process_result b = cli({"batch", "--openssl", std::string(c->release())}, "DEFAULT\n");
    EXPECT_EQ(b.exit_code, 0) << c->release();
    EXPECT_EQ(nlohmann::ordered_json::parse(b.out)["ok"], true) << c->release();
  }
}

TEST(cli, trace_shows_what_each_rule_did) {
  const process_result r = cli({"--trace", "HIGH:-aRSA:ALL"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::size_t at = r.out.find("What each rule did:\n");
  ASSERT_NE(at, std::string::npos) << r.out;
  const std::string trace = r.out.substr(at, r.out.find("\n\n", at) - at);
  const auto lines = lines_of(trace);
  ASSERT_EQ(lines.size(), 13u) << trace;
  EXPECT_EQ(lines[1], "  1. 'HIGH' at 1:1: applied");
  EXPECT_EQ(lines[5], "  2. '-aRSA' at 1:6: applied");
  EXPECT_EQ(
      lines[7].rfind(
          "     removed 57 (a later rule may add them back): ECDHE-RSA-AES256-GCM-SHA384, ", 0),
      0u);
  EXPECT_EQ(lines[8], "     list: 80 suites");
  EXPECT_EQ(lines[9], "  3. 'ALL' at 1:12: applied");
  EXPECT_EQ(lines[11].rfind("     added 57: ECDHE-RSA-AES256-GCM-SHA384, ", 0), 0u);
  EXPECT_EQ(lines[12], "     list: 137 suites");
}

TEST(cli, why_follows_one_suite_through_the_rules) {
  const process_result r = cli({"--why", "AES128-SHA", "--why", "SEED-SHA", "HIGH:!SHA1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Why AES128-SHA is not in the list:\n"
                       "  'HIGH' at 1:1 added it (now at position 133)\n"
                       "  '!SHA1' at 1:6 removed it for good\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Why SEED-SHA is not in the list:\n"
                       "  OpenSSL 3.0.19 with this build never considers it: its algorithms are "
                       "not available.\n"),
            std::string::npos);
  const process_result unknown = cli({"--why", "NOPE", "HIGH"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err,
            "cipherexplain: --why: OpenSSL 3.0.19 has no suite named 'NOPE'\n"
            "Run 'cipherexplain --help' for usage.\n");
}

TEST(cli, policy_lists_violations_and_exits_3) {
  const process_result pass =
      cli({"--policy", "mozilla-intermediate", "ECDHE+AESGCM:ECDHE+CHACHA20"});
  EXPECT_EQ(pass.exit_code, 0);
  EXPECT_NE(pass.out.find("\nPolicy mozilla-intermediate-6.0 (Mozilla server-side TLS 6.0, "
                          "intermediate): every suite is "
                          "allowed.\n"),
            std::string::npos)
      << pass.out;
  const process_result fail = cli({"--policy", "mozilla-intermediate", "ECDHE+AESGCM:AES128-SHA"});
  EXPECT_EQ(fail.exit_code, 3);
  EXPECT_NE(fail.out.find("\nPolicy mozilla-intermediate-6.0 (Mozilla server-side TLS 6.0, "
                          "intermediate): 1 of 8 suites "
                          "are not allowed: AES128-SHA\n"),
            std::string::npos)
      << fail.out;
  const auto j = nlohmann::ordered_json::parse(
      cli({"--format", "json", "--policy", "mozilla-modern", "ECDHE+AESGCM"}).out);
  EXPECT_EQ(j["policy"]["name"], "mozilla-modern-6.0");  // the output says which version
  EXPECT_EQ(j["policy"]["violations"].size(), 4u);
  EXPECT_EQ(j["policy"]["checked"], true);
  // A rejected string is not compliant, only unchecked (before: just "violations": []).
  const auto rejected = nlohmann::ordered_json::parse(
      cli({"--format", "json", "--policy", "mozilla-modern", "FOO"}).out);
  EXPECT_EQ(rejected["policy"]["checked"], false);
  EXPECT_TRUE(rejected["policy"]["violations"].empty());
  EXPECT_EQ(cli({"--policy", "nope", "HIGH"}).exit_code, 2);
}

// Each Mozilla profile passes its own published string through the CLI, on a release of its
// time (issue 11.2: the unversioned profile was 6.0's lists under a 5.8 label).
TEST(cli, policy_passes_each_mozilla_profile_its_own_published_string) {
  for (const profile& p : profiles()) {
    if (p.cipher_string.empty()) continue;
    const process_result r = cli({"--openssl", p.version == "4.0" ? "1.0.2" : "3.0", "--policy",
                                  p.name, "--", p.cipher_string});
    EXPECT_EQ(r.exit_code, 0) << p.name << "\n" << r.out;
    EXPECT_NE(
        r.out.find("\nPolicy " + p.name + " (" + p.description + "): every suite is allowed."),
        std::string::npos)
        << p.name;
  }
  EXPECT_EQ(cli({"--policy", "mozilla-intermediate-5.7", "DHE-RSA-AES128-GCM-SHA256"}).exit_code,
            0);
  EXPECT_EQ(cli({"--policy", "mozilla-intermediate-5.8", "DHE-RSA-AES128-GCM-SHA256"}).exit_code,
            3);
}

TEST(cli, diff_compares_two_strings_like_diff) {
  const process_result same = cli({"diff", "HIGH", "ALL"});
  EXPECT_EQ(same.exit_code, 0) << same.out;
  EXPECT_EQ(same.out,
            "OpenSSL 3.0.19:\nA 'HIGH': accepted, 140 suites\nB 'ALL': accepted, 140 "
            "suites\n\nFrom A to B:\nThe lists "
            "are the same.\n");
  const process_result changed =
      cli({"diff", "ECDHE+AESGCM",
           "ECDHE+AESGCM:-ECDHE-RSA-AES128-GCM-SHA256:+ECDHE-ECDSA-AES256-GCM-SHA384:AES128-SHA"});
  EXPECT_EQ(changed.exit_code, 1);
  EXPECT_NE(
      changed.out.find("added 1: AES128-SHA\nremoved 1: ECDHE-RSA-AES128-GCM-SHA256\nmoved 1: "
                       "ECDHE-ECDSA-AES256-GCM-SHA384 (from 4 to 6)\n"),
      std::string::npos)
      << changed.out;
  const auto j =
      nlohmann::ordered_json::parse(cli({"diff", "--format", "json", "HIGH", "HIGH:!SHA1"}).out);
  EXPECT_EQ(j["a"]["ciphers"].size(), 140u);
  EXPECT_EQ(j["removed"].size(), 140u - j["b"]["ciphers"].size());
  EXPECT_TRUE(j["added"].empty());
}

TEST(cli, convert_turns_names_and_code_points_into_each_other) {
  const process_result r = cli(
      {"convert", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "0xC013", "0xC0,0x2C", "AES128-SHA"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto rows = lines_of(r.out);
  ASSERT_EQ(rows.size(), 5u);
  auto cells = [](const std::string& row) {
    std::istringstream in(row);
    std::vector<std::string> out;
    for (std::string cell; in >> cell;) out.push_back(cell);
    return out;
  };
  EXPECT_EQ(cells(rows[0]), (std::vector<std::string>{"Input", "OpenSSL", "name", "IANA", "name",
                                                      "Code", "point"}));
  EXPECT_EQ(cells(rows[1]),
            (std::vector<std::string>{"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                                      "ECDHE-RSA-AES128-GCM-SHA256",
                                      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "0xC0,0x2F"}));
  EXPECT_EQ(cells(rows[2]),
            (std::vector<std::string>{"0xC013", "ECDHE-RSA-AES128-SHA",
                                      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "0xC0,0x13"}));
  EXPECT_EQ(cells(rows[3]),
            (std::vector<std::string>{"0xC0,0x2C", "ECDHE-ECDSA-AES256-GCM-SHA384",
                                      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "0xC0,0x2C"}));
  EXPECT_EQ(cells(rows[4]),
            (std::vector<std::string>{"AES128-SHA", "AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA",
                                      "0x00,0x2F"}));
  const process_result unknown =
      cli({"convert", "--openssl", "1.0.2", "TLS_CHACHA20_POLY1305_SHA256"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.out.find("not a suite of OpenSSL 1.0.2u"), std::string::npos);
  const auto j = nlohmann::ordered_json::parse(cli({"convert", "--format", "json", "0xCCA8"}).out);
  EXPECT_EQ(j[0]["name"], "ECDHE-RSA-CHACHA20-POLY1305");
  EXPECT_EQ(j[0]["iana"], "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
}

// Colour goes on the parts of a finding, never on the echoed input: an input line that starts
// with "help:" stays plain, and the caret line is the one painted.
TEST(cli, colours_the_caret_line_and_not_an_input_line_that_looks_like_help) {
  const process_result r = cli({"--color", "always", "help:HIGH"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\nhelp:HIGH\n\x1b[1;32m^~~~\x1b[0m\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\x1b[1minput:1:1:\x1b[0m \x1b[1;35mwarning:\x1b[0m unknown name 'help'"),
            std::string::npos)
      << r.out;
}

// The CLI writes the library's documents: its JSON is evaluation_json() byte for byte.
TEST(cli, writes_the_json_document_the_library_builds) {
  for (const std::string input : {"ECDHE+AESGCM:!aNULL", "HIGH:FOO:@SECLEVEL=9", "DEFAULTz"}) {
    const evaluation e = release_3_0().evaluate(input);
    EXPECT_EQ(cli({"--format", "json", input}).out, evaluation_json(release_3_0(), input, e));
    evaluation_report with_policy;
    with_policy.check = find_profile("mozilla-old");
    EXPECT_EQ(cli({"--format", "json", "--policy", "mozilla-old", input}).out,
              evaluation_json(release_3_0(), input, e, with_policy));
    // --trace adds the steps, and only then are they computed.
    const evaluation traced = release_3_0().evaluate(input, detail_level::trace);
    evaluation_report with_steps;
    with_steps.steps = true;
    EXPECT_EQ(cli({"--format", "json", "--trace", input}).out,
              evaluation_json(release_3_0(), input, traced, with_steps));
  }
}

// Failures inside the tool are not usage errors: out of memory gets its own message and exit
// status. A 40 MB address-space limit is far below what a whole JSON trace of this string takes
// (80,000 steps, each holding the list after it).
TEST(cli, reports_running_out_of_memory_with_exit_status_4) {
  if (CIPHEREXPLAIN_SANITIZED) {
    GTEST_SKIP() << "out of scope under ASan, which reserves more address space than the limit";
  }
  const process_result r =
      run_process("/bin/sh", {"-c",
                              "ulimit -v 40000; yes 'HIGH:!aNULL:' | head -n 40000 | tr -d '\\n' | "
                              "exec \"$0\" --format json --trace --trace-limit 0 -",
                              CIPHEREXPLAIN_CLI});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  // Asked for JSON, the failure is JSON too.
  EXPECT_EQ(r.err,
            "{\"error\": {\"kind\": \"internal\", \"message\": \"out of memory\", "
            "\"exit_status\": 4}}\n");
}

TEST(cli, help_lists_exit_statuses_4_to_6) {
  EXPECT_NE(cli({"--help"})
                .out.find("4 means the tool itself failed (out of memory, a bug), 5 that "
                          "the output could not be\nwritten (a full disk, a closed "
                          "stdout), 6 that an input could not be read; stderr says "
                          "what."),
            std::string::npos);
  EXPECT_NE(cli({"batch", "--help"}).out.find("6 an input could not\nbe read"), std::string::npos);
}

// A lost write is reported, with its own exit status (before: 0, or 2 for batch, silently).
TEST(cli, reports_output_it_could_not_write_with_exit_status_5) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"exec \"$0\" DEFAULT >/dev/full", "No space left on device"},
      {"exec \"$0\" --format text --openssl all HIGH >/dev/full", "No space left on device"},
      {"echo HIGH | \"$0\" batch >/dev/full", "No space left on device"},
      {"exec \"$0\" --help >/dev/full", "No space left on device"},
      {"exec \"$0\" versions >&-", "Bad file descriptor"},
  };
  for (const auto& [script, reason] : cases) {
    const process_result r = run_process("/bin/sh", {"-c", script, CIPHEREXPLAIN_CLI});
    EXPECT_EQ(r.exit_code, 5) << script;
    EXPECT_EQ(r.err, "cipherexplain: cannot write to stdout: " + reason + "\n") << script;
  }
  // With SIGPIPE ignored, a reader that went away is a failed write too. The reader is gone
  // before the tool writes; the tool's own status is echoed to stderr.
  const process_result piped = run_process(
      "/bin/sh",
      {"-c",
       "trap '' PIPE; { sleep 0.2; \"$0\" --openssl all DEFAULT; echo \"rc=$?\" >&2; } | true",
       CIPHEREXPLAIN_CLI});
  EXPECT_EQ(piped.err, "cipherexplain: cannot write to stdout: Broken pipe\nrc=5\n");
}

// An option written before a subcommand's name applies to it, or is refused in words; it is
// never dropped (before, each of these ran on 3.0 or printed text, exit 0).
TEST(cli, options_before_a_subcommand_apply_to_it) {
  EXPECT_EQ(lines_of(cli({"--openssl", "1.0.2", "diff", "HIGH", "ALL"}).out)[0], "OpenSSL 1.0.2u:");
  EXPECT_EQ(cli({"--openssl", "1.0.2", "batch"}, "CHACHA20:HIGH\n").out,
            cli({"batch", "--openssl", "1.0.2"}, "CHACHA20:HIGH\n").out);
  EXPECT_NE(cli({"--openssl", "1.0.2", "convert", "TLS_CHACHA20_POLY1305_SHA256"})
                .out.find("not a suite of OpenSSL 1.0.2u"),
            std::string::npos);
  EXPECT_EQ(nlohmann::ordered_json::parse(
                cli({"--format", "json", "diff", "HIGH", "ALL"}).out)["openssl"],
            "3.0.19");
  EXPECT_EQ(nlohmann::ordered_json::parse(cli({"--format", "json", "versions"}).out).size(),
            catalog::all().size());
  EXPECT_EQ(cli({"--legacy-provider", "batch"}, "SEED\n").out,
            cli({"batch", "--legacy-provider"}, "SEED\n").out);
  EXPECT_EQ(cli({"--openssl", "1.0.2", "diff", "--openssl", "1.0.2", "HIGH", "HIGH"}).exit_code, 0);
}

TEST(cli, refuses_options_before_a_subcommand_that_does_not_take_them) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"--trace", "diff", "A", "B"}, "--trace does not apply to 'diff'"},
      {{"--openssl", "1.0.2", "versions"}, "--openssl does not apply to 'versions'"},
      {{"--format", "text", "batch"}, "--format does not apply to 'batch'"},
      {{"--policy", "mozilla-old", "convert", "0xC02F"}, "--policy does not apply to 'convert'"},
      {{"--openssl", "1.0.2", "diff", "--openssl", "3.0", "A", "B"},
       "--openssl is given before 'diff' (1.0.2) and after it (3.0); give it once"},
      {{"HIGH", "diff", "A", "B"},
       "'HIGH' before 'diff' would be a cipher string, which 'diff' does not take; write the "
       "subcommand first"},
  };
  for (const auto& [args, message] : cases) {
    const process_result r = cli(args);
    EXPECT_EQ(r.exit_code, 2) << args.front();
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_EQ(r.err, "cipherexplain: " + message + "\nRun 'cipherexplain --help' for usage.\n");
  }
}

// '-' and --file read the string (issue 11.14), so '!' needs no shell quoting.
TEST(cli, reads_the_string_from_stdin_or_a_file) {
  const std::string expected = cli({"HIGH:!aNULL"}).out;
  EXPECT_EQ(cli({"-"}, "HIGH:!aNULL\n").out, expected);  // one final line feed is dropped
  const std::string path = ::testing::TempDir() + "/cipher-string.txt";
  std::ofstream(path) << "HIGH:!aNULL\n";
  EXPECT_EQ(cli({"--file", path}).out, expected);
  EXPECT_EQ(cli({"--file", "-"}, "HIGH:!aNULL").out, expected);
  const process_result both = cli({"--file", path, "HIGH"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_EQ(both.err,
            "cipherexplain: give the cipher string or --file, not both\nRun 'cipherexplain "
            "--help' for usage.\n");
}

TEST(cli, batch_reads_files_in_order_and_stdin_for_a_dash) {
  const std::string path = ::testing::TempDir() + "/batch-lines.txt";
  std::ofstream(path) << "HIGH\nALL";
  const process_result r = cli({"batch", path, "-", path}, "DEFAULT\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> inputs;
  for (const std::string& line : lines_of(r.out))
    inputs.push_back(nlohmann::ordered_json::parse(line)["input"]);
  EXPECT_EQ(inputs, (std::vector<std::string>{"HIGH", "ALL", "DEFAULT", "HIGH", "ALL"}));
}

// Input that cannot be read is an error with its own status (before: batch < . exited 0 with
// no output); lines read before it are still answered.
TEST(cli, reports_input_it_could_not_read_with_exit_status_6) {
  const std::string path = ::testing::TempDir() + "/batch-before-error.txt";
  std::ofstream(path) << "HIGH\n";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"exec \"$0\" batch < /", "cannot read stdin: Is a directory"},
      {"exec \"$0\" batch <&-", "cannot read stdin: Bad file descriptor"},
      {"exec \"$0\" --file /no/such/file",
       "cannot open '/no/such/file': No such file or directory"},
      {"exec \"$0\" batch /no/such/file", "cannot open '/no/such/file': No such file or directory"},
  };
  for (const auto& [script, message] : cases) {
    const process_result r = run_process("/bin/sh", {"-c", script, CIPHEREXPLAIN_CLI});
    EXPECT_EQ(r.exit_code, 6) << script;
    EXPECT_EQ(r.err, "cipherexplain: " + message + "\n") << script;
  }
  const process_result partial = cli({"batch", path, "/no/such/file"});
  EXPECT_EQ(partial.exit_code, 6);
  ASSERT_EQ(lines_of(partial.out).size(), 1u);
  EXPECT_EQ(nlohmann::ordered_json::parse(partial.out)["input"], "HIGH");
}

// batch answers each line as it arrives on a pipe (before: nothing until the end of input).
TEST(cli, batch_answers_a_slow_pipe_line_by_line) {
  const process_result r = run_process(
      "/bin/sh",
      {"-c",
       "start=$(date +%s%N); { echo HIGH; sleep 3; echo DEFAULT; } | \"$0\" batch | "
       "{ read -r first; echo $(( ($(date +%s%N) - start) / 1000000 )); cat >/dev/null; }",
       CIPHEREXPLAIN_CLI});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_LT(std::stol(r.out), 2500) << "milliseconds until the first answer";
}

// --why takes names in any case, IANA names and code points, merges repeats, suggests the
// nearest names, says what a signalling value is, and is in the JSON (issue 11.15).
TEST(cli, why_takes_any_spelling_of_a_suite_and_is_in_the_json) {
  const process_result r = cli({"--why", "aes128-sha", "--why", "0x002F", "--why",
                                "TLS_RSA_WITH_AES_128_CBC_SHA", "HIGH:!SHA1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("Why AES128-SHA is not in the list:\n  'HIGH' at 1:1 added it (now at "
                       "position 133)\n  '!SHA1' at 1:6 removed it for good\n"),
            r.out.rfind("Why AES128-SHA"))
      << "one answer for the three spellings";
  const process_result unknown = cli({"--why", "AES128-SAH", "HIGH"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err,
            "cipherexplain: --why: OpenSSL 3.0.19 has no suite named 'AES128-SAH'; did you mean "
            "'AES128-SHA' or 'AES128-CCM'?\nRun 'cipherexplain --help' for usage.\n");
  EXPECT_NE(cli({"--why", "TLS_FALLBACK_SCSV", "HIGH"})
                .out.find("It is a signalling value, not a cipher suite"),
            std::string::npos);
  const auto j = nlohmann::ordered_json::parse(
      cli({"--format", "json", "--why", "0xC02F", "HIGH:-ECDHE-RSA-AES128-GCM-SHA256:ALL"}).out);
  ASSERT_EQ(j["why"].size(), 1u);
  EXPECT_EQ(j["why"][0]["suite"], "ECDHE-RSA-AES128-GCM-SHA256");
  EXPECT_EQ(j["why"][0]["listed"], true);
  std::vector<std::string> actions;
  for (const auto& e : j["why"][0]["events"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"added", "removed", "added"}));
  EXPECT_TRUE(j["why"][0]["events"][1]["position"].is_null());
}

// Usage errors in words, as JSON under --format json, and conventions users expect.
TEST(cli, usage_errors_are_worded_and_json_when_json_was_asked_for) {
  const process_result json = cli({"--format", "json", "--openssl", "9.9", "HIGH"});
  EXPECT_EQ(json.exit_code, 2);
  const auto e = nlohmann::ordered_json::parse(json.err);
  EXPECT_EQ(e["error"]["kind"], "usage");
  EXPECT_EQ(e["error"]["exit_status"], 2);
  EXPECT_EQ(
      e["error"]["message"].get<std::string>().rfind("--openssl: unknown OpenSSL release '9.9'", 0),
      0u);
  EXPECT_EQ(nlohmann::ordered_json::parse(
                run_process("/bin/sh", {"-c", "exec \"$0\" --format json DEFAULT >/dev/full",
                                        CIPHEREXPLAIN_CLI})
                    .err)["error"]["kind"],
            "output");
  EXPECT_EQ(cli({"--fromat", "json", "HIGH"}).err,
            "cipherexplain: unknown option '--fromat'; did you mean '--format'?\nRun "
            "'cipherexplain --help' for usage.\n");
  EXPECT_EQ(cli({"--format", "text", "--format", "text", "HIGH"}).err,
            "cipherexplain: --format is given 2 times; give it once\nRun 'cipherexplain --help' "
            "for usage.\n");
  EXPECT_EQ(cli({"--openssl", "1.0.2k", "HIGH"}).err,
            "cipherexplain: --openssl: OpenSSL 1.0.2k is not recorded; the nearest recorded "
            "release is 1.0.2u, the newest of its series (--openssl 1.0.2); point releases can "
            "differ, e.g. 3.0.7 changed how a missing name is handled\nRun 'cipherexplain "
            "--help' for usage.\n");
}

TEST(cli, a_list_of_releases_may_have_blanks_and_repeats_add_up) {
  const std::string expected = cli({"--openssl", "3.0,3.5", "HIGH"}).out;
  EXPECT_EQ(lines_of(expected)[0], "2 of 2 releases accept the string.");
  EXPECT_EQ(cli({"--openssl", "3.0, 3.5", "HIGH"}).out, expected);
  EXPECT_EQ(cli({"--openssl", "3.0", "--openssl", "3.5", "HIGH"}).out, expected);
}

TEST(cli, each_subcommand_help_shows_its_own_examples_and_exit_statuses) {
  for (const std::string command : {"batch", "diff", "convert", "versions"}) {
    const process_result r = cli({command, "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Examples:\n  cipherexplain " + command), std::string::npos) << command;
    EXPECT_EQ(r.out.find("3 accepted but the list breaks the --policy"), std::string::npos)
        << command << " shows the default command's exit statuses";
  }
}

TEST(cli, an_explicit_colour_wins_over_no_color_and_term_dumb_means_none) {
  setenv("NO_COLOR", "1", 1);
  EXPECT_NE(cli({"--color", "always", "ALL:!"}).out.find('\x1b'), std::string::npos);
  unsetenv("NO_COLOR");
  const process_result dumb = run_process(
      "/usr/bin/env",
      {"TERM=dumb", "script", "-qc", std::string(CIPHEREXPLAIN_CLI) + " ALL:!", "/dev/null"});
  if (dumb.exit_code == 127) GTEST_SKIP() << "script(1) is not installed";
  EXPECT_EQ(dumb.out.find("\x1b["), std::string::npos) << dumb.out;
  const process_result tty = run_process(
      "/usr/bin/env",
      {"TERM=xterm", "script", "-qc", std::string(CIPHEREXPLAIN_CLI) + " ALL:!", "/dev/null"});
  EXPECT_NE(tty.out.find("\x1b["), std::string::npos) << "a terminal gets colour by default";
}

TEST(cli, convert_refuses_malformed_code_points_with_a_position_and_escapes_input) {
  const process_result r = cli({"convert", "0xC0,", "0x 1", "\x1b]0;x\x07", "0xc02f"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("not a code point: expected '0x' at byte 6"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("not a code point: expected a hex digit at byte 3"), std::string::npos);
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "input is echoed with escapes shown";
  EXPECT_NE(r.out.find("\\x1B]0;x\\x07"), std::string::npos);
  EXPECT_NE(r.out.find("ECDHE-RSA-AES128-GCM-SHA256"), std::string::npos);
}

// 1.0.x's fixed-DH/ECDH suites have IANA names (from the registry; OpenSSL's table has none),
// so their IANA names convert like their code points (issue 11.8).
TEST(cli, converts_iana_names_of_suites_only_old_releases_have) {
  const process_result r =
      cli({"convert", "--openssl", "1.0.2", "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", "0xC004"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  const auto rows = lines_of(r.out);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_NE(rows[1].find("ECDH-ECDSA-AES128-SHA  TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA"),
            std::string::npos);
  EXPECT_EQ(rows[1].substr(rows[1].find("ECDH-")), rows[2].substr(rows[2].find("ECDH-")));
}

// Output fits the width ($COLUMNS here, the terminal's when there is one, else 80) without
// cutting a name (issue 11.13): tables drop and wrap columns, lists wrap.
TEST(cli, fits_the_width_without_cutting_names) {
  auto check_width = [](const std::string& out, std::size_t width, const std::string& what) {
    for (const std::string& line : lines_of(out)) {
      if (line.rfind("input:", 0) == 0 || line.find(' ') == std::string::npos) continue;
      // Findings are compiler-style lines (with the input under them) and are not wrapped.
      if (line.find('^') != std::string::npos) continue;
      EXPECT_LE(line.size(), width) << what << ": " << line;
    }
  };
  // Down to the columns a row cannot do without (number, name, usable, rating: about 64).
  for (const std::string columns : {"120", "80", "66"}) {
    setenv("COLUMNS", columns.c_str(), 1);
    const std::size_t width = std::stoul(columns);
    const process_result table = cli({"--hide", "unusable-suites", "HIGH:!aNULL:!PSK:!SRP"});
    std::string findings_free = table.out.substr(0, table.out.find("\ninput:"));
    check_width(findings_free, width, "table at " + columns);
    for (const cipher* s : release_3_0().evaluate("HIGH:!aNULL:!PSK:!SRP").ciphers) {
      EXPECT_NE(table.out.find(std::string(s->name)), std::string::npos) << s->name;
    }
    const process_result all = cli({"--openssl", "all", "--hide", "unusable-suites", "ALL"});
    check_width(all.out, width, "comparison at " + columns);
    const process_result policy = cli({"--policy", "mozilla-modern", "HIGH:!aNULL:!MD5"});
    check_width(policy.out.substr(0, policy.out.find("\ninput:")), width, "policy at " + columns);
  }
  setenv("COLUMNS", "40", 1);
  const process_result narrow = cli({"HIGH:!aNULL:!PSK:!SRP"});
  for (const cipher* s : release_3_0().evaluate("HIGH:!aNULL:!PSK:!SRP").ciphers) {
    EXPECT_NE(narrow.out.find(std::string(s->name)), std::string::npos) << s->name;
  }
  setenv("COLUMNS", "80", 1);
  // A wrapped list still names every suite, each whole.
  const process_result all = cli({"--openssl", "1.0.2,3.0", "ALL"});
  const list_diff d = diff_lists(evaluator(*catalog::find("1.0.2")).evaluate("ALL").ciphers,
                                 release_3_0().evaluate("ALL").ciphers);
  for (const cipher* s : d.removed) {
    EXPECT_NE(all.out.find(std::string(s->name)), std::string::npos) << s->name;
  }
  unsetenv("COLUMNS");
}

// The same finding for 20,000 rules is one finding with a count and where the others are.
TEST(cli, groups_a_finding_repeated_by_redundant_rules) {
  std::string input = "ALL";
  for (int i = 0; i < 20000; ++i) input += ":!3DES";
  const process_result r = cli({"--hide", "unusable-suites", input});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::size_t notes = 0;
  for (const std::string& line : lines_of(r.out))
    notes += line.find("[no-effect]") != std::string::npos;
  EXPECT_EQ(notes, 1u);
  // The evaluation keeps the first 1,000 findings of a code and counts the rest.
  EXPECT_NE(r.out.find("  (the same note 999 more times: at 1:11, 1:17, 1:23 and 996 more)\n"
                       "  (and 19000 more no-effect findings not shown)\n"),
            std::string::npos)
      << r.out.substr(0, 2000);
}

TEST(cli, colours_only_on_request_or_a_terminal_and_never_with_no_color) {
  const process_result plain = cli({"ALL:!"});  // stdout is a file here: no colour by default
  EXPECT_EQ(plain.out.find('\x1b'), std::string::npos);
  const process_result coloured = cli({"--color", "always", "ALL:!"});
  EXPECT_NE(coloured.out.find("\x1b[1;31merror:\x1b[0m"), std::string::npos) << coloured.out;
  EXPECT_EQ(cli({"--color", "never", "ALL:!"}).out, plain.out);
  setenv("NO_COLOR", "1", 1);
  EXPECT_EQ(cli({"--color", "auto", "ALL:!"}).out.find('\x1b'), std::string::npos);
  unsetenv("NO_COLOR");
}

}  // namespace

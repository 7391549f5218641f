// SPDX-License-Identifier: Apache-2.0
// TLS configurations against what five real builds did with them (corpus/policy/): every line of
// the ciphersuites and supported recordings, byte for byte as `batch --input` writes them; and
// the parts of the model one by one: the setter per release, protocol windows, usable suites.

#include <cipherexplain.hpp>

#include "oracle_data.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace cipherexplain;
using namespace cipherexplain::testing;

struct recorded_mode {
  std::string mode, release;
};

std::string policy_dir() { return corpus_dir() + "/policy"; }

class policy_recordings : public ::testing::TestWithParam<recorded_mode> {};

TEST_P(policy_recordings, every_line_is_written_as_the_real_build_recorded_it) {
  const recorded_mode m = GetParam();
  const catalog* release = catalog::find(m.release);
  ASSERT_NE(release, nullptr);
  const auto inputs = file_lines(policy_dir() + "/" + m.mode + "/corpus.txt");
  const auto expected =
      file_lines(policy_dir() + "/" + m.mode + "/openssl-" + m.release + "/results.jsonl");
  ASSERT_EQ(inputs.size(), expected.size());
  ASSERT_GE(inputs.size(), 50u);
  const configuration_resolver resolver(*release);
  std::size_t identical = 0;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    tls_configuration config;
    supported_line fields;
    const auto problem = m.mode == "ciphersuites" ? read_ciphersuites_line(inputs[i], config)
                                                  : read_supported_line(inputs[i], config, fields);
    ASSERT_FALSE(problem) << *problem;
    const configuration_result r = resolver.resolve(config, detail_level::result);
    std::string line;
    if (m.mode == "ciphersuites")
      append_ciphersuites_line(line, config, r);
    else
      append_supported_line(line, fields, r);
    if (line == expected[i] + "\n") {
      ++identical;
    } else {
      ADD_FAILURE() << "line " << i + 1 << " (" << printable(inputs[i]) << ")\n  recorded "
                    << expected[i] << "\n  we write " << line;
    }
  }
  EXPECT_EQ(identical, inputs.size());
}

std::vector<recorded_mode> recorded_modes() {
  std::vector<recorded_mode> out;
  for (const char* mode : {"ciphersuites", "supported"}) {
    for (const char* r : {"1.1.1w", "3.0.19", "3.5.9", "3.6.5", "4.0.3"}) out.push_back({mode, r});
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(releases, policy_recordings, ::testing::ValuesIn(recorded_modes()),
                         [](const ::testing::TestParamInfo<recorded_mode>& p) {
                           std::string name = p.param.mode + "_" + p.param.release;
                           for (char& c : name)
                             if (c == '.') c = '_';
                           return name;
                         });

std::vector<std::string> listed(const ciphersuites_result& r) { return names(r.listed); }

TEST(ciphersuites, the_setter_follows_each_release) {
  const catalog& v111 = *catalog::find("1.1.1");
  const catalog& v30 = *catalog::find("3.0");
  const catalog& v34 = *catalog::find("3.4");
  const catalog& v40 = *catalog::find("4.0");
  // 1.1.1 fails on an empty element and keeps its defaults; 3.0 skips it.
  const auto strict = set_ciphersuites(v111, "TLS_AES_128_GCM_SHA256:");
  EXPECT_FALSE(strict.ok);
  EXPECT_EQ(strict.failure, ciphersuites_failure::rejected_element);
  EXPECT_EQ(listed(strict), names({v111.tls13_default().begin(), v111.tls13_default().end()}));
  ASSERT_EQ(strict.elements.size(), 2u);
  EXPECT_EQ(strict.elements[1].status, element_status::empty);
  const auto lenient = set_ciphersuites(v30, "TLS_AES_128_GCM_SHA256:");
  EXPECT_TRUE(lenient.ok);
  EXPECT_EQ(listed(lenient), std::vector<std::string>{"TLS_AES_128_GCM_SHA256"});
  // Nothing recognised fails from 3.0; the empty string is accepted everywhere.
  EXPECT_EQ(set_ciphersuites(v30, "foo:bar").failure, ciphersuites_failure::nothing_recognised);
  EXPECT_TRUE(set_ciphersuites(v30, "").ok);
  EXPECT_TRUE(set_ciphersuites(v30, "").listed.empty());
  // White space around elements is trimmed, but ',' does not separate.
  EXPECT_EQ(listed(set_ciphersuites(v111, " TLS_AES_128_GCM_SHA256 :\tTLS_AES_256_GCM_SHA384\v")),
            (std::vector<std::string>{"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"}));
  EXPECT_FALSE(set_ciphersuites(v30, "TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384").ok);
  // TLS 1.2 names: taken (and marked) before 4.0, unknown on 4.0; 4.0 ignores case and
  // drops duplicates.
  const auto tls12 = set_ciphersuites(v30, "TLS_RSA_WITH_AES_128_CBC_SHA");
  EXPECT_EQ(listed(tls12), std::vector<std::string>{"AES128-SHA"});
  EXPECT_EQ(tls12.elements[0].status, element_status::not_tls13);
  EXPECT_FALSE(set_ciphersuites(v40, "TLS_RSA_WITH_AES_128_CBC_SHA").ok);
  EXPECT_EQ(listed(set_ciphersuites(v40, "tls_aes_128_gcm_sha256:TLS_AES_128_GCM_SHA256")),
            std::vector<std::string>{"TLS_AES_128_GCM_SHA256"});
  EXPECT_EQ(set_ciphersuites(v30, "TLS_AES_128_GCM_SHA256:TLS_AES_128_GCM_SHA256").listed.size(),
            2u);
  // The integrity-only suites are in the 3.4 table already (ssl/s3_lib.c, tag openssl-3.4.0).
  EXPECT_FALSE(set_ciphersuites(v30, "TLS_SHA256_SHA256").ok);
  EXPECT_TRUE(set_ciphersuites(v34, "TLS_SHA256_SHA256").ok);
  // 80 bytes or more never match; 1.0.x and 1.1.0 have no such call.
  const std::string long_name(80, 'A');
  EXPECT_EQ(set_ciphersuites(v111, long_name).elements[0].status, element_status::too_long);
  EXPECT_EQ(set_ciphersuites(*catalog::find("1.1.0"), "TLS_AES_128_GCM_SHA256").failure,
            ciphersuites_failure::no_tls13);
  // Elements are recorded up to the bound and counted after it.
  std::string many;
  for (int i = 0; i < 3000; ++i) many += "TLS_AES_128_GCM_SHA256:";
  const auto bounded = set_ciphersuites(v40, many, {}, 100);
  EXPECT_EQ(bounded.elements.size(), 100u);
  EXPECT_EQ(bounded.elements_omitted, 2901u);
}

TEST(protocol_window, keeps_the_lowest_run_and_knows_why_none_is_left) {
  const catalog& v30 = *catalog::find("3.0");
  const catalog& v35 = *catalog::find("3.5");
  // SSL_OP_NO_TLSv1_1 with TLS 1.0 and 1.2 on: OpenSSL keeps TLS 1.0 alone.
  const auto hole = usable_protocols(v30, {0, 0, protocol_bit::tlsv1_1, suiteb_prefix::none}, 0);
  EXPECT_EQ(hole.lowest, version::tlsv1);
  EXPECT_EQ(hole.highest, version::tlsv1);
  const auto modern = usable_protocols(
      v30,
      {0, 0, protocols_only(protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3), suiteb_prefix::none},
      2);
  EXPECT_EQ(modern.lowest, version::tlsv1_2);
  EXPECT_EQ(modern.highest, version::tlsv1_3);
  EXPECT_EQ(usable_protocols(v30, {version::tlsv1_3, version::tlsv1_2, 0, suiteb_prefix::none}, 0)
                .problem,
            protocol_problem::min_above_max);
  // TLS 1.0 at level 2: 3.0 still offers it, 3.5 refuses every version below TLS 1.2.
  EXPECT_TRUE(
      usable_protocols(v30, {version::tlsv1, version::tlsv1, 0, suiteb_prefix::none}, 2).usable());
  EXPECT_EQ(
      usable_protocols(v35, {version::tlsv1, version::tlsv1, 0, suiteb_prefix::none}, 2).problem,
      protocol_problem::refused_by_level);
  // 1.1.0 has no TLS 1.3.
  EXPECT_EQ(usable_protocols(*catalog::find("1.1.0"), {}, 1).highest, version::tlsv1_2);
}

TEST(configuration, says_for_each_listed_suite_whether_a_connection_can_use_it) {
  tls_configuration config;
  config.cipher_list = "HIGH:!aNULL:!PSK:!SRP";
  config.ciphersuites = "TLS_AES_256_GCM_SHA384";
  config.min_protocol = version::tlsv1_3;
  const configuration_result r = resolve(*catalog::find("3.0"), config);
  ASSERT_TRUE(r.supported);
  EXPECT_EQ(names(*r.supported), std::vector<std::string>{"TLS_AES_256_GCM_SHA384"});
  EXPECT_EQ(r.head, 1u);
  ASSERT_EQ(r.suites.size(), r.ciphers.size());
  for (std::size_t i = 1; i < r.suites.size(); ++i) {
    ASSERT_TRUE(r.suites[i].unusable) << r.suites[i].suite->name;
    EXPECT_EQ(*r.suites[i].unusable, unusable_reason::outside_protocol_range)
        << r.suites[i].suite->name;
  }
  // The same range with TLS 1.0 only on 3.5 at level 2: no version, nothing usable.
  tls_configuration old;
  old.min_protocol = old.max_protocol = version::tlsv1;
  const configuration_result none = resolve(*catalog::find("3.5"), old);
  EXPECT_FALSE(none.protocols.usable());
  EXPECT_FALSE(none.supported);
  EXPECT_EQ(*none.suites.front().unusable, unusable_reason::no_protocol);
  // At level 0 on 3.5 TLS 1.0 works, and only its suites remain.
  old.security_level = 0;
  const configuration_result level0 = resolve(*catalog::find("3.5"), old);
  ASSERT_TRUE(level0.supported);
  for (const cipher* s : *level0.supported) EXPECT_LT(s->min_tls, version::tlsv1_2) << s->name;
}

TEST(configuration, a_tls12_name_in_the_ciphersuites_counts_for_a_cipher_string_set_after_it) {
  tls_configuration config;
  config.ciphersuites = "TLS_RSA_WITH_AES_128_CBC_SHA";
  config.cipher_list = "eNULL:!eNULL";
  config.ciphersuites_first = true;
  const configuration_result r = resolve(*catalog::find("3.0"), config);
  EXPECT_FALSE(r.cipher_list.ok);
  EXPECT_TRUE(r.list_ok);  // cipher_list_tls12_num counts the head's AES128-SHA
  EXPECT_EQ(names(r.ciphers), std::vector<std::string>{"AES128-SHA"});
  config.ciphersuites_first = false;
  EXPECT_FALSE(resolve(*catalog::find("3.0"), config).list_ok);
}

TEST(configuration, is_refused_where_the_release_has_no_such_setting) {
  tls_configuration suites;
  suites.ciphersuites = "TLS_AES_128_GCM_SHA256";
  const auto no_tls13 = check_configuration(*catalog::find("1.1.0"), suites);
  ASSERT_TRUE(no_tls13);
  EXPECT_NE(no_tls13->find("no TLS 1.3"), std::string::npos);
  EXPECT_THROW((void)resolve(*catalog::find("1.0.2"), suites), std::invalid_argument);
  tls_configuration range;
  range.min_protocol = version::tlsv1_2;
  EXPECT_TRUE(check_configuration(*catalog::find("1.0.2"), range));
  EXPECT_FALSE(check_configuration(*catalog::find("1.1.0"), range));
  tls_configuration level;
  level.security_level = 6;
  EXPECT_TRUE(check_configuration(*catalog::find("3.0"), level));
  // 1.1.0 refuses TLS 1.3 as a bound and keeps none.
  tls_configuration tls13;
  tls13.max_protocol = version::tlsv1_3;
  const configuration_result r = resolve(*catalog::find("1.1.0"), tls13);
  EXPECT_FALSE(r.max_ok);
  EXPECT_EQ(r.max_protocol, 0);
}

TEST(configuration, protocol_names_read_both_spellings) {
  EXPECT_EQ(parse_protocol_version("TLSv1.2"), version::tlsv1_2);
  EXPECT_EQ(parse_protocol_version("tls1.3"), version::tlsv1_3);
  EXPECT_EQ(parse_protocol_version("TLSv1"), version::tlsv1);
  EXPECT_EQ(parse_protocol_version("TLSv1.4"), std::nullopt);
  EXPECT_EQ(protocol_version_name(version::tlsv1_1), "TLSv1.1");
}

}  // namespace

namespace {

TEST(configuration, suiteb_strings_set_the_contexts_suiteb_mode) {
  // check_suiteb_cipher_list: no version below TLS 1.2, only ECDSA signatures (P-256 for
  // SUITEB128ONLY), so aRSA suites named in the ciphersuites drop out.
  tls_configuration config;
  config.cipher_list = "SUITEB128";
  config.ciphersuites = "TLS_RSA_WITH_AES_128_GCM_SHA256";
  config.max_protocol = version::tlsv1_2;
  const configuration_result r = resolve(*catalog::find("3.0"), config);
  ASSERT_TRUE(r.supported);
  for (const cipher* s : *r.supported) EXPECT_NE(s->au & au::ecdsa, 0u) << s->name;
  EXPECT_EQ(*r.suites.front().unusable, unusable_reason::suiteb_signature);
  tls_configuration old;
  old.cipher_list = "SUITEB192";
  old.min_protocol = version::tlsv1;
  old.max_protocol = version::tlsv1_1;
  old.security_level = 0;
  EXPECT_FALSE(resolve(*catalog::find("3.0"), old).protocols.usable());
}

TEST(configuration, sslv3_is_a_bound_until_4_0) {
  tls_configuration config;
  config.min_protocol = version::sslv3;
  EXPECT_TRUE(resolve(*catalog::find("3.6"), config).min_ok);
  const configuration_result r = resolve(*catalog::find("4.0"), config);
  EXPECT_FALSE(r.min_ok);
  EXPECT_EQ(r.min_protocol, 0);
}

}  // namespace

// SPDX-License-Identifier: Apache-2.0
// The catalogs compiled into the library say what the real builds say about their tables
// (corpus/<release>/catalog.tsv: every suite with its id, names, bits and description).

#include <cipherexplain.hpp>

#include "oracle_data.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace cipherexplain;
using namespace cipherexplain::testing;

class catalog_facts : public ::testing::TestWithParam<const catalog*> {};

std::string param_name(const ::testing::TestParamInfo<const catalog*>& info) {
  std::string name = "openssl_" + std::string(info.param->release());
  std::replace(name.begin(), name.end(), '.', '_');
  return name;
}

std::vector<const cipher*> built_suites(const catalog& c) {
  std::vector<const cipher*> out;
  for (const cipher& s : c.ciphers()) {
    if (s.option.empty()) out.push_back(&s);
  }
  return out;
}

// SSL_CIPHER_get_version() words: 1.0.x names the id's family ("TLSv1/SSLv3" for every
// SSLv3/TLS suite); later releases the minimum version, TLS 1.0 as "TLSv1.0" (but "TLSv1" in
// descriptions).
std::string get_version_text(const catalog& c, const cipher& s) {
  if (c.engine() == engine_family::openssl_1_0)
    return s.table == cipher_table::ssl2 ? "SSLv2" : "TLSv1/SSLv3";
  if (s.min_tls == version::tlsv1) return "TLSv1.0";
  return std::string(protocol_name(s));
}

std::vector<std::string> words_of(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

TEST_P(catalog_facts, table_has_exactly_the_recorded_suites_with_their_attributes) {
  const catalog& release = *GetParam();
  const std::vector<recorded_cipher> recorded = recorded_catalog(release_dir(release));
  const std::vector<const cipher*> ours = built_suites(release);
  ASSERT_EQ(ours.size(), recorded.size());
  for (std::size_t i = 0; i < ours.size(); ++i) {
    const cipher& s = *ours[i];
    const recorded_cipher& r = recorded[i];
    SCOPED_TRACE(r.name);
    EXPECT_EQ(s.name, r.name);
    if (release.engine() == engine_family::openssl_1_1_1) {
      EXPECT_EQ(s.stdname, r.stdname);
    } else {
      // Before 1.1.1 OpenSSL has no IANA names; the catalog's are informational.
      EXPECT_EQ(r.stdname, "");
    }
    EXPECT_EQ(fmt::format("0x{:08X}", s.id), r.id);
    EXPECT_EQ(get_version_text(release, s), r.version);
    EXPECT_EQ(s.strength_bits, r.strength_bits);
    EXPECT_EQ(s.alg_bits, r.alg_bits);
    // SSL_CIPHER_description: name, protocol, Kx=, Au=, Enc=, Mac=.
    const std::vector<std::string> d = words_of(r.description);
    ASSERT_EQ(d.size(), 6u) << r.description;
    EXPECT_EQ(d[0], s.name);
    EXPECT_EQ(d[1], protocol_name(s));
    EXPECT_EQ(d[2], "Kx=" + std::string(kx_name(s)));
    EXPECT_EQ(d[3], "Au=" + std::string(au_name(s)));
    EXPECT_EQ(d[4], "Enc=" + enc_name(s));
    EXPECT_EQ(d[5], "Mac=" + std::string(mac_name(s)));
  }
}

// "reachable" records how a string can select each suite: all = by ALL:COMPLEMENTOFALL,
// name / stdname = only by naming it, no = never.
TEST_P(catalog_facts, every_suite_is_reachable_exactly_as_recorded) {
  const catalog& release = *GetParam();
  const evaluator eval(release);
  const std::vector<std::string> everything = names(eval.evaluate("ALL:COMPLEMENTOFALL").ciphers);
  auto selects = [&](const std::string& text, const std::string& name) {
    if (text.empty()) return false;
    const evaluation e = eval.evaluate(text);
    const auto got = names(e.ciphers);
    return e.ok && std::find(got.begin(), got.end(), name) != got.end();
  };
  for (const recorded_cipher& r : recorded_catalog(release_dir(release))) {
    SCOPED_TRACE(r.name);
    const bool in_all = std::find(everything.begin(), everything.end(), r.name) != everything.end();
    if (r.reachable == "all") {
      EXPECT_TRUE(in_all);
    } else if (r.reachable == "name") {
      EXPECT_FALSE(in_all);
      EXPECT_TRUE(selects(r.name, r.name));
    } else if (r.reachable == "stdname") {
      EXPECT_FALSE(in_all);
      EXPECT_TRUE(selects(r.stdname, r.name));
    } else {
      ASSERT_EQ(r.reachable, "no");
      EXPECT_FALSE(in_all);
      EXPECT_FALSE(selects(r.name, r.name));
      EXPECT_FALSE(selects(r.stdname, r.name));
    }
  }
}

// Releases before 1.1.1 have no IANA names; the catalog borrows them from 1.1.1 for display,
// so they must be the names 1.1.1 gives the same code points.
TEST_P(catalog_facts, informational_iana_names_agree_with_openssl_1_1_1) {
  const catalog& release = *GetParam();
  if (release.engine() == engine_family::openssl_1_1_1) return;
  const catalog* reference = catalog::find("1.1.1");
  ASSERT_NE(reference, nullptr);
  std::size_t checked = 0;
  for (const cipher& s : release.ciphers()) {
    const cipher* same = reference->find_cipher(s.id);
    if (same == nullptr || s.stdname.empty()) continue;
    EXPECT_EQ(s.stdname, same->stdname) << s.name;
    ++checked;
  }
  EXPECT_GT(checked, 50u);
}

TEST_P(catalog_facts, default_list_and_tls13_defaults_are_known_suites) {
  const catalog& release = *GetParam();
  EXPECT_FALSE(release.default_cipher_list().empty());
  if (release.engine() == engine_family::openssl_1_1_1) {
    ASSERT_FALSE(release.tls13_default().empty());
    for (const cipher* s : release.tls13_default()) EXPECT_EQ(s->table, cipher_table::tls13);
  } else {
    EXPECT_TRUE(release.tls13_default().empty());
  }
}

INSTANTIATE_TEST_SUITE_P(releases, catalog_facts,
                         ::testing::ValuesIn(catalog::all().begin(), catalog::all().end()),
                         param_name);

TEST(catalog, finds_releases_by_exact_name_series_and_folder_name) {
  const catalog* exact = catalog::find("3.0.19");
  ASSERT_NE(exact, nullptr);
  EXPECT_EQ(exact->release(), "3.0.19");
  EXPECT_EQ(catalog::find("3.0"), exact);
  EXPECT_EQ(catalog::find("openssl-3.0.19"), exact);
  EXPECT_EQ(catalog::find("3.0.99"), nullptr);
  EXPECT_EQ(catalog::find(""), nullptr);
}

// find() answers from each release.txt's release and series lines without parsing the
// catalog; the parsed catalogs must agree with that index.
TEST(catalog, find_agrees_with_every_parsed_release_and_series) {
  for (const catalog* c : catalog::all()) {
    EXPECT_EQ(catalog::find(c->release()), c) << c->release();
    const catalog* newest = nullptr;
    for (const catalog* d : catalog::all()) {
      if (d->series() == c->series()) newest = d;
    }
    EXPECT_EQ(catalog::find(c->series()), newest) << c->series();
  }
}

TEST(catalog, lists_releases_oldest_first) {
  const auto all = catalog::all();
  ASSERT_FALSE(all.empty());
  for (std::size_t i = 1; i < all.size(); ++i) {
    EXPECT_NE(all[i - 1]->release(), all[i]->release());
  }
}

TEST(catalog, finds_suites_by_name_iana_name_and_id) {
  const catalog& c = *catalog::find("3.0");
  const cipher* by_name = c.find_cipher("ECDHE-RSA-AES128-GCM-SHA256");
  ASSERT_NE(by_name, nullptr);
  EXPECT_EQ(c.find_cipher("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), by_name);
  EXPECT_EQ(c.find_cipher(std::uint32_t{0x0300C02F}), by_name);
  EXPECT_EQ(hex_code(*by_name), "0xC0,0x2F");
  EXPECT_EQ(c.find_cipher("NO-SUCH-SUITE"), nullptr);
}

TEST(catalog, rejects_malformed_data_with_file_and_line) {
  const std::string release_txt = "release 9.9.9\nseries 9.9\nengine openssl-1.1.1\n";
  const std::string header =
      "name\tstdname\tid\tkx\tau\tenc\tmac\tmin_tls\tmax_tls\tmin_dtls\tmax_"
      "dtls\tstrength\thandshake\t"
      "strength_bits\talg_bits\tvalid\ttable\toption\n";
  const std::string aliases = "alias\tkx\tau\tenc\tmac\tversion\tstrength\toption\n";
  try {
    (void)catalog::from_data(header +
                                 "X\t-\t0x03000001\tkNOPE\taRSA\teNULL\tMD5\tSSLv3\tTLSv1.2\t-\t-"
                                 "\t-\t-\t0\t0\t1\tssl3\t-\n",
                             aliases, release_txt);
    FAIL() << "accepted an unknown symbol";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "ciphers.tsv:2: unknown symbol 'kNOPE'");
  }
  try {
    (void)catalog::from_data(header, aliases, release_txt + "colour blue\n");
    FAIL() << "accepted an unknown key";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "release.txt:4: unknown key 'colour'");
  }
  try {
    (void)catalog::from_data(header +
                                 "X\"Y\t-\t0x03000001\tkRSA\taRSA\teNULL\tMD5\tSSLv3\tTLSv1.2\t-\t-"
                                 "\t-\t-\t0\t0\t1\tssl3\t-\n",
                             aliases, release_txt);
    FAIL() << "accepted a name with a quote";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "ciphers.tsv:2: 'X\"Y' is not a name (letters, digits and -._= only)");
  }
}

// find() takes the CLI's words too: latest is the newest catalog, system the recorded release
// standing in for the system's libcrypto (ctest runs each test in a process of its own, so the
// environment set here is what catalog::system() sees first).
TEST(catalog, finds_latest_and_the_release_standing_in_for_the_system) {
  setenv("CIPHEREXPLAIN_LIBCRYPTO", STUB_LIBCRYPTO_302, 1);
  EXPECT_EQ(catalog::find("latest"), catalog::all().back());
  const system_lookup& sys = catalog::system();
  ASSERT_TRUE(sys.found.has_value()) << sys.problem;
  EXPECT_EQ(sys.found->release, "3.0.2");
  EXPECT_EQ(sys.found->series, "3.0");
  EXPECT_EQ(sys.found->version_text, "OpenSSL 3.0.2 15 Mar 2022");
  EXPECT_FALSE(sys.found->exact);
  EXPECT_EQ(sys.found->stand_in, catalog::find("3.0"));
  EXPECT_EQ(catalog::find("system"), catalog::find("3.0"));
}

// A libcrypto whose OpenSSL_version() returns NULL is answered for, not a crash.
TEST(catalog, survives_a_broken_system_libcrypto) {
  setenv("CIPHEREXPLAIN_LIBCRYPTO", STUB_LIBCRYPTO_BROKEN, 1);
  const system_lookup& sys = catalog::system();
  ASSERT_TRUE(sys.found.has_value()) << sys.problem;
  EXPECT_TRUE(sys.found->exact);
  EXPECT_EQ(sys.found->stand_in, catalog::find("3.0.19"));
  EXPECT_NE(sys.found->version_text.find("gave nothing"), std::string::npos);
}

TEST(catalog, says_why_it_knows_no_system_libcrypto) {
  setenv("CIPHEREXPLAIN_LIBCRYPTO", "/no/such/libcrypto.so", 1);
  EXPECT_FALSE(catalog::system().found.has_value());
  EXPECT_EQ(
      catalog::system().problem,
      "cannot load /no/such/libcrypto.so: cannot open shared object file: No such file or directory");
  EXPECT_EQ(catalog::find("system"), nullptr);
}

}  // namespace

// The evaluator throws std::logic_error for a catalog it cannot model (a failing DEFAULT, more
// than 256 suites); every embedded catalog, with every build option it accepts, is not one.
TEST(catalog, every_release_and_build_can_be_prepared) {
  std::size_t prepared = 0;
  for (const catalog* c : catalog::all()) {
    for (int bits = 0; bits < 8; ++bits) {
      for (int level = -1; level <= 5; ++level) {
        build_options o;
        o.legacy_provider = (bits & 1) != 0;
        o.weak_ciphers = (bits & 2) != 0;
        o.sslv2 = (bits & 4) != 0;
        if (level >= 0) o.security_level = level;
        if (check_build_options(*c, o)) continue;
        EXPECT_NO_THROW((void)evaluator(*c, o)) << c->release();
        ++prepared;
      }
    }
  }
  EXPECT_GT(prepared, catalog::all().size() * 7);
}

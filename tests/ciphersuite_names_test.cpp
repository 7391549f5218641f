// SPDX-License-Identifier: Apache-2.0
// The configuration resolver looks up TLS 1.3 names in a table prepared once; set_ciphersuites()
// on its own asks the catalog. Both must answer every name alike on every release and build:
// the recorded results check the resolver on five releases, this checks the two against each
// other on all of them, for the names that exist and for the near misses users type.

#include <cipherexplain.hpp>

#include "policy/ciphersuite_names.hpp"
#include "text/ascii.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace cipherexplain;
using namespace cipherexplain::detail;

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  return out;
}

// Every suite's names as written, in other cases, cut short, lengthened and changed by one byte.
std::vector<std::string> names_to_ask(const catalog& release) {
  std::vector<std::string> out = {"", "TLS_", "TLS13_AES_128_GCM_SHA256", std::string(79, 'A'),
                                  std::string(200, 'T')};
  for (const cipher& s : release.ciphers()) {
    for (const std::string_view n : {s.name, s.stdname}) {
      if (n.empty()) continue;
      const std::string name(n);
      out.push_back(name);
      out.push_back(ascii_lowered(name));
      out.push_back(upper(name));
      out.push_back(name.substr(0, name.size() - 1));
      out.push_back(name + "_");
      std::string changed = name;
      changed[changed.size() / 2] ^= 1;
      out.push_back(changed);
    }
  }
  return out;
}

TEST(ciphersuite_names, the_prepared_table_answers_as_the_catalog_on_every_release_and_build) {
  std::size_t found = 0;
  for (const catalog* release : catalog::all()) {
    if (release->ciphersuites_setter() == ciphersuites_setter::none) continue;
    for (const bool legacy : {false, true}) {
      build_options options;
      options.legacy_provider = legacy && release->engine() != engine_family::openssl_1_1_1;
      options.weak_ciphers = !legacy;
      const direct_suite_lookup direct(*release, options);
      const ciphersuite_names prepared(*release, options);
      for (const std::string& name : names_to_ask(*release)) {
        const cipher* expected = direct.find(name);
        EXPECT_EQ(prepared.find(name), expected) << release->release() << ": " << name;
        if (expected != nullptr) {
          ++found;
          EXPECT_EQ(prepared.usable(*expected), direct.usable(*expected))
              << release->release() << ": " << name;
        }
      }
    }
  }
  // Not a vacuous pass: the TLS 1.3 names (and, before 4.0, the IANA names of TLS 1.2
  // suites) are found.
  EXPECT_GT(found, 1000u);
}

TEST(ciphersuite_names, a_resolved_configuration_sets_the_same_suites_as_set_ciphersuites) {
  const std::vector<std::string> strings = {
      "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256",
      "tls_aes_128_gcm_sha256:TLS_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:TLS_AES_128_CCM_8_SHA256",
      "TLS_SHA256_SHA256:TLS_SM4_GCM_SM3:NOPE:", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"};
  for (const catalog* release : catalog::all()) {
    if (release->ciphersuites_setter() == ciphersuites_setter::none) continue;
    const configuration_resolver resolver(*release);
    for (const std::string& text : strings) {
      tls_configuration config;
      config.ciphersuites = text;
      const configuration_result resolved = resolver.resolve(config, detail_level::result);
      const ciphersuites_result alone = set_ciphersuites(*release, text);
      ASSERT_TRUE(resolved.ciphersuites.has_value());
      EXPECT_EQ(resolved.ciphersuites->ok, alone.ok) << release->release() << ": " << text;
      EXPECT_EQ(resolved.ciphersuites->listed, alone.listed) << release->release() << ": " << text;
    }
  }
}

}  // namespace

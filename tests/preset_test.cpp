// SPDX-License-Identifier: Apache-2.0
// Presets: the data is well formed and cites its sources, names resolve to the right rows, and
// Python's presets reproduce real interpreters' contexts (corpus/python/) exactly.

#include <cipherexplain.hpp>

#include "policy/preset_rows.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace {

using namespace cipherexplain;

const std::map<std::string, std::string> context_of{
    {"SSLContext(PROTOCOL_SSLv23)", "sslcontext"},
    {"create_default_context()", "client"},
    {"create_default_context(Purpose.CLIENT_AUTH)", "server"},
    {"SSLContext(PROTOCOL_TLS_CLIENT)", "tls-client"},
    {"SSLContext(PROTOCOL_TLS_SERVER)", "tls-server"},
    {"_create_unverified_context()", "unverified"},
};

std::optional<std::string> protocol_of(const std::string& python_value) {
  // Python's TLSVersion: MINIMUM_SUPPORTED -2 and MAXIMUM_SUPPORTED -1 mean no bound.
  const int v = std::stoi(python_value);
  if (v < 0) return std::nullopt;
  return std::string(protocol_version_name(static_cast<std::uint16_t>(v)));
}

TEST(python_presets, reproduce_every_context_of_every_recorded_interpreter) {
  const catalog& release = *catalog::find("3.0.19");
  std::size_t checked = 0;
  for (const auto& file : std::filesystem::directory_iterator(CIPHEREXPLAIN_CORPUS_DIR "/python")) {
    if (file.path().extension() != ".json") continue;
    const std::string name = file.path().stem().string();
    std::ifstream in(file.path());
    const auto recorded = nlohmann::json::parse(in);
    for (const auto& [call, context] : recorded.at("contexts").items()) {
      SCOPED_TRACE(name + " " + call);
      std::string error;
      const auto p = find_preset(name, context_of.at(call), error);
      ASSERT_TRUE(p) << error;
      const preset_result r = resolve_preset(*p, release);
      EXPECT_FALSE(r.failure) << *r.failure;
      EXPECT_EQ(r.options, context.at("options").get<std::uint64_t>());
      if (!context.at("ciphers").is_null()) {
        std::vector<std::string> names;
        for (const cipher* c : r.resolved.ciphers) names.emplace_back(c->name);
        EXPECT_EQ(names, context.at("ciphers").get<std::vector<std::string>>());
      }
      if (context.contains("minimum_version")) {
        const auto bound = protocol_of(context.at("minimum_version").get<std::string>());
        EXPECT_EQ(r.resolved.min_protocol ? std::optional<std::string>(std::string(
                                                protocol_version_name(r.resolved.min_protocol)))
                                          : std::nullopt,
                  bound);
      }
      if (context.contains("maximum_version")) {
        const auto bound = protocol_of(context.at("maximum_version").get<std::string>());
        EXPECT_EQ(r.resolved.max_protocol ? std::optional<std::string>(std::string(
                                                protocol_version_name(r.resolved.max_protocol)))
                                          : std::nullopt,
                  bound);
      }
      if (context.contains("security_level")) {
        EXPECT_EQ(r.resolved.security_level, context.at("security_level").get<int>());
      }
      const int verify = p->verify_mode == "CERT_REQUIRED"   ? 2
                         : p->verify_mode == "CERT_OPTIONAL" ? 1
                                                             : 0;
      EXPECT_EQ(verify, context.at("verify_mode").get<int>());
      EXPECT_EQ(p->check_hostname, context.at("check_hostname").get<bool>());
      // The names Python lists are the single-bit options set (OP_ALL left out).
      std::set<std::string> names;
      for (const auto n : r.option_names) names.insert("OP_" + std::string(n));
      for (const auto& n : context.at("option_names"))
        EXPECT_TRUE(names.contains(n.get<std::string>())) << n;
      ++checked;
    }
  }
  EXPECT_GE(checked, 16u);
}

TEST(python_presets, rows_of_one_build_and_context_never_overlap) {
  const auto& rows = detail::preset_data().python;
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = i + 1; j < rows.size(); ++j) {
      if (rows[i].build != rows[j].build || rows[i].context != rows[j].context) continue;
      const auto& a = rows[i].versions;
      const auto& b = rows[j].versions;
      const std::string first_b = detail::range_first(b), first_a = detail::range_first(a);
      EXPECT_FALSE(detail::range_contains(a, first_b) || detail::range_contains(b, first_a))
          << rows[i].context << " " << a.text << " (line " << rows[i].line << ") and " << b.text
          << " (line " << rows[j].line << ")";
    }
}

TEST(presets, rows_of_one_family_and_variant_never_overlap) {
  const auto& rows = detail::preset_data().families;
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = i + 1; j < rows.size(); ++j) {
      if (rows[i].family != rows[j].family || rows[i].variant != rows[j].variant) continue;
      const auto& a = rows[i].versions;
      const auto& b = rows[j].versions;
      EXPECT_FALSE(detail::range_contains(a, detail::range_first(b)) ||
                   detail::range_contains(b, detail::range_first(a)))
          << rows[i].file << ": " << a.text << " (line " << rows[i].line << ") and " << b.text
          << " (line " << rows[j].line << ")";
    }
}

TEST(presets, every_row_of_every_family_cites_a_source_and_resolves_on_every_release) {
  std::size_t families = 0;
  for (const preset_family& f : preset_families()) {
    ++families;
    SCOPED_TRACE(f.name);
    const auto all = family_presets(f.name, "client");
    EXPECT_FALSE(all.empty());
    for (const preset& p : all) {
      EXPECT_FALSE(p.source.empty()) << p.name;
      std::string error;
      const auto again = find_preset(p.name, "", error);
      ASSERT_TRUE(again) << p.name << ": " << error;
      EXPECT_EQ(again->versions, p.versions) << p.name;
      for (const catalog* c : catalog::all()) (void)resolve_preset(p, *c);
      std::string options_error;
      EXPECT_TRUE(parse_option_terms(p.options, options_error)) << p.name << ": " << options_error;
    }
  }
  EXPECT_GE(families, 15u);
}

TEST(presets, any_version_inside_a_range_means_that_row) {
  std::string error;
  const auto p = find_preset("python-3.6.15", "server", error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->versions, "3.6.3-3.6.15");
  EXPECT_EQ(p->variant, "server");
  // The C constructor's list, SSLContext.__new__'s _DEFAULT_CIPHERS, the server's restricted one.
  ASSERT_EQ(p->cipher_calls.size(), 3u);
  EXPECT_EQ(p->cipher_calls.front(), "HIGH:!aNULL:!eNULL:!MD5");
  EXPECT_TRUE(p->cipher_calls.back().starts_with("TLS13-AES-256-GCM-SHA384:"));
  EXPECT_FALSE(find_preset("python-3.2.0", "", error));
  EXPECT_NE(error.find("no Python release"), std::string::npos) << error;
  EXPECT_FALSE(find_preset("python-2.7.5", "server", error));  // no create_default_context
  EXPECT_NE(error.find("has no server"), std::string::npos) << error;
  const auto m = find_preset("mozilla-modern-5.8", "", error);
  ASSERT_TRUE(m) << error;
  EXPECT_EQ(m->enabled_protocols, protocol_bit::tlsv1_3);
  EXPECT_FALSE(find_preset("nosuchthing-1.0", "", error));
  // Outside Python a context names a variant: nginx's client side is its proxy_ssl_* defaults.
  const auto proxy = find_preset("nginx-1.24.0", "client", error);
  ASSERT_TRUE(proxy) << error;
  EXPECT_EQ(proxy->variant, "client");
  EXPECT_EQ(find_preset("nginx-1.24.0", "", error)->variant, "server");
  EXPECT_FALSE(find_preset("nginx-server-1.24.0", "client", error));
  EXPECT_FALSE(find_preset("apache-2.4.58", "server", error)) << "apache has no variants";
  EXPECT_FALSE(find_preset("mozilla-modern-5.8", "client", error));
}

TEST(presets, a_bundled_point_release_is_stood_in_for_by_its_series) {
  std::string error, bundled;
  const auto p = find_preset("python-3.6.1", "client", error);
  ASSERT_TRUE(p) << error;
  const catalog* on = preset_release(*p, &bundled);
  EXPECT_EQ(bundled, "1.0.2k");
  ASSERT_NE(on, nullptr);
  EXPECT_EQ(on->release(), "1.0.2u");
}

TEST(ssl_options, tables_exist_for_every_release_and_python_options_compose) {
  for (const catalog* c : catalog::all()) {
    SCOPED_TRACE(c->release());
    EXPECT_GT(ssl_options(*c).size(), 30u);
    ASSERT_NE(find_ssl_option(*c, "SSL_OP_ALL"), nullptr);
    EXPECT_NE(find_ssl_option(*c, "OP_NO_SSLv3"), nullptr);
    EXPECT_NE(new_context_options(*c), 0u);
  }
  std::string error;
  const auto terms =
      parse_option_terms("ALL~DONT_INSERT_EMPTY_FRAGMENTS|NO_SSLv3|-NO_COMPRESSION", error);
  ASSERT_TRUE(terms) << error;
  const applied_options a = apply_options(*catalog::find("3.0.19"), *terms);
  EXPECT_EQ(a.value, 0x80000850u - 0x800u + 0x02000000u + 0x100000u);
  EXPECT_FALSE(parse_option_terms("ALL||NO_SSLv3", error));
}

}  // namespace

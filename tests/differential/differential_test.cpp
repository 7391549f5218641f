// SPDX-License-Identifier: Apache-2.0
// The evaluator against real libssl builds from Debian's archive (fetched by
// scripts/fetch-debian-libssl.py) and the system's own, each questioned by libssl_probe in its
// own process: the whole corpus and generated strings, with and without the legacy provider,
// with the build's security level and another one; and generated TLS configurations (cipher
// string, ciphersuites, level, protocol range, SSL_OP_NO_*, call order) against the
// configuration resolver, SSL_get1_supported_ciphers included.

#include <cipherexplain.hpp>

#include "debian_builds.hpp"
#include "generated_configurations.hpp"
#include "generated_strings.hpp"
#include "oracle_data.hpp"
#include "run_process.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace cipherexplain;
using namespace cipherexplain::testing;

struct probe_result {
  std::string version_text;
  const catalog* release = nullptr;
  std::vector<std::string> lines;  // "ok\tlevel\tnames" per input
};

probe_result run_probe(const build& b, const std::vector<std::string>& inputs, bool legacy,
                       std::optional<int> security_level, const char* mode = nullptr) {
  std::vector<std::string> args = probe_command(b, CIPHEREXPLAIN_LIBSSL_PROBE);
  const std::string program = args.front();
  args.erase(args.begin());
  for (const std::string& a :
       {std::string("--libcrypto"), b.libcrypto, std::string("--libssl"), b.libssl}) {
    args.push_back(a);
  }
  if (b.modules != "-") args.insert(args.end(), {"--modules", b.modules});
  if (legacy) args.push_back("--legacy");
  if (security_level)
    args.insert(args.end(), {"--security-level", std::to_string(*security_level)});
  if (mode != nullptr) args.insert(args.end(), {"--mode", mode});
  std::string input;
  for (const std::string& line : inputs) input += line + '\n';
  const process_result r = run_process(program, args, input);
  if (r.exit_code != 0)
    throw std::runtime_error(fmt::format("libssl_probe exited {}: {}", r.exit_code, r.err));
  probe_result out;
  std::istringstream lines(r.out);
  std::string first;
  std::getline(lines, first);
  const auto head = split(first, '\t');
  if (head.size() != 3 || head[0] != "version")
    throw std::runtime_error("libssl_probe: no version line");
  out.version_text = head[2];
  const unsigned long v = std::stoul(head[1], nullptr, 16);
  const unsigned long major = (v >> 28) & 0xfu, minor = (v >> 20) & 0xffu;
  out.release =
      catalog::find(major >= 3 ? fmt::format("{}.{}", major, minor)
                               : fmt::format("{}.{}.{}", major, minor, (v >> 12) & 0xffu));
  for (std::string line; std::getline(lines, line);) out.lines.push_back(line);
  return out;
}

struct variant {
  std::string suite;
  enum kind { corpus, generated, legacy_provider, security_level } what;
};

constexpr const char* variant_names[] = {"corpus", "generated_strings", "legacy_provider",
                                         "other_security_level"};

std::string variant_name(const ::testing::TestParamInfo<variant>& info) {
  return info.param.suite + "_" + variant_names[info.param.what];
}

// Keeps gtest from printing the parameter as bytes in test names.
[[maybe_unused]] void PrintTo(const variant& v, std::ostream* os) {
  *os << v.suite << "/" << variant_names[v.what];
}

class differential : public ::testing::TestWithParam<variant> {};

TEST_P(differential, libssl_and_evaluator_agree) {
  const variant v = GetParam();
  std::string why_not;
  const std::optional<build> b = find_build(v.suite, why_not);
  if (!b) GTEST_SKIP() << why_not;
  // Which release is it? Ask the library itself.
  const probe_result id = run_probe(*b, {"ALL"}, false, std::nullopt);
  ASSERT_NE(id.release, nullptr) << "no catalog for " << id.version_text << " (" << b->packages
                                 << ")";
  const catalog& release = *id.release;
  if (v.what == variant::legacy_provider) {
    if (release.legacy_provider().enc == 0) GTEST_SKIP() << id.version_text << " has no providers";
    if (v.suite != "system" && b->modules == "-") {
      GTEST_SKIP() << "the " << v.suite << " packages hold no legacy provider module";
    }
  }

  std::vector<std::string> inputs =
      v.what == variant::generated ? generated_strings(release, 3000) : corpus_lines();
  build_options options;
  std::optional<int> level;
  if (v.what == variant::legacy_provider) options.legacy_provider = true;
  if (v.what == variant::security_level) {
    // Some level other than the build's, to see @SECLEVEL and the default interact as in OpenSSL.
    level = release.default_security_level() == 1 ? 3 : 1;
    options.security_level = level;
  }
  const probe_result got = run_probe(*b, inputs, options.legacy_provider, level);
  ASSERT_EQ(got.lines.size(), inputs.size()) << "libssl_probe answered for fewer lines";

  const evaluator eval(release, options);
  const evaluator plain(release);
  std::size_t identical = 0;
  std::size_t reported = 0;
  std::size_t changed_by_option = 0;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const evaluation e = eval.evaluate(inputs[i]);
    if (!(options == build_options{})) {
      const evaluation p = plain.evaluate(inputs[i]);
      changed_by_option +=
          (p.ok != e.ok || p.ciphers != e.ciphers || p.security_level != e.security_level) ? 1u
                                                                                           : 0u;
    }
    std::string names_joined;
    for (const cipher* s : e.ciphers) {
      if (!names_joined.empty()) names_joined += ' ';
      names_joined += s->name;
    }
    const std::string ours =
        fmt::format("{}\t{}\t{}", e.ok ? 1 : 0, e.security_level, names_joined);
    if (ours == got.lines[i]) {
      ++identical;
    } else if (reported++ < 10) {
      const auto theirs = split(got.lines[i], '\t');
      ADD_FAILURE() << printable(inputs[i]) << ": " << got.version_text << " says ok=" << theirs[0]
                    << " seclevel=" << theirs[1] << ", the evaluator ok=" << e.ok
                    << " seclevel=" << e.security_level << "; "
                    << describe_difference(
                           theirs.size() > 2 ? split(theirs[2], ' ') : std::vector<std::string>{},
                           names(e.ciphers));
    }
  }
  EXPECT_EQ(identical, inputs.size())
      << got.version_text << " (" << b->packages << "), " << describe(options) << ": " << identical
      << "/" << inputs.size() << " identical";
  if (!(options == build_options{})) {
    // The option must matter for some strings, or this compares nothing new.
    EXPECT_GT(changed_by_option, 0u) << describe(options) << " changed no result";
  }
  std::printf("%s (%s), %s: %zu/%zu identical\n", got.version_text.c_str(), b->packages.c_str(),
              describe(options).c_str(), identical, inputs.size());
}

std::vector<variant> all_variants() {
  std::vector<variant> out;
  for (const char* suite : {"system", "bullseye", "trixie", "sid", "experimental"}) {
    for (auto what :
         {variant::corpus, variant::generated, variant::legacy_provider, variant::security_level}) {
      out.push_back({suite, what});
    }
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(builds, differential, ::testing::ValuesIn(all_variants()), variant_name);

// --- configurations: libssl_probe --mode configuration --------------------------------------

// How many generated configurations each build answers.
constexpr std::size_t configurations_per_build = 3000;

// A CIPHERLIST or SUITES field of the probe's input: '-' or '=' and the escaped string.
std::string probe_string(const std::optional<std::string>& text) {
  if (!text) return "-";
  std::string out = "=";
  for (const char c : *text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\0')
      out += "\\x00";
    else
      out += c;
  }
  return out;
}

// SSL_OP_NO_* in include/openssl/ssl.h (1.1.1) and ssl.h.in (3.0+, SSL_OP_BIT(25..29)).
std::uint64_t ssl_op_bits(std::uint8_t disabled) {
  constexpr std::array<std::pair<std::uint8_t, std::uint64_t>, 5> bits{{
      {protocol_bit::sslv3, 0x02000000u},
      {protocol_bit::tlsv1, 0x04000000u},
      {protocol_bit::tlsv1_2, 0x08000000u},
      {protocol_bit::tlsv1_1, 0x10000000u},
      {protocol_bit::tlsv1_3, 0x20000000u},
  }};
  std::uint64_t out = 0;
  for (const auto& [bit, op] : bits) {
    if ((disabled & bit) != 0) out |= op;
  }
  return out;
}

// The probe's input line for a configuration (see libssl_probe.cpp).
std::string probe_line(const tls_configuration& c) {
  const auto bound = [](std::uint16_t v) {
    return v == 0 ? std::string("-") : fmt::format("0x{:04x}", v);
  };
  return fmt::format(
      "{}\t{}\t{}\t{}\t{:x}\t{}\t{}", c.ciphersuites_first ? "suites-first" : "list-first",
      c.security_level ? std::to_string(*c.security_level) : "-", bound(c.min_protocol),
      bound(c.max_protocol), ssl_op_bits(c.disabled_protocols), probe_string(c.cipher_list),
      probe_string(c.ciphersuites));
}

std::string joined(const std::vector<const cipher*>& suites) {
  std::string out;
  for (const cipher* s : suites) {
    if (!out.empty()) out += ' ';
    out += s->name;
  }
  return out;
}

// The probe's output fields as the resolver predicts them. A setter that was not called
// reads '-': the resolver must then report success ("0" otherwise, so the lines differ).
std::vector<std::string> predicted_fields(const tls_configuration& c,
                                          const configuration_result& r) {
  const auto flag = [](bool called, bool ok) {
    return std::string(!ok ? "0" : called ? "1" : "-");
  };
  std::string suites_ok = "-";
  if (c.ciphersuites)
    suites_ok = r.ciphersuites && r.ciphersuites->ok ? "1" : "0";
  else if (r.ciphersuites)
    suites_ok = "set without ciphersuites";
  return {flag(c.cipher_list.has_value(), r.list_ok),
          suites_ok,
          flag(c.min_protocol != 0, r.min_ok),
          flag(c.max_protocol != 0, r.max_ok),
          std::to_string(r.security_level),
          fmt::format("0x{:04x}", r.min_protocol),
          fmt::format("0x{:04x}", r.max_protocol),
          joined(r.ciphers),
          r.supported ? joined(*r.supported) : std::string("NULL")};
}

constexpr std::array<const char*, 9> probe_field_names{
    "set_cipher_list",           "set_ciphersuites",       "set_min_proto_version",
    "set_max_proto_version",     "SSL_get_security_level", "SSL_get_min_proto_version",
    "SSL_get_max_proto_version", "SSL_CTX_get_ciphers",    "SSL_get1_supported_ciphers"};

// Field by field, what libssl said and what the resolver said.
std::string describe_fields(const std::vector<std::string>& theirs,
                            const std::vector<std::string>& ours) {
  if (theirs.size() != ours.size())
    return fmt::format("libssl_probe gave {} fields, expected {}", theirs.size(), ours.size());
  std::string out;
  for (std::size_t f = 0; f < ours.size(); ++f) {
    if (theirs[f] == ours[f]) continue;
    out += fmt::format("\n    {}: ", probe_field_names[f]);
    if (f >= 7 && theirs[f] != "NULL" && ours[f] != "NULL") {
      out += "libssl vs resolver: " +
             describe_difference(
                 theirs[f].empty() ? std::vector<std::string>{} : split(theirs[f], ' '),
                 ours[f].empty() ? std::vector<std::string>{} : split(ours[f], ' '));
    } else {
      const auto shorten = [](const std::string& v) {
        return v.size() > 200 ? v.substr(0, 200) + "..." : v;
      };
      out += fmt::format("libssl {}, resolver {}", shorten(theirs[f]), shorten(ours[f]));
    }
  }
  return out;
}

// Tabs inside a field never occur: names hold none, and SUPPORTED is the last field.
std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> out(1);
  for (const char c : line) {
    if (c == '\t')
      out.emplace_back();
    else
      out.back().push_back(c);
  }
  return out;
}

class differential_configuration : public ::testing::TestWithParam<std::string> {};

TEST_P(differential_configuration, libssl_and_resolver_agree) {
  std::string why_not;
  const std::optional<build> b = find_build(GetParam(), why_not);
  if (!b) GTEST_SKIP() << why_not;
  const std::vector<tls_configuration> configs = generated_configurations(configurations_per_build);
  std::vector<std::string> inputs;
  inputs.reserve(configs.size());
  for (const tls_configuration& c : configs) inputs.push_back(probe_line(c));
  const probe_result got = run_probe(*b, inputs, false, std::nullopt, "configuration");
  ASSERT_NE(got.release, nullptr) << "no catalog for " << got.version_text << " (" << b->packages
                                  << ")";
  ASSERT_EQ(got.lines.size(), inputs.size()) << "libssl_probe answered for fewer lines";
  const catalog& release = *got.release;
  const configuration_resolver resolver(release);

  std::size_t identical = 0, reported = 0;
  // What the configurations exercised, so a generator that stopped mixing shows.
  std::size_t suites_failed = 0, list_failed = 0, supported_null = 0, below_tls12 = 0;
  for (std::size_t i = 0; i < configs.size(); ++i) {
    const tls_configuration& c = configs[i];
    std::vector<std::string> ours;
    try {
      const configuration_result r = resolver.resolve(c, detail_level::result);
      ours = predicted_fields(c, r);
      // The findings path resolves the same way.
      const std::vector<std::string> with_findings =
          predicted_fields(c, resolver.resolve(c, detail_level::findings));
      if (with_findings != ours && reported++ < 10) {
        ADD_FAILURE() << describe_configuration(c) << ": with findings the resolver says"
                      << describe_fields(with_findings, ours);
      }
    } catch (const std::exception& e) {
      ours = {std::string("resolve threw: ") + e.what()};
    }
    const std::vector<std::string> theirs = fields_of(got.lines[i]);
    ASSERT_FALSE(theirs.size() == 2 && theirs[0] == "error")
        << "libssl_probe could not read " << printable(inputs[i]) << ": " << theirs[1];
    if (theirs.size() == 9) {
      suites_failed += theirs[1] == "0" ? 1u : 0u;
      list_failed += theirs[0] == "0" ? 1u : 0u;
      supported_null += theirs[8] == "NULL" ? 1u : 0u;
      below_tls12 +=
          theirs[8] != "NULL" && c.max_protocol != 0 && c.max_protocol < version::tlsv1_2 ? 1u : 0u;
    }
    if (theirs == ours) {
      ++identical;
    } else if (reported++ < 10) {
      ADD_FAILURE() << got.version_text << ", " << describe_configuration(c) << " (probe input "
                    << printable(inputs[i]) << "):" << describe_fields(theirs, ours);
    }
  }
  EXPECT_EQ(identical, configs.size())
      << got.version_text << " (" << b->packages << "): " << identical << "/" << configs.size()
      << " identical";
  // Each of these happens on every release for a few hundred of the configurations.
  EXPECT_GT(suites_failed, 20u);
  EXPECT_GT(list_failed, 20u);
  EXPECT_GT(supported_null, 20u);
  std::printf(
      "%s (%s), configurations: %zu/%zu identical (set_ciphersuites failed %zu, "
      "set_cipher_list failed %zu, supported NULL %zu, supported below TLS 1.2 %zu)\n",
      got.version_text.c_str(), b->packages.c_str(), identical, configs.size(), suites_failed,
      list_failed, supported_null, below_tls12);
}

std::string build_name(const ::testing::TestParamInfo<std::string>& param) { return param.param; }

INSTANTIATE_TEST_SUITE_P(builds, differential_configuration,
                         ::testing::Values("system", "bullseye", "trixie", "sid", "experimental"),
                         build_name);

}  // namespace

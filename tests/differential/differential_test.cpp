// The evaluator against real libssl builds from Debian's archive (fetched by
// scripts/fetch-debian-libssl.py) and the system's own, each questioned by libssl_probe in its
// own process: the whole corpus and generated strings, with and without the legacy provider,
// with the build's security level and another one.

#include <cipherexplain.hpp>

#include "generated_strings.hpp"
#include "oracle_data.hpp"
#include "run_process.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace cipherexplain;
using namespace cipherexplain::testing;

struct build {
  std::string suite, libcrypto, libssl, modules, loader, library_path, packages;
};

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, sep)) out.push_back(part);
  return out;
}

// The build of a suite from the manifest; "system" is the libssl this test was built against.
std::optional<build> find_build(const std::string& suite, std::string& why_not) {
  if (suite == "system") {
    return build{
        suite,   CIPHEREXPLAIN_SYSTEM_LIBCRYPTO, CIPHEREXPLAIN_SYSTEM_LIBSSL, "-", "-", "-",
        "linked"};
  }
  const std::string manifest = std::string(CIPHEREXPLAIN_DEBIAN_CACHE) + "/manifest.tsv";
  std::ifstream in(manifest);
  if (!in) {
    why_not =
        "the Debian archive was not reached, so no build was fetched (see the output of the "
        "fetch_debian_libssl test, or run "
        "scripts/fetch-debian-libssl.py " CIPHEREXPLAIN_DEBIAN_CACHE ")";
    return std::nullopt;
  }
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line, '\t');
    if (f.size() == 7 && f[0] == suite) return build{f[0], f[1], f[2], f[3], f[4], f[5], f[6]};
  }
  why_not = "the archive has no " + suite + " build of libssl (see " + manifest + ")";
  return std::nullopt;
}

struct probe_result {
  std::string version_text;
  const catalog* release = nullptr;
  std::vector<std::string> lines;  // "ok\tlevel\tnames" per input
};

probe_result run_probe(const build& b, const std::vector<std::string>& inputs, bool legacy,
                       std::optional<int> security_level) {
  std::vector<std::string> args;
  std::string program = CIPHEREXPLAIN_LIBSSL_PROBE;
  if (b.loader != "-") {
    // Builds for a newer C library run under that library's own loader.
    args = {"--library-path", b.library_path, program};
    program = b.loader;
  }
  for (const std::string& a :
       {std::string("--libcrypto"), b.libcrypto, std::string("--libssl"), b.libssl}) {
    args.push_back(a);
  }
  if (b.modules != "-") args.insert(args.end(), {"--modules", b.modules});
  if (legacy) args.push_back("--legacy");
  if (security_level)
    args.insert(args.end(), {"--security-level", std::to_string(*security_level)});
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

}  // namespace

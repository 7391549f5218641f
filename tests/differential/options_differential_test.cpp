// SPDX-License-Identifier: Apache-2.0
// The SSL_OP_* tables (catalogs/<release>/options.tsv) against real libssl builds from Debian's
// archive (fetched by scripts/fetch-debian-libssl.py) and the system's, each questioned by
// options_probe in its own process: the options of a fresh SSL_CTX_new against
// new_context_options(), and, row by row, what the SSL_CONF "Options" keyword of the `conf`
// column does to a fresh context - its own bits and nothing else - and whether it needs the
// server flag as the note says.

#include <cipherexplain.hpp>

#include "debian_builds.hpp"
#include "run_process.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace cipherexplain;
using namespace cipherexplain::testing;

struct probe_result {
  std::string version_text;
  std::string version;  // the point release, from the version number: "1.1.1w", "3.5.9"
  const catalog* release = nullptr;
  std::uint64_t fresh = 0;
  std::vector<std::string> lines;  // "CMD\tFINISH\t0xBEFORE\t0xAFTER" per input
};

// The release name of an OPENSSL_VERSION_NUMBER: MNNFFPPS before 3.0 (PP the patch letter),
// MNN00PP0 from 3.0 on.
std::string release_name(unsigned long v) {
  const unsigned long major = (v >> 28) & 0xfu, minor = (v >> 20) & 0xffu;
  if (major >= 3) return fmt::format("{}.{}.{}", major, minor, (v >> 4) & 0xffu);
  const unsigned long patch = (v >> 4) & 0xffu;
  std::string out = fmt::format("{}.{}.{}", major, minor, (v >> 12) & 0xffu);
  if (patch > 0) out += static_cast<char>('a' + patch - 1);
  return out;
}

// The series catalog::find() takes: "3.5" from 3.0 on, "1.1.1" before.
std::string series_name(unsigned long v) {
  const unsigned long major = (v >> 28) & 0xfu, minor = (v >> 20) & 0xffu;
  return major >= 3 ? fmt::format("{}.{}", major, minor)
                    : fmt::format("{}.{}.{}", major, minor, (v >> 12) & 0xffu);
}

probe_result run_probe(const build& b, const std::vector<std::string>& inputs) {
  std::vector<std::string> args = probe_command(b, CIPHEREXPLAIN_OPTIONS_PROBE);
  const std::string program = args.front();
  args.erase(args.begin());
  args.insert(args.end(), {"--libcrypto", b.libcrypto, "--libssl", b.libssl});
  std::string input;
  for (const std::string& line : inputs) input += line + '\n';
  const process_result r = run_process(program, args, input);
  if (r.exit_code != 0)
    throw std::runtime_error(fmt::format("options_probe exited {}: {}", r.exit_code, r.err));
  probe_result out;
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  const auto head = split(line, '\t');
  if (head.size() != 3 || head[0] != "version")
    throw std::runtime_error("options_probe: no version line");
  out.version_text = head[2];
  const unsigned long v = std::stoul(head[1], nullptr, 16);
  out.version = release_name(v);
  // The build's own release where it was recorded, else the newest of its series.
  out.release = catalog::find(out.version);
  if (out.release == nullptr) out.release = catalog::find(series_name(v));
  std::getline(lines, line);
  const auto fresh = split(line, '\t');
  if (fresh.size() != 2 || fresh[0] != "fresh")
    throw std::runtime_error("options_probe: no fresh line");
  out.fresh = std::stoull(fresh[1], nullptr, 16);
  while (std::getline(lines, line)) out.lines.push_back(line);
  return out;
}

// One SSL_CONF_cmd(cctx, "Options", value) on a fresh context, as the probe reports it.
struct conf_result {
  int cmd = 0, finish = 0;
  std::uint64_t before = 0, after = 0;
};

std::optional<conf_result> parse_conf_line(const std::string& line, std::string& why) {
  const auto f = split(line, '\t');
  if (f.size() != 4) {
    why = f.size() == 2 && f[0] == "error" ? f[1] : "malformed probe line: " + line;
    return std::nullopt;
  }
  return conf_result{std::stoi(f[0]), std::stoi(f[1]), std::stoull(f[2], nullptr, 16),
                     std::stoull(f[3], nullptr, 16)};
}

std::string hex(std::uint64_t v) { return fmt::format("{:#x}", v); }

bool server_only(const ssl_option& o) {
  return o.note.find("Options keyword is server-only") != std::string_view::npos;
}

// The keyword with the opposite effect: "-Compression" for "Compression" and the reverse.
std::string negated(std::string_view keyword) {
  if (keyword.starts_with('-')) return std::string(keyword.substr(1));
  std::string out(1, '-');
  out.append(keyword);
  return out;
}

class options_differential : public ::testing::TestWithParam<std::string> {};

TEST_P(options_differential, a_fresh_context_holds_the_new_ctx_rows) {
  std::string why_not;
  const std::optional<build> b = find_build(GetParam(), why_not);
  if (!b) GTEST_SKIP() << why_not;
  const probe_result got = run_probe(*b, {});
  ASSERT_NE(got.release, nullptr) << "no catalog for " << got.version_text << " (" << b->packages
                                  << ")";
  const catalog& release = *got.release;
  const std::uint64_t expected = new_context_options(release);
  EXPECT_EQ(hex(got.fresh), hex(expected))
      << got.version_text << " (" << b->packages << "): SSL_CTX_get_options of a fresh context "
      << "vs new_context_options(" << release.release() << "); libssl sets "
      << hex(got.fresh & ~expected) << " the table does not, the table sets "
      << hex(expected & ~got.fresh) << " libssl does not";
  std::printf("%s (%s) against the %s table: fresh context %s, new_context_options %s\n",
              got.version_text.c_str(), b->packages.c_str(), std::string(release.release()).c_str(),
              hex(got.fresh).c_str(), hex(expected).c_str());
}

TEST_P(options_differential, each_options_keyword_changes_exactly_its_rows_bits) {
  std::string why_not;
  const std::optional<build> b = find_build(GetParam(), why_not);
  if (!b) GTEST_SKIP() << why_not;
  // Which release is it? Ask the library itself, then question it on that table's keywords.
  const probe_result id = run_probe(*b, {});
  ASSERT_NE(id.release, nullptr) << "no catalog for " << id.version_text << " (" << b->packages
                                 << ")";
  const catalog& release = *id.release;
  std::vector<const ssl_option*> rows;
  for (const ssl_option& o : ssl_options(release)) {
    if (!o.conf.empty() && o.conf != "-") rows.push_back(&o);
  }
  if (rows.empty()) GTEST_SKIP() << id.version_text << " has no SSL_CONF (1.0.2+)";
  // Per row: the keyword and its negation with both role flags, the keyword as a client only.
  std::vector<std::string> inputs;
  for (const ssl_option* o : rows) {
    inputs.push_back("both\t" + std::string(o->conf));
    inputs.push_back("both\t" + negated(o->conf));
    inputs.push_back("client\t" + std::string(o->conf));
  }
  const probe_result got = run_probe(*b, inputs);
  ASSERT_EQ(got.lines.size(), inputs.size()) << "options_probe answered for fewer lines";

  std::size_t agreed = 0, changed = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ssl_option& o = *rows[i];
    const std::string what =
        fmt::format("{} (SSL_OP_{} = {}, conf {})", id.version_text, o.name, hex(o.value), o.conf);
    std::optional<conf_result> r[3];
    for (std::size_t k = 0; k < 3; ++k) {
      r[k] = parse_conf_line(got.lines[3 * i + k], why_not);
      ASSERT_TRUE(r[k]) << what << ": " << inputs[3 * i + k] << ": " << why_not;
      EXPECT_EQ(hex(r[k]->before), hex(got.fresh)) << what << ": the context was not fresh";
      EXPECT_EQ(r[k]->finish, 1) << what << ": SSL_CONF_CTX_finish failed";
    }
    // The keyword as written sets the row's bits, the other form clears them; server-only
    // keywords are not recognised in a client-only SSL_CONF_CTX (the command fails, nothing
    // changes), the others are.
    const bool client_takes_it = !server_only(o);
    const struct {
      const char* form;
      std::string value;
      int cmd;
      std::uint64_t after;
    } expected[3] = {
        {"client and server flags", std::string(o.conf), 2, got.fresh | o.value},
        {"client and server flags", negated(o.conf), 2, got.fresh & ~o.value},
        {client_takes_it ? "client flag only" : "client flag only (the note says server-only)",
         std::string(o.conf), client_takes_it ? 2 : 0,
         client_takes_it ? got.fresh | o.value : got.fresh},
    };
    bool row_agrees = true;
    for (std::size_t k = 0; k < 3; ++k) {
      const conf_result& x = *r[k];
      if (x.cmd == expected[k].cmd && x.after == expected[k].after) continue;
      row_agrees = false;
      ADD_FAILURE() << what << ": SSL_CONF_cmd(\"Options\", \"" << expected[k].value << "\") with "
                    << expected[k].form << " returned " << x.cmd << " (expected " << expected[k].cmd
                    << ") and changed " << hex(x.before) << " into " << hex(x.after)
                    << " (expected " << hex(expected[k].after) << "): bits set "
                    << hex(x.after & ~x.before) << ", cleared " << hex(x.before & ~x.after);
    }
    agreed += row_agrees ? 1u : 0u;
    changed += r[0]->after != r[0]->before || r[1]->after != r[1]->before ? 1u : 0u;
  }
  // Most keywords move a bit one way or the other; a probe that changed nothing compares nothing.
  EXPECT_GT(changed, rows.size() / 2);
  std::printf("%s (%s) against the %s table: %zu/%zu Options keywords agree (%zu changed a bit)\n",
              got.version_text.c_str(), b->packages.c_str(), std::string(release.release()).c_str(),
              agreed, rows.size(), changed);
}

std::string build_name(const ::testing::TestParamInfo<std::string>& param) { return param.param; }

INSTANTIATE_TEST_SUITE_P(builds, options_differential,
                         ::testing::Values("system", "bullseye", "trixie", "sid", "experimental"),
                         build_name);

}  // namespace

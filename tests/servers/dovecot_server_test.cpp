// SPDX-License-Identifier: Apache-2.0
// The Dovecot reader against doveconf 2.3.19 from Debian 12 on each tree of
// tests/servers/trees/dovecot:
// - values: for each effective setting of the reader, `doveconf -c MAIN -x [-f FILTER...] -h
//   KEY` (KEY the setting its kind is: ssl_cipher_list, ssl_cipher_suites, ssl_min_protocol,
//   ssl_prefer_server_ciphers; one -f per filter block around the setting: protocol=, local=,
//   remote=, local_name=) prints the value Dovecot uses there, $setting references expanded
//   (-x); the reader's value must be that (for ssl_prefer_server_ciphers, the same yes/no);
// - errors: doveconf -n -x stops at `Fatal: Error in configuration file FILE line N: ...`;
//   the reader must report an error at FILE:N (in FILE when doveconf names no line). When doveconf
//   accepts the tree, the reader's errors must each be a `Warning: Configuration file FILE line N:
//   ...` of doveconf.
// doveconf checks no value against OpenSSL (nor ssl_min_protocol's names): trees keep to what
// it does check. $ENV:NAME is the server's environment, which the reader keeps as written.

#include "server_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace cipherexplain::testing {
namespace {

std::vector<std::string> base_args(const std::string& main) { return {"-c", main, "-x"}; }

std::unique_ptr<tree_run> run(const server_program& doveconf, const std::string& name) {
  auto r = std::make_unique<tree_run>("dovecot", name, "dovecot.conf", config_format::dovecot);
  // -n: every setting, as the config process reads the whole file (with -h alone doveconf
  // does not notice a section left open).
  std::vector<std::string> args = base_args(r->main);
  args.emplace_back("-n");
  r->server = run_server(doveconf, args);
  show(r->both());
  return r;
}

struct diagnostic {
  bool fatal = false;
  std::string file, message;
  unsigned line = 0;
};

std::vector<diagnostic> diagnostics(const std::string& err) {
  static const std::regex pattern(
      R"(doveconf: (Fatal|Warning): (?:Error in configuration file|Configuration file) (\S+?)(?: line (\d+))?: (.*))");
  std::vector<diagnostic> out;
  for (const std::string& line : lines_of(err)) {
    std::smatch m;
    if (std::regex_search(line, m, pattern))
      out.push_back({m[1] == "Fatal", m[2], m[4],
                     m[3].matched ? static_cast<unsigned>(std::stoul(m[3])) : 0u});
  }
  return out;
}

void check_expectation(const tree_run& r) {
  if (r.spec.accepted) {
    ASSERT_EQ(r.server.exit_code, 0) << "doveconf refuses the tree, TREE says it accepts it\n"
                                     << r.both();
    return;
  }
  ASSERT_NE(r.server.exit_code, 0) << "doveconf accepts the tree, TREE says it refuses it\n"
                                   << r.both();
  const auto d = diagnostics(r.server.err);
  const std::string file = r.dir.path() + "/" + r.spec.file;
  ASSERT_TRUE(std::any_of(
      d.begin(), d.end(),
      [&](const diagnostic& x) { return x.fatal && x.file == file && x.line == r.spec.line; }))
      << "doveconf does not refuse the tree where TREE says\n"
      << r.both();
}

// The doveconf -f filters of a block and the blocks around it.
std::vector<std::string> filters(const config_read_result& r, std::int32_t block) {
  std::vector<std::string> out;
  for (; block > 0; block = r.blocks[static_cast<std::size_t>(block)].parent) {
    const std::string& name = r.blocks[static_cast<std::size_t>(block)].name;
    const auto space = name.find(' ');
    out.push_back(name.substr(0, space) + "=" +
                  (space == std::string::npos ? "" : name.substr(space + 1)));
  }
  return out;
}

class DovecotTree : public ::testing::TestWithParam<std::string> {};
class DovecotAcceptedTree : public DovecotTree {};

TEST_P(DovecotAcceptedTree, ValuesAreWhatDoveconfPrints) {
  std::string why_not;
  const auto doveconf = find_program("doveconf", why_not);
  if (!doveconf) GTEST_SKIP() << why_not;
  auto r = run(*doveconf, GetParam());
  check_expectation(*r);
  if (r->spec.has("settings")) {
    EXPECT_FALSE(r->reader.settings.empty()) << "TREE says the reader finds settings\n"
                                             << r->both();
  }
  for (const tls_setting& s : r->reader.settings) {
    if (!s.effective) continue;
    const char* key = s.kind == setting_kind::cipher_list     ? "ssl_cipher_list"
                      : s.kind == setting_kind::ciphersuites  ? "ssl_cipher_suites"
                      : s.kind == setting_kind::min_protocol  ? "ssl_min_protocol"
                      : s.kind == setting_kind::prefer_server ? "ssl_prefer_server_ciphers"
                                                              : nullptr;
    ASSERT_NE(key, nullptr) << "a kind Dovecot has no setting for\n" << r->both();
    std::vector<std::string> args = base_args(r->main);
    for (const std::string& f : filters(r->reader, s.block)) args.insert(args.end(), {"-f", f});
    args.insert(args.end(), {"-h", key});
    const process_result p = run_server(*doveconf, args);
    ASSERT_EQ(p.exit_code, 0) << describe(p);
    std::string value = p.out;
    if (!value.empty() && value.back() == '\n') value.pop_back();
    const std::string where = s.file + ":" + std::to_string(s.line) + " " + s.directive;
    if (s.kind == setting_kind::prefer_server) {
      EXPECT_EQ(s.meaning, value == "yes" ? 1 : 0)
          << where << ": doveconf says " << key << " = " << value << "\n"
          << r->both();
    } else {
      EXPECT_EQ(s.value, value) << where << ": doveconf " << ::testing::PrintToString(args) << "\n"
                                << r->both();
    }
  }
}

TEST_P(DovecotTree, ErrorsAreWhereDoveconfStops) {
  std::string why_not;
  const auto doveconf = find_program("doveconf", why_not);
  if (!doveconf) GTEST_SKIP() << why_not;
  auto r = run(*doveconf, GetParam());
  check_expectation(*r);
  const auto d = diagnostics(r->server.err);
  if (r->server.exit_code == 0) {
    for (const config_error& e : r->reader.errors) {
      const bool warned = std::any_of(d.begin(), d.end(), [&](const diagnostic& x) {
        return !x.fatal && x.file == e.file && x.line == e.line;
      });
      EXPECT_TRUE(warned) << "doveconf accepts the tree and gives no warning at " << e.file << ":"
                          << e.line << ", but the reader reports: " << e.message << "\n"
                          << r->both();
    }
    return;
  }
  const auto fatal = std::find_if(d.begin(), d.end(), [](const diagnostic& x) { return x.fatal; });
  ASSERT_NE(fatal, d.end()) << r->both();
  const auto& errors = r->reader.errors;
  // (line 0: doveconf names the file only, e.g. for a section left open at its end)
  EXPECT_TRUE(std::any_of(errors.begin(), errors.end(),
                          [&](const config_error& e) {
                            return e.file == fatal->file &&
                                   (e.line == fatal->line || fatal->line == 0);
                          }))
      << "doveconf refuses the tree at " << fatal->file << ":" << fatal->line << " ("
      << fatal->message << "); the reader reports no error there\n"
      << r->both();
}

INSTANTIATE_TEST_SUITE_P(Trees, DovecotTree, ::testing::ValuesIn(tree_names("dovecot")),
                         tree_test_name);
INSTANTIATE_TEST_SUITE_P(Trees, DovecotAcceptedTree, ::testing::ValuesIn(trees_accepted("dovecot")),
                         tree_test_name);

}  // namespace
}  // namespace cipherexplain::testing

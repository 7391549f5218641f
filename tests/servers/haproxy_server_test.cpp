// SPDX-License-Identifier: Apache-2.0
// The HAProxy reader against haproxy 2.6 from Debian 12 (`haproxy -c -f MAIN`; HAProxy has no
// dump mode) on each tree of tests/servers/trees/haproxy:
// - errors: every `[ALERT] ... parsing [FILE:LINE] : ...` is a statement HAProxy refuses; the
//   reader must report an error at the first such place. When HAProxy accepts the tree the
//   reader's errors must each be a `[WARNING]` at the same place;
// - values (trees tagged "echo"): HAProxy hands each bind's and server's lists to OpenSSL when it
// checks them and
//   quotes what OpenSSL refuses (src/ssl_sock.c, v2.6.0: "unable to set SSL cipher list to
//   '%s' for bind '%s' at [%s:%d]", "unable to set TLS 1.3 cipher suites to '%s' ...", and
//   for servers "unable to set SSL cipher list to '%s'."): the quoted value must be the value
//   of one of the reader's effective settings of that kind (the reader does not check cipher
//   strings, so these alerts need no error of its own).

#include "server_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace cipherexplain::testing {
namespace {

std::unique_ptr<tree_run> run(const std::string& name, std::string& why_not) {
  const auto haproxy = find_program("haproxy", why_not);
  if (!haproxy) return nullptr;
  auto r = std::make_unique<tree_run>("haproxy", name, "haproxy.cfg", config_format::haproxy);
  r->server = run_server(*haproxy, {"-c", "-f", r->main});
  show(r->both());
  return r;
}

struct alert {
  std::string level, message, file;
  unsigned line = 0;
  std::optional<setting_kind> refused;  // a value OpenSSL refused, of this kind
  std::string value;
};

std::vector<alert> alerts(const std::string& err) {
  static const std::regex pattern(R"(^\[(ALERT|WARNING)\] +\(\d+\) : (?:config : )?(.*)$)");
  static const std::regex where(R"(\[([^\[\]]+):(\d+)\])");
  static const std::regex cipher_list(R"(unable to set SSL cipher list to '(.*)'(?: for bind|\.))");
  static const std::regex suites(
      R"(unable to set TLS 1.3 cipher suites to '(.*)'(?: for bind|\.))");
  std::vector<alert> out;
  for (const std::string& line : lines_of(err)) {
    std::smatch m, w, v;
    if (!std::regex_match(line, m, pattern)) continue;
    alert a{m[1], m[2], {}, 0, std::nullopt, {}};
    if (std::regex_search(a.message, w, where)) {
      a.file = w[1];
      a.line = static_cast<unsigned>(std::stoul(w[2]));
    }
    if (std::regex_search(a.message, v, cipher_list)) {
      a.refused = setting_kind::cipher_list;
      a.value = v[1];
    } else if (std::regex_search(a.message, v, suites)) {
      a.refused = setting_kind::ciphersuites;
      a.value = v[1];
    }
    out.push_back(a);
  }
  return out;
}

void check_expectation(const tree_run& r) {
  if (r.spec.accepted) {
    ASSERT_EQ(r.server.exit_code, 0) << "haproxy refuses the tree, TREE says it accepts it\n"
                                     << r.both();
    return;
  }
  ASSERT_NE(r.server.exit_code, 0) << "haproxy accepts the tree, TREE says it refuses it\n"
                                   << r.both();
  if (r.spec.line == 0) return;
  const auto a = alerts(r.server.err);
  const std::string file = r.dir.path() + "/" + r.spec.file;
  ASSERT_TRUE(std::any_of(a.begin(), a.end(),
                          [&](const alert& x) {
                            return x.level == "ALERT" && x.file == file && x.line == r.spec.line;
                          }))
      << "haproxy does not refuse the tree where TREE says (" << r.spec.file << ":" << r.spec.line
      << ")\n"
      << r.both();
}

class HaproxyTree : public ::testing::TestWithParam<std::string> {};
class HaproxyEchoTree : public HaproxyTree {};

TEST_P(HaproxyTree, ErrorsAreWhereHaproxyRefuses) {
  std::string why_not;
  auto r = run(GetParam(), why_not);
  if (!r) GTEST_SKIP() << why_not;
  check_expectation(*r);
  const auto a = alerts(r->server.err);
  if (r->server.exit_code == 0) {
    for (const config_error& e : r->reader.errors) {
      const bool warned = std::any_of(a.begin(), a.end(), [&](const alert& x) {
        return x.level == "WARNING" && x.file == e.file && x.line == e.line;
      });
      EXPECT_TRUE(warned) << "haproxy accepts the tree and gives no warning at " << e.file << ":"
                          << e.line << ", but the reader reports: " << e.message << "\n"
                          << r->both();
    }
    return;
  }
  const auto parse = std::find_if(a.begin(), a.end(), [](const alert& x) {
    return x.level == "ALERT" && x.line != 0 && !x.refused;
  });
  if (parse == a.end()) return;  // only values OpenSSL refused: the echo test's
  const auto& errors = r->reader.errors;
  EXPECT_TRUE(std::any_of(
      errors.begin(), errors.end(),
      [&](const config_error& e) { return e.file == parse->file && e.line == parse->line; }))
      << "haproxy refuses the tree at " << parse->file << ":" << parse->line << " ("
      << parse->message << "); the reader reports no error there\n"
      << r->both();
}

TEST_P(HaproxyEchoTree, RefusedValuesAreTheReadersValues) {
  std::string why_not;
  auto r = run(GetParam(), why_not);
  if (!r) GTEST_SKIP() << why_not;
  check_expectation(*r);
  const auto a = alerts(r->server.err);
  ASSERT_TRUE(std::any_of(a.begin(), a.end(), [](const alert& x) { return x.refused.has_value(); }))
      << "haproxy quotes no value OpenSSL refused\n"
      << r->both();
  const auto& s = r->reader.settings;
  for (const alert& x : a) {
    if (!x.refused) continue;
    EXPECT_TRUE(std::any_of(s.begin(), s.end(),
                            [&](const tls_setting& t) {
                              return t.kind == *x.refused && t.effective && t.value == x.value;
                            }))
        << "haproxy hands OpenSSL the " << setting_kind_name(*x.refused) << " \"" << x.value
        << "\"; no effective setting of the reader has that value\n"
        << r->both();
  }
}

INSTANTIATE_TEST_SUITE_P(Trees, HaproxyTree, ::testing::ValuesIn(tree_names("haproxy")),
                         tree_test_name);
INSTANTIATE_TEST_SUITE_P(Trees, HaproxyEchoTree,
                         ::testing::ValuesIn(trees_tagged("haproxy", "echo")), tree_test_name);

}  // namespace
}  // namespace cipherexplain::testing

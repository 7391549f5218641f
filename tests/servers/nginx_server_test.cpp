// SPDX-License-Identifier: Apache-2.0
// The nginx reader against nginx 1.22.1 from Debian 12: `nginx -T -q -p W/ -c MAIN` on each
// tree of tests/servers/trees/nginx (Debian's shipped nginx.conf and the hand-made tree of
// tests/configs among them).
// - files: -T prints `# configuration file PATH:` for every file it read, in reading order;
//   the reader's `files` must be the same list (but for a file read twice, which -T prints
//   once);
// - errors: nginx stops at its first error, `[emerg] MESSAGE in FILE:LINE`; the reader must
//   report an error at that file and line (an error OpenSSL reports, which nginx places
//   nowhere, the reader may report at the setting whose value nginx quotes). When nginx accepts the
//   tree, every error of the reader must be a warning nginx also gives (`[warn] ... in FILE:LINE`);
// - values (trees tagged "echo"): nginx hands the value to OpenSSL and, when OpenSSL
//   refuses it, quotes it: `SSL_CTX_set_cipher_list("VALUE") failed`,
//   `SSL_CONF_cmd("NAME", "VALUE") failed`. The value nginx quotes must be the value of one
//   of the reader's effective settings of that kind: quotes, escapes and comments as nginx
//   reads them.

#include "server_support.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace cipherexplain::testing {
namespace {

struct diagnostic {
  std::string level, message, file;
  unsigned line = 0;
};

// nginx's diagnostics on stderr: "2026/12/03 13:16:16 [warn] 1#1: MESSAGE in FILE:LINE" (or
// "nginx: [warn] MESSAGE ..." before the error log is open).
std::vector<diagnostic> diagnostics(const std::string& err) {
  static const std::regex pattern(R"(\[(emerg|alert|crit|warn|error)\] (?:\d+#\d+: )?(.*))");
  static const std::regex where(R"((.*) in (\S+):(\d+)$)");
  std::vector<diagnostic> out;
  for (const std::string& line : lines_of(err)) {
    std::smatch m, w;
    if (!std::regex_search(line, m, pattern)) continue;
    diagnostic d{m[1], m[2], {}, 0};
    const std::string message = m[2];
    if (std::regex_match(message, w, where)) {
      d.message = w[1];
      d.file = w[2];
      d.line = static_cast<unsigned>(std::stoul(w[3]));
    }
    out.push_back(d);
  }
  return out;
}

// Copies the tree and runs the reader and nginx on it; nullptr (and a skip) without nginx.
std::unique_ptr<tree_run> run(const std::string& name, std::string& why_not) {
  const auto nginx = find_program("nginx", why_not);
  if (!nginx) return nullptr;
  auto r = std::make_unique<tree_run>("nginx", name, "nginx.conf", config_format::nginx);
  r->server = run_server(*nginx, {"-T", "-q", "-p", r->dir.path() + "/", "-c", r->main});
  show(r->both());
  return r;
}

// The tree does what its TREE file says (otherwise the comparison would test nothing).
void check_expectation(const tree_run& r) {
  const auto d = diagnostics(r.server.err);
  if (r.spec.accepted) {
    ASSERT_EQ(r.server.exit_code, 0) << "nginx refuses the tree, TREE says it accepts it\n"
                                     << r.both();
    return;
  }
  ASSERT_NE(r.server.exit_code, 0) << "nginx accepts the tree, TREE says it refuses it\n"
                                   << r.both();
  if (r.spec.line != 0) {
    const std::string where = r.dir.path() + "/" + r.spec.file;
    ASSERT_TRUE(std::any_of(d.begin(), d.end(),
                            [&](const diagnostic& x) {
                              return x.level == "emerg" && x.file == where && x.line == r.spec.line;
                            }))
        << "nginx does not refuse the tree where TREE says (" << r.spec.file << ":" << r.spec.line
        << ")\n"
        << r.both();
  }
}

class NginxTree : public ::testing::TestWithParam<std::string> {};
class NginxAcceptedTree : public NginxTree {};
class NginxEchoTree : public NginxTree {};

TEST_P(NginxAcceptedTree, FilesAreTheFilesNginxTPrints) {
  std::string why_not;
  auto r = run(GetParam(), why_not);
  if (!r) GTEST_SKIP() << why_not;
  check_expectation(*r);
  std::vector<std::string> printed;
  static const std::regex header(R"(^# configuration file (.*):$)");
  for (const std::string& line : lines_of(r->server.out)) {
    std::smatch m;
    if (std::regex_match(line, m, header)) printed.push_back(m[1]);
  }
  // -T prints a file read twice once (ngx_conf_add_dump), where it was first read.
  std::vector<std::string> first_reads;
  for (const std::string& f : r->reader.files)
    if (std::find(first_reads.begin(), first_reads.end(), f) == first_reads.end())
      first_reads.push_back(f);
  EXPECT_EQ(first_reads, printed) << r->both();
}

TEST_P(NginxTree, ErrorsAreWhereNginxStops) {
  std::string why_not;
  auto r = run(GetParam(), why_not);
  if (!r) GTEST_SKIP() << why_not;
  check_expectation(*r);
  const auto d = diagnostics(r->server.err);
  if (r->server.exit_code == 0) {
    // Every error of the reader is a warning nginx gives at the same place.
    for (const config_error& e : r->reader.errors) {
      const bool warned = std::any_of(d.begin(), d.end(), [&](const diagnostic& x) {
        return x.level == "warn" && x.file == e.file && x.line == e.line;
      });
      EXPECT_TRUE(warned) << "nginx accepts the tree and gives no warning at " << e.file << ":"
                          << e.line << ", but the reader reports: " << e.message << "\n"
                          << r->both();
    }
    return;
  }
  const auto emerg =
      std::find_if(d.begin(), d.end(), [](const diagnostic& x) { return x.level == "emerg"; });
  ASSERT_NE(emerg, d.end()) << r->both();
  if (emerg->line == 0) {
    // A value OpenSSL refused (nginx names no place): the reader need not know, but an error
    // it reports must be about a setting whose value nginx quotes (the echo test compares it).
    for (const config_error& e : r->reader.errors) {
      const auto& s = r->reader.settings;
      const bool about_it = std::any_of(s.begin(), s.end(), [&](const tls_setting& x) {
        return x.file == e.file && x.line == e.line &&
               emerg->message.find("\"" + x.value + "\"") != std::string::npos;
      });
      EXPECT_TRUE(about_it) << "nginx stops at \"" << emerg->message
                            << "\" (no place), the reader at " << e.file << ":" << e.line << " "
                            << e.message << "\n"
                            << r->both();
    }
    return;
  }
  const auto& errors = r->reader.errors;
  EXPECT_TRUE(std::any_of(
      errors.begin(), errors.end(),
      [&](const config_error& e) { return e.file == emerg->file && e.line == emerg->line; }))
      << "nginx refuses the tree at " << emerg->file << ":" << emerg->line << " (" << emerg->message
      << "); the reader reports no error there\n"
      << r->both();
}

// The text between `open` and the `") failed` that follows it.
std::optional<std::string> quoted_after(const std::string& text, const std::string& open) {
  const auto at = text.find(open);
  if (at == std::string::npos) return std::nullopt;
  const auto begin = at + open.size();
  const auto end = text.find("\") failed", begin);
  if (end == std::string::npos) return std::nullopt;
  return text.substr(begin, end - begin);
}

TEST_P(NginxEchoTree, ValueIsTheOneNginxHandsToOpenSSL) {
  std::string why_not;
  auto r = run(GetParam(), why_not);
  if (!r) GTEST_SKIP() << why_not;
  check_expectation(*r);
  setting_kind kind = setting_kind::cipher_list;
  std::optional<std::string> value = quoted_after(r->server.err, "SSL_CTX_set_cipher_list(\"");
  if (!value) {
    static const std::regex conf(R"re(SSL_CONF_cmd\("(\w+)", ")re");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r->server.err, m, conf))
        << "nginx quotes no value OpenSSL refused\n"
        << r->both();
    const std::string command = m[1];
    kind = command == "CipherString"   ? setting_kind::cipher_list
           : command == "Ciphersuites" ? setting_kind::ciphersuites
           : command == "MinProtocol"  ? setting_kind::min_protocol
                                       : setting_kind::max_protocol;
    value = quoted_after(r->server.err, m[0]);
    ASSERT_TRUE(value) << r->both();
  }
  const auto& s = r->reader.settings;
  EXPECT_TRUE(std::any_of(
      s.begin(), s.end(),
      [&](const tls_setting& x) { return x.kind == kind && x.effective && x.value == *value; }))
      << "nginx hands OpenSSL the " << setting_kind_name(kind) << " \"" << *value
      << "\"; no effective setting of the reader has that value\n"
      << r->both();
}

INSTANTIATE_TEST_SUITE_P(Trees, NginxTree, ::testing::ValuesIn(tree_names("nginx")),
                         tree_test_name);
INSTANTIATE_TEST_SUITE_P(Trees, NginxAcceptedTree, ::testing::ValuesIn(trees_accepted("nginx")),
                         tree_test_name);
INSTANTIATE_TEST_SUITE_P(Trees, NginxEchoTree, ::testing::ValuesIn(trees_tagged("nginx", "echo")),
                         tree_test_name);

}  // namespace
}  // namespace cipherexplain::testing

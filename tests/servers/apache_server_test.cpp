// SPDX-License-Identifier: Apache-2.0
// The Apache reader against apache2 2.4 from Debian 12 (`apache2 -d DIR -f MAIN -t ...`, with
// mod_info loaded by -C) on each tree of tests/servers/trees/apache:
// - files: -D DUMP_INCLUDES lists every file read, `(*) MAIN` then `(LINE) FILE` in reading
//   order; the reader's `files` must be the same list;
// - settings: -D DUMP_CONFIG prints every directive apache kept (${} expanded, false
//   <IfModule>/<IfDefine> dropped) under `# In file: FILE` and `#  LINE:`; modules/generators/
//   mod_info.c (2.4.62 mod_info_show_cmds) prints "directive args" with the arguments as
//   written, at the line where the directive ends (continued lines joined); the reader's
//   setting is at the line where it starts, so a setting matches the lines it spans. Every
//   SSLCipherSuite, SSLProxyCipherSuite, SSLProtocol, SSLProxyProtocol, SSLHonorCipherOrder and
//   SSLOpenSSLConfCmd CipherString / Ciphersuites / MinProtocol / MaxProtocol / Protocol there must
//   be a setting of the reader at that file and line, and every setting of the reader such a
//   directive; the value must be the argument (unquoted as ap_getword_conf does), with
//   ":!aNULL:!eNULL:!EXP" after an SSL cipher list (modules/ssl/ssl_engine_config.c
//   ssl_cmd_SSLCipherSuite) and a CipherString;
// - errors: `Syntax error on line N of FILE` (the innermost one) must be an error of the
//   reader at FILE:N; when apache accepts the tree the reader's only errors may be AH00111's
//   "Config variable ${VAR} is not defined" for a variable apache also warns about, or one the
//   environment (Debian's envvars) defines, which the reader does not know.

#include "server_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace cipherexplain::testing {
namespace {

// What Debian's envvars would export, into the tree.
std::vector<std::string> environment(const std::string& w) {
  return {"APACHE_RUN_USER=nobody",
          "APACHE_RUN_GROUP=nogroup",
          "APACHE_PID_FILE=" + w + "/run/apache2.pid",
          "APACHE_RUN_DIR=" + w + "/run",
          "APACHE_LOCK_DIR=" + w + "/run",
          "APACHE_LOG_DIR=" + w + "/log"};
}

struct apache_run {
  std::unique_ptr<tree_run> tree;
  process_result includes, config;
};

std::unique_ptr<apache_run> run(const std::string& name, std::string& why_not) {
  const auto apache = find_program("apache2", why_not);
  if (!apache) return nullptr;
  auto r = std::make_unique<apache_run>();
  r->tree = std::make_unique<tree_run>("apache", name, "apache2.conf", config_format::apache);
  const std::string& w = r->tree->dir.path();
  for (const char* d : {"/run", "/log"}) std::filesystem::create_directories(w + d);
  const std::string root = std::filesystem::path(r->tree->main).parent_path().string();
  const std::vector<std::string> common{
      "-d", root,
      "-f", r->tree->main,
      "-C", "LoadModule info_module " + debian_root() + "/usr/lib/apache2/modules/mod_info.so",
      "-t"};
  auto with = [&](const char* define) {
    std::vector<std::string> args = common;
    args.insert(args.end(), {"-D", define});
    return run_server(*apache, args, {environment(w)});
  };
  r->includes = with("DUMP_INCLUDES");
  r->config = with("DUMP_CONFIG");
  r->tree->server = r->config;
  show(r->tree->both() + describe(r->includes));
  return r;
}

struct syntax_error {
  std::string file;
  unsigned line = 0;
  std::string message;
};

// The innermost "Syntax error on line N of FILE:" (nested includes repeat it per level).
std::optional<syntax_error> first_error(const process_result& p) {
  static const std::regex pattern(R"(Syntax error on line (\d+) of ([^:]+):)");
  const auto lines = lines_of(p.err);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::optional<syntax_error> last;
    for (auto it = std::sregex_iterator(lines[i].begin(), lines[i].end(), pattern);
         it != std::sregex_iterator(); ++it) {
      last =
          syntax_error{(*it)[2], static_cast<unsigned>(std::stoul((*it)[1])), it->suffix().str()};
    }
    if (last) {
      if (last->message.find_first_not_of(' ') == std::string::npos && i + 1 < lines.size())
        last->message = lines[i + 1];
      return last;
    }
  }
  return std::nullopt;
}

void check_expectation(const apache_run& r) {
  const tree_run& t = *r.tree;
  if (t.spec.accepted) {
    ASSERT_EQ(r.config.exit_code, 0) << "apache refuses the tree, TREE says it accepts it\n"
                                     << t.both();
    return;
  }
  ASSERT_NE(r.config.exit_code, 0) << "apache accepts the tree, TREE says it refuses it\n"
                                   << t.both();
  const auto e = first_error(r.config);
  ASSERT_TRUE(e) << t.both();
  ASSERT_EQ(e->file + ":" + std::to_string(e->line),
            t.dir.path() + "/" + t.spec.file + ":" + std::to_string(t.spec.line))
      << "apache does not refuse the tree where TREE says\n"
      << t.both();
}

struct dumped {
  std::string file;
  unsigned line = 0;
  std::string name;
  std::vector<std::string> args;
};

// ap_getword_conf's words: blanks separate them; a word starting with a quote runs to the
// same quote, \" or \' inside it standing for the quote.
std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (true) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    if (i >= s.size()) return out;
    std::string w;
    if (s[i] == '"' || s[i] == '\'') {
      const char q = s[i++];
      for (; i < s.size() && s[i] != q; ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == q) ++i;
        w += s[i];
      }
      ++i;
    } else {
      while (i < s.size() && s[i] != ' ' && s[i] != '\t') w += s[i++];
    }
    out.push_back(w);
  }
}

bool equal_ignoring_case(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_tls_directive(const dumped& d) {
  static const std::vector<std::string> names{"sslciphersuite", "sslproxyciphersuite",
                                              "sslprotocol", "sslproxyprotocol",
                                              "sslhonorcipherorder"};
  static const std::vector<std::string> commands{"cipherstring", "ciphersuites", "minprotocol",
                                                 "maxprotocol", "protocol"};
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  if (std::find(names.begin(), names.end(), lower(d.name)) != names.end()) return true;
  return lower(d.name) == "sslopensslconfcmd" && !d.args.empty() &&
         std::find(commands.begin(), commands.end(), lower(d.args[0])) != commands.end();
}

std::vector<dumped> dump_config(const std::string& out) {
  static const std::regex in_file(R"(^# In file: (.*)$)"), at_line(R"(^\s*#\s*(\d+):$)");
  std::vector<dumped> result;
  std::string file;
  unsigned line = 0;
  for (const std::string& text : lines_of(out)) {
    std::smatch m;
    if (std::regex_match(text, m, in_file)) {
      file = m[1];
    } else if (std::regex_match(text, m, at_line)) {
      line = static_cast<unsigned>(std::stoul(m[1]));
    } else if (const auto b = text.find_first_not_of(" \t"); b != std::string::npos) {
      if (text.compare(b, 2, "</") == 0) continue;
      const auto e = text.find_first_of(" \t", b);
      dumped d{file, line, text.substr(b, e - b), {}};
      d.args = words_of(e == std::string::npos ? "" : text.substr(e));
      if (is_tls_directive(d)) result.push_back(d);
    }
  }
  return result;
}

class ApacheTree : public ::testing::TestWithParam<std::string> {};
class ApacheAcceptedTree : public ApacheTree {};

TEST_P(ApacheAcceptedTree, FilesAreTheFilesOfDumpIncludes) {
  std::string why_not;
  auto r = run(GetParam(), why_not);
  if (!r) GTEST_SKIP() << why_not;
  check_expectation(*r);
  static const std::regex entry(R"(^\s+\((\*|\d+)\) (.*)$)");
  std::vector<std::string> listed;
  for (const std::string& line : lines_of(r->includes.out)) {
    std::smatch m;
    if (std::regex_match(line, m, entry)) listed.push_back(m[2]);
  }
  EXPECT_EQ(r->tree->reader.files, listed) << r->tree->both() << describe(r->includes);
}

TEST_P(ApacheAcceptedTree, SettingsAreTheDirectivesOfDumpConfig) {
  std::string why_not;
  auto r = run(GetParam(), why_not);
  if (!r) GTEST_SKIP() << why_not;
  check_expectation(*r);
  const tree_run& t = *r->tree;
  const auto directives = dump_config(r->config.out);
  for (const dumped& d : directives) {
    std::vector<const tls_setting*> here;
    for (const tls_setting& s : t.reader.settings)
      if (written_at(s, d.file, d.line)) here.push_back(&s);
    const std::string where = d.file + ":" + std::to_string(d.line) + " " + d.name;
    if (here.empty()) {
      ADD_FAILURE() << "apache keeps " << where << ", the reader has no setting there\n"
                    << t.both();
      continue;
    }
    // The value apache hands on, as mod_ssl makes it.
    std::string directive = d.name, value = d.args.empty() ? "" : d.args.back();
    const bool cipher_suite = d.name == "SSLCipherSuite" || d.name == "SSLProxyCipherSuite";
    if (cipher_suite && d.args.size() == 2) directive += " " + d.args[0];
    if (cipher_suite && (d.args.size() < 2 || d.args[0] == "SSL")) value += ":!aNULL:!eNULL:!EXP";
    if (d.name == "SSLOpenSSLConfCmd") {
      directive += " " + d.args[0];
      if (d.args[0] == "CipherString") value += ":!aNULL:!eNULL:!EXP";
    }
    if (d.name == "SSLProtocol" || d.name == "SSLProxyProtocol" ||
        d.name == "SSLHonorCipherOrder") {
      value.clear();
      for (const std::string& a : d.args) value += (value.empty() ? "" : " ") + a;
    }
    for (const tls_setting* s : here) {
      // As written by the reader, by its canonical name by mod_info.
      EXPECT_TRUE(equal_ignoring_case(s->directive, directive))
          << where << ": the reader's directive is " << s->directive << "\n"
          << t.both();
      EXPECT_EQ(s->value, value) << where << "\n" << t.both();
    }
  }
  for (const tls_setting& s : t.reader.settings) {
    const bool kept = std::any_of(directives.begin(), directives.end(),
                                  [&](const dumped& d) { return written_at(s, d.file, d.line); });
    EXPECT_TRUE(kept) << "the reader has " << s.directive << " at " << s.file << ":" << s.line
                      << ", apache keeps no TLS directive there\n"
                      << t.both();
  }
}

TEST_P(ApacheTree, ErrorsAreWhereApacheStops) {
  std::string why_not;
  auto r = run(GetParam(), why_not);
  if (!r) GTEST_SKIP() << why_not;
  check_expectation(*r);
  const tree_run& t = *r->tree;
  if (r->config.exit_code == 0) {
    const auto env = environment(t.dir.path());
    for (const config_error& e : t.reader.errors) {
      static const std::regex undefined(R"(\$\{([^}]*)\})");
      std::smatch m;
      bool excused = false;
      if (e.message.find("is not defined") != std::string::npos &&
          std::regex_search(e.message, m, undefined)) {
        const std::string var = m[1];
        excused = r->config.err.find("${" + var + "} is not defined") != std::string::npos ||
                  std::any_of(env.begin(), env.end(),
                              [&](const std::string& v) { return v.starts_with(var + "="); });
      }
      EXPECT_TRUE(excused) << "apache accepts the tree, the reader reports " << e.file << ":"
                           << e.line << " " << e.message << "\n"
                           << t.both();
    }
    return;
  }
  const auto stop = first_error(r->config);
  ASSERT_TRUE(stop) << t.both();
  const auto& errors = t.reader.errors;
  EXPECT_TRUE(std::any_of(
      errors.begin(), errors.end(),
      [&](const config_error& e) { return e.file == stop->file && e.line == stop->line; }))
      << "apache refuses the tree at " << stop->file << ":" << stop->line << " (" << stop->message
      << "); the reader reports no error there\n"
      << t.both();
}

INSTANTIATE_TEST_SUITE_P(Trees, ApacheTree, ::testing::ValuesIn(tree_names("apache")),
                         tree_test_name);
INSTANTIATE_TEST_SUITE_P(Trees, ApacheAcceptedTree, ::testing::ValuesIn(trees_accepted("apache")),
                         tree_test_name);

}  // namespace
}  // namespace cipherexplain::testing

// SPDX-License-Identifier: Apache-2.0
// The Postfix readers against postconf 3.7 from Debian 12 on each tree of
// tests/servers/trees/postfix (main.cf, and master.cf when the tree has one). postconf never
// checks a value, so what is compared are the values: `postconf -c DIR -x NAME...` gives each
// main.cf parameter after $name expansion (the default when unset), `postconf -c DIR -P -x`
// each master.cf -o override, expanded against main.cf.
// - a cipher list of the reader is what smtpd/smtp hand to OpenSSL (src/tls/tls_misc.c
//   tls_set_ciphers, vdukhovni/postfix v3.7.11): tls_GRADE_cipherlist for the grade of
//   <p>_tls_ciphers (opportunistic) or <p>_tls_mandatory_ciphers (mandatory), then ":!WORD"
//   for each word of <p>_tls_exclude_ciphers and, for the mandatory variant, of
//   <p>_tls_mandatory_exclude_ciphers; Postfix may add ":!aNULL" or ":!eNULL" (client
//   certificates asked, the client's encrypt level). The reader's value must be one of these,
//   built from postconf's values;
// - protocols: <p>_tls_protocols or <p>_tls_mandatory_protocols, as postconf expands it (the
//   one the directive names, when it names one);
// - tls_preempt_cipherlist (prefer_server): as postconf expands it.
// A parameter written twice is compared where it is written last (postconf knows no other).
// <p> is smtpd for the server role, smtp (lmtp in the reader's "lmtp" block) for the client.

#include "server_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace cipherexplain::testing {
namespace {

struct postconf_values {
  std::map<std::string, std::string> main;                             // name -> value
  std::map<std::string, std::map<std::string, std::string>> services;  // "name type" -> ...
  std::string text;  // what postconf printed, for messages
};

const std::vector<std::string>& asked() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n{"tls_preempt_cipherlist"};
    for (const char* g : {"high", "medium", "low", "export", "null"})
      n.push_back(std::string("tls_") + g + "_cipherlist");
    for (const char* p : {"smtpd", "smtp", "lmtp"}) {
      for (const char* s :
           {"_tls_ciphers", "_tls_mandatory_ciphers", "_tls_exclude_ciphers",
            "_tls_mandatory_exclude_ciphers", "_tls_protocols", "_tls_mandatory_protocols"})
        n.push_back(std::string(p) + s);
    }
    return n;
  }();
  return names;
}

std::optional<postconf_values> ask_postconf(const server_program& postconf, const std::string& dir,
                                            std::string& why_not) {
  const std::string root = debian_root();
  const std::vector<std::string> common{"-c", dir,
                                        "-o", "meta_directory=" + root + "/etc/postfix",
                                        "-o", "shlib_directory=" + root + "/usr/lib/postfix"};
  std::vector<std::string> args = common;
  args.emplace_back("-x");
  args.insert(args.end(), asked().begin(), asked().end());
  const process_result p = run_server(postconf, args);
  postconf_values v;
  v.text = describe(p);
  if (p.exit_code != 0) {
    why_not = "postconf fails: " + v.text;
    return std::nullopt;
  }
  static const std::regex entry(R"(^(\S+) = ?(.*)$)"),
      service(R"(^([^/]+)/([^/]+)/(\S+) = ?(.*)$)");
  for (const std::string& line : lines_of(p.out)) {
    std::smatch m;
    if (std::regex_match(line, m, entry)) v.main[m[1]] = m[2];
  }
  if (std::filesystem::exists(dir + "/master.cf")) {
    args = common;
    args.insert(args.end(), {"-P", "-x"});
    const process_result o = run_server(postconf, args);
    v.text += describe(o);
    for (const std::string& line : lines_of(o.out)) {
      std::smatch m;
      if (std::regex_match(line, m, service))
        v.services[std::string(m[1]) + " " + std::string(m[2])][m[3]] = m[4];
    }
  }
  return v;
}

struct scope {
  const postconf_values& v;
  const std::map<std::string, std::string>* service = nullptr;
  [[nodiscard]] std::string get(const std::string& name) const {
    if (service != nullptr) {
      if (const auto it = service->find(name); it != service->end()) return it->second;
    }
    const auto it = v.main.find(name);
    return it == v.main.end() ? std::string() : it->second;
  }
};

std::vector<std::string> list_words(const std::string& s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : s + " ") {
    if (c == ' ' || c == '\t' || c == ',' || c == ':' || c == '\n' || c == '\r') {
      if (!w.empty()) out.push_back(w);
      w.clear();
    } else {
      w += c;
    }
  }
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The cipher lists Postfix may hand to OpenSSL for prefix `p`.
std::vector<std::string> cipher_lists(const scope& s, const std::string& p) {
  std::vector<std::string> out;
  for (const bool mandatory : {false, true}) {
    const std::string grade =
        lower(s.get(p + (mandatory ? "_tls_mandatory_ciphers" : "_tls_ciphers")));
    std::string list = s.get("tls_" + grade + "_cipherlist");
    for (const std::string& w : list_words(s.get(p + "_tls_exclude_ciphers"))) list += ":!" + w;
    if (mandatory)
      for (const std::string& w : list_words(s.get(p + "_tls_mandatory_exclude_ciphers")))
        list += ":!" + w;
    for (const char* also : {"", ":!aNULL", ":!eNULL"}) out.push_back(list + also);
  }
  return out;
}

std::string strip_o(const std::string& directive) {
  return directive.starts_with("-o ") ? directive.substr(3) : directive;
}

void compare(const config_read_result& r, const postconf_values& v, const std::string& what) {
  const std::string both = describe(r) + "postconf:\n" + v.text;
  show(what + ": " + both);
  for (const tls_setting& s : r.settings) {
    // A parameter written again later: postconf knows only the last value.
    const bool replaced =
        std::any_of(r.settings.begin(), r.settings.end(), [&](const tls_setting& x) {
          return x.block == s.block && x.directive == s.directive && x.file == s.file &&
                 x.line > s.line;
        });
    if (replaced) continue;
    const std::string& block = r.blocks[static_cast<std::size_t>(s.block)].name;
    scope sc{v};
    if (r.format == config_format::postfix_master) {
      const auto it = v.services.find(block);
      static const std::map<std::string, std::string> none;
      sc.service = it == v.services.end() ? &none : &it->second;
    }
    const std::string p = s.role == setting_role::server ? "smtpd"
                          : block == "lmtp"              ? "lmtp"
                                                         : "smtp";
    const std::string where = what + ": " + s.file + ":" + std::to_string(s.line) + " " +
                              s.directive + " (" + std::string(setting_kind_name(s.kind)) + ")";
    if (s.kind == setting_kind::cipher_list) {
      const auto lists = cipher_lists(sc, p);
      EXPECT_NE(std::find(lists.begin(), lists.end(), s.value), lists.end())
          << where << ": the reader's list \"" << s.value << "\" is none Postfix makes of "
          << "postconf's values, e.g. \"" << lists[0] << "\" or \"" << lists[3] << "\"\n"
          << both;
    } else if (s.kind == setting_kind::protocols) {
      const std::string named = strip_o(s.directive);
      std::vector<std::string> names{p + "_tls_protocols", p + "_tls_mandatory_protocols"};
      if (std::find(names.begin(), names.end(), named) != names.end()) names = {named};
      EXPECT_TRUE(std::any_of(names.begin(), names.end(),
                              [&](const std::string& n) { return sc.get(n) == s.value; }))
          << where << ": the reader's value \"" << s.value << "\", postconf's " << names.front()
          << " = \"" << sc.get(names.front()) << "\"\n"
          << both;
    } else if (s.kind == setting_kind::prefer_server && s.effective) {
      EXPECT_EQ(s.value, sc.get("tls_preempt_cipherlist")) << where << "\n" << both;
    }
  }
}

class PostfixTree : public ::testing::TestWithParam<std::string> {};

TEST_P(PostfixTree, ValuesAreWhatPostconfExpands) {
  std::string why_not;
  const auto postconf = find_program("postconf", why_not);
  if (!postconf) GTEST_SKIP() << why_not;
  tree_run t("postfix", GetParam(), "main.cf", config_format::postfix_main);
  const std::string dir = t.dir.path();
  const auto v = ask_postconf(*postconf, dir, why_not);
  ASSERT_TRUE(v) << why_not;
  compare(t.reader, *v, "main.cf");
  std::size_t settings = t.reader.settings.size();
  if (std::filesystem::exists(dir + "/master.cf")) {
    const auto master = read_with(config_format::postfix_master, dir + "/master.cf");
    compare(master, *v, "master.cf");
    settings += master.settings.size();
  }
  if (t.spec.has("settings")) {
    EXPECT_NE(settings, 0u) << "TREE says the reader finds settings\n" << describe(t.reader);
  }
}

INSTANTIATE_TEST_SUITE_P(Trees, PostfixTree, ::testing::ValuesIn(tree_names("postfix")),
                         tree_test_name);

}  // namespace
}  // namespace cipherexplain::testing

// SPDX-License-Identifier: Apache-2.0
// MySQL and MariaDB option files (my.cnf): [group] lines, `name = value` or `name` alone,
// `!include FILE` and `!includedir DIR`. Syntax as search_default_file_with_ext() and
// remove_end_comment() read it (MariaDB/server mysys/my_default.c, 10.x/11.x;
// mysql/mysql-server mysys/my_default.cc, 8.0/trunk - the same rules):
// - a line whose first non-space is '#' or ';' is a comment; after an option, '#' outside
//   '...' or "..." ends the line (a backslash inside quotes protects a quote); ';' does not;
// - name and value are trimmed; a value that starts and ends with the same quote loses both;
//   \n \t \r \b \s \" \' \\ are escapes anywhere in the value, other backslashes stay;
// - an option before any [group] and a '[' without ']' are fatal ("Found option without
//   preceding group", "Wrong group definition"), as is a !include with no name;
// - !include / !includedir take the rest of the line as the name (no quotes, no comments);
//   a relative name is relative to the working directory; a missing !include is skipped
//   without a word; !includedir reads the files ending in ".cnf" (".ini" too on Windows),
//   sorted by name in MariaDB (my_dir MY_WANT_SORT), in directory order in MySQL, and a
//   missing directory is fatal; every included file starts outside any group; directives
//   nested 10 deep are skipped (max_recursion_level).
// Options (my_getopt.c): '-' and '_' are the same, `loose-` only silences an unknown name.
// TLS options (vio/viosslfactories.c): ssl_cipher goes to SSL_CTX_set_cipher_list, and
// MariaDB hands it to SSL_CTX_set_ciphersuites too (new_VioSSLFd), so its TLS 1.3 names set
// the TLS 1.3 suites (OpenSSL 3 keeps the names it knows; 1.1.1 only takes a list of TLS 1.3
// names); MySQL puts its blocked-cipher list before it instead. tls_version is a set of
// versions (MariaDB's SET, vio_tls_protocol_options: empty = every version); MySQL 8.0.16+
// also has tls_ciphersuites (MariaDB has none: an unknown variable).
// Each group is a block. A program reads all its groups as one list, so a later setting in
// a group every server (or every client) reads replaces earlier ones in that role's other
// groups too: those are marked not effective, with a note saying which setting replaced them.

#include "config/mysql_groups.hpp"
#include "config/reader_support.hpp"
#include "text/ascii.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace cipherexplain::detail {

namespace {

using mysql::group_kind;

[[nodiscard]] bool space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// The first `c` in s[from, to), or `to`.
[[nodiscard]] std::size_t find_in(const std::string& s, char c, std::size_t from,
                                  std::size_t to) noexcept {
  for (std::size_t i = from; i < to; ++i) {
    if (s[i] == c) return i;
  }
  return to;
}

struct group_state {
  bool found = false;
  std::int32_t block = 0;
  group_kind kind = group_kind::not_tls;
  std::string name;
};

struct pending {
  const loaded_file* file;
  std::size_t at;
  std::string directive;
  setting_kind kind;
  setting_role role;
  group_kind group;
  std::int32_t block;
  value_builder value;
  std::optional<std::uint16_t> meaning;
  std::string note;
  std::string replaced_by;  // set in the second pass
};

class mysql_reader {
 public:
  explicit mysql_reader(reading& r) : r_(r) {}

  void read(const loaded_file& f) {
    group_state group;
    const std::string& s = f.text;
    std::size_t line_start = 0;
    while (line_start < s.size()) {
      std::size_t line_end = s.find('\n', line_start);
      if (line_end == std::string::npos) line_end = s.size();
      line(f, line_start, line_end, group);
      line_start = line_end + 1;
    }
  }

  void finish() {
    // Backwards: the last setting of a kind in a group its whole role reads replaces the
    // earlier ones of that kind and role in every group.
    std::map<std::pair<setting_kind, setting_role>, std::size_t> later;
    for (std::size_t i = pending_.size(); i-- > 0;) {
      pending& p = pending_[i];
      const auto key = std::make_pair(p.kind, p.role);
      const auto it = later.find(key);
      if (it != later.end() && pending_[it->second].block != p.block &&
          p.group != group_kind::server_instance) {
        const pending& q = pending_[it->second];
        const file_position at = q.file->position(q.at);
        p.replaced_by = q.directive + " in " +
                        r_.result().blocks[static_cast<std::size_t>(q.block)].name + " at " +
                        q.file->path + ":" + std::to_string(at.line);
      }
      if (mysql::replaces_all(p.group, p.role) && it == later.end()) later.emplace(key, i);
    }
    for (pending& p : pending_) {
      tls_setting& s =
          r_.add_setting(*p.file, p.at, p.directive, p.kind, p.role, p.block, std::move(p.value));
      s.meaning = p.meaning;
      s.note = std::move(p.note);
      if (!p.replaced_by.empty()) {
        s.effective = false;
        if (!s.note.empty()) s.note += "; ";
        s.note += "replaced by " + p.replaced_by + " (the program reads its groups as one list)";
      }
    }
  }

 private:
  void line(const loaded_file& f, std::size_t begin, std::size_t end, group_state& group) {
    const std::string& s = f.text;
    std::size_t p = begin;
    while (p < end && space(s[p])) ++p;
    if (p == end || s[p] == '#' || s[p] == ';') return;
    if (s[p] == '!') return directive(f, p, end);
    if (s[p] == '[') return group_line(f, p, end, group);
    if (!group.found) {
      r_.add_error(f, p,
                   "option without preceding group (a fatal error: the program reads no "
                   "further in this file)");
      return;
    }
    option(f, p, end, group);
  }

  void group_line(const loaded_file& f, std::size_t p, std::size_t end, group_state& group) {
    const std::string& s = f.text;
    const std::size_t close = find_in(s, ']', p + 1, end);
    if (close == end) {
      r_.add_error(f, p, "wrong group definition: no ']' (a fatal error)");
      return;
    }
    std::size_t name_end = close;
    while (name_end > p + 1 && space(s[name_end - 1])) --name_end;
    group.found = true;
    group.name = s.substr(p + 1, name_end - p - 1);
    group.kind = mysql::classify_group(group.name);
    const std::string key = ascii_lowered(group.name);
    auto it = blocks_.find(key);
    if (it == blocks_.end()) {
      it = blocks_.emplace(key, r_.add_block("[" + group.name + "]", 0, f, p)).first;
    }
    group.block = it->second;
    if (!group.name.empty() && space(group.name.front())) {
      r_.add_error(
          f, p + 1,
          "group name \"" + group.name + "\" starts with a space: no program reads this group");
    }
  }

  void directive(const loaded_file& f, std::size_t bang, std::size_t end) {
    const std::string& s = f.text;
    if (f.depth >= 10) {
      r_.add_error(f, bang,
                   "directive skipped: the maximum include recursion level (10) is reached");
      return;
    }
    std::size_t p = bang + 1;
    while (p < end && space(s[p])) ++p;
    const auto keyword = [&](std::string_view k) {
      return s.compare(p, k.size(), k) == 0 && (p + k.size() == end || space(s[p + k.size()]));
    };
    const bool dir = keyword("includedir");
    if (!dir && !keyword("include")) return;  // another '!' line: ignored
    std::size_t a = p + (dir ? 10 : 7);
    while (a < end && space(s[a])) ++a;
    std::size_t b = end;
    while (b > a && space(s[b - 1])) --b;
    const std::string word = dir ? "includedir" : "include";
    if (a == b) {
      r_.add_error(f, bang, "wrong '!" + word + "' directive: no name (a fatal error)");
      return;
    }
    const std::string written = s.substr(a, b - a);
    const std::string path = r_.tree().resolve(written, "");
    if (dir) return include_directory(f, bang, path);
    include_file(f, bang, path, "");
  }

  void include_file(const loaded_file& f, std::size_t at, const std::string& path,
                    std::string_view why) {
    const std::size_t errors = r_.result().errors.size();
    auto included = r_.open_included(path, f, at, true);
    if (!included) {
      if (r_.result().errors.size() == errors) {
        std::string error;
        (void)r_.tree().read(path, error);
        r_.add_error(
            f, at,
            "cannot read included " + path + ": " + error +
                std::string(why.empty() ? " (MySQL and MariaDB skip it without a word)" : why));
      }
      return;
    }
    keep_.push_back(included);
    read(*included);
    r_.close(*included);
  }

  void include_directory(const loaded_file& f, std::size_t at, std::string dir) {
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    if (!r_.tree().is_directory(dir)) {
      r_.add_error(f, at, "cannot open directory " + dir + " (a fatal error)");
      return;
    }
    std::vector<std::string> files = r_.tree().glob(dir + "/*.cnf");
    for (std::string& hidden : r_.tree().glob(dir + "/.*.cnf")) files.push_back(std::move(hidden));
    std::sort(files.begin(), files.end());
    for (const std::string& path : files) include_file(f, at, path, " (skipped)");
  }

  // Where '#' ends the line: outside quotes, a backslash inside quotes protecting the next
  // character (remove_end_comment), scanned from the line's first non-space.
  [[nodiscard]] static std::size_t comment_start(const std::string& s, std::size_t p,
                                                 std::size_t end, char& open_quote,
                                                 std::size_t& quote_at) {
    char quote = 0;
    bool escape = false;
    for (; p < end; ++p) {
      const char c = s[p];
      if ((c == '\'' || c == '"') && !escape) {
        if (quote == 0) {
          quote = c;
          quote_at = p;
        } else if (quote == c) {
          quote = 0;
        }
      }
      if (quote == 0 && c == '#') break;
      escape = quote != 0 && c == '\\' && !escape;
    }
    open_quote = quote;
    return p;
  }

  void option(const loaded_file& f, std::size_t p, std::size_t end, const group_state& group) {
    const std::string& s = f.text;
    char open_quote = 0;
    std::size_t quote_at = 0;
    const std::size_t cut = comment_start(s, p, end, open_quote, quote_at);
    const std::size_t eq = find_in(s, '=', p, cut);
    const bool has_value = eq < cut;
    std::size_t name_end = has_value ? eq : cut;
    while (name_end > p && space(s[name_end - 1])) --name_end;
    const std::string name = s.substr(p, name_end - p);
    const std::string key = mysql::option_key(name);
    setting_kind kind{};
    if (key == "ssl_cipher") {
      kind = setting_kind::cipher_list;
    } else if (key == "tls_version") {
      kind = setting_kind::protocols;
    } else if (key == "tls_ciphersuites") {
      kind = setting_kind::ciphersuites;
    } else {
      return;
    }
    if (group.kind == group_kind::not_tls) return;
    if (!has_value) {
      r_.add_error(f, p, "option '--" + name + "' requires an argument");
      return;
    }
    if (open_quote != 0) {
      r_.add_error(f, quote_at,
                   std::string("unterminated ") + open_quote +
                       " quote: the quote and what follows it, '#' included, are the value");
    }
    std::size_t v = eq + 1;
    while (v < cut && space(s[v])) ++v;
    std::size_t v_end = cut;
    while (v_end > v && space(s[v_end - 1])) --v_end;
    if (v < v_end && (s[v] == '"' || s[v] == '\'') && v + 1 < v_end && s[v_end - 1] == s[v]) {
      ++v;
      --v_end;
    }
    std::vector<setting_role> roles;
    if (group.kind == group_kind::both) {
      roles = {setting_role::server, setting_role::client};
    } else if (group.kind == group_kind::client || group.kind == group_kind::all_clients) {
      roles = {setting_role::client};
    } else {
      roles = {setting_role::server};
    }
    for (setting_role role : roles) add(f, p, name, kind, role, group, v, v_end);
  }

  // The value's bytes [a, b) with the escapes the option-file reader undoes.
  static void unescape(value_builder& out, const loaded_file& f, std::size_t a, std::size_t b) {
    const std::string& s = f.text;
    std::size_t run = a;
    for (std::size_t i = a; i < b; ++i) {
      if (s[i] != '\\' || i + 1 >= b) continue;
      const char n = s[i + 1];
      const char* made = n == 'n'   ? "\n"
                         : n == 't' ? "\t"
                         : n == 'r' ? "\r"
                         : n == 'b' ? "\b"
                         : n == 's' ? " "
                                    : nullptr;
      if (made != nullptr) {
        out.add_file(run, i - run);
        out.add_made(made, i);
        run = i + 2;
      } else if (n == '"' || n == '\'' || n == '\\') {
        out.add_file(run, i - run);
        run = i + 1;
      }
      ++i;
    }
    out.add_file(run, b - run);
  }

  void add(const loaded_file& f, std::size_t at, const std::string& name, setting_kind kind,
           setting_role role, const group_state& group, std::size_t a, std::size_t b) {
    value_builder v(f);
    unescape(v, f, a, b);
    const std::string value = v.value();
    pending p{&f, at, name, kind, role, group.kind, group.block, v, std::nullopt, {}, {}};
    if (kind == setting_kind::protocols) {
      std::string bad;
      if (const auto bits = mysql::tls_versions(value, bad)) {
        p.meaning = *bits;
        if (value.empty())
          p.note = "an empty tls_version enables every TLS version in MariaDB (MySQL: none)";
      } else {
        r_.add_error(f, a,
                     "Error while setting value '" + value + "' to 'tls_version': \"" + bad +
                         "\" is not a TLS version");
      }
    } else if (kind == setting_kind::cipher_list) {
      p.note = value.empty() ? "an empty ssl_cipher sets no cipher list (the library's default)"
                             : "MySQL puts its blocked-cipher list before it";
    } else {
      p.note = "MySQL 8.0.16+ (MariaDB has no tls_ciphersuites)";
    }
    pending_.push_back(std::move(p));
    if (kind == setting_kind::cipher_list) tls13_part(f, at, name, role, group, a, b);
  }

  // MariaDB's ssl_cipher also sets the TLS 1.3 suites: its TLS_ names, as a setting.
  void tls13_part(const loaded_file& f, std::size_t at, const std::string& name, setting_role role,
                  const group_state& group, std::size_t a, std::size_t b) {
    value_builder suites(f);
    std::size_t start = a;
    bool any = false;
    while (start <= b) {
      const std::size_t colon = find_in(f.text, ':', start, b);
      value_builder element(f);
      unescape(element, f, start, colon);
      if (element.value().starts_with("TLS_")) {
        if (any) suites.add_made(":", start);
        unescape(suites, f, start, colon);
        any = true;
      }
      start = colon + 1;
    }
    if (!any) return;
    pending p{&f,
              at,
              name,
              setting_kind::ciphersuites,
              role,
              group.kind,
              group.block,
              suites,
              std::nullopt,
              "MariaDB hands ssl_cipher to SSL_CTX_set_ciphersuites() too: OpenSSL 3 keeps its "
              "TLS 1.3 names (1.1.1 only a list of nothing else); MySQL does not",
              {}};
    pending_.push_back(std::move(p));
  }

  reading& r_;
  std::map<std::string, std::int32_t> blocks_;  // by group name without case
  std::vector<std::shared_ptr<const loaded_file>> keep_;
  std::vector<pending> pending_;
};

}  // namespace

void read_mysql(reading& r, const loaded_file& main) {
  mysql_reader reader(r);
  reader.read(main);
  reader.finish();
}

}  // namespace cipherexplain::detail

// SPDX-License-Identifier: Apache-2.0
// Dovecot: `key = value` lines, `section [name] {` ... `}`, `!include` / `!include_try` with
// globs. Line rules of config_parse_line() and the rest of dovecot/core src/config/
// config-parser.c (tag 2.3.19.1, Debian 12's release; 2.4 reads lines the same way):
// - leading blanks (space, tab) are skipped; a line whose first character is '#' or that is
//   empty is skipped, and drops a continuation in progress;
// - a '#' outside "..." / '...' quotes (backslash escapes inside them) starts a comment
//   anywhere, even right after a word (Dovecot only warns then); trailing blanks go;
// - a line ending in '\' continues on the next, joined with one space;
// - `key = value`: the value after blanks; `<path` makes it a file's contents (read when
//   the config process starts); a value not starting with a quote that holds a '$' is made
//   of space-separated words, each `$name` replaced by setting `name`'s value (the parser
//   runs with expand_values: config/main.c), `$ENV:x` by the environment; otherwise a value
//   enclosed in matching quotes loses them and its backslashes (str_unescape);
// - `$name` takes the value set in the same filter, else the default; only `key = $key ...`
//   looks in the enclosing filters (config_get_value expand_parent); an unknown name is an
//   error ("Unknown variable"); names and defaults: dovecot_settings.hpp, from the real doveconf;
// - `!include` / `!include_try PATH`: relative to the including file's directory, glob(3)
//   in sorted order; no match is "No matches" for !include, nothing for !include_try;
//   sections may open and close in different files; one left open is "Missing '}'";
// - filters: `protocol`, `local`, `local_name`, `remote` (config_filter_add_new_filter, with
//   its nesting rules); a filter met again is the same filter. Other sections (service,
//   inet_listener, ...) are no place for ssl_* settings ("Unknown setting"), nor is any place
//   for an ssl_* name Dovecot does not know (a misspelt one).
// Settings (src/lib-master/master-service-ssl-settings.c, src/lib-ssl-iostream/
// iostream-openssl-context.c and iostream-openssl-common.c; 2.4: ssl-settings.c):
// ssl_cipher_list -> SSL_CTX_set_cipher_list; ssl_cipher_suites -> SSL_CTX_set_ciphersuites
// when not empty (empty leaves the library's suites); ssl_min_protocol -> ANY (no bound),
// SSLv3, TLSv1, TLSv1.1, TLSv1.2, TLSv1.3, LATEST (TLS_MAX_VERSION: TLS 1.3 with OpenSSL
// 1.1.1 and 3.x), without case, else "Unknown ssl_min_protocol setting"; the obsolete
// ssl_protocols is turned into ssl_min_protocol (config/old-set-parser.c);
// ssl_prefer_server_ciphers (yes, y, 1 / no) and 2.4's ssl_server_prefer_ciphers
// (client / server) -> SSL_OP_CIPHER_SERVER_PREFERENCE. All are the server role.

#include "config/dovecot_settings.hpp"
#include "config/dovecot_values.hpp"
#include "config/reader_support.hpp"
#include "text/ascii.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cipherexplain::detail {

namespace {

using dovecot::defaults;
using dovecot::is_white;
using dovecot::library_suites;
using dovecot::named;
using dovecot::text;

struct section {
  std::int32_t block = 0;  // the filter it is in
  bool filter = false;
  bool in_path = false;  // inside a non-filter section: ssl_* are no settings there
  bool protocol = false, local = false, local_name = false, remote = false;
  std::size_t filters = 0;  // filters around it, itself included
  bool ignored = false;     // inside filters nested too deep
  std::string where;
};

// Dovecot has no limit of its own; this bounds the work of `key = $key` lookups.
constexpr std::size_t max_filters = 64;

class dovecot_reader {
 public:
  explicit dovecot_reader(reading& r) : r_(r) { stack_.push_back({}); }

  void read(const loaded_file& f) {
    const std::string& s = f.text;
    text full;
    for (std::size_t start = 0; start < s.size() || start == 0;) {
      std::size_t end = s.find('\n', start);
      const std::size_t next = end == std::string::npos ? s.size() + 1 : end + 1;
      if (end == std::string::npos) end = s.size();
      if (end > start && s[end - 1] == '\r') --end;
      std::size_t p = start;
      while (p < end && is_white(s[p])) ++p;
      if (p == end || s[p] == '#') {
        full.clear();
        start = next;
        if (start > s.size()) break;
        continue;
      }
      std::size_t e = strip_comment(s, p, end);
      while (e > p && is_white(s[e - 1])) --e;
      if (e > p && s[e - 1] == '\\') {
        --e;
        while (e > p && is_white(s[e - 1])) --e;
        if (e > p) {
          full.add_file(f, p, e - p);
          full.add_made(" ", &f, e);
        }
      } else {
        full.add_file(f, p, e - p);
        line(f, full);
        full.clear();
      }
      start = next;
      if (start > s.size()) break;
    }
    if (!full.str().empty()) line(f, full);  // a '\' on the last line
  }

  void finish(const loaded_file& main) {
    if (stack_.size() > 1)
      r_.add_error(main, main.text.size(),
                   "Missing '}' (section started at " + stack_.back().where + ")");
  }

 private:
  static std::size_t strip_comment(const std::string& s, std::size_t p, std::size_t end) {
    for (std::size_t q = p; q < end; ++q) {
      if (s[q] == '"' || s[q] == '\'') {
        const char quote = s[q];
        for (++q; q < end && s[q] != quote; ++q) {
          if (s[q] == '\\' && q + 1 < end) ++q;
        }
        if (q >= end) return end;
      } else if (s[q] == '#') {
        return q;
      }
    }
    return end;
  }

  void line(const loaded_file& f, const text& t) {
    const std::string& x = t.str();
    const std::size_t n = x.size();
    std::size_t i = 0;
    while (i < n && !is_white(x[i]) && x[i] != '=') ++i;
    const std::string key = x.substr(0, i);
    std::size_t j = i;
    while (j < n && is_white(x[j])) ++j;
    if (key == "!include" || key == "!include_try")
      return include(f, t.at(0), x.substr(j), key == "!include_try");
    if (j < n && x[j] == '=') {
      ++j;
      while (j < n && is_white(x[j])) ++j;
      return setting(f, t, key, j);
    }
    if (key == "}" && j == n) {
      if (stack_.size() == 1) {
        r_.add_error(f, t.at(0), "Unexpected '}'");
      } else {
        stack_.pop_back();
      }
      return;
    }
    // `key [name] {` or `key "name" {`
    std::string name;
    std::size_t k = j;
    if (k < n && x[k] == '"') {
      std::size_t q = k + 1;
      while (q < n && x[q] != '"') ++q;
      if (q < n) {
        name = unescape(x.substr(k + 1, q - k - 1));
        k = q + 1;
        while (k < n && is_white(x[k])) ++k;
      } else {
        k = n;
      }
    } else if (k < n && x[k] != '{') {
      while (k < n && !is_white(x[k])) ++k;
      name = x.substr(j, k - j);
      while (k < n && is_white(x[k])) ++k;
    }
    if (k >= n || x[k] != '{') return r_.add_error(f, t.at(0), "Expecting '{'");
    if (k + 1 != n) return r_.add_error(f, t.at(k + 1), "Garbage after '{'");
    open(f, t.at(0), key, name);
  }

  static std::string unescape(std::string_view v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i] == '\\' && ++i >= v.size()) break;
      out += v[i];
    }
    return out;
  }

  void open(const loaded_file& f, std::size_t at, const std::string& key, const std::string& name) {
    section s = stack_.back();
    s.where = f.path + ":" + std::to_string(f.position(at).line);
    const bool is_filter =
        key == "protocol" || key == "local" || key == "local_name" || key == "remote";
    if (!is_filter) {
      s.filter = false;
      s.in_path = true;
      stack_.push_back(std::move(s));
      return;
    }
    const section& up = stack_.back();
    const char* refused = nullptr;
    if (key == "protocol" && up.protocol) {
      refused = "Nested protocol { protocol { .. } } block not allowed";
    } else if (key == "local") {
      refused =
          up.remote ? "remote { local { .. } } not allowed (use local { remote { .. } } instead)"
          : up.protocol
              ? "protocol { local { .. } } not allowed (use local { protocol { .. } } instead)"
          : up.local_name
              ? "local_name { local { .. } } not allowed (use local { local_name { .. } } instead)"
              : nullptr;
    } else if (key == "local_name") {
      refused =
          up.remote
              ? "remote { local_name { .. } } not allowed (use local_name { remote { .. } } instead)"
          : up.protocol
              ? "protocol { local_name { .. } } not allowed (use local_name { protocol { .. } } instead)"
              : nullptr;
    } else if (key == "remote" && up.protocol) {
      refused = "protocol { remote { .. } } not allowed (use remote { protocol { .. } } instead)";
    }
    if (refused != nullptr) r_.add_error(f, at, refused);
    (key == "protocol" ? s.protocol
     : key == "local"  ? s.local
     : key == "remote" ? s.remote
                       : s.local_name) = true;
    s.filter = true;
    if (++s.filters > max_filters) {
      r_.add_error(f, at,
                   "filters nested deeper than " + std::to_string(max_filters) +
                       "; the settings inside are not read");
      s.ignored = true;
      stack_.push_back(std::move(s));
      return;
    }
    const std::string identity = std::to_string(up.block) + "\n" + key + " " + name;
    const std::string label = name.empty() ? key : key + " " + name;
    const auto found = filters_.find(identity);
    if (found != filters_.end()) {
      s.block = found->second;
    } else {
      s.block = r_.add_block(label, up.block, f, at);
      filters_.emplace(identity, s.block);
    }
    stack_.push_back(std::move(s));
  }

  void include(const loaded_file& f, std::size_t at, const std::string& written, bool optional) {
    const std::string pattern = r_.tree().resolve(written, f.directory());
    const std::vector<std::string> paths = r_.expand(pattern);
    if (paths.empty() && !optional) r_.add_error(f, at, "!include " + written + ": No matches");
    for (const std::string& path : paths) {
      auto included = r_.open_included(path, f, at, optional);
      if (!included) continue;
      read(*included);
      r_.close(*included);
    }
  }

  // The value `$name` gets here: set in the current filter, else (only for `key = $key`)
  // in an enclosing one, else the default; null when unknown.
  const text* lookup(const std::string& name, bool parent) {
    for (std::int32_t b = stack_.back().block; b >= 0;
         b = r_.result().blocks[static_cast<std::size_t>(b)].parent) {
      const auto& values = values_[b];
      if (const auto it = values.find(name); it != values.end()) return &it->second;
      if (!parent) break;
    }
    std::optional<std::string_view> value;
    for (const named& d : defaults) {
      if (d.name == name) value = d.value;
    }
    if (!value) value = dovecot::setting_default(name);
    if (!value) return nullptr;
    text& made = defaults_[name];
    if (made.str().empty()) made.add_made(std::string(*value), nullptr, 0);
    return &made;
  }

  void setting(const loaded_file& f, const text& t, const std::string& key, std::size_t j);

  reading& r_;
  std::vector<section> stack_;
  std::map<std::string, std::int32_t> filters_;
  std::map<std::int32_t, std::map<std::string, text>> values_;
  std::map<std::string, text> defaults_;  // filled on first use (made at the reference)
};

void dovecot_reader::setting(const loaded_file& f, const text& t, const std::string& key,
                             std::size_t j) {
  const std::string& x = t.str();
  const std::size_t n = x.size();
  const section& here = stack_.back();
  if (here.ignored) return;
  const bool tls = dovecot::is_tls_key(key);
  const std::size_t value_at = j < n ? t.at(j) : t.at(n - 1);
  text value;
  std::string note;
  bool unresolved = false;  // a word kept as written: its value is not known here
  if (j < n && x[j] == '<') {
    if (!tls) return;  // other files (certificates, keys) are not this reader's business
    std::size_t k = j + 1;
    while (k < n && is_white(x[k])) ++k;
    const std::string written = x.substr(k);
    auto file = r_.open_included(r_.tree().resolve(written, f.directory()), f, value_at);
    if (!file) return;
    value.add_made(file->text, &f, value_at);
    r_.close(*file);
    note = "the contents of " + written;
  } else if (j < n && x[j] != '"' && x[j] != '\'' && x.find('$', j) != std::string::npos) {
    for (std::size_t pos = j;;) {
      std::size_t sp = x.find(' ', pos);
      const std::size_t end = sp == std::string::npos ? n : sp;
      const std::string word = x.substr(pos, end - pos);
      if (!word.starts_with("$")) {
        value.append(t, pos, end - pos);
      } else if (word.starts_with("$ENV:")) {
        value.append(t, pos, end - pos);
        unresolved = true;
        note += (note.empty() ? "" : "; ") + word + " is the server's environment, kept as written";
      } else {
        const std::string name = word.substr(word.starts_with("$SET:") ? 5 : 1);
        const text* v = lookup(name, name == key);
        if (v != nullptr && value.str().size() + v->str().size() <= (std::size_t{64} << 10)) {
          value.append_here(*v, f, t.at(pos));
        } else {
          value.append(t, pos, end - pos);
          if (v == nullptr && !here.in_path) {
            r_.add_error(f, t.at(pos), "Unknown variable: " + word);
          } else if (tls) {
            unresolved = true;
            note += (note.empty() ? "" : "; ") + word + " is too long to expand, kept as written";
          }
        }
      }
      if (sp == std::string::npos) break;
      value.append(t, sp, 1);
      for (pos = sp; pos < n && is_white(x[pos]);) ++pos;
    }
  } else if (j < n && n - j >= 1 &&
             ((x[j] == '"' && x[n - 1] == '"') || (x[j] == '\'' && x[n - 1] == '\''))) {
    const std::size_t end = n - 1;
    std::size_t run = j + 1;
    for (std::size_t i = j + 1; i < end; ++i) {
      if (x[i] != '\\') continue;
      value.append(t, run, i - run);
      run = i + 1;
      ++i;  // the escaped character stays
    }
    if (run < end) value.append(t, run, end - run);
  } else {
    if (tls && j < n && (x[j] == '"' || x[j] == '\'') && x.find(x[j], j + 1) == std::string::npos)
      r_.add_error(f, value_at,
                   std::string("unterminated quote: the value starts with ") + x[j] +
                       " and has no other; Dovecot keeps it as part of the value");
    value.append(t, j, n - j);
  }
  if (!tls && !here.in_path && key.starts_with("ssl_") && !dovecot::known_key(key)) {
    r_.add_error(f, t.at(0), "Unknown setting: " + key);
    return;
  }
  if (!tls || here.in_path) {
    if (tls) {
      r_.add_error(
          f, t.at(0),
          "Unknown setting: " + key + " (not a setting of the section at " + here.where + ")");
    } else if (!here.in_path) {
      values_[here.block][key] = std::move(value);
    }
    return;
  }
  const std::string& v = value.str();
  setting_kind kind = setting_kind::cipher_list;
  std::optional<std::uint16_t> meaning;
  std::string stored_key = key;
  value_builder b(f);
  if (key == "ssl_protocols") {
    std::string error;
    const std::string min = dovecot::protocols_to_min(v, error);
    if (min.empty()) {
      r_.add_error(f, value_at,
                   "Could not find a minimum ssl_min_protocol setting from "
                   "ssl_protocols = " +
                       v + ": " + error);
      return;
    }
    note = "obsolete: Dovecot 2.3 turns ssl_protocols = " + v + " into ssl_min_protocol";
    kind = setting_kind::min_protocol;
    meaning = dovecot::min_protocol(min);
    stored_key = "ssl_min_protocol";
    value = text();
    value.add_made(min, &f, value_at);
  } else if (key == "ssl_cipher_suites") {
    kind = setting_kind::ciphersuites;
    if (v.empty()) {
      value.add_made(library_suites, &f, value_at);
      note = "empty: Dovecot leaves the TLS library's suites";
    }
  } else if (key == "ssl_min_protocol") {
    kind = setting_kind::min_protocol;
    meaning = dovecot::min_protocol(v);
    if (!meaning && !unresolved)
      r_.add_error(f, value_at, "Unknown ssl_min_protocol setting '" + v + "'");
    if (equal_ignoring_case(v, "ANY")) note = "ANY: no lower bound";
    if (equal_ignoring_case(v, "LATEST"))
      note = "LATEST: TLS_MAX_VERSION, TLS 1.3 with OpenSSL 1.1.1 and 3.x";
  } else if (key == "ssl_prefer_server_ciphers") {
    kind = setting_kind::prefer_server;
    if (equal_ignoring_case(v, "yes") || equal_ignoring_case(v, "y") || v == "1") meaning = 1;
    if (equal_ignoring_case(v, "no")) meaning = 0;
    if (!meaning && !unresolved)
      r_.add_error(f, value_at, "Invalid boolean value: " + v + " (use yes or no)");
  } else if (key == "ssl_server_prefer_ciphers") {
    kind = setting_kind::prefer_server;
    if (v == "server") meaning = 1;
    if (v == "client") meaning = 0;
    if (!meaning)
      r_.add_error(f, value_at,
                   "Invalid ssl_server_prefer_ciphers: " + v + " (use client or server)");
  }
  value.into(b, f, value_at);
  tls_setting& s =
      r_.add_setting(f, t.at(0), key, kind, setting_role::server, here.block, std::move(b));
  s.meaning = meaning;
  s.note = std::move(note);
  values_[here.block][stored_key] = std::move(value);
}

}  // namespace

void read_dovecot(reading& r, const loaded_file& main) {
  dovecot_reader reader(r);
  reader.read(main);
  reader.finish(main);
}

}  // namespace cipherexplain::detail

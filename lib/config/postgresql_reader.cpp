// SPDX-License-Identifier: Apache-2.0
// PostgreSQL's postgresql.conf: `name = value` or `name value`, one per line, read with the
// flex scanner of postgres/postgres src/backend/utils/misc/guc-file.l (read at the 9.0 and
// 9.6-era revisions the code index holds; the token rules and ParseConfigFp/ParseConfigFile/
// ParseConfigDirectory are unchanged in later releases as far as the REL_15..17 GUC tables
// read show - the repository was too large to fetch for a tag-by-tag comparison):
// - tokens: ID [A-Za-z_\200-\377][A-Za-z_0-9\200-\377]*, QUALIFIED_ID ID.ID, STRING
//   '([^'\\\n]|\\.|'')*', UNQUOTED_STRING (a letter, then letters, digits, "-._:/"), INTEGER,
//   REAL, '='; the longest match wins, the earlier rule on a tie; anything else is an error;
//   [ \t\r] are blanks and '#' comments out the rest of the line outside a string;
// - a line is NAME [=] VALUE; anything more is "syntax error in file ... near token";
//   after 100 syntax errors the file is abandoned;
// - GUC_scanstr: quotes dropped, '' is a quote, \b \f \n \r \t and octal \ooo escapes, a
//   backslash before anything else is dropped;
// - include (missing = error), include_if_exists (missing = a LOG line only), include_dir
//   (the files whose names end in ".conf" and do not start with '.', sorted; a missing
//   directory is an error), relative to the directory of the file that names them; nesting
//   deeper than 10 is refused; names are matched without case;
// - the last assignment of a name wins (ProcessConfigFileInternal marks earlier ones
//   ignored); postgresql.auto.conf, read after the main file, is not this reader's.
// Settings (guc_tables.c, REL_15..REL_17; be-secure-openssl.c be_tls_init): ssl_ciphers
// (SSL_CTX_set_cipher_list), ssl_tls13_ciphers (18+, SSL_CTX_set_ciphersuites when not
// empty), ssl_min_protocol_version / ssl_max_protocol_version (enums without case: TLSv1,
// TLSv1.1, TLSv1.2, TLSv1.3, and '' for the maximum only, meaning no bound; a minimum above
// the maximum stops the server), ssl_prefer_server_ciphers (a boolean as parse_bool reads it:
// on/off, true/false, yes/no, 1/0 and their unique prefixes, without case).

#include "config/postgresql_scanner.hpp"
#include "config/reader_support.hpp"
#include "text/ascii.hpp"

#include <cipherexplain/supported.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace cipherexplain::detail {

namespace {

using postgresql::scanner;
using postgresql::tok;
using postgresql::token;

// parse_bool_with_len (src/backend/utils/adt/bool.c).
[[nodiscard]] std::optional<bool> parse_bool(std::string_view v) {
  if (v.empty()) return std::nullopt;
  const auto prefix_of = [&](std::string_view word, std::size_t at_least) {
    return v.size() >= at_least && v.size() <= word.size() &&
           equal_ignoring_case(v, word.substr(0, v.size()));
  };
  if (prefix_of("true", 1) || prefix_of("yes", 1) || prefix_of("on", 2)) return true;
  if (prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2)) return false;
  if (v == "1") return true;
  if (v == "0") return false;
  return std::nullopt;
}

[[nodiscard]] std::optional<std::uint16_t> pg_version(std::string_view v) {
  struct entry {
    std::string_view name;
    std::uint16_t version;
  };
  static constexpr entry names[] = {{"TLSv1", version::tlsv1},
                                    {"TLSv1.1", version::tlsv1_1},
                                    {"TLSv1.2", version::tlsv1_2},
                                    {"TLSv1.3", version::tlsv1_3}};
  for (const entry& e : names) {
    if (equal_ignoring_case(e.name, v)) return e.version;
  }
  return std::nullopt;
}

class postgresql_reader {
 public:
  explicit postgresql_reader(reading& r) : r_(r) {}

  void read(const loaded_file& f) {
    scanner sc(f.text);
    int errors = 0;
    for (;;) {
      token t = sc.next();
      if (t.kind == tok::eof) break;
      if (t.kind == tok::eol) continue;
      token name = t, value{};
      bool ok = t.kind == tok::id || t.kind == tok::qualified;
      if (ok) {
        t = sc.next();
        if (t.kind == tok::equals) t = sc.next();
        ok = t.kind == tok::id || t.kind == tok::string || t.kind == tok::integer ||
             t.kind == tok::real || t.kind == tok::unquoted;
        value = t;
      }
      if (ok) {
        t = sc.next();
        ok = t.kind == tok::eol || t.kind == tok::eof;
      }
      if (ok) {
        assignment(f, name, value);
        if (t.kind == tok::eof) break;
        continue;
      }
      if (t.kind == tok::eol || t.kind == tok::eof) {
        r_.add_error(f, t.start, "syntax error, near end of line");
      } else {
        std::string near = f.text.substr(t.start, std::min<std::size_t>(t.end - t.start, 40));
        if (t.end - t.start > 40) near += "...";
        r_.add_error(f, t.start, "syntax error, near token \"" + near + "\"");
      }
      if (++errors >= 100) {
        r_.add_error(f, t.start,
                     "too many syntax errors found, abandoning file \"" + f.path + "\"");
        break;
      }
      // Resynchronise at the next end of line (no token spans one).
      if (t.kind == tok::eof) break;
      if (t.kind != tok::eol && !sc.skip_line()) break;
    }
  }

  // A minimum above the maximum: be_tls_init refuses the range (the last of each counts).
  void check_range() {
    if (!min_.meaning || !max_.meaning || *max_.meaning == 0) return;
    if (*min_.meaning > *max_.meaning) {
      r_.add_error(*max_.file, max_.at,
                   "could not set SSL protocol version range: \"ssl_min_protocol_version\" "
                   "cannot be higher than \"ssl_max_protocol_version\"");
    }
  }

 private:
  void assignment(const loaded_file& f, const token& name, const token& value) {
    const std::string n = ascii_lowered(f.text.substr(name.start, name.end - name.start));
    value_builder v(f);
    if (value.kind == tok::string) {
      postgresql::scanstr(v, f, value.start + 1, value.end - 1);
    } else {
      v.add_file(value.start, value.end - value.start);
    }
    if (n == "include" || n == "include_if_exists")
      return include(f, name.start, v.value(), n == "include");
    if (n == "include_dir") return include_dir(f, name.start, v.value());
    const std::string written = f.text.substr(name.start, name.end - name.start);
    const std::string text = v.value();
    if (n == "ssl_ciphers" || n == "ssl_tls13_ciphers") {
      const bool tls13 = n == "ssl_tls13_ciphers";
      tls_setting& s = r_.add_setting(
          f, name.start, written, tls13 ? setting_kind::ciphersuites : setting_kind::cipher_list,
          setting_role::server, 0, std::move(v));
      if (tls13)
        s.note = text.empty() ? "PostgreSQL 18+; empty: OpenSSL's default TLS 1.3 suites"
                              : "PostgreSQL 18+";
    } else if (n == "ssl_min_protocol_version" || n == "ssl_max_protocol_version") {
      const bool max = n == "ssl_max_protocol_version";
      tls_setting& s = r_.add_setting(f, name.start, written,
                                      max ? setting_kind::max_protocol : setting_kind::min_protocol,
                                      setting_role::server, 0, std::move(v));
      if (const auto version = pg_version(text)) {
        s.meaning = *version;
      } else if (max && text.empty()) {
        s.meaning = 0;
      }
      (max ? max_ : min_) = {s.meaning, &f, name.start};
      if (!s.meaning) {
        r_.add_error(f, value.start,
                     "invalid value for parameter \"" + n + "\": \"" + text +
                         "\" (available values: TLSv1, TLSv1.1, TLSv1.2, TLSv1.3" +
                         (max ? ", ''" : "") + ")");
      }
    } else if (n == "ssl_prefer_server_ciphers") {
      tls_setting& s = r_.add_setting(f, name.start, written, setting_kind::prefer_server,
                                      setting_role::server, 0, std::move(v));
      if (const auto b = parse_bool(text)) {
        s.meaning = *b ? 1 : 0;
      } else {
        r_.add_error(f, value.start, "parameter \"" + n + "\" requires a Boolean value");
      }
    }
  }

  void include(const loaded_file& f, std::size_t at, const std::string& written, bool strict) {
    if (f.depth + 1 > 10) {
      r_.add_error(
          f, at,
          "could not open configuration file \"" + written + "\": maximum nesting depth exceeded");
      return;
    }
    open(f, at, r_.tree().resolve(written, f.directory()), strict);
  }

  void open(const loaded_file& f, std::size_t at, const std::string& path, bool strict) {
    auto included = r_.open_included(path, f, at, !strict);
    if (!included) return;
    keep_.push_back(included);
    read(*included);
    r_.close(*included);
  }

  void include_dir(const loaded_file& f, std::size_t at, const std::string& written) {
    std::string dir = r_.tree().resolve(written, f.directory());
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    if (!r_.tree().is_directory(dir)) {
      r_.add_error(f, at, "could not open configuration directory \"" + dir + "\"");
      return;
    }
    if (f.depth + 1 > 10) {
      r_.add_error(
          f, at,
          "could not open configuration directory \"" + dir + "\": maximum nesting depth exceeded");
      return;
    }
    for (const std::string& path : r_.tree().glob(dir + "/*.conf")) open(f, at, path, true);
  }

  struct bound {
    std::optional<std::uint16_t> meaning;
    const loaded_file* file = nullptr;
    std::size_t at = 0;
  };

  reading& r_;
  std::vector<std::shared_ptr<const loaded_file>> keep_;
  bound min_, max_;
};

}  // namespace

void read_postgresql(reading& r, const loaded_file& main) {
  postgresql_reader reader(r);
  reader.read(main);
  reader.check_range();
}

}  // namespace cipherexplain::detail

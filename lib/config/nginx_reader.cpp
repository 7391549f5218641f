// SPDX-License-Identifier: Apache-2.0
// nginx: directives ending in ';', blocks in braces, '#' comments where a word starts, "..."
// and '...' quotes, backslash escapes, `include` with globs relative to the configuration's
// directory. Token rules as ngx_conf_read_token() applies them (nginx/nginx,
// src/core/ngx_conf_file.c); directive semantics from src/http/modules/ngx_http_ssl_module.c,
// ngx_http_proxy_module.c and src/stream/ (release-1.22.1 .. release-1.27.x):
// - ssl_ciphers and ssl_prefer_server_ciphers are "duplicate" errors when repeated in a block;
// - ssl_protocols is a bitmask: repeated in a block, the words add up (a warning per word
//   set twice); names are matched without case;
// - ssl_conf_command NAME VALUE is applied with SSL_CONF_cmd after every other setting, so
//   it overrides ssl_ciphers / ssl_protocols whatever the order in the file.

#include "config/reader_support.hpp"
#include "text/ascii.hpp"

#include <cipherexplain/configuration.hpp>
#include <cipherexplain/supported.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace cipherexplain::detail {

namespace {

struct token {
  std::size_t start = 0, end = 0;  // file offsets of the text, quotes excluded
  char quote = 0;                  // '"', '\'' or 0
};

// Adds a token's text to a value, undoing the escapes nginx undoes: \" \' \\ drop the
// backslash, \t \r \n become the control character; others stay as written.
void unescape_into(value_builder& v, const loaded_file& f, const token& t) {
  std::size_t run = t.start;
  for (std::size_t i = t.start; i < t.end; ++i) {
    if (f.text[i] != '\\' || i + 1 >= t.end) continue;
    const char next = f.text[i + 1];
    if (next == '"' || next == '\'' || next == '\\') {
      v.add_file(run, i - run);
      run = i + 1;
      ++i;
    } else if (next == 't' || next == 'r' || next == 'n') {
      v.add_file(run, i - run);
      v.add_made(next == 't' ? "\t" : next == 'r' ? "\r" : "\n", i);
      run = i + 2;
      ++i;
    }
  }
  v.add_file(run, t.end - run);
}

[[nodiscard]] std::string token_text(const loaded_file& f, const token& t) {
  value_builder v(f);
  unescape_into(v, f, t);
  return v.value();
}

enum class block_kind : std::uint8_t { main, http, stream, mail, server, other };

struct open_block {
  std::int32_t index = 0;
  block_kind kind = block_kind::main;
  bool named_by_server_name = false;
  std::string label;  // the block's name before server_name / listen name it
  // Which single-valued directives this block has set (nginx: "is duplicate").
  std::vector<std::string> set_once;
  // The ssl_protocols words already set in this block, per role.
  std::uint8_t protocols[2] = {0, 0};
};

class nginx_reader {
 public:
  nginx_reader(reading& r, const loaded_file& main) : r_(r), prefix_(main.directory()) {
    // A main file with no http, stream or mail block is a piece meant to be included in
    // one (a site of sites-enabled/, a snippet): it is read as where nginx includes it,
    // inside http.
    const block_kind outer = is_snippet(main.text) ? block_kind::http : block_kind::main;
    blocks_.push_back({0, outer, false, "global", {}, {0, 0}});
  }

  void read(const loaded_file& f) {
    const std::size_t depth_blocks = blocks_.size();
    std::vector<token> words;
    std::size_t directive_start = 0;
    const std::string& s = f.text;
    std::size_t i = 0;
    while (i < s.size()) {
      const char c = s[i];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++i;
        continue;
      }
      if (c == '#') {
        while (i < s.size() && s[i] != '\n') ++i;
        continue;
      }
      if (c == ';' || c == '{') {
        if (words.empty()) {
          r_.add_error(f, i, std::string("unexpected \"") + c + "\"");
          ++i;
          continue;
        }
        end_ = i;
        if (c == ';') {
          directive(f, directive_start, words);
        } else {
          open(f, directive_start, words);
        }
        words.clear();
        ++i;
        continue;
      }
      if (c == '}') {
        if (!words.empty()) {
          r_.add_error(f, i, "unexpected \"}\"");
          words.clear();
        }
        if (blocks_.size() <= depth_blocks) {
          r_.add_error(f, i, "unexpected \"}\"");
        } else {
          blocks_.pop_back();
        }
        ++i;
        continue;
      }
      if (words.empty()) directive_start = i;
      i = word(f, i, words);
    }
    if (!words.empty() || blocks_.size() > depth_blocks) {
      r_.add_error(f, s.size(), "unexpected end of file, expecting \";\" or \"}\"");
      while (blocks_.size() > depth_blocks) blocks_.pop_back();
    }
  }

 private:
  // Reads one word from i; returns the offset after it (and after a closing quote).
  std::size_t word(const loaded_file& f, std::size_t i, std::vector<token>& words) {
    const std::string& s = f.text;
    const char c = s[i];
    if (c == '"' || c == '\'') {
      std::size_t j = i + 1;
      while (j < s.size() && s[j] != c) j += s[j] == '\\' ? std::size_t{2} : std::size_t{1};
      if (j >= s.size()) {
        r_.add_error(f, i,
                     std::string("unexpected end of file in a ") +
                         (c == '"' ? "double" : "single") + "-quoted string");
        return s.size();
      }
      words.push_back({i + 1, j, c});
      j += 1;
      // After a closing quote nginx wants a space, ';' or '{'.
      if (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != '\r' && s[j] != '\n' &&
          s[j] != ';' && s[j] != '{' && s[j] != ')') {
        r_.add_error(f, j, std::string("unexpected \"") + s[j] + "\"");
      }
      return j;
    }
    std::size_t j = i;
    while (j < s.size()) {
      const char d = s[j];
      if (d == '\\') {
        j += 2;
        continue;
      }
      if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == ';' || d == '{') break;
      ++j;
    }
    j = std::min(j, s.size());
    words.push_back({i, j, 0});
    return j;
  }

  // Whether any "http", "stream" or "mail" word followed by '{' appears: a linear scan that
  // may be fooled by one in a comment, which then only makes a snippet read as a main file.
  [[nodiscard]] static bool is_snippet(std::string_view text) {
    for (std::string_view word : {"http", "stream", "mail"}) {
      for (std::size_t at = text.find(word); at != std::string_view::npos;
           at = text.find(word, at + 1)) {
        const bool starts =
            at == 0 || std::string_view(" \t\r\n;{}").find(text[at - 1]) != std::string_view::npos;
        std::size_t after = at + word.size();
        while (after < text.size() &&
               std::string_view(" \t\r\n").find(text[after]) != std::string_view::npos)
          ++after;
        if (starts && after < text.size() && text[after] == '{') return false;
      }
    }
    return true;
  }

  [[nodiscard]] open_block& here() { return blocks_.back(); }

  [[nodiscard]] bool inside_protocol_block() const {
    for (const open_block& b : blocks_) {
      if (b.kind == block_kind::http || b.kind == block_kind::stream || b.kind == block_kind::mail)
        return true;
    }
    return false;
  }

  void open(const loaded_file& f, std::size_t at, const std::vector<token>& words) {
    const std::string name = token_text(f, words[0]);
    block_kind kind = block_kind::other;
    if (blocks_.size() == 1 && blocks_.back().kind == block_kind::main) {
      kind = name == "http"     ? block_kind::http
             : name == "stream" ? block_kind::stream
             : name == "mail"   ? block_kind::mail
                                : block_kind::other;
    }
    if (name == "server" && words.size() == 1 && blocks_.back().kind != block_kind::main &&
        blocks_.back().kind != block_kind::server && blocks_.back().kind != block_kind::other) {
      kind = block_kind::server;
    }
    std::string label = name;
    for (std::size_t k = 1; k < words.size(); ++k) {
      label += ' ';
      label += token_text(f, words[k]);
    }
    if (kind == block_kind::server && blocks_.size() >= 2) {
      // "stream server", "mail server": http's are the usual ones.
      const block_kind outer = blocks_[1].kind;
      if (outer == block_kind::stream) label = "stream server";
      if (outer == block_kind::mail) label = "mail server";
    }
    const std::int32_t index = r_.add_block(label, here().index, f, at);
    blocks_.push_back({index, kind, false, label, {}, {0, 0}});
  }

  void directive(const loaded_file& f, std::size_t at, const std::vector<token>& words) {
    const std::string name = token_text(f, words[0]);
    if (name == "include") return include(f, words);
    if (here().kind == block_kind::server && (name == "server_name" || name == "listen") &&
        words.size() >= 2) {
      name_server(name, token_text(f, words[1]));
      return;
    }
    setting_role role = setting_role::server;
    std::string_view key = name;
    for (std::string_view client : {"proxy_", "grpc_", "uwsgi_"}) {
      if (key.starts_with(client) && key.substr(client.size()).starts_with("ssl_")) {
        role = setting_role::client;
        key.remove_prefix(client.size());
        break;
      }
    }
    if (key == "ssl_ciphers") return single(f, at, name, words, setting_kind::cipher_list, role);
    if (key == "ssl_protocols") return protocols(f, at, name, words, role);
    if (key == "ssl_prefer_server_ciphers" && role == setting_role::server)
      return prefer_server(f, at, name, words);
    if (key == "ssl_conf_command") return conf_command(f, at, name, words, role);
  }

  // A server block is named by its first server_name, else by its first listen.
  void name_server(const std::string& name, const std::string& first) {
    open_block& b = here();
    if (b.named_by_server_name) return;
    if (name == "listen" && r_.result().blocks[static_cast<std::size_t>(b.index)].name != b.label)
      return;
    r_.rename_block(b.index, b.label + " " + first);
    if (name == "server_name") b.named_by_server_name = true;
  }

  [[nodiscard]] bool allowed(const loaded_file& f, const std::string& name) {
    if (inside_protocol_block()) return true;
    r_.add_error(f, end_, "\"" + name + "\" directive is not allowed here");
    return false;
  }

  [[nodiscard]] bool arguments(const loaded_file& f, const std::string& name,
                               const std::vector<token>& words, std::size_t want) {
    if (words.size() == want + 1) return true;
    r_.add_error(f, end_, "invalid number of arguments in \"" + name + "\" directive");
    return false;
  }

  [[nodiscard]] bool first_time(const loaded_file& f, const std::string& name) {
    std::vector<std::string>& seen = here().set_once;
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      r_.add_error(f, end_, "\"" + name + "\" directive is duplicate");
      return false;
    }
    seen.push_back(name);
    return true;
  }

  void single(const loaded_file& f, std::size_t at, const std::string& name,
              const std::vector<token>& words, setting_kind kind, setting_role role) {
    if (!allowed(f, name) || !arguments(f, name, words, 1) || !first_time(f, name)) return;
    value_builder v(f);
    unescape_into(v, f, words[1]);
    r_.add_setting(f, at, name, kind, role, here().index, std::move(v));
  }

  void protocols(const loaded_file& f, std::size_t at, const std::string& name,
                 const std::vector<token>& words, setting_role role) {
    if (!allowed(f, name)) return;
    if (words.size() < 2) {
      r_.add_error(f, end_, "invalid number of arguments in \"" + name + "\" directive");
      return;
    }
    std::uint8_t& bits = here().protocols[role == setting_role::client ? 1 : 0];
    const bool again = bits != 0;
    bool valid = true;
    value_builder v(f);
    for (std::size_t k = 1; k < words.size(); ++k) {
      if (k > 1) v.add_made(" ", words[k].start);
      unescape_into(v, f, words[k]);
      const std::string w = token_text(f, words[k]);
      if (equal_ignoring_case(w, "SSLv2")) continue;  // accepted, and nothing to enable
      const auto version = protocol_by_name(w);
      if (!version || equal_ignoring_case(w, "TLSv1.0")) {
        r_.add_error(f, words[k].start, "invalid value \"" + w + "\"");
        valid = false;
        continue;
      }
      if ((bits & protocol_bit::of(*version)) != 0)
        r_.add_error(f, words[k].start, "duplicate value \"" + w + "\" (a warning: ignored)");
      bits |= protocol_bit::of(*version);
    }
    tls_setting& s =
        r_.add_setting(f, at, name, setting_kind::protocols, role, here().index, std::move(v));
    if (valid) s.meaning = bits;
    if (again) {
      s.note = "repeated in one block, nginx adds the versions to the ones set before";
      r_.accumulate(s);
    }
  }

  void prefer_server(const loaded_file& f, std::size_t at, const std::string& name,
                     const std::vector<token>& words) {
    if (!allowed(f, name) || !arguments(f, name, words, 1) || !first_time(f, name)) return;
    value_builder v(f);
    unescape_into(v, f, words[1]);
    const std::string w = v.value();
    tls_setting& s = r_.add_setting(f, at, name, setting_kind::prefer_server, setting_role::server,
                                    here().index, std::move(v));
    if (equal_ignoring_case(w, "on")) {
      s.meaning = 1;
    } else if (equal_ignoring_case(w, "off")) {
      s.meaning = 0;
    } else {
      r_.add_error(f, words[1].start,
                   "invalid value \"" + w + "\" in \"" + name +
                       "\" directive, it must be \"on\" or \"off\"");
    }
  }

  void conf_command(const loaded_file& f, std::size_t at, const std::string& name,
                    const std::vector<token>& words, setting_role role) {
    if (!allowed(f, name) || !arguments(f, name, words, 2)) return;
    const std::string command = token_text(f, words[1]);
    setting_kind kind{};
    if (equal_ignoring_case(command, "CipherString")) {
      kind = setting_kind::cipher_list;
    } else if (equal_ignoring_case(command, "Ciphersuites")) {
      kind = setting_kind::ciphersuites;
    } else if (equal_ignoring_case(command, "MinProtocol")) {
      kind = setting_kind::min_protocol;
    } else if (equal_ignoring_case(command, "MaxProtocol")) {
      kind = setting_kind::max_protocol;
    } else {
      return;  // Curves, Options ...: not a setting this reader reports
    }
    value_builder v(f);
    unescape_into(v, f, words[2]);
    const std::string w = v.value();
    tls_setting& s =
        r_.add_setting(f, at, name + " " + command, kind, role, here().index, std::move(v));
    r_.rank(s, 1);
    s.note = "applied with SSL_CONF_cmd after the other ssl_* directives of the block";
    if (kind == setting_kind::min_protocol || kind == setting_kind::max_protocol) {
      if (const auto version = parse_protocol_version(w))
        s.meaning = *version;
      else if (equal_ignoring_case(w, "None"))
        s.meaning = 0;
      else
        r_.add_error(f, words[2].start, "SSL_CONF_cmd(\"" + command + "\", \"" + w + "\") failed");
    }
  }

  void include(const loaded_file& f, const std::vector<token>& words) {
    if (!arguments(f, "include", words, 1)) return;
    const std::size_t stop = end_;  // reading an included file moves end_
    const std::string written = token_text(f, words[1]);
    const std::string pattern = r_.tree().resolve(written, prefix_);
    // A glob that matches nothing is no error to nginx; a plain name must open.
    for (const std::string& path : r_.expand(pattern)) {
      auto included = r_.open_included(path, f, stop);
      if (!included) continue;
      read(*included);
      r_.close(*included);
    }
  }

  reading& r_;
  std::string prefix_;  // the configuration prefix: the main file's directory
  std::vector<open_block> blocks_;
  // Where the directive being handled ends: nginx names that line in its errors.
  std::size_t end_ = 0;
};

}  // namespace

void read_nginx(reading& r, const loaded_file& main) {
  nginx_reader reader(r, main);
  reader.read(main);
}

}  // namespace cipherexplain::detail

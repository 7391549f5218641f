// SPDX-License-Identifier: Apache-2.0
// HAProxy: one statement per line, sections opened by a keyword (global, defaults [NAME],
// frontend/backend/listen NAME [from DEFAULTS], and others that hold no TLS setting), words
// as haproxy_words.hpp splits them. HAProxy has no include directive. Facts from
// haproxy/haproxy (v2.6.0, the 2.6 branch point, and master):
// - src/cfgparse.c readcfgfile(): leading blanks skipped; a line starting with '[' is a
//   scope; .if/.elif/.else/.endif select lines; a missing final LF is a fatal alert;
// - src/cfgparse-global.c: setenv/presetenv/unsetenv/resetenv change the environment that
//   later "${VAR}" read. The reader has no environment: a variable no setenv defined is read
//   as unset (empty, as HAProxy expands it then), with an error naming it;
// - src/cfgparse-ssl.c: ssl-default-bind-{ciphers,ciphersuites} and ssl-default-server-*
//   take one word; ssl-default-{bind,server}-options take no-sslv3 .. no-tlsv13 (OR-ed
//   into the disabled versions), force-X (minimum = maximum = X), ssl-min-ver/ssl-max-ver V
//   (V exactly SSLv3, TLSv1.0, TLSv1.1, TLSv1.2 or TLSv1.3), prefer-client-ciphers (bind
//   only; HAProxy otherwise sets SSL_OP_CIPHER_SERVER_PREFERENCE, src/ssl_sock.c), and stop
//   at an unknown word; ssl-security-level (3.0+) applies to every context;
// - "bind ... ssl" copies the global bind defaults the bind did not set (bind_parse_ssl) and
//   ORs in their no-* versions; servers likewise (ssl_sock_init_srv); a server starts from
//   its proxy's default-server. A bind or server line with TLS words is a block of its own.
// Not modelled: HAProxy copies the global defaults when it reads `ssl`, so a global written
// after a bind does not reach it (its block still inherits it here); crt-list files, whose
// lines can carry their own ciphers and versions, are not read.

#include "config/haproxy_state.hpp"
#include "config/haproxy_words.hpp"
#include "config/reader_support.hpp"

#include <cipherexplain/supported.hpp>

#include <array>
#include <map>
#include <string>
#include <vector>

namespace cipherexplain::detail {

namespace {

using haproxy::word;

constexpr std::uint8_t all_versions = protocol_bit::sslv3 | protocol_bit::tlsv1 |
                                      protocol_bit::tlsv1_1 | protocol_bit::tlsv1_2 |
                                      protocol_bit::tlsv1_3;

// HAProxy's version names (methodVersions[] in src/ssl_sock.c), case-sensitive.
std::optional<std::uint16_t> haproxy_version(const std::string& w) {
  static constexpr std::array<std::pair<std::string_view, std::uint16_t>, 5> names = {
      {{"SSLv3", version::sslv3},
       {"TLSv1.0", version::tlsv1},
       {"TLSv1.1", version::tlsv1_1},
       {"TLSv1.2", version::tlsv1_2},
       {"TLSv1.3", version::tlsv1_3}}};
  for (const auto& [name, v] : names) {
    if (w == name) return v;
  }
  return std::nullopt;
}

// The version of a no-X / force-X word's X, or nullopt.
std::optional<std::uint16_t> method_version(std::string_view rest) {
  if (rest == "sslv3") return version::sslv3;
  if (rest == "tlsv10") return version::tlsv1;
  if (rest == "tlsv11") return version::tlsv1_1;
  if (rest == "tlsv12") return version::tlsv1_2;
  if (rest == "tlsv13") return version::tlsv1_3;
  return std::nullopt;
}

// Words that take one argument on bind / server lines (2.6 and later), so that an argument
// is never read as a keyword.
bool takes_argument(bool server, const std::string& w) {
  static constexpr std::string_view bind =
      " alpn backlog ca-file ca-ignore-err ca-sign-file ca-sign-pass ca-verify-file ciphers"
      " ciphersuites client-sigalgs crl-file crt crt-ignore-err crt-list curves default-crt"
      " ecdhe expose-fd gid group guid-prefix id interface label level maxconn mode mss name"
      " namespace nice npn process proto quic-cc-algo quic-socket severity-output sigalgs"
      " ssl-max-ver ssl-min-ver tcp-ut thread tls-ticket-keys uid user verify ";
  static constexpr std::string_view srv =
      " addr agent-addr agent-inter agent-port agent-send alpn ca-file check-alpn check-proto"
      " check-sni ciphers ciphersuites client-sigalgs cookie crl-file crt curves downinter"
      " error-limit fall fastinter guid hash-key id init-addr init-state inter interface"
      " log-proto max-reuse maxconn maxqueue minconn namespace npn on-error on-marked-down"
      " on-marked-up pool-low-conn pool-max-conn pool-purge-delay port proto proxy-v2-options"
      " redir resolve-net resolve-opts resolve-prefer resolvers rise set-proxy-v2-tlv-fmt"
      " sigalgs slowstart sni socks4 source ssl-max-ver ssl-min-ver tcp-ut track usesrc verify"
      " verifyhost weight ws ";
  return (server ? srv : bind).find(" " + w + " ") != std::string_view::npos;
}

enum class section : std::uint8_t { none, global, defaults, proxy, other };

class haproxy_reader {
 public:
  explicit haproxy_reader(reading& r) : r_(r) {}

  void read(const loaded_file& f) {
    const std::string& s = f.text;
    std::size_t line_start = 0;
    while (line_start < s.size()) {
      std::size_t nl = s.find('\n', line_start);
      const bool has_lf = nl != std::string::npos;
      if (!has_lf) nl = s.size();
      const std::size_t nul = std::string_view(s).substr(line_start, nl - line_start).find('\0');
      if (nul != std::string_view::npos) {
        r_.add_error(f, line_start + nul, "Stray NUL character; the rest of the file is not read");
        return;
      }
      line(f, line_start, nl);
      if (!has_lf) {
        r_.add_error(f, nl, "Missing LF on last line, file might have been truncated");
        break;
      }
      line_start = nl + 1;
    }
    if (conds_.open()) r_.add_error(f, s.size(), "non-terminated '.if' block");
  }

 private:
  void line(const loaded_file& f, std::size_t begin, std::size_t end) {
    const std::string& s = f.text;
    while (begin < end && std::isspace(static_cast<unsigned char>(s[begin])) != 0) ++begin;
    if (begin >= end || s[begin] == '[') return;  // empty, or a scope line
    haproxy::line_words split = haproxy::split_line(
        s, begin, end,
        [this, &f, begin](const std::string& name) { return lookup(f, begin, name); });
    if (!split.error.empty()) {
      if (taking()) r_.add_error(f, split.error_at, split.error);
      return;
    }
    std::vector<word>& w = split.words;
    if (w.empty() || (w[0].text.empty() && w.size() == 1)) return;
    if (!w[0].text.empty() && w[0].text[0] == '.') return dot_directive(f, w);
    if (!taking()) return;
    const std::string& key = w[0].text;
    if (open_section(f, w)) return;
    if (section_ == section::none) {
      r_.add_error(f, w[0].start, "unknown keyword '" + key + "' out of section");
      return;
    }
    if (section_ == section::global) return global_line(f, w);
    if (section_ != section::proxy && section_ != section::defaults) return;
    if (key == "bind") return bind_line(f, w);
    if (key == "server" || key == "server-template" || key == "default-server")
      return server_line(f, w);
  }

  [[nodiscard]] bool taking() const { return conds_.taking(); }

  std::optional<std::optional<std::string>> lookup(const loaded_file& f, std::size_t at,
                                                   const std::string& name) {
    if (name == ".LINE") return std::optional<std::string>(std::to_string(f.position(at).line));
    if (name == ".FILE") return std::optional<std::string>(f.path);
    if (name == ".SECTION") return std::optional<std::string>(section_name_);
    return env_.lookup(name);
  }

  void dot_directive(const loaded_file& f, const std::vector<word>& w) {
    std::string unknown;
    const std::string error = conds_.apply(w, env_, unknown);
    if (!error.empty()) r_.add_error(f, w[0].start, error);
    if (!unknown.empty()) r_.add_error(f, w[0].start, unknown);
  }

  bool open_section(const loaded_file& f, const std::vector<word>& w) {
    static constexpr std::string_view others =
        " userlist peers mailers namespace_list resolvers cache program http-errors ring"
        " fcgi-app log-forward crt-store traces acme healthcheck log-profile ";
    const std::string& key = w[0].text;
    const std::string name = w.size() > 1 ? w[1].text : std::string();
    section_name_ = name.empty() ? key : name;
    if (key == "global") {
      section_ = section::global;
      block_ = 0;
      return true;
    }
    if (key == "defaults" || key == "frontend" || key == "backend" || key == "listen") {
      const bool defaults = key == "defaults";
      std::int32_t parent = last_defaults_;
      for (std::size_t k = 2; k + 1 < w.size(); ++k) {
        if (w[k].text != "from") continue;
        const auto it = named_defaults_.find(w[k + 1].text);
        if (it != named_defaults_.end()) {
          parent = it->second;
        } else {
          std::string message = "defaults section '";
          message.append(w[k + 1].text).append("' (for ").append(key).append(" '");
          message.append(name).append("') not found");
          r_.add_error(f, w[k + 1].start, std::move(message));
        }
      }
      block_ = r_.add_block(name.empty() ? key : key + " " + name, parent, f, w[0].start);
      section_ = defaults ? section::defaults : section::proxy;
      if (defaults) {
        last_defaults_ = block_;
        if (!name.empty()) named_defaults_[name] = block_;
      }
      return true;
    }
    if (others.find(" " + key + " ") != std::string_view::npos) {
      section_ = section::other;
      return true;
    }
    return false;
  }

  void global_line(const loaded_file& f, const std::vector<word>& w) {
    const std::string& key = w[0].text;
    if (std::string error; env_.apply(w, error)) {
      if (!error.empty()) r_.add_error(f, w[0].start, error);
      return;
    }
    const bool bind = key.starts_with("ssl-default-bind-");
    if (!bind && !key.starts_with("ssl-default-server-") && key != "ssl-security-level") return;
    const setting_role role = bind ? setting_role::server : setting_role::client;
    if (key == "ssl-security-level") return security_level(f, w);
    const std::string what = key.substr(bind ? 17 : 19);
    if (what == "ciphers" || what == "ciphersuites") {
      if (w.size() > 2) {
        r_.add_error(f, w[2].start,
                     "'" + key + "' cannot handle unexpected argument '" + w[2].text + "'");
        return;
      }
      if (w.size() < 2 || (w[1].text.empty() && w[1].unknown.empty())) {
        r_.add_error(f, w[0].start,
                     "global statement '" + key + "' expects a cipher suite as an argument");
        return;
      }
      add(f, w[0].start, key,
          what == "ciphers" ? setting_kind::cipher_list : setting_kind::ciphersuites, role, 0,
          w[1]);
      return;
    }
    if (what != "options") return;
    if (w.size() < 2) {
      r_.add_error(f, w[0].start,
                   "global statement '" + key + "' expects an option as an argument");
      return;
    }
    options(f, w, 1, key, role, 0, bind ? "bind-global" : "server-global");
  }

  void security_level(const loaded_file& f, const std::vector<word>& w) {
    if (w.size() < 2 || w[1].text.empty()) {
      r_.add_error(f, w[0].start, "'ssl-security-level' : missing value");
      return;
    }
    const std::string& t = w[1].text;
    const bool digits = t.size() == 1 && t[0] >= '0' && t[0] <= '5';
    for (setting_role role : {setting_role::server, setting_role::client}) {
      tls_setting& s = add(f, w[0].start, w[0].text, setting_kind::security_level, role, 0, w[1]);
      if (digits) s.meaning = static_cast<std::uint16_t>(t[0] - '0');
    }
    if (!digits)
      r_.add_error(f, w[1].start, "'ssl-security-level' : expects a value between 0 and 5");
  }

  // The TLS words of an ssl-default-*-options, bind or server line from w[first]. `scope`
  // names whose disabled versions the words add to ("bind-global", or a block's).
  void options(const loaded_file& f, const std::vector<word>& w, std::size_t first,
               const std::string& prefix, setting_role role, std::int32_t block,
               const std::string& scope) {
    const bool global = scope.ends_with("-global");
    const bool server_line = role == setting_role::client && !global;
    std::uint8_t& disabled = disabled_[scope];
    if (!global)
      disabled |= disabled_[role == setting_role::server ? "bind-global" : "server-global"];
    const std::size_t at = w[0].start;
    for (std::size_t k = first; k < w.size(); ++k) {
      const std::string& t = w[k].text;
      if (t.empty()) break;  // an empty word ends the list, as HAProxy's loops stop at it
      std::string directive = prefix;
      directive.append(" ").append(t);
      if (t == "ssl-min-ver" || t == "ssl-max-ver") {
        if (k + 1 >= w.size() || w[k + 1].text.empty()) {
          r_.add_error(f, w[k].start, "'" + t + "' : missing the ssl/tls version");
          if (global) return;
          continue;
        }
        const word& v = w[++k];
        tls_setting& s =
            add(f, at, directive,
                t == "ssl-min-ver" ? setting_kind::min_protocol : setting_kind::max_protocol, role,
                block, v);
        if (const auto version = haproxy_version(v.text)) {
          s.meaning = *version;
        } else {
          r_.add_error(f, v.start, "'" + v.text + "' : unknown ssl/tls version");
          if (global) return;
        }
        continue;
      }
      const bool no = t.starts_with("no-"), force = t.starts_with("force-");
      if (const auto version = method_version(std::string_view(t).substr(no      ? 3
                                                                         : force ? 6
                                                                                 : 0));
          (no || force) && version) {
        if (no) {
          disabled |= protocol_bit::of(*version);
          tls_setting& s = add(f, at, directive, setting_kind::protocols, role, block, w[k]);
          s.meaning = static_cast<std::uint16_t>(all_versions & ~disabled);
          r_.accumulate(s);
          s.note = "HAProxy adds the version to the ones disabled before" +
                   std::string(global ? "" : ", including the global ssl-default-*-options");
        } else {
          for (setting_kind kind : {setting_kind::min_protocol, setting_kind::max_protocol})
            add(f, at, directive, kind, role, block, w[k]).meaning = *version;
        }
        continue;
      }
      if (t == "prefer-client-ciphers" && role == setting_role::server) {
        add(f, at, directive, setting_kind::prefer_server, role, block, w[k]).meaning = 0;
        continue;
      }
      if (global) {
        if (t != "no-tls-tickets" && t != "tls-tickets" &&
            !(role == setting_role::server && (t == "strict-sni" || t == "no-strict-sni"))) {
          std::string message = "unknown option '";
          message.append(t).append("' on global statement '").append(prefix).append("'");
          r_.add_error(f, w[k].start, std::move(message));
          return;
        }
        continue;
      }
      if (t == "ciphers" || t == "ciphersuites") {
        if (k + 1 >= w.size() || (w[k + 1].text.empty() && w[k + 1].unknown.empty())) {
          r_.add_error(f, w[k].start, "'" + t + "' : missing cipher suite");
          continue;
        }
        add(f, at, directive,
            t == "ciphers" ? setting_kind::cipher_list : setting_kind::ciphersuites, role, block,
            w[++k]);
        continue;
      }
      if (takes_argument(server_line, t)) ++k;
    }
  }

  // Whether a bind/server line from w[first] has TLS words (and so a block of its own).
  [[nodiscard]] static bool has_tls(const std::vector<word>& w, std::size_t first) {
    static constexpr std::string_view tls =
        " ssl check-ssl ciphers ciphersuites ssl-min-ver ssl-max-ver prefer-client-ciphers"
        " no-sslv3 no-tlsv10 no-tlsv11 no-tlsv12 no-tlsv13 force-sslv3 force-tlsv10"
        " force-tlsv11 force-tlsv12 force-tlsv13 ";
    for (std::size_t k = first; k < w.size(); ++k) {
      if (tls.find(" " + w[k].text + " ") != std::string_view::npos) return true;
    }
    return false;
  }

  void bind_line(const loaded_file& f, const std::vector<word>& w) {
    if (section_ == section::defaults) {
      r_.add_error(f, w[0].start, "'bind' not allowed in 'defaults' section");
      return;
    }
    if (w.size() < 2 || w[1].text.empty()) {
      r_.add_error(
          f, w[0].start,
          "'bind' expects {<path>|[addr1]:port1[-end1]}{,[addr]:port[-end]}... as arguments");
      return;
    }
    if (!has_tls(w, 2)) return;
    const std::string name = r_.result().blocks[static_cast<std::size_t>(block_)].name;
    const std::int32_t b = r_.add_block(name + " bind " + w[1].text, block_, f, w[0].start);
    options(f, w, 2, "bind ...", setting_role::server, b, std::to_string(b));
  }

  void server_line(const loaded_file& f, const std::vector<word>& w) {
    const std::string& key = w[0].text;
    if (key == "default-server") {
      options(f, w, 1, "default-server ...", setting_role::client, block_, std::to_string(block_));
      return;
    }
    if (section_ == section::defaults) {
      r_.add_error(f, w[0].start, "'" + key + "' not allowed in 'defaults' section");
      return;
    }
    const std::size_t first = key == "server" ? 3 : 4;
    if (w.size() < first || w[1].text.empty()) {
      r_.add_error(f, w[0].start, "'" + key + "' expects <name> and <addr>[:<port>] as arguments");
      return;
    }
    if (!has_tls(w, first)) return;
    const std::string name = r_.result().blocks[static_cast<std::size_t>(block_)].name;
    const std::int32_t b = r_.add_block(name + " " + key + " " + w[1].text, block_, f, w[0].start);
    options(f, w, first, key + " ...", setting_role::client, b, std::to_string(b));
  }

  tls_setting& add(const loaded_file& f, std::size_t at, const std::string& directive,
                   setting_kind kind, setting_role role, std::int32_t block, const word& value) {
    for (const auto& [name, where] : value.unknown) {
      r_.add_error(f, where,
                   "environment variable '" + name +
                       "' is not set by the configuration; HAProxy takes it from its "
                       "environment (read here as unset: empty)");
    }
    tls_setting& s =
        r_.add_setting(f, at, directive, kind, role, block, haproxy::value_of(f, value));
    if (!value.unknown.empty())
      s.note = "an environment variable the reader cannot know is read as empty";
    else if (value.defaulted)
      s.note = "an environment variable the reader cannot know gives its ${NAME-default}";
    return s;
  }

  reading& r_;
  section section_ = section::none;
  std::string section_name_;
  std::int32_t block_ = 0;
  std::int32_t last_defaults_ = 0;
  std::map<std::string, std::int32_t> named_defaults_;
  haproxy::environment env_;
  std::map<std::string, std::uint8_t> disabled_;  // no-* versions per scope
  haproxy::conditions conds_;
};

}  // namespace

void read_haproxy(reading& r, const loaded_file& main) {
  haproxy_reader reader(r);
  reader.read(main);
}

}  // namespace cipherexplain::detail

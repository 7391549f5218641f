// SPDX-License-Identifier: Apache-2.0
// openssl.cnf: the SSL_CONF commands a library context applies, found along the chain the
// library follows (openssl/openssl as the code index holds it, master at 0223dfcf; the
// repository was too large to fetch, so the 1.1.1 / 3.0 / 3.5 tags were not compared line by
// line - the 1.1.1 differences known are noted where they apply):
// - CONF_modules_load (crypto/conf/conf_mod.c): `openssl_conf` in the default section (the
//   lines before any [section], or [default]) names the initialisation section; each of its
//   names picks a module by module_find(): the name up to its last '.' must begin the
//   module's name, first match in the built-in order oid_section, stbl_section, engines,
//   alg_section, ssl_conf, providers, random (so "ssl_conf", "ssl_conf.2", even "ssl");
// - ssl_module_init (crypto/conf/conf_ssl.c; ssl/ssl_mcnf.c in 1.1.1): the ssl_conf value
//   names a section whose every name = value is an application context and its command
//   section; a missing or empty section there fails the module (no context is kept), and a
//   later ssl_conf replaces the contexts of an earlier one; a command's name is the part
//   after its first '.', if any;
// - ssl_do_config (ssl/ssl_mcnf.c): SSL_CTX_new applies `system_default` to every context,
//   servers' and clients'; other contexts only where an application calls SSL_CTX_config;
//   the commands go to SSL_CONF_cmd with SSL_CONF_FLAG_FILE (names without case), one
//   failing command does not stop the others in 3.x;
// - ssl/ssl_conf.c: CipherString, Ciphersuites (1.1.1+), MinProtocol / MaxProtocol (None,
//   SSLv3, TLSv1, TLSv1.1, TLSv1.2, TLSv1.3 - with case; DTLSv1 and DTLSv1.2 are taken and
//   leave a TLS context alone, ssl_set_version_bound, so crypto-policies' DTLS.MinProtocol
//   is no setting here),
//   Protocol (a comma list of [+|-]ALL, SSLv2, SSLv3, TLSv1 ... DTLSv1.2, without case),
//   Options (a comma list of [+|-]names; ServerPreference = SSL_OP_CIPHER_SERVER_PREFERENCE).
// A section not reached this way holds no setting. Each context is a block named
// "CONTEXT [SECTION]"; settings are reported with role server (system_default applies to
// clients as well: the note says so).

#include "config/openssl_cnf_parse.hpp"
#include "config/reader_support.hpp"
#include "text/ascii.hpp"

#include <cipherexplain/supported.hpp>

#include <string>
#include <vector>

namespace cipherexplain::detail {

namespace {

using openssl_cnf::entry;
using openssl_cnf::model;
using openssl_cnf::section;

[[nodiscard]] bool is_ssl_module(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  const std::string_view stem = dot == std::string_view::npos ? name : name.substr(0, dot);
  for (std::string_view module : {"oid_section", "stbl_section", "engines", "alg_section",
                                  "ssl_conf", "providers", "random"}) {
    if (module.starts_with(stem)) return module == "ssl_conf";
  }
  return false;
}

[[nodiscard]] std::optional<std::uint16_t> ssl_conf_version(std::string_view v) {
  struct named {
    std::string_view name;
    std::uint16_t version;
  };
  static constexpr named names[] = {{"None", 0},
                                    {"SSLv3", version::sslv3},
                                    {"TLSv1", version::tlsv1},
                                    {"TLSv1.1", version::tlsv1_1},
                                    {"TLSv1.2", version::tlsv1_2},
                                    {"TLSv1.3", version::tlsv1_3}};
  for (const named& n : names) {
    if (n.name == v) return n.version;
  }
  return std::nullopt;
}

// CONF_parse_list(value, ',', 1, ...): the elements with blanks around them removed.
[[nodiscard]] std::vector<std::string> comma_list(std::string_view value) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t comma = value.find(',', start);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view e = value.substr(start, comma - start);
    while (!e.empty() && (e.front() == ' ' || e.front() == '\t')) e.remove_prefix(1);
    while (!e.empty() && (e.back() == ' ' || e.back() == '\t')) e.remove_suffix(1);
    out.emplace_back(e);
    if (comma == value.size()) break;
    start = comma + 1;
  }
  return out;
}

class chain_reader {
 public:
  chain_reader(reading& r, const model& m) : r_(r), m_(m) {}

  void run() {
    const entry* conf = m_.get("default", "openssl_conf");
    if (conf == nullptr) return;  // no openssl_conf: the library reads no module
    const section* init = m_.find(conf->value.value());
    if (init == nullptr) {
      return error(*conf, "openssl_conf references missing section " + conf->value.value());
    }
    const entry* ssl = nullptr;
    for (std::size_t k : init->entries) {
      const entry& e = m_.entries[k];
      if (e.live && is_ssl_module(e.name)) ssl = &e;  // the last one's contexts are kept
    }
    if (ssl == nullptr) return;
    const section* contexts = m_.find(ssl->value.value());
    if (contexts == nullptr || live(*contexts).empty()) {
      return error(*ssl, "ssl_conf section " + ssl->value.value() +
                             (contexts == nullptr ? " not found" : " is empty") + module_fails);
    }
    std::vector<std::pair<const entry*, const section*>> found;
    for (const entry* context : live(*contexts)) {
      const section* commands = m_.find(context->value.value());
      if (commands == nullptr || live(*commands).empty()) {
        return error(*context,
                     "SSL command section " + context->value.value() + " of " + context->name +
                         (commands == nullptr ? " not found" : " is empty") + module_fails);
      }
      found.emplace_back(context, commands);
    }
    // Each context copies its command section (ssl_module_init): bounded here so that
    // many contexts naming one long section cannot make the output quadratic.
    limit_ = 4 * m_.entries.size() + 1000;
    for (const auto& [context, commands] : found) apply(*context, *commands);
  }

 private:
  static constexpr const char* module_fails =
      ": the ssl_conf module fails, so no TLS setting of this file applies";

  [[nodiscard]] std::vector<const entry*> live(const section& s) const {
    std::vector<const entry*> out;
    for (std::size_t k : s.entries) {
      if (m_.entries[k].live) out.push_back(&m_.entries[k]);
    }
    return out;
  }

  void error(const entry& e, const std::string& message) { r_.add_error(*e.file, e.at, message); }

  void apply(const entry& context, const section& commands) {
    const loaded_file& where = commands.file != nullptr ? *commands.file : *context.file;
    const std::int32_t block = r_.add_block(context.name + " [" + commands.name + "]", 0, where,
                                            commands.file != nullptr ? commands.at : context.at);
    const bool system = context.name == "system_default";
    const std::string scope =
        system ? "system_default: every SSL_CTX the library makes, clients' as well as servers'"
               : "applied where an application calls SSL_CTX_config(ctx, \"" + context.name + "\")";
    for (const entry* e : live(commands)) {
      if (r_.result().settings.size() >= limit_) {
        return error(context, "more SSL commands than the reader reports (" +
                                  std::to_string(limit_) + "); the rest are not read");
      }
      command(*e, block, scope);
    }
  }

  void command(const entry& e, std::int32_t block, const std::string& scope) {
    const std::size_t dot = e.name.find('.');
    const std::string cmd = dot == std::string::npos ? e.name : e.name.substr(dot + 1);
    const std::string value = e.value.value();
    const auto add = [&](setting_kind kind) -> tls_setting& {
      tls_setting& s =
          r_.add_setting(*e.file, e.at, e.name, kind, setting_role::server, block, e.value);
      s.note = scope;
      return s;
    };
    if (equal_ignoring_case(cmd, "CipherString")) {
      add(setting_kind::cipher_list);
    } else if (equal_ignoring_case(cmd, "Ciphersuites")) {
      tls_setting& s = add(setting_kind::ciphersuites);
      s.note += "; OpenSSL 1.1.1+";
    } else if (equal_ignoring_case(cmd, "MinProtocol") || equal_ignoring_case(cmd, "MaxProtocol")) {
      // ssl_set_version_bound: a DTLS version leaves a TLS context's bound alone.
      if (value == "DTLSv1" || value == "DTLSv1.2") return;
      const bool min = equal_ignoring_case(cmd, "MinProtocol");
      tls_setting& s = add(min ? setting_kind::min_protocol : setting_kind::max_protocol);
      if (const auto v = ssl_conf_version(value)) {
        s.meaning = *v;
      } else {
        bad_value(e, cmd, value,
                  "not a protocol version (None, SSLv3, TLSv1, TLSv1.1, "
                  "TLSv1.2, TLSv1.3, DTLSv1, DTLSv1.2; with case)");
      }
    } else if (equal_ignoring_case(cmd, "Protocol")) {
      protocol(e, add(setting_kind::protocols), cmd, value);
    } else if (equal_ignoring_case(cmd, "Options")) {
      options(e, block, scope, value);
    }
  }

  void bad_value(const entry& e, const std::string& cmd, const std::string& value,
                 const std::string& why) {
    error(e, "SSL_CONF_cmd(\"" + cmd + "\", \"" + value + "\") fails: " + why);
  }

  void protocol(const entry& e, tls_setting& s, const std::string& cmd, const std::string& value) {
    struct named {
      std::string_view name;
      std::uint8_t bits;
    };
    static constexpr std::uint8_t all = protocol_bit::sslv3 | protocol_bit::tlsv1 |
                                        protocol_bit::tlsv1_1 | protocol_bit::tlsv1_2 |
                                        protocol_bit::tlsv1_3;
    static constexpr named names[] = {{"ALL", all},
                                      {"SSLv2", 0},
                                      {"SSLv3", protocol_bit::sslv3},
                                      {"TLSv1", protocol_bit::tlsv1},
                                      {"TLSv1.1", protocol_bit::tlsv1_1},
                                      {"TLSv1.2", protocol_bit::tlsv1_2},
                                      {"TLSv1.3", protocol_bit::tlsv1_3},
                                      {"DTLSv1", 0},
                                      {"DTLSv1.2", 0}};
    std::uint8_t enabled = all;
    for (std::string element : comma_list(value)) {
      bool on = true;
      if (!element.empty() && (element[0] == '+' || element[0] == '-')) {
        on = element[0] == '+';
        element.erase(0, 1);
      }
      const named* hit = nullptr;
      for (const named& n : names) {
        if (equal_ignoring_case(n.name, element)) hit = &n;
      }
      if (hit == nullptr) {
        return bad_value(e, cmd, value, "\"" + element + "\" is not a protocol name");
      }
      enabled = static_cast<std::uint8_t>(on ? enabled | hit->bits : enabled & ~hit->bits);
    }
    s.meaning = enabled;
    s.note += "; the versions the context's defaults leave on, with these turned on and off";
  }

  void options(const entry& e, std::int32_t block, const std::string& scope,
               const std::string& value) {
    std::optional<bool> prefer;
    for (std::string element : comma_list(value)) {
      bool on = true;
      if (!element.empty() && (element[0] == '+' || element[0] == '-')) {
        on = element[0] == '+';
        element.erase(0, 1);
      }
      if (equal_ignoring_case(element, "ServerPreference")) prefer = on;
    }
    if (!prefer) return;
    tls_setting& s = r_.add_setting(*e.file, e.at, e.name, setting_kind::prefer_server,
                                    setting_role::server, block, e.value);
    s.meaning = *prefer ? 1 : 0;
    s.note = scope + "; ServerPreference (SSL_OP_CIPHER_SERVER_PREFERENCE) counts on servers only";
  }

  reading& r_;
  const model& m_;
  std::size_t limit_ = 0;
};

}  // namespace

void read_openssl_cnf(reading& r, const loaded_file& main) {
  openssl_cnf::parser parser(r);
  parser.read(main);
  chain_reader chain(r, parser.result());
  chain.run();
}

}  // namespace cipherexplain::detail

// SPDX-License-Identifier: Apache-2.0
// stunnel: `option = value` lines, `[service]` sections, `include = DIR`. Facts from
// mtrojnar/stunnel src/options.c, src/file.c and src/ctx.c (stunnel-5.68 and master):
// - options_file(): a UTF-8 BOM is skipped at the start of every file; blanks are trimmed
//   at both ends; a line that is then empty or starts with '#' or ';' is a comment (there
//   are no comments after a value); "[name]" starts a service; otherwise the line splits at
//   its first '=' (none: "No '=' found", which stops stunnel) and option names are matched
//   without case. file_getline() drops every CR and splits lines longer than 16383 bytes;
// - the options before the first service are the defaults every service copies when it
//   starts (CMD_SET_COPY); with no service at all they are the inetd-mode service;
// - include_config(): every regular file of the directory (no suffix needed, dot files too),
//   in alphasort order, read as if written there: a section opened in an included file goes
//   on after the include. A relative directory is stunnel's working directory, unknown here:
//   the reader takes the main file's directory;
// - ciphers / ciphersuites: set as written; sslVersion V sets the minimum and the maximum to
//   V, sslVersionMin/Max one bound ("all" = no bound; SSLv3, TLSv1, TLSv1.1, TLSv1.2,
//   TLSv1.3 without case); securityLevel 0..5; client = yes|no makes the whole service a
//   client whatever the order; options = [-]NAME ORs NAME into the options to set or (with
//   '-') to clear: context_init() sets NO_SSLv2|NO_SSLv3, then the set ones, then clears the
//   cleared ones, so a clear wins; config = Command:Value lines run through SSL_CONF_cmd
//   after all of that.

#include "config/reader_support.hpp"
#include "text/ascii.hpp"

#include <cipherexplain/configuration.hpp>
#include <cipherexplain/supported.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace cipherexplain::detail {

namespace {

constexpr std::uint8_t all_versions = protocol_bit::sslv3 | protocol_bit::tlsv1 |
                                      protocol_bit::tlsv1_1 | protocol_bit::tlsv1_2 |
                                      protocol_bit::tlsv1_3;

// parse_ssl_option()'s names (ssl_opts[] of 5.68, as an OpenSSL 3 build has them).
constexpr std::string_view ssl_option_names =
    " ALL ALLOW_CLIENT_RENEGOTIATION ALLOW_NO_DHE_KEX ALLOW_UNSAFE_LEGACY_RENEGOTIATION"
    " CIPHER_SERVER_PREFERENCE CISCO_ANYCONNECT CLEANSE_PLAINTEXT COOKIE_EXCHANGE"
    " CRYPTOPRO_TLSEXT_BUG DISABLE_TLSEXT_CA_NAMES DONT_INSERT_EMPTY_FRAGMENTS ENABLE_KTLS"
    " ENABLE_MIDDLEBOX_COMPAT EPHEMERAL_RSA IGNORE_UNEXPECTED_EOF LEGACY_SERVER_CONNECT"
    " MICROSOFT_BIG_SSLV3_BUFFER MICROSOFT_SESS_ID_BUG MSIE_SSLV2_RSA_PADDING"
    " NETSCAPE_CA_DN_BUG NETSCAPE_CHALLENGE_BUG NETSCAPE_DEMO_CIPHER_CHANGE_BUG"
    " NETSCAPE_REUSE_CIPHER_CHANGE_BUG NO_ANTI_REPLAY NO_COMPRESSION NO_DTLS_MASK NO_DTLSV1"
    " NO_DTLSV1_2 NO_ENCRYPT_THEN_MAC NO_EXTENDED_MASTER_SECRET NO_QUERY_MTU NO_RENEGOTIATION"
    " NO_SESSION_RESUMPTION_ON_RENEGOTIATION NO_SSL_MASK NO_SSLV2 NO_SSLV3 NO_TICKET NO_TLSV1"
    " NO_TLSV1_1 NO_TLSV1_2 NO_TLSV1_3 PKCS1_CHECK_1 PKCS1_CHECK_2 PRIORITIZE_CHACHA"
    " SAFARI_ECDHE_ECDSA_BUG SINGLE_DH_USE SINGLE_ECDH_USE SSLEAY_080_CLIENT_DH_BUG"
    " SSLREF2_REUSE_CERT_TYPE_BUG TLS_BLOCK_PADDING_BUG TLS_D5_BUG TLSEXT_PADDING"
    " TLS_ROLLBACK_BUG ";

// The versions an options NAME disables, for the protocol ones.
std::uint8_t protocol_option(const std::string& upper) {
  if (upper == "NO_SSLV3") return protocol_bit::sslv3;
  if (upper == "NO_TLSV1") return protocol_bit::tlsv1;
  if (upper == "NO_TLSV1_1") return protocol_bit::tlsv1_1;
  if (upper == "NO_TLSV1_2") return protocol_bit::tlsv1_2;
  if (upper == "NO_TLSV1_3") return protocol_bit::tlsv1_3;
  if (upper == "NO_SSL_MASK") return all_versions;
  return 0;
}

[[nodiscard]] bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// A setting waiting for its service's end, when its role is known.
struct pending {
  const loaded_file* file = nullptr;
  std::size_t at = 0;
  std::string directive;
  setting_kind kind{};
  std::vector<std::pair<std::size_t, std::size_t>> runs;  // the value's file bytes
  std::optional<std::uint16_t> meaning;
  std::string note;
  int rank = 0;
  bool accumulates = false;
};

// A BOM is no column: a file that starts with one is read without it, so that its first
// line's characters are at the columns an editor shows.
std::shared_ptr<const loaded_file> without_bom(std::shared_ptr<const loaded_file> f) {
  if (!f->text.starts_with("\xEF\xBB\xBF")) return f;
  return std::make_shared<const loaded_file>(f->path, f->text.substr(3), f->depth);
}

// What a service (or the defaults) has set so far.
struct service {
  std::int32_t block = 0;
  bool client = false;
  std::uint8_t set = 0, cleared = 0;  // protocol bits of options = NO_x / -NO_x
};

class stunnel_reader {
 public:
  stunnel_reader(reading& r, const loaded_file& main) : r_(r), base_(main.directory()) {}

  void read(const loaded_file& f) {
    const std::string& s = f.text;
    std::size_t start = 0;
    while (start < s.size()) {
      std::size_t end = s.find('\n', start);
      if (end == std::string::npos) end = s.size();
      if (end - start > 16383) {
        r_.add_error(f, start,
                     "line longer than 16383 bytes: stunnel reads the rest as another line");
      }
      line(f, start, end);
      start = end + 1;
    }
  }

  void finish() { flush(); }

 private:
  void line(const loaded_file& f, std::size_t begin, std::size_t end) {
    const std::string& s = f.text;
    while (begin < end && blank(s[begin])) ++begin;
    while (end > begin && blank(s[end - 1])) --end;
    if (begin == end || s[begin] == '#' || s[begin] == ';') return;
    if (s[begin] == '[' && s[end - 1] == ']' && end - begin >= 2) {
      flush();
      const std::string name = without_cr(s, begin + 1, end - 1);
      service next = defaults_;
      next.block = r_.add_block("[" + name + "]", 0, f, begin);
      current_ = next;
      in_service_ = true;
      return;
    }
    const std::size_t found = std::string_view(s).substr(begin, end - begin).find('=');
    const std::size_t eq = found == std::string_view::npos ? end : begin + found;
    if (eq >= end) {
      std::string message = "\"";  // built piece by piece: GCC 12 -O2 -Wrestrict on "" + rvalue
      message += without_cr(s, begin, end);
      message += "\": No '=' found";
      r_.add_error(f, begin, std::move(message));
      return;
    }
    std::size_t name_end = eq;
    while (name_end > begin && blank(s[name_end - 1])) --name_end;
    std::size_t value = eq + 1;
    while (value < end && blank(s[value])) ++value;
    const std::string name = without_cr(s, begin, name_end);
    option(f, begin, name, value, end);
  }

  // The file's bytes [begin, end) without the CRs stunnel drops.
  [[nodiscard]] static std::string without_cr(const std::string& s, std::size_t begin,
                                              std::size_t end) {
    std::string out;
    for (std::size_t i = begin; i < end; ++i) {
      if (s[i] != '\r') out += s[i];
    }
    return out;
  }

  [[nodiscard]] service& here() { return in_service_ ? current_ : defaults_; }

  void option(const loaded_file& f, std::size_t at, const std::string& name, std::size_t value,
              std::size_t end) {
    const std::string arg = without_cr(f.text, value, end);
    auto is = [&](std::string_view n) { return equal_ignoring_case(name, n); };
    if (is("include")) return include(f, at, arg);
    if (is("client")) {
      if (equal_ignoring_case(arg, "yes"))
        here().client = true;
      else if (equal_ignoring_case(arg, "no"))
        here().client = false;
      else
        r_.add_error(f, value, "\"" + arg + "\": The argument needs to be either 'yes' or 'no'");
      return;
    }
    if (is("ciphers")) {
      add(f, at, name, setting_kind::cipher_list, value, end);
      return;
    }
    if (is("ciphersuites")) {
      add(f, at, name, setting_kind::ciphersuites, value, end);
      return;
    }
    if (is("sslVersion") || is("sslVersionMin") || is("sslVersionMax")) {
      std::optional<std::uint16_t> v;
      if (equal_ignoring_case(arg, "all"))
        v = 0;
      else if (!equal_ignoring_case(arg, "TLSv1.0"))
        v = protocol_by_name(arg);
      if (!v) r_.add_error(f, value, "\"" + arg + "\": Invalid protocol version");
      if (!is("sslVersionMax"))
        add(f, at, name, setting_kind::min_protocol, value, end).meaning = v;
      if (!is("sslVersionMin"))
        add(f, at, name, setting_kind::max_protocol, value, end).meaning = v;
      return;
    }
    if (is("securityLevel")) {
      pending& p = add(f, at, name, setting_kind::security_level, value, end);
      if (arg.size() == 1 && arg[0] >= '0' && arg[0] <= '5')
        p.meaning = static_cast<std::uint16_t>(arg[0] - '0');
      else
        r_.add_error(f, value, "\"" + arg + "\": Illegal security level");
      return;
    }
    if (is("options")) return options(f, at, name, arg, value, end);
    if (is("config")) return config(f, at, name, arg, value, end);
  }

  void options(const loaded_file& f, std::size_t at, const std::string& name,
               const std::string& arg, std::size_t value, std::size_t end) {
    const bool clear = !arg.empty() && arg[0] == '-';
    std::string upper = arg.substr(clear ? 1 : 0);
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    if (upper.empty() || ssl_option_names.find(" " + upper + " ") == std::string_view::npos) {
      r_.add_error(f, value, "\"" + arg + "\": Illegal TLS option");
      return;
    }
    if (upper == "CIPHER_SERVER_PREFERENCE") {
      pending& p = add(f, at, name, setting_kind::prefer_server, value, end);
      p.meaning = clear ? 0 : 1;
      if (clear) {
        p.rank = 1;
        p.note = "options cleared with '-' are cleared after the ones set, whatever the order";
      }
      return;
    }
    const std::uint8_t bits = protocol_option(upper);
    if (bits == 0) return;
    service& svc = here();
    (clear ? svc.cleared : svc.set) |= bits;
    pending& p = add(f, at, name, setting_kind::protocols, value, end);
    p.meaning = static_cast<std::uint16_t>(all_versions &
                                           ~((protocol_bit::sslv3 | svc.set) & ~svc.cleared));
    p.accumulates = true;
    p.note =
        "stunnel disables SSLv3 itself, then the NO_* options set, then re-enables the "
        "ones cleared with '-'";
  }

  void config(const loaded_file& f, std::size_t at, const std::string& name, const std::string& arg,
              std::size_t value, std::size_t end) {
    const std::size_t colon = arg.find(':');
    const std::string command = arg.substr(0, colon);
    setting_kind kind{};
    if (equal_ignoring_case(command, "CipherString"))
      kind = setting_kind::cipher_list;
    else if (equal_ignoring_case(command, "Ciphersuites"))
      kind = setting_kind::ciphersuites;
    else if (equal_ignoring_case(command, "MinProtocol"))
      kind = setting_kind::min_protocol;
    else if (equal_ignoring_case(command, "MaxProtocol"))
      kind = setting_kind::max_protocol;
    else
      return;
    if (colon == std::string::npos) {
      r_.add_error(f, value, "OpenSSL config command \"" + command + "\" requires a parameter");
      return;
    }
    // The parameter's first file byte: `colon` counts the value's bytes without CRs.
    std::size_t from = value;
    for (std::size_t kept = 0; from < end && kept <= colon; ++from) {
      if (f.text[from] != '\r') ++kept;
    }
    pending& p = add(f, at, name + " " + command, kind, from, end);
    p.rank = 1;
    p.note = "applied with SSL_CONF_cmd after the service's other TLS options";
    if (kind == setting_kind::min_protocol || kind == setting_kind::max_protocol) {
      const std::string v = arg.substr(colon + 1);
      if (const auto version = parse_protocol_version(v))
        p.meaning = *version;
      else if (equal_ignoring_case(v, "None"))
        p.meaning = 0;
      else
        r_.add_error(f, from, "SSL_CONF_cmd(\"" + command + "\", \"" + v + "\") failed");
    }
  }

  pending& add(const loaded_file& f, std::size_t at, const std::string& directive,
               setting_kind kind, std::size_t value, std::size_t end) {
    pending& p = pending_.emplace_back();
    p.file = &f;
    p.at = at;
    p.directive = directive;
    p.kind = kind;
    std::size_t run = value;
    for (std::size_t i = value; i <= end; ++i) {
      if (i == end || f.text[i] == '\r') {
        if (i > run) p.runs.emplace_back(run, i - run);
        run = i + 1;
      }
    }
    return p;
  }

  // The service ended (or the defaults did): its settings get its role.
  void flush() {
    const service& svc = here();
    const setting_role role = svc.client ? setting_role::client : setting_role::server;
    for (pending& p : pending_) {
      value_builder v(*p.file);
      for (const auto& [offset, length] : p.runs) v.add_file(offset, length);
      tls_setting& s =
          r_.add_setting(*p.file, p.at, p.directive, p.kind, role, svc.block, std::move(v));
      s.meaning = p.meaning;
      s.note = std::move(p.note);
      if (p.rank != 0) r_.rank(s, p.rank);
      if (p.accumulates) r_.accumulate(s);
    }
    pending_.clear();
    keep_.clear();
  }

  void include(const loaded_file& f, std::size_t at, const std::string& written) {
    std::string dir = r_.tree().resolve(written, base_);
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    if (!r_.tree().is_directory(dir)) {
      r_.add_error(f, at, "\"" + written + "\": Failed to include directory " + dir);
      return;
    }
    std::string pattern;
    for (char c : dir) {
      if (c == '*' || c == '?' || c == '[' || c == '\\') pattern += '\\';
      pattern += c;
    }
    std::vector<std::string> files = r_.tree().glob(pattern + "/*");
    for (std::string& dot : r_.tree().glob(pattern + "/.*")) files.push_back(std::move(dot));
    std::sort(files.begin(), files.end());
    for (const std::string& path : files) {
      auto opened = r_.open_included(path, f, at);
      if (!opened) continue;
      auto included = without_bom(opened);
      keep_.push_back(included);  // pending settings point into it
      read(*included);
      r_.close(*opened);
    }
  }

  reading& r_;
  std::string base_;
  service defaults_;
  service current_;
  bool in_service_ = false;
  std::vector<pending> pending_;
  std::vector<std::shared_ptr<const loaded_file>> keep_;
};

}  // namespace

void read_stunnel(reading& r, const loaded_file& main) {
  stunnel_reader reader(r, main);
  if (main.text.starts_with("\xEF\xBB\xBF")) {
    const loaded_file stripped(main.path, main.text.substr(3), main.depth);
    reader.read(stripped);
    reader.finish();
    return;
  }
  reader.read(main);
  reader.finish();
}

}  // namespace cipherexplain::detail

// SPDX-License-Identifier: Apache-2.0
// OpenVPN: one option per line, its parameters split as parse_line() splits them, inline
// files in <tag>...</tag>, `config FILE` read in place. Facts from OpenVPN/openvpn v2.6.14
// src/openvpn/options.c, ssl.c and ssl_openssl.c:
// - read_config_file(): lines of at most 256 bytes (a longer one is a fatal "Maximum option
//   line length" error); a UTF-8 BOM is skipped on a file's first line; "--" before an
//   option name is dropped; `config` nests at most 10 files deep. A relative file is opened
//   from the working directory, which `cd DIR` changes while options are read; the reader
//   starts from the main file's directory (where Debian's openvpn-server@/client@ units run);
// - parse_line(): blanks separate parameters; ';' or '#' where a parameter would start
//   begins a comment; "..." and '...' quote (a quote ends the parameter); outside '...' a
//   backslash makes the next character literal, and may only escape '\', '"' or a blank
//   (else "Bad backslash", and the line is refused, as an unclosed quote is);
// - check_inline_file(): a line whose only parameter is <tag> takes the lines up to the one
//   starting with </tag> as that option's inline file (their content is no option);
// - tls-cipher: each ':'-separated name of OpenVPN's table given by its IANA name is
//   replaced by its OpenSSL name (openvpn_cipher_names.hpp), and a final ':' dropped;
//   tls-ciphersuites: every '-' becomes '_'; tls-version-min V [or-highest] and
//   tls-version-max V take 1.0 .. 1.3 (or-highest: the library's highest when V is not one);
//   tls-cert-profile sets the security level (legacy 1, insecure 0, preferred 2, suiteb 3);
//   cipher / data-ciphers are the data channel, not TLS settings;
// - client and tls-client make OpenVPN the TLS client, server and tls-server the TLS server,
//   for the whole configuration, wherever they are written; both is an error.

#include "config/openvpn_cipher_names.hpp"
#include "config/reader_support.hpp"

#include <cipherexplain/supported.hpp>

#include <cctype>
#include <memory>
#include <string>
#include <vector>

namespace cipherexplain::detail {

namespace {

// A parameter: its text and the file offset each of its bytes comes from.
struct param {
  std::size_t start = 0;
  std::string text;
  std::vector<std::size_t> at;
};

struct parsed_line {
  std::vector<param> params;
  std::string error;
  std::size_t error_at = 0;
};

[[nodiscard]] bool space(char c) {
  return c == '\0' || std::isspace(static_cast<unsigned char>(c)) != 0;
}

// parse_line() on text[begin, end) (end is after the '\n' when there is one).
parsed_line parse(const std::string& s, std::size_t begin, std::size_t end) {
  enum class state : std::uint8_t { initial, quoted, squoted, unquoted };
  parsed_line out;
  state st = state::initial;
  bool backslash = false;
  param p;
  for (std::size_t i = begin; i <= end; ++i) {
    const char in = i < end ? s[i] : '\0';
    if (!backslash && in == '\\' && st != state::squoted) {
      backslash = true;
      continue;
    }
    bool keep = false, done = false;
    if (st == state::initial) {
      if (!space(in)) {
        if (in == ';' || in == '#') break;
        p = param{i, {}, {}};
        if (!backslash && in == '"')
          st = state::quoted;
        else if (!backslash && in == '\'')
          st = state::squoted;
        else
          keep = true, st = state::unquoted;
      }
    } else if (st == state::unquoted) {
      if (!backslash && space(in))
        done = true;
      else
        keep = true;
    } else if (st == state::quoted) {
      if (!backslash && in == '"')
        done = true;
      else
        keep = true;
    } else if (in == '\'') {
      done = true;
    } else {
      keep = true;
    }
    if (backslash && keep && in != '\\' && in != '"' && !space(in)) {
      out.error = "Bad backslash ('\\') usage";
      out.error_at = i - 1;
      out.params.clear();
      return out;
    }
    backslash = false;
    if (keep && in != '\0') {
      p.text += in;
      p.at.push_back(i);
    }
    if (done) {
      out.params.push_back(std::move(p));
      p = param{};
      st = state::initial;
    }
    if (in == '\0') break;  // the line ends at a NUL, as C strings do
  }
  if (st != state::initial) {
    out.error = st == state::quoted    ? "No closing quotation (\")"
                : st == state::squoted ? "No closing single quotation (')"
                                       : "Residual parse state";
    out.error_at = out.error[0] == 'R' ? end : p.start;
    out.params.clear();
  }
  return out;
}

// A setting waiting for the end, when OpenVPN's role is known.
struct pending {
  const loaded_file* file = nullptr;
  std::size_t at = 0;
  std::string directive;
  setting_kind kind{};
  // The value's parts: file bytes (a file offset per byte), or text OpenVPN made (at the
  // file offset of what it replaces).
  struct part {
    std::string text;
    std::vector<std::size_t> at;
    bool made = false;
  };
  std::vector<part> parts;
  std::optional<std::uint16_t> meaning;
  std::string note;
};

std::shared_ptr<const loaded_file> without_bom(std::shared_ptr<const loaded_file> f) {
  if (!f->text.starts_with("\xEF\xBB\xBF")) return f;
  return std::make_shared<const loaded_file>(f->path, f->text.substr(3), f->depth);
}

class openvpn_reader {
 public:
  openvpn_reader(reading& r, const loaded_file& main) : r_(r), cwd_(main.directory()) {}

  void read(const loaded_file& f) {
    const std::string& s = f.text;
    std::size_t start = 0;
    while (start < s.size()) {
      std::size_t nl = s.find('\n', start);
      const std::size_t end = nl == std::string::npos ? s.size() : nl + 1;
      if (end - start >= 256) {
        r_.add_error(f, start, "Maximum option line length (256) exceeded");
      }
      parsed_line line = parse(s, start, end);
      start = end;
      if (!line.error.empty()) {
        r_.add_error(f, line.error_at, "Options error: " + line.error);
        continue;
      }
      if (line.params.empty()) continue;
      std::vector<param>& p = line.params;
      if (p[0].text.size() >= 3 && p[0].text.starts_with("--")) p[0].text.erase(0, 2);
      bool is_inline = false;
      if (p.size() == 1 && p[0].text.size() >= 2 && p[0].text.front() == '<' &&
          p[0].text.back() == '>') {
        p[0].text = p[0].text.substr(1, p[0].text.size() - 2);
        start = skip_inline(f, start, p[0]);
        is_inline = true;
      }
      option(f, p, is_inline);
    }
  }

  void finish(const loaded_file& main) {
    if (server_at_ && client_at_) {
      r_.add_error(main, 0,
                   "Options error: specify only one of --tls-server, --tls-client, or --secret");
    }
    const setting_role role =
        client_at_ && !server_at_ ? setting_role::client : setting_role::server;
    for (pending& p : pending_) {
      value_builder v(*p.file);
      for (const auto& [text, at, made] : p.parts) {
        if (at.empty()) continue;
        if (made) {
          v.add_made(text, at.front());
          continue;
        }
        std::size_t run = 0;
        for (std::size_t k = 1; k <= at.size(); ++k) {
          if (k == at.size() || at[k] != at[k - 1] + 1) {
            v.add_file(at[run], k - run);
            run = k;
          }
        }
      }
      tls_setting& s = r_.add_setting(*p.file, p.at, p.directive, p.kind, role, 0, std::move(v));
      s.meaning = p.meaning;
      s.note = std::move(p.note);
    }
    pending_.clear();
  }

 private:
  // The inline file's lines after its <tag> line; returns where the options go on.
  std::size_t skip_inline(const loaded_file& f, std::size_t start, const param& tag) {
    const std::string& s = f.text;
    const std::string close = "</" + tag.text + ">";
    while (start < s.size()) {
      std::size_t nl = s.find('\n', start);
      const std::size_t end = nl == std::string::npos ? s.size() : nl + 1;
      std::size_t i = start;
      while (i < end && std::isspace(static_cast<unsigned char>(s[i])) != 0) ++i;
      start = end;
      if (s.compare(i, close.size(), close) == 0) return start;
    }
    r_.add_error(f, tag.start, "ERROR: Endtag " + close + " missing");
    return start;
  }

  void option(const loaded_file& f, const std::vector<param>& p, bool is_inline) {
    const std::string& name = p[0].text;
    const std::size_t n = p.size() - 1;  // parameters after the name
    auto wrong = [&] {
      r_.add_error(f, p[0].start,
                   "Options error: Unrecognized option or missing or extra parameter(s): " + name);
    };
    const bool role = name == "client" || name == "tls-client" || name == "tls-server";
    if (role || name == "server") {
      if (role ? n != 0 : (n < 2 || n > 3)) return wrong();
      (name == "server" || name == "tls-server" ? server_at_ : client_at_) = true;
      return;
    }
    setting_kind kind{};
    if (name == "tls-cipher")
      kind = setting_kind::cipher_list;
    else if (name == "tls-ciphersuites")
      kind = setting_kind::ciphersuites;
    else if (name == "tls-version-min")
      kind = setting_kind::min_protocol;
    else if (name == "tls-version-max")
      kind = setting_kind::max_protocol;
    else if (name == "tls-cert-profile")
      kind = setting_kind::security_level;
    else if (name == "config" || name == "cd") {
      if (n != 1) return wrong();
      return name == "cd" ? cd(f, p[1]) : include(f, p[0].start, p[1]);
    } else {
      return;
    }
    if (is_inline) {
      r_.add_error(f, p[0].start,
                   "Options error: option '" + name + "' is not expected to be inline");
      return;
    }
    if (n != 1 && !(kind == setting_kind::min_protocol && n == 2)) return wrong();
    pending& s = pending_.emplace_back();
    s.file = &f;
    s.at = p[0].start;
    s.directive = name;
    s.kind = kind;
    if (kind == setting_kind::cipher_list) {
      translate(p[1], s);
    } else if (kind == setting_kind::ciphersuites) {
      split_at(p[1], '-', "_", s, "OpenVPN writes every '-' as '_'");
    } else {
      s.parts.push_back({p[1].text, p[1].at, false});
    }
    if (kind == setting_kind::security_level) {
      const std::string& v = p[1].text;
      if (v == "legacy" || v == "insecure" || v == "preferred" || v == "suiteb")
        s.meaning = v == "insecure" ? 0 : v == "legacy" ? 1 : v == "preferred" ? 2 : 3;
      else
        r_.add_error(f, p[1].start, "ERROR: Invalid cert profile: " + v);
    }
    if (kind == setting_kind::min_protocol || kind == setting_kind::max_protocol) {
      const std::string& v = p[1].text;
      if (v == "1.0")
        s.meaning = version::tlsv1;
      else if (v == "1.1")
        s.meaning = version::tlsv1_1;
      else if (v == "1.2")
        s.meaning = version::tlsv1_2;
      else if (v == "1.3")
        s.meaning = version::tlsv1_3;
      if (n == 2) {
        s.parts.push_back({" ", {p[2].start}, true});
        s.parts.push_back({p[2].text, p[2].at, false});
      }
      if (!s.meaning && n == 2 && p[2].text == "or-highest") {
        s.meaning = version::tlsv1_3;
        s.note = "or-highest: the highest version the library supports";
      } else if (!s.meaning) {
        r_.add_error(f, p[1].start, "Options error: unknown " + name + " parameter: " + v);
      }
    }
  }

  // Each ':'-separated name of the table becomes its OpenSSL name; a final ':' goes.
  void translate(const param& v, pending& s) {
    std::size_t begin = 0;
    const std::string& t = v.text;
    bool changed = false;
    while (begin < t.size()) {
      std::size_t end = t.find(':', begin);
      if (end == std::string::npos) end = t.size();
      const std::string_view name = std::string_view(t).substr(begin, end - begin);
      const std::vector<std::size_t> at(v.at.begin() + static_cast<std::ptrdiff_t>(begin),
                                        v.at.begin() + static_cast<std::ptrdiff_t>(end));
      const std::string_view to = openvpn::openssl_name(name);
      s.parts.push_back({std::string(to.empty() ? name : to), at, !to.empty()});
      if (!to.empty()) changed = true;
      if (end + 1 < t.size()) s.parts.push_back({":", {v.at[end]}, false});
      begin = end + 1;
    }
    if (changed) s.note = "OpenVPN replaces IANA suite names by OpenSSL names";
  }

  // The parameter with every `from` written as `to`.
  static void split_at(const param& v, char from, const std::string& to, pending& s,
                       const char* note) {
    std::size_t run = 0;
    for (std::size_t k = 0; k <= v.text.size(); ++k) {
      if (k < v.text.size() && v.text[k] != from) continue;
      if (k > run) {
        s.parts.push_back({v.text.substr(run, k - run),
                           std::vector<std::size_t>(v.at.begin() + static_cast<std::ptrdiff_t>(run),
                                                    v.at.begin() + static_cast<std::ptrdiff_t>(k)),
                           false});
      }
      if (k < v.text.size()) {
        s.parts.push_back({to, {v.at[k]}, true});
        s.note = note;
      }
      run = k + 1;
    }
  }

  void cd(const loaded_file& f, const param& dir) {
    const std::string to = r_.tree().resolve(dir.text, cwd_);
    if (!r_.tree().is_directory(to)) {
      r_.add_error(f, dir.start, "cd to '" + dir.text + "' failed");
      return;
    }
    cwd_ = to;
  }

  void include(const loaded_file& f, std::size_t at, const param& file) {
    if (f.depth + 1 >= 10) {
      r_.add_error(
          f, at,
          "Maximum recursive include levels exceeded in include attempt of file " + file.text);
      return;
    }
    auto opened = r_.open_included(r_.tree().resolve(file.text, cwd_), f, at);
    if (!opened) return;
    auto included = without_bom(opened);
    keep_.push_back(included);  // pending settings point into it
    read(*included);
    r_.close(*opened);
  }

  reading& r_;
  std::string cwd_;
  bool server_at_ = false, client_at_ = false;
  std::vector<pending> pending_;
  std::vector<std::shared_ptr<const loaded_file>> keep_;
};

}  // namespace

void read_openvpn(reading& r, const loaded_file& main) {
  openvpn_reader reader(r, main);
  if (main.text.starts_with("\xEF\xBB\xBF")) {
    const loaded_file stripped(main.path, main.text.substr(3), main.depth);
    reader.read(stripped);
    reader.finish(stripped);
    return;
  }
  reader.read(main);
  reader.finish(main);
}

}  // namespace cipherexplain::detail

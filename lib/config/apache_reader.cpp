// SPDX-License-Identifier: Apache-2.0
// Apache httpd: one directive per logical line, `#` comments only where a line starts,
// ${NAME} from Define, <Section> blocks, Include / IncludeOptional relative to ServerRoot.
// Read from apache/httpd at tag 2.4.62, the newest 2.4 tag in the mirror. The functions below
// are the same in 2.4.57 (Debian 12's first release); tests/configs/debian-12 holds
// 2.4.71-1~deb12u1, whose source was not available: it is taken to be unchanged. What other
// 2.4 releases do differently is marked below (docs/research/mod-ssl.md has the history):
// - server/util.c ap_cfg_getline_core / cfg_trim_line / ap_getword_conf: see apache_lines.hpp.
// - server/config.c ap_build_config_sub: a line whose first non-blank is '#' is a comment
//   (there are no comments after a value: `SSLProtocol all # x` is the protocol '#'); ${}
//   expansion runs on the whole line before the directive name is taken; names are looked up
//   without case; `</X>` must match the open section without case ("Expected </X> but saw
//   </Y>", "</X> without matching <X> section") in the same file, and one still open at the
//   end of a file is "<X> was not closed.".
// - server/core.c start_cond_section: <IfModule>, <IfDefine>, ... are read when the line is
//   (EXEC_ON_READ); `!` negates; a false one's lines are skipped unparsed up to its matching
//   end (ap_soak_end_container; none: "Expected </X> before end of configuration").
//   <IfDefine> tests Define'd names (case-sensitive; no -D names are known here). <IfModule>:
//   mod_ssl (mod_ssl.c / ssl_module) counts as loaded, as do Debian's built-in modules and
//   those a LoadModule read so far names (by symbol and by mod_x.c from mod_x.so); any other
//   module counts as loaded only while no LoadModule has been read (a file read on its own,
//   as a piece of a bigger configuration). <IfFile> tests the tree; <IfDirective>,
//   <IfSection>, <IfVersion> count as true. <Macro> bodies are skipped (applied by `Use`).
// - core.c set_define / unset_define: Define NAME [VALUE] takes effect in file order; a name
//   with ':' is refused. ap_resolve_env leaves an undefined ${NAME} as written and warns
//   (AH00111); the server's environment (Debian's envvars) is not known here, so such names
//   stay unexpanded, and the warning is reported for the lines this reader acts on.
// - core.c include_config, config.c ap_process_fnmatch_configs, util.c ap_dir_fnmatch /
//   ap_dir_nofnmatch: the path is relative to ServerRoot (set by ServerRoot when it is read;
//   here by default the main file's directory); wildcards in any component, sorted; Include
//   of a wildcard that matches nothing is an error, IncludeOptional ignores it and a missing
//   file; a directory is included whole, recursively, sorted (here: up to 8 levels deep, and
//   without dot-files and subdirectories a wildcard matches, which httpd also reads).
// - <VirtualHost> (virtualhost_section) does not nest and is not allowed in directory
//   sections; <Directory*>, <Location*>, <Files*>, <If*>, <Proxy*> and unknown sections are
//   per-directory blocks; <Limit*>, <Require*> only wrap.
// mod_ssl (modules/ssl/mod_ssl.c, ssl_engine_config.c, ssl_engine_init.c):
// - SSLCipherSuite [SSL|TLSv1.3] LIST (TAKE12, anywhere): the first of two words is matched
//   with case; SSL lists get ":!aNULL:!eNULL:!EXP" appended (2.4.17 on; 2.4.7-2.4.16
//   prepended "!aNULL:!eNULL:!EXP:", before 2.4.7 nothing; one word only before 2.4.36),
//   TLSv1.3 lists are used as written and refused in directory context; in a directory block
//   the list applies by renegotiation. SSLProxyCipherSuite is the same for proxy connections
//   (server config, vhost or <Proxy>).
// - SSLProtocol / SSLProxyProtocol (RAW_ARGS, server config and vhost; the proxy one also in
//   <Proxy>): start from nothing; +X adds, -X removes, a bare word replaces (warning AH02532);
//   names without case; with OpenSSL 3 `all` is TLSv1-TLSv1.3, SSLv3 is "not supported by
//   this version of OpenSSL" (-SSLv3 is ignored), SSLv2 is refused (-SSLv2 ignored). The set
//   becomes a min/max range (ssl_init_ctx_protocol, 2.4.26+ on OpenSSL 1.1+): only the run
//   down from the highest version counts. An empty set fails at startup (AH02231).
//   Releases: TLSv1.3 is known from 2.4.36; before 2.4.26 (or on OpenSSL < 1.1) the set was
//   SSL_OP_NO_* flags, holes kept; 2.4.26-2.4.35 on OpenSSL 1.1.1 stop the maximum at
//   TLSv1.2; AH02532 is from 2.4.13; on an OpenSSL with SSLv3, `all` includes it.
// - SSLHonorCipherOrder (FLAG): on/off without case; words after the first are ignored.
// - SSLOpenSSLConfCmd NAME VALUE (TAKE2, server config and vhost): NAME must be an SSL_CONF
//   file command (without case); CipherString gets ":!aNULL:!eNULL:!EXP" appended (2.4.17
//   on); the commands run with SSL_CONF_cmd in ssl_init_server_ctx after ssl_init_ctx has
//   applied SSLProtocol, SSLHonorCipherOrder and SSLCipherSuite, global ones first, so they
//   win (rank 1), also over a vhost's own SSLCipherSuite when the global one is read first.
//   Protocol only adds SSL_OP_NO_* flags to SSLProtocol's range (both count). The directive
//   exists from 2.4.8 (with OpenSSL's SSL_CONF API).
// - core.c: IncludeOptional ignores a missing plain file from 2.4.30 (before: an error).

#include "config/apache_include.hpp"
#include "config/apache_lines.hpp"
#include "config/apache_sections.hpp"
#include "config/apache_ssl.hpp"
#include "config/apache_values.hpp"
#include "config/reader_support.hpp"
#include "text/ascii.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace cipherexplain::detail {

namespace {

using apache::line;
using apache::read_word;
using apache::section;
using apache::section_kind;
using apache::word;

class apache_reader {
 public:
  apache_reader(reading& r, const loaded_file& main)
      : r_(r), ssl_(r), main_dir_(main.directory()), server_root_(main_dir_) {}

  void read(const loaded_file& f) {
    const std::size_t base = sections_.size();
    std::size_t pos = 0;
    line l;
    while (apache::next_line(f.text, pos, l)) {
      if (l.text.empty()) continue;
      if (!soak_.empty()) {
        soak(f, l);
        continue;
      }
      if (l.text[0] == '#') continue;
      apache::expand(l, vars_);
      directive(f, l, base);
    }
    if (!soak_.empty()) {
      r_.add_error(f, soak_at_, "Expected </" + soak_.front() + "> before end of configuration");
      soak_.clear();
    }
    while (sections_.size() > base) {
      const section& s = sections_.back();
      r_.add_error(
          f, s.offset,
          "<" + s.name + "> was not closed." +
              (s.kind == section_kind::conditional ? " (httpd takes the end of the file as its end)"
                                                   : ""));
      sections_.pop();
    }
  }

  void finish() { ssl_.finish(); }

 private:
  void directive(const loaded_file& f, line& l, std::size_t base) {
    std::size_t pos = 0;
    const word name = apache::getword(l, pos);
    if (name.empty()) return;
    const std::string lname = ascii_lowered(name.text);
    // Undefined ${NAME}s are reported where they matter: in what this reader acts on.
    const bool acts = apache::ssl_directives::known(lname) || lname.starts_with("<if") ||
                      lname == "include" || lname == "includeoptional" || lname == "define" ||
                      lname == "undefine" || lname == "serverroot";
    if (acts) {
      for (const auto& [offset, var] : l.undefined) {
        r_.add_error(f, l.error_offset_of(offset),
                     "Config variable ${" + var + "} is not defined (httpd keeps it as written)");
      }
    }
    if (lname[0] == '<') {
      if (lname.size() > 1 && lname[1] == '/')
        return close_section(f, name.text, l.error_offset(0), base);
      return open_section(f, l, name, pos);
    }
    if (apache::ssl_directives::known(lname))
      return ssl_.handle(lname, name.text, f, l, pos, sections_.where());
    if (lname == "include" || lname == "includeoptional")
      return include(f, l, pos, lname == "includeoptional");
    if (lname == "define" || lname == "undefine") return define(f, l, pos, lname == "undefine");
    if (lname == "serverroot") return server_root(f, l, pos);
    if (lname == "loadmodule") return load_module(l, pos);
    if (lname.starts_with("\xef\xbb\xbf") && apache::ssl_directives::known(lname.substr(3))) {
      r_.add_error(f, l.error_offset(0),
                   "Invalid command '" + name.text +
                       "': the file starts with a UTF-8 byte order mark, which httpd takes as "
                       "part of the name");
    }
  }

  void open_section(const loaded_file& f, const line& l, const word& name, std::size_t pos) {
    const std::size_t at = l.offset(0);
    std::string written = name.text.substr(1);
    if (!written.empty() && written.back() == '>') written.pop_back();
    std::string args = l.text.substr(pos);
    if (args.empty()) args = ">";
    const apache::known_section* known = apache::find_section(written);
    section s{known ? std::string(known->name) : written,
              known ? known->kind : section_kind::directory, -1, at};
    const std::size_t gt = args.rfind('>');
    std::string arg = args.substr(0, gt);
    while (!arg.empty() && apache::is_space(arg.back())) arg.pop_back();
    if (gt == std::string::npos) {
      r_.add_error(f, l.error_offset(0), "<" + s.name + "> directive missing closing '>'");
    } else if (arg.empty() && (!known || known->needs_argument)) {
      r_.add_error(f, l.error_offset(0),
                   "<" + s.name + "> directive requires additional arguments");
    }
    const apache::place& p = sections_.where();
    switch (s.kind) {
      case section_kind::conditional:
        if (condition(s.name, arg)) break;
        [[fallthrough]];
      case section_kind::skipped:
        soak_.push_back(s.name);
        soak_at_ = at;
        return;
      case section_kind::vhost:
        if (p.in_vhost) {
          r_.add_error(f, l.error_offset(0), "<VirtualHost> doesn't nest!");
        } else if (p.in_directory) {
          r_.add_error(f, l.error_offset(0),
                       "<VirtualHost not allowed in <" + p.parent + "> context");
        } else {
          s.block = r_.add_block("<VirtualHost " + arg + ">", p.block, f, at);
        }
        break;
      case section_kind::directory:
      case section_kind::proxy:
        s.block = r_.add_block("<" + s.name + (arg.empty() ? "" : " ") + arg + ">", p.block, f, at);
        break;
      case section_kind::wrapper:
        break;
    }
    sections_.push(std::move(s));
  }

  void close_section(const loaded_file& f, const std::string& name, std::size_t at,
                     std::size_t base) {
    std::string inner = name.substr(2);
    if (inner.empty() || inner.back() != '>') {
      r_.add_error(f, at, "</" + inner + "> directive missing closing '>'");
    } else {
      inner.pop_back();
    }
    if (sections_.size() <= base) {
      r_.add_error(f, at, "</" + inner + "> without matching <" + inner + "> section");
      return;
    }
    if (!equal_ignoring_case(inner, sections_.back().name)) {
      r_.add_error(f, at, "Expected </" + sections_.back().name + "> but saw </" + inner + ">");
    }
    // Taken as closing the section it names, if one is open (else nothing is closed).
    (void)sections_.close_named(inner, base);
  }

  // A line inside a false conditional (or a <Macro>): only its sections count.
  void soak(const loaded_file& f, const line& l) {
    std::size_t pos = 0;
    const word w = apache::getword(l, pos);
    if (w.text.size() < 2 || w.text[0] != '<') return;
    if (w.text[1] == '/') {
      std::string inner = w.text.substr(2);
      if (!inner.empty()) inner.pop_back();
      if (!equal_ignoring_case(inner, soak_.back())) {
        r_.add_error(f, l.error_offset(0),
                     "Expected </" + soak_.back() + "> but saw </" + inner + ">");
      }
      soak_.pop_back();
      return;
    }
    std::string opened = w.text.substr(1);
    if (pos >= l.size() && !opened.empty() && opened.back() == '>') opened.pop_back();
    soak_.push_back(std::move(opened));
  }

  [[nodiscard]] bool condition(std::string_view kind, std::string_view arg) const {
    const bool negate = !arg.empty() && arg[0] == '!';
    const std::string name = apache::first_word(arg.substr(negate ? 1 : 0));
    bool result = true;
    if (kind == "IfModule") {
      result = name == "mod_ssl.c" || name == "ssl_module" || apache::builtin_module(name) ||
               modules_.contains(name) || !loaded_any_;
    } else if (kind == "IfDefine") {
      result = defines_.contains(name);
    } else if (kind == "IfFile") {
      const std::string path = r_.tree().resolve(name, server_root_);
      result = r_.tree().is_directory(path) || !r_.tree().glob(path).empty();
    }
    return result != negate;
  }

  void include(const loaded_file& f, const line& l, std::size_t pos, bool optional) {
    const word w = read_word(r_, f, l, pos);
    if (w.empty() || pos < l.size()) {
      r_.add_error(f, l.error_offset(0),
                   optional ? "IncludeOptional takes one argument, Name or pattern of the "
                              "config file(s) to be included; ignored if the file does not "
                              "exist or the pattern does not match any files"
                            : "Include takes one argument, Name(s) of the config file(s) to be "
                              "included; fails if the wildcard does not match at least one file");
      return;
    }
    std::string error;
    const std::string pattern = r_.tree().resolve(w.text, server_root_);
    for (const std::string& path : apache::include_paths(r_.tree(), pattern, optional, error)) {
      auto included = r_.open_included(path, f, l.error_offset(0), optional);
      if (!included) continue;
      read(*included);
      r_.close(*included);
    }
    if (!error.empty()) r_.add_error(f, l.error_offset(0), error);
  }

  void define(const loaded_file& f, const line& l, std::size_t pos, bool undefine) {
    const word name = read_word(r_, f, l, pos);
    const word value = undefine ? word{} : read_word(r_, f, l, pos);
    if (name.empty() || pos < l.size()) {
      r_.add_error(f, l.error_offset(0),
                   undefine ? "UnDefine takes one argument, Undefine the existence of a "
                              "variable. Undo a Define."
                            : "Define takes 1-2 arguments, Define a variable, optionally to a "
                              "value.  Same as passing -D to the command line.");
      return;
    }
    if (name.text.find(':') != std::string::npos) {
      r_.add_error(f, l.error_offset(name.begin), "Variable name must not contain ':'");
      return;
    }
    if (undefine) {
      defines_.erase(name.text);
      vars_.erase(name.text);
      return;
    }
    defines_.insert(name.text);
    if (!value.empty()) vars_[name.text] = value.text;
  }

  void server_root(const loaded_file& f, const line& l, std::size_t pos) {
    const word w = read_word(r_, f, l, pos);
    if (w.empty() || pos < l.size()) {
      r_.add_error(f, l.error_offset(0),
                   "ServerRoot takes one argument, Common directory of server-related files "
                   "(logs, confs, etc.)");
      return;
    }
    // Relative to httpd's working directory, taken here as the main file's directory.
    const std::string dir = r_.tree().resolve(w.text, main_dir_);
    if (!r_.tree().is_directory(dir)) {
      r_.add_error(f, l.error_offset(w.begin), "ServerRoot must be a valid directory");
      return;
    }
    server_root_ = dir;
  }

  void load_module(const line& l, std::size_t pos) {
    const word symbol = apache::getword(l, pos);
    const word file = apache::getword(l, pos);
    if (symbol.empty() || file.empty()) return;
    modules_.insert(symbol.text);
    std::string base = file.text.substr(file.text.rfind('/') + 1);
    if (base.ends_with(".so")) base.resize(base.size() - 3);
    modules_.insert(base + ".c");
    loaded_any_ = true;
  }

  reading& r_;
  apache::ssl_directives ssl_;
  std::string main_dir_;
  std::string server_root_;
  std::map<std::string, std::string, std::less<>> vars_;  // Define'd values
  std::set<std::string, std::less<>> defines_;            // Define'd names
  std::set<std::string, std::less<>> modules_;            // LoadModule'd names
  bool loaded_any_ = false;
  apache::section_stack sections_;
  std::vector<std::string> soak_;  // the sections open in a false conditional, outermost first
  std::size_t soak_at_ = 0;        // where that conditional opens
};

}  // namespace

void read_apache(reading& r, const loaded_file& main) {
  apache_reader reader(r, main);
  reader.read(main);
  reader.finish();
}

}  // namespace cipherexplain::detail

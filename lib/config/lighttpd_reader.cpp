// SPDX-License-Identifier: Apache-2.0
// lighttpd: `key = value` statements, conditional blocks, includes. Syntax from
// lighttpd/lighttpd1.4 src/configparser.y and src/configfile.c, TLS keys from
// src/mod_openssl.c (lighttpd-1.4.69):
// - a key without '.' is "var." + key; `=` on a key the block already has is "Duplicate
//   config variable" (lighttpd refuses the configuration), `:=` replaces, `+=` merges
//   with the block's value or else a copy of the nearest enclosing block's;
// - a value is a string, an integer, an array `( [k =>] v, ... )`, or a key read as a
//   variable from the block and then its enclosing ones; `+` merges (lighttpd_values.hpp);
//   env.NAME is lighttpd's environment, which the reader has not: read as empty, with an
//   error; var.CWD is the working directory, / under systemd;
// - `$SERVER["socket"] == "..." { }`, `$HTTP["host"] =~ "..." { }` ... open a block named as
//   written (`$HTTP["host"] == "a"`); the same condition again is the same block; `else`
//   chains: an `else { }` is named after the condition before it with the operator negated,
//   as lighttpd names it; `global { }` is the global block;
// - include as lighttpd_paths.hpp says; include_shell runs a command, which the reader
//   does not: an error says its output is not read;
// - ssl.cipher-list and ssl.openssl.ssl-conf-cmd count only in the global block and in
//   $SERVER["socket"] blocks (elsewhere: an error, ignored); a non-empty ssl.cipher-list
//   also sets SSL_OP_CIPHER_SERVER_PREFERENCE; ssl-conf-cmd runs through SSL_CONF_cmd after
//   the rest (names without case, as OpenSSL's), and to its key exactly "CipherString"
//   lighttpd appends ":!aNULL:!eNULL:!EXP" ("HIGH" first when empty); "SecurityLevel" is
//   lighttpd's own key (atoi, ignored when negative). ssl.honor-cipher-order, ssl.use-sslv2
//   and ssl.use-sslv3 were removed in 1.4.68: 1.4.69 warns and ignores them.
// Not modelled: a block's `ssl-conf-cmd =` replaces the whole array of the enclosing block
// (its other commands no longer apply there), which per-kind inheritance cannot say.

#include "config/lighttpd_paths.hpp"
#include "config/lighttpd_tls.hpp"
#include "config/lighttpd_tokens.hpp"
#include "config/lighttpd_values.hpp"
#include "config/reader_support.hpp"

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace cipherexplain::detail {

namespace {

using lighttpd::element;
using lighttpd::tk;
using lighttpd::token;
using lighttpd::value;

// The tokenizer with a few tokens of lookahead pushed back.
struct lexer {
  lighttpd::tokenizer t;
  std::vector<token> ahead;
  token next() {
    if (ahead.empty()) return t.next();
    token k = std::move(ahead.back());
    ahead.pop_back();
    return k;
  }
  void push(token k) { ahead.push_back(std::move(k)); }
};

struct context {
  std::int32_t parent = -1;
  bool socket = false;  // global or $SERVER["socket"]: where the ssl.* keys count
  bool plain_else = false;
  std::string obj, tag, op, rvalue;  // the condition, for an else after it
  std::map<std::string, value> vars;
};

class lighttpd_reader {
 public:
  lighttpd_reader(reading& r, const loaded_file& main) : r_(r), basedir_(main.directory()) {
    context global;
    global.socket = true;
    value cwd;
    cwd.text = "/";
    cwd.pieces = {{"/", lighttpd::no_file, 0, false}};
    global.vars["var.CWD"] = cwd;
    contexts_.push_back(std::move(global));
    stack_.push_back(0);
  }

  void read(const loaded_file& f) {
    const std::uint32_t id = next_id_++;
    lexer lx{lighttpd::tokenizer(f.text, id), {}};
    const std::size_t depth = stack_.size();
    for (token tok = lx.next(); tok.kind != tk::eof; tok = lx.next()) {
      switch (tok.kind) {
        case tk::eol:
          break;
        case tk::error:
          fail(f, lx, tok);
          break;
        case tk::key:
          statement(f, id, lx, tok);
          break;
        case tk::include:
        case tk::include_shell:
          include(f, id, lx, tok);
          break;
        case tk::global:
          if (token c = lx.next(); c.kind != tk::lcurly)
            fail(f, lx, c);
          else
            stack_.push_back(0);
          break;
        case tk::dollar:
          condition(f, id, lx, tok);
          break;
        case tk::rcurly:
          close(f, id, lx, tok, depth);
          break;
        default:
          fail(f, lx, tok);
      }
    }
    if (stack_.size() > depth) {
      r_.add_error(f, f.text.size(),
                   "parser failed somehow near here: (EOF): a block is not closed");
      stack_.resize(depth);
    }
  }

 private:
  static std::string near(const token& t) {
    return t.kind == tk::error ? t.text : "parser failed somehow near here: " + t.text;
  }

  // A statement lighttpd refuses: the rest of its line is not read. An end of line, of the
  // file or a block that ended it stays for what follows.
  void fail(const loaded_file& f, lexer& lx, token t, const std::string& message = {}) {
    r_.add_error(f, t.start, message.empty() ? near(t) : message);
    lx.ahead.clear();
    if (t.kind == tk::rcurly)
      lx.push(std::move(t));
    else if (t.kind != tk::eol && t.kind != tk::eof)
      lx.t.skip_line();
  }

  [[nodiscard]] context& here() { return contexts_[static_cast<std::size_t>(stack_.back())]; }

  const value* lookup(const std::string& name) const {
    for (std::int32_t c = stack_.back(); c >= 0;
         c = contexts_[static_cast<std::size_t>(c)].parent) {
      const auto& vars = contexts_[static_cast<std::size_t>(c)].vars;
      if (const auto it = vars.find(name); it != vars.end()) return &it->second;
    }
    return nullptr;
  }

  static value empty_string(std::size_t at, std::uint32_t id) {
    value v;
    v.pieces = {{"", id, at, false}};
    return v;
  }

  std::optional<value> expression(const loaded_file& f, std::uint32_t id, lexer& lx, int depth) {
    std::optional<value> v = primary(f, id, lx, depth);
    while (v) {
      token t = lx.next();
      if (t.kind != tk::plus) {
        lx.push(std::move(t));
        break;
      }
      std::optional<value> w = primary(f, id, lx, depth);
      if (!w) return std::nullopt;
      if (const std::string e = lighttpd::merge(*v, *w); !e.empty()) r_.add_error(f, t.start, e);
    }
    return v;
  }

  std::optional<value> primary(const loaded_file& f, std::uint32_t id, lexer& lx, int depth) {
    token t = lx.next();
    value v;
    if (t.kind == tk::string) {
      v.text = std::move(t.text);
      v.pieces = std::move(t.pieces);
      return v;
    }
    if (t.kind == tk::integer) {
      v.kind = value::type::integer;
      v.number = std::strtoll(t.text.c_str(), nullptr, 10);
      v.pieces = {{t.text, id, t.start, true}};
      v.text = std::move(t.text);
      return v;
    }
    if (t.kind == tk::key) {
      const std::string name = t.text.find('.') == std::string::npos ? "var." + t.text : t.text;
      if (name.starts_with("env.")) {
        r_.add_error(f, t.start,
                     name +
                         " is read from lighttpd's environment, which is not known "
                         "here: read as empty (lighttpd refuses it when unset)");
        return empty_string(t.start, id);
      }
      if (const value* known = lookup(name)) return *known;
      r_.add_error(f, t.start, "Undefined config variable: " + name);
      return empty_string(t.start, id);
    }
    if (t.kind == tk::lparen) return array(f, id, lx, depth + 1, t);
    fail(f, lx, std::move(t));
    return std::nullopt;
  }

  std::optional<value> array(const loaded_file& f, std::uint32_t id, lexer& lx, int depth,
                             const token& open) {
    if (depth > 16) {
      fail(f, lx, open, "arrays nested deeper than 16 are not read");
      return std::nullopt;
    }
    value arr;
    arr.kind = value::type::array;
    for (;;) {
      token t = lx.next();
      while (t.kind == tk::comma && !arr.elements.empty()) t = lx.next();
      if (t.kind == tk::rparen) return arr;
      lx.push(std::move(t));
      std::optional<value> e = expression(f, id, lx, depth);
      if (!e) return std::nullopt;
      token u = lx.next();
      element el{std::nullopt, std::move(*e)};
      if (u.kind == tk::array_assign) {
        if (el.val.kind == value::type::array) {
          fail(f, lx, u, "operand must be string");
          return std::nullopt;
        }
        el.key = el.val.text;
        std::optional<value> v = expression(f, id, lx, depth);
        if (!v) return std::nullopt;
        el.val = std::move(*v);
        u = lx.next();
      }
      if (el.key && arr.find(*el.key)) {
        r_.add_error(
            f, u.start,
            "Error: duplicate array-key: " + *el.key + ". Please get rid of the duplicate entry.");
      } else {
        arr.append(std::move(el));
      }
      if (u.kind == tk::rparen) return arr;
      if (u.kind != tk::comma) {
        fail(f, lx, std::move(u));
        return std::nullopt;
      }
    }
  }

  void statement(const loaded_file& f, std::uint32_t id, lexer& lx, const token& key) {
    const std::string name = key.text.find('.') == std::string::npos ? "var." + key.text : key.text;
    token op = lx.next();
    if (op.kind != tk::assign && op.kind != tk::force_assign && op.kind != tk::append) {
      return fail(f, lx, std::move(op));
    }
    std::optional<value> v = expression(f, id, lx, 0);
    if (!v) return;
    context& c = here();
    const std::string where = "in conditional " + std::to_string(stack_.back()) + " " +
                              r_.result().blocks[static_cast<std::size_t>(stack_.back())].name;
    if (name.starts_with("env.")) {
      r_.add_error(f, key.start,
                   std::string(op.kind == tk::append ? "Appending" : "Setting") +
                       " env variable is not supported " + where + ": " + name);
      return;
    }
    if (op.kind == tk::assign && c.vars.contains(name)) {
      r_.add_error(f, key.start, "Duplicate config variable " + where + ": " + name);
      return;
    }
    const auto own = c.vars.find(name);
    const value* before = op.kind != tk::append ? nullptr
                          : own != c.vars.end() ? &own->second
                                                : lookup(name);
    if (!before) {
      const value& set = c.vars[name] = std::move(*v);
      return lighttpd::tls_statement(r_, f, id, key.start, name, set, set, stack_.back(), c.socket);
    }
    // += merges into the block's own value in place, or into a copy of the enclosing one's.
    value& merged = own != c.vars.end() ? own->second : c.vars[name];
    if (&merged != before) merged = *before;
    // For an array, what this statement adds (a key already there with the same value adds
    // nothing); for a string, the whole new value.
    value added;
    if (merged.kind == value::type::array && v->kind == value::type::array) {
      added.kind = value::type::array;
      for (const element& e : v->elements) {
        if (!e.key || !merged.find(*e.key)) added.append(e);
      }
    }
    if (const std::string e = lighttpd::merge(merged, *v); !e.empty()) {
      r_.add_error(f, op.start, e);
      if (own == c.vars.end()) c.vars.erase(name);
      return;
    }
    const value& fresh = merged.kind == value::type::array ? added : merged;
    lighttpd::tls_statement(r_, f, id, key.start, name, merged, fresh, stack_.back(), c.socket);
  }

  // $NAME["tag"] op value {, after the '$'.
  void condition(const loaded_file& f, std::uint32_t id, lexer& lx, const token& dollar) {
    token name = lx.next();
    if (name.kind != tk::srvvarname) return fail(f, lx, std::move(name));
    if (token b = lx.next(); b.kind != tk::lbracket) return fail(f, lx, std::move(b));
    std::optional<value> tag = expression(f, id, lx, 0);
    if (!tag) return;
    if (token b = lx.next(); b.kind != tk::rbracket) return fail(f, lx, std::move(b));
    token op = lx.next();
    if (op.kind != tk::cond_op) return fail(f, lx, std::move(op));
    std::optional<value> rvalue = expression(f, id, lx, 0);
    if (!rvalue) return;
    if (token c = lx.next(); c.kind != tk::lcurly) return fail(f, lx, std::move(c));
    if (rvalue->kind != value::type::string) r_.add_error(f, op.start, "rvalue must be string");
    static constexpr std::string_view http_tags =
        " url host referer useragent user-agent language cookie remoteip remote-ip querystring"
        " query-string request-method scheme ";
    const bool known =
        name.text == "REQUEST_HEADER" || (name.text == "SERVER" && tag->text == "socket") ||
        (name.text == "HTTP" && http_tags.find(" " + tag->text + " ") != std::string_view::npos);
    if (!known)
      r_.add_error(f, name.start, "error comp_key $" + name.text + "[\"" + tag->text + "\"]");
    context c;
    c.obj = name.text;
    c.tag = tag->text;
    c.op = op.text;
    c.rvalue = rvalue->text;
    c.socket = name.text == "SERVER" && tag->text == "socket";
    open(f, lx, dollar.start, std::move(c), false);
  }

  // Pushes the block `c` describes, or the one already there with its name.
  void open(const loaded_file& f, lexer& lx, std::size_t at, context c, bool from_else) {
    // Variables are looked up through the enclosing blocks: a bound on the nesting keeps
    // reading linear.
    if (stack_.size() > 64) {
      r_.add_error(f, at, "conditions nested deeper than 64 are not read");
      for (int depth = 1; depth > 0;) {
        token t = lx.next();
        if (t.kind == tk::eof) return;
        if (t.kind == tk::error) lx.t.skip_line();
        depth += t.kind == tk::lcurly ? 1 : t.kind == tk::rcurly ? -1 : 0;
      }
      return;
    }
    if (stack_.size() > 1 && stack_.back() == 0) {
      r_.add_error(f, at, "Cannot use conditionals inside a global { ... } block");
    }
    const std::string name = "$" + c.obj + "[\"" + c.tag + "\"] " + c.op + " \"" + c.rvalue + "\"";
    const auto key = std::make_pair(stack_.back(), name);
    if (const auto it = named_.find(key); it != named_.end()) {
      if (from_else) r_.add_error(f, at, "unreachable else condition");
      stack_.push_back(it->second);
      return;
    }
    c.parent = stack_.back();
    const std::int32_t index = r_.add_block(name, c.parent, f, at);
    contexts_.push_back(std::move(c));
    named_.emplace(key, index);
    stack_.push_back(index);
  }

  void close(const loaded_file& f, std::uint32_t id, lexer& lx, const token& t, std::size_t depth) {
    if (stack_.size() <= depth) {
      r_.add_error(f, t.start, near(t));
      return;
    }
    const std::int32_t closed = stack_.back();
    stack_.pop_back();
    if (closed == 0) return;
    token a = lx.next();
    token b = a.kind == tk::eol ? lx.next() : a;
    if (b.kind != tk::else_) {
      lx.push(std::move(b));
      return;
    }
    const context& before = contexts_[static_cast<std::size_t>(closed)];
    if (before.plain_else)
      r_.add_error(f, b.start, "unreachable condition following else catch-all");
    token c = lx.next();
    if (c.kind == tk::dollar) return condition(f, id, lx, c);
    if (c.kind != tk::lcurly) return fail(f, lx, std::move(c));
    // lighttpd's name for it: the condition before, its operator negated.
    context e = before;
    e.vars.clear();
    e.plain_else = true;
    e.op = (e.op[0] == '!' ? "=" : "!") + e.op.substr(1);
    open(f, lx, b.start, std::move(e), true);
  }

  void include(const loaded_file& f, std::uint32_t id, lexer& lx, const token& t) {
    std::optional<value> v = expression(f, id, lx, 0);
    if (!v) return;
    if (v->kind == value::type::array) return r_.add_error(f, t.start, "operand must be string");
    if (t.kind == tk::include_shell) {
      r_.add_error(f, t.start,
                   "include_shell \"" + v->text +
                       "\": the reader runs no command, so its output is not read");
      return;
    }
    const std::string pattern = r_.tree().resolve(lighttpd::include_path(v->text, basedir_), "");
    const std::vector<std::string> patterns = lighttpd::expand_braces(pattern);
    const bool braces = patterns.size() != 1 || patterns[0] != pattern;
    for (const std::string& p : patterns) {
      for (const std::string& path : r_.expand(p)) {
        // A name without wildcards must open, unless it came from braces or has one of
        // glob's other characters (then no match is no error).
        const bool optional = path == p && (braces || lighttpd::has_glob_chars(p));
        auto included = r_.open_included(path, f, t.start, optional);
        if (!included) continue;
        read(*included);
        r_.close(*included);
      }
    }
  }

  reading& r_;
  std::string basedir_;
  std::uint32_t next_id_ = 0;
  std::vector<context> contexts_;  // one per block, same index
  std::vector<std::int32_t> stack_;
  std::map<std::pair<std::int32_t, std::string>, std::int32_t> named_;
};

}  // namespace

void read_lighttpd(reading& r, const loaded_file& main) {
  lighttpd_reader reader(r, main);
  reader.read(main);
}

}  // namespace cipherexplain::detail

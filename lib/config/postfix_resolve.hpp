// SPDX-License-Identifier: Apache-2.0
#pragma once
// The TLS settings Postfix derives from its parameters, for the Postfix reader only: which
// variant (opportunistic or mandatory) a role's security level takes, and the cipher list
// tls_set_ciphers() builds for it. The sources are cited in postfix_reader.cpp.

#include "config/postfix_expand.hpp"
#include "config/postfix_values.hpp"
#include "config/reader_support.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cipherexplain::detail::postfix {

/// A parameter as written: a main.cf line or a master.cf -o.
struct parameter {
  std::string name;
  const loaded_file* file = nullptr;
  std::size_t at = 0, value_at = 0;  // the directive's and the value's first bytes
  traced raw;                        // as stored: lines joined, blanks trimmed
};

struct role_spec {
  std::string_view prefix;  // "smtpd", "smtp", "lmtp"
  setting_role role;
};
inline constexpr role_spec smtpd_role{"smtpd", setting_role::server};
inline constexpr role_spec smtp_role{"smtp", setting_role::client};
inline constexpr role_spec lmtp_role{"lmtp", setting_role::client};

/// Where parameters are set: main.cf, or a master.cf service over main.cf.
struct scope {
  const loaded_file* file = nullptr;
  const scope* parent = nullptr;
  bool report = false;  // errors in its parameters are this reading's to report
  bool master = false;  // a service: "-o name" directives, one block
  std::string block_name;
  std::size_t block_at = 0;
  std::int32_t block = -1, lmtp_block = -1;
  std::vector<role_spec> roles;
  std::map<std::string, std::vector<const parameter*>, std::less<>> written;
  [[nodiscard]] const parameter* last(std::string_view name) const {
    const auto it = written.find(name);
    return it == written.end() ? nullptr : it->second.back();
  }
};

class resolver {
 public:
  explicit resolver(reading& r) : r_(r) {
    for (const named_value& d : defaults)
      defaults_[std::string(d.name)].add_made(d.value, nullptr, 0);
  }

  /// Adds the settings of scope s, in file order.
  void report(scope& s) {
    std::vector<pending> out;
    bool server = false;
    for (const role_spec& role : s.roles) {
      resolve(s, role, out);
      server = server || role.role == setting_role::server;
    }
    if (server) prefer(s, out);
    std::stable_sort(out.begin(), out.end(),
                     [](const pending& a, const pending& b) { return a.at < b.at; });
    for (pending& p : out) {
      tls_setting& t =
          r_.add_setting(*s.file, p.at, p.directive, p.kind, p.role, p.block, std::move(p.v));
      t.meaning = p.meaning;
      t.note = std::move(p.note);
      if (p.effective) {
        r_.rank(t, 1);
      } else {
        t.effective = false;
      }
    }
  }

 private:
  struct value {
    traced text;
    const parameter* from = nullptr;  // null: the default
    bool here = false;                // written in the scope itself
    bool ok = true;
  };
  struct selection {
    bool mandatory = false;
    std::string_view also;  // excluded on top by the level or by client certificates
    const parameter* also_from = nullptr;
    std::string why, also_why;
    std::vector<const parameter*> inputs;  // the deciding parameters written in the scope
  };
  struct pending {
    std::size_t at = 0;
    std::string directive;
    setting_kind kind{};
    setting_role role{};
    std::int32_t block = 0;
    value_builder v;
    std::optional<std::uint16_t> meaning;
    std::string note;
    bool effective = true;
  };

  static std::size_t at_of(const value& v) { return v.from != nullptr ? v.from->value_at : 0; }

  void error(const scope& s, const parameter* p, std::size_t at, std::string message) {
    if (p == nullptr || !s.report || p->file != s.file) return;
    if (reported_.insert({at, message}).second) r_.add_error(*p->file, at, std::move(message));
  }

  [[nodiscard]] const traced* lookup(const scope& s, std::string_view name) const {
    for (const scope* in = &s; in != nullptr; in = in->parent) {
      if (const parameter* p = in->last(name)) return &p->raw;
    }
    const auto def = defaults_.find(std::string(name));
    return def == defaults_.end() ? nullptr : &def->second;
  }

  // The value of one occurrence (p), or of the parameter `name` as the scope sees it.
  value get(const scope& s, std::string_view name, std::vector<std::string>& undefined,
            const parameter* p = nullptr) {
    value out;
    for (const scope* in = &s; in != nullptr && p == nullptr; in = in->parent) p = in->last(name);
    out.from = p;
    out.here = p != nullptr && p->file == s.file;
    const traced* raw = p != nullptr ? &p->raw : lookup(s, name);
    if (raw == nullptr) return out;
    expander x([&](std::string_view n) { return lookup(s, n); }, budget_);
    if (!x.run(*raw, out.text)) {
      out.ok = false;
      if (p != nullptr)
        error(s, p, raw->file_offset(x.error_offset(), *p->file, p->value_at),
              p->name + ": " + x.error() + " (Postfix stops: macro processing error)");
      return out;
    }
    for (const std::string& u : x.undefined()) {
      if (std::find(undefined.begin(), undefined.end(), u) == undefined.end())
        undefined.push_back(u);
    }
    return out;
  }

  // A boolean parameter; `from` the parameter when written anywhere.
  bool flag(const scope& s, const std::string& name, selection& sel,
            const parameter** from = nullptr) {
    std::vector<std::string> undefined;
    const value v = get(s, name, undefined);
    if (v.here) sel.inputs.push_back(v.from);
    if (from != nullptr) *from = v.from;
    const auto b = parse_bool(v.text.text());
    if (!b && v.ok)
      error(s, v.from, at_of(v), "bad boolean configuration: " + name + " = " + v.text.text());
    return b.value_or(default_of(name).value_or("no") == "yes");
  }

  selection select(const scope& s, const role_spec& role) {
    selection sel;
    std::vector<std::string> undefined;
    const std::string p(role.prefix);
    const value level = get(s, p + "_tls_security_level", undefined);
    const std::string& l = level.text.text();
    if (role.role == setting_role::server) {
      const parameter* wrapper_from = nullptr;
      const bool wrapper = flag(s, "smtpd_tls_wrappermode", sel, &wrapper_from);
      bool enforce = wrapper;
      if (wrapper) {
        sel.why = "smtpd_tls_wrappermode = yes";
      } else if (!l.empty()) {
        if (level.here) sel.inputs.push_back(level.from);
        sel.why = "smtpd_tls_security_level = " + l;
        const auto parsed = parse_level(l);
        if (!parsed || *parsed == tls_level::halfdane || *parsed == tls_level::dane ||
            *parsed == tls_level::dane_only) {
          error(s, level.from, at_of(level), "Invalid TLS level \"" + l + "\"");
        } else if (*parsed > tls_level::encrypt) {
          error(s, level.from, at_of(level),
                "unsupported TLS level \"" + l + "\", using \"encrypt\" (a warning)");
          enforce = true;
        } else {
          enforce = *parsed == tls_level::encrypt;
        }
      } else {
        enforce = flag(s, "smtpd_enforce_tls", sel);
        const bool use = flag(s, "smtpd_use_tls", sel);
        sel.why = enforce ? "smtpd_enforce_tls = yes"
                  : use   ? "smtpd_use_tls = yes"
                          : "TLS off (smtpd_tls_security_level empty, smtpd_use_tls = no)";
      }
      sel.mandatory = enforce;
      const parameter* ask_from = nullptr;
      if (flag(s, "smtpd_tls_ask_ccert", sel, &ask_from)) {
        sel.also_why = "smtpd_tls_ask_ccert = yes";
      } else if (enforce && flag(s, "smtpd_tls_req_ccert", sel, &ask_from)) {
        sel.also_why = "smtpd_tls_req_ccert = yes";
      }
      if (!sel.also_why.empty()) {
        sel.also = "aNULL";
        sel.also_from = ask_from;
      }
    } else {
      tls_level t = tls_level::none;
      const parameter* decided = level.from;
      if (!l.empty()) {
        if (level.here) sel.inputs.push_back(level.from);
        sel.why = p + "_tls_security_level = " + l;
        const auto parsed = parse_level(l);
        if (!parsed)
          error(s, level.from, at_of(level), "invalid tls security level: \"" + l + "\"");
        t = parsed.value_or(tls_level::none);
      } else if (flag(s, p + "_enforce_tls", sel, &decided)) {
        t = flag(s, p + "_tls_enforce_peername", sel) ? tls_level::verify : tls_level::encrypt;
        sel.why = p + "_enforce_tls = yes";
      } else {
        t = flag(s, p + "_use_tls", sel, &decided) ? tls_level::may : tls_level::none;
        sel.why = t == tls_level::may
                      ? p + "_use_tls = yes"
                      : "TLS off (" + p + "_tls_security_level empty, " + p + "_use_tls = no)";
      }
      sel.mandatory = t >= tls_level::encrypt;
      sel.also = t == tls_level::encrypt ? "eNULL" : t > tls_level::encrypt ? "aNULL" : "";
      sel.also_from = decided;
      sel.also_why = sel.why;
    }
    std::sort(sel.inputs.begin(), sel.inputs.end(),
              [](const parameter* a, const parameter* b) { return a->at < b->at; });
    return sel;
  }

  void resolve(scope& s, const role_spec& role, std::vector<pending>& out) {
    const selection sel = select(s, role);
    static const scope none;
    const selection base = select(s.parent != nullptr ? *s.parent : none, role);
    const bool level_counts = sel.mandatory != base.mandatory || sel.also != base.also;
    const std::string p(role.prefix);
    for (const bool mandatory : {false, true}) {
      for (const bool list : {true, false}) {
        const std::string own =
            p + (mandatory ? "_tls_mandatory_" : "_tls_") + (list ? "ciphers" : "protocols");
        const auto it = s.written.find(own);
        const std::size_t n = it == s.written.end() ? 0 : it->second.size();
        const std::string by = n > 1 ? replaced_by(s, it->second.back()) : std::string();
        for (std::size_t k = 0; k <= n; ++k) {
          if (k + 1 == n) continue;  // the last is the final one (k == n)
          const parameter* occurrence = k < n ? it->second[k] : n > 0 ? it->second.back() : nullptr;
          const std::string replaced = k < n ? by : std::string();
          if (list) {
            ciphers(s, role, sel, level_counts, mandatory, occurrence, replaced, out);
          } else {
            protocols(s, role, sel, level_counts, mandatory, occurrence, replaced, out);
          }
        }
      }
    }
  }

  void ciphers(scope& s, const role_spec& role, const selection& sel, bool level_counts,
               bool mandatory, const parameter* own_p, const std::string& replaced,
               std::vector<pending>& out) {
    const std::string p(role.prefix);
    const std::string own = p + (mandatory ? "_tls_mandatory_ciphers" : "_tls_ciphers");
    const bool selected = mandatory == sel.mandatory;
    std::vector<std::string> undefined;
    const value grade = get(s, own, undefined, own_p);
    if (!grade.ok) return;
    const std::string& g = grade.text.text();
    const std::string_view list_name = grade_parameter(g);
    if (list_name.empty()) {
      error(s, grade.from, at_of(grade),
            g.empty() ? "bad parameter value: " + own + " = "
                      : "invalid cipher grade: \"" + g + "\"");
      return;
    }
    const value list = get(s, list_name, undefined);
    if (!list.ok) return;
    if (list.text.size() == 0) {
      error(s, list.from, at_of(list), "bad parameter value: " + std::string(list_name) + " = ");
      return;
    }
    const value excl = get(s, p + "_tls_exclude_ciphers", undefined);
    value mexcl;
    if (mandatory) mexcl = get(s, p + "_tls_mandatory_exclude_ciphers", undefined);
    const bool any = grade.here || list.here || excl.here || mexcl.here ||
                     (selected && level_counts && !sel.inputs.empty());
    if (selected ? !any : !(grade.here || mexcl.here)) return;
    const parameter* anchor = grade.here   ? grade.from
                              : list.here  ? list.from
                              : excl.here  ? excl.from
                              : mexcl.here ? mexcl.from
                                           : sel.inputs.front();
    const loaded_file& f = *s.file;
    const std::size_t fallback = anchor->value_at;
    value_builder v(f);
    list.text.into(v, f, fallback);
    std::string names;
    auto exclude = [&](const value& x, const std::string& name) {
      const std::string& t = x.text.text();
      bool used = false;
      for (std::size_t i = 0; i < t.size();) {
        if (is_list_separator(t[i])) {
          ++i;
          continue;
        }
        std::size_t e = i;
        while (e < t.size() && !is_list_separator(t[e])) ++e;
        const std::size_t origin = x.text.file_offset(i, f, fallback);
        if (std::string_view("!+-@").find(t[i]) != std::string_view::npos) {
          error(s, x.from, origin,
                "invalid unary '!+-@' in cipher exclusion: " + t.substr(i, e - i) +
                    " (Postfix then refuses the connection's cipher list)");
        } else {
          v.add_made(":!", origin);
          x.text.into(v, f, x.here ? x.from->value_at : fallback, i, e - i);
          used = true;
        }
        i = e;
      }
      if (used) names += (names.empty() ? "" : " and ") + name;
    };
    exclude(excl, p + "_tls_exclude_ciphers");
    if (mandatory) exclude(mexcl, p + "_tls_mandatory_exclude_ciphers");
    const std::string_view also = role.role == setting_role::server || selected ? sel.also : "";
    if (!also.empty())
      v.add_made(":!" + std::string(also), sel.also_from != nullptr && sel.also_from->file == &f
                                               ? sel.also_from->value_at
                                               : fallback);
    std::string note = "Postfix grade " + g + " (" + own + where(grade, ", ") +
                       "): " + std::string(list_name) + where(list, " ");
    if (!names.empty()) note += ", then :!NAME per word of " + names;
    if (!also.empty()) note += ", then :!" + std::string(also) + " (" + sel.also_why + ")";
    note += (selected ? "; applies with " : "; does not apply with ") + sel.why;
    if (!replaced.empty()) note += "; " + replaced;
    for (const std::string& u : undefined) note += "; $" + u + " is undefined (empty)";
    out.push_back({anchor->at, directive(s, anchor->name), setting_kind::cipher_list, role.role,
                   block(s, role, anchor->at), std::move(v), std::nullopt, std::move(note),
                   selected && replaced.empty()});
  }

  void protocols(scope& s, const role_spec& role, const selection& sel, bool level_counts,
                 bool mandatory, const parameter* own_p, const std::string& replaced,
                 std::vector<pending>& out) {
    const std::string own =
        std::string(role.prefix) + (mandatory ? "_tls_mandatory_protocols" : "_tls_protocols");
    const bool selected = mandatory == sel.mandatory;
    std::vector<std::string> undefined;
    const value list = get(s, own, undefined, own_p);
    if (!list.ok) return;
    if (!list.here && !(selected && level_counts && !sel.inputs.empty())) return;
    const parameter* anchor = list.here ? list.from : sel.inputs.front();
    value_builder v(*s.file);
    list.text.into(v, *s.file, anchor->value_at);
    const protocol_list parsed = parse_protocols(list.text.text());
    if (!parsed.enabled)
      error(s, list.from, list.text.file_offset(parsed.bad_offset, *s.file, anchor->value_at),
            "Invalid TLS protocol list \"" + list.text.text() + "\" (\"" + parsed.bad +
                "\"): Postfix disables TLS");
    std::string note = own + where(list, " ") +
                       (selected ? "; applies with " : "; does not apply with ") + sel.why;
    if (!replaced.empty()) note += "; " + replaced;
    for (const std::string& u : undefined) note += "; $" + u + " is undefined (empty)";
    out.push_back({anchor->at, directive(s, anchor->name), setting_kind::protocols, role.role,
                   block(s, role, anchor->at), std::move(v), parsed.enabled, std::move(note),
                   selected && replaced.empty()});
  }

  void prefer(scope& s, std::vector<pending>& out) {
    const auto it = s.written.find("tls_preempt_cipherlist");
    if (it == s.written.end()) return;
    const std::string by = replaced_by(s, it->second.back());
    for (const parameter* p : it->second) {
      std::vector<std::string> undefined;
      const value x = get(s, p->name, undefined, p);
      if (!x.ok) continue;
      value_builder v(*s.file);
      x.text.into(v, *s.file, p->value_at);
      const auto b = parse_bool(x.text.text());
      if (!b)
        error(s, p, p->value_at, "bad boolean configuration: " + p->name + " = " + x.text.text());
      const bool last = p == it->second.back();
      std::string note = last ? std::string() : by;
      out.push_back({p->at, directive(s, p->name), setting_kind::prefer_server,
                     setting_role::server, block(s, smtpd_role, p->at), std::move(v),
                     b ? std::optional<std::uint16_t>(*b ? 1 : 0) : std::nullopt, std::move(note),
                     last});
    }
  }

  std::int32_t block(scope& s, const role_spec& role, std::size_t at) {
    if (role.prefix == "lmtp" && !s.master) {
      if (s.lmtp_block < 0) s.lmtp_block = r_.add_block("lmtp", -1, *s.file, at);
      return s.lmtp_block;
    }
    if (s.block < 0) s.block = r_.add_block(s.block_name, 0, *s.file, s.block_at);
    return s.block;
  }

  // Where a value comes from when not from the scope itself.
  static std::string where(const value& v, std::string_view sep) {
    if (v.here) return {};
    const bool paren = sep == " ";
    const std::string what = v.from ? "as main.cf sets it" : "Postfix 3.7 default";
    return paren ? " (" + what + ")" : std::string(sep) + what;
  }

  static std::string replaced_by(const scope& s, const parameter* last) {
    return "replaced by line " + std::to_string(s.file->position(last->at).line);
  }

  static std::string directive(const scope& s, const std::string& name) {
    return s.master ? "-o " + name : name;
  }

  reading& r_;
  std::map<std::string, traced> defaults_;
  expansion_budget budget_;
  std::set<std::pair<std::size_t, std::string>> reported_;
};

}  // namespace cipherexplain::detail::postfix

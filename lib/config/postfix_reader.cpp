// SPDX-License-Identifier: Apache-2.0
// Postfix main.cf and master.cf. Sources (vdukhovni/postfix, v3.7.11, Debian 12's release):
// - util/readlline.c readllines(): a line whose first non-space is '#' is a comment, also in
//   the middle of a logical line; a line that starts with whitespace continues the logical
//   line, joined as it is (no newline, its leading whitespace kept); text that starts with
//   whitespace with nothing before it is warned about and ignored. A '#' after text is text.
// - util/dict.c dict_load_fp() + util/split_nameval.c: `name = value`, blanks around '=' and
//   at the end dropped, no '=' is fatal; a later entry replaces an earlier one (a warning).
// - global/mail_conf.c, mail_conf_str.c: every string parameter is $name-expanded when read,
//   recursively, against main.cf and the defaults (postfix_expand.hpp); an empty
//   tls_*_cipherlist or grade is a fatal "bad parameter value".
// - smtpd/smtpd.c (tls_server_start, main): smtpd_tls_security_level (secure, verify and
//   fingerprint warn and act as encrypt; the dane levels are fatal) unless
//   smtpd_tls_wrappermode, else smtpd_use_tls / smtpd_enforce_tls; wrapper mode enforces.
//   Enforced TLS takes smtpd_tls_mandatory_ciphers and smtpd_tls_mandatory_protocols and adds
//   smtpd_tls_mandatory_exclude_ciphers to smtpd_tls_exclude_ciphers; asking for client
//   certificates (smtpd_tls_ask_ccert, or enforce + smtpd_tls_req_ccert) excludes aNULL.
// - smtp/smtp_tls_policy.c (set_cipher_grade, policy_create, global_tls_level): the smtp_*
//   level (lmtp_* when the command is lmtp): may takes the opportunistic grade and
//   protocols; encrypt the mandatory ones and excludes eNULL; dane, fingerprint, verify and
//   secure the mandatory ones and exclude aNULL; an empty level follows smtp_enforce_tls
//   (verify with smtp_tls_enforce_peername) / smtp_use_tls.
// - tls/tls_misc.c tls_set_ciphers(): the grade's tls_<grade>_cipherlist, then ":!NAME" per
//   exclusion word; tls/tls_server.c: tls_preempt_cipherlist sets
//   SSL_OP_CIPHER_SERVER_PREFERENCE.
// - master/master_ent.c get_master_ent(): `service type private unpriv chroot wakeup
//   maxproc command args`, fields split at blanks, `{...}` arguments kept whole and stripped
//   of the braces and the blanks inside them; master/single_server.c (and the other
//   skeletons): `-o name=value` (or "-oname=value") is split as a main.cf line is and
//   overrides main.cf for that service.
// What is reported, per role: the cipher list each variant (opportunistic, mandatory) hands
// to OpenSSL, resolved from the grade, its cipher list and the exclusions, where something
// it depends on is written; the variant the security level selects is the effective one, the
// other is reported (not effective) when its own parameter is written. The same for
// *_tls_protocols / *_tls_mandatory_protocols; tls_preempt_cipherlist. smtpd_* is the server
// role, smtp_* the client role in the file's block, lmtp_* the client role in a top-level
// block "lmtp" (only when an lmtp_ parameter is written). Not read: tlsproxy_* (defaults
// $smtpd_*), per-site TLS policy tables. master.cf: a block per service with TLS overrides
// ("submission inet"); main.cf beside it, when there, supplies what the overrides do not
// replace and the $names they use.

#include "config/postfix_resolve.hpp"
#include "config/reader_support.hpp"

#include <memory>
#include <string>
#include <vector>

namespace cipherexplain::detail {

namespace {

using postfix::parameter;
using postfix::scope;
using postfix::traced;

[[nodiscard]] bool is_space(char c) noexcept {  // isspace(3) in the C locale
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
[[nodiscard]] bool is_blank(char c) noexcept {  // CHARS_SPACE
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Calls fn(line) for each logical line of f, as readllines() joins them.
template <typename Fn>
void logical_lines(reading& r, const loaded_file& f, bool report, Fn&& fn) {
  const std::string& s = f.text;
  traced line;
  bool open = false, bad = false;
  auto flush = [&] {
    if (open && bad && report)
      r.add_error(f, line.file_offset(0, f, 0),
                  "logical line must not start with whitespace (a warning: ignored)");
    if (open && !bad) fn(line);
    line = traced();
    open = bad = false;
  };
  for (std::size_t start = 0; start <= s.size();) {
    std::size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    std::size_t k = start;
    while (k < end && is_space(s[k])) ++k;
    if (k < end && s[k] != '#') {
      if (!is_space(s[start])) {
        flush();
      } else if (!open) {
        bad = true;
      }
      open = true;
      line.add_file(f, start, end - start);
    }
    start = end + 1;
  }
  flush();
}

// split_nameval() on t[from, to): fills p, or says what is wrong.
std::string split(const loaded_file& f, const traced& t, std::size_t from, std::size_t to,
                  parameter& p) {
  const std::string& x = t.text();
  std::size_t i = from;
  while (i < to && is_space(x[i])) ++i;
  if (i == to || x[i] == '=') return "missing attribute name";
  std::size_t name_end = i;
  while (name_end < to && !is_space(x[name_end]) && x[name_end] != '=') ++name_end;
  std::size_t eq = name_end;
  while (eq < to && is_space(x[eq])) ++eq;
  if (eq == to || x[eq] != '=') return "missing '=' after attribute name";
  std::size_t v = eq + 1;
  while (v < to && is_space(x[v])) ++v;
  std::size_t e = to;
  while (e > v && is_space(x[e - 1])) --e;
  p.name = x.substr(i, name_end - i);
  p.file = &f;
  p.at = t.file_offset(i, f, 0);
  // An empty value "is" where the '=' is.
  p.value_at = t.file_offset(v < e ? v : eq, f, 0);
  p.raw.append(t, v, e - v);
  return {};
}

[[nodiscard]] std::string excerpt(std::string_view s) {
  return std::string(s.substr(0, 40)) + (s.size() > 40 ? "..." : "");
}

void read_main_cf(reading& r, const loaded_file& f, bool report,
                  std::vector<std::unique_ptr<parameter>>& params, scope& s) {
  logical_lines(r, f, report, [&](const traced& line) {
    auto p = std::make_unique<parameter>();
    const std::string error = split(f, line, 0, line.size(), *p);
    if (!error.empty()) {
      if (report)
        r.add_error(f, line.file_offset(0, f, 0),
                    error + ": \"" + excerpt(line.text()) + "\" (Postfix stops here)");
      return;
    }
    s.written[p->name].push_back(p.get());
    params.push_back(std::move(p));
  });
}

struct word {
  std::size_t from = 0, to = 0;
  bool bad = false;  // a refused {...} (already reported)
};

// A master.cf service line: its fields, then its -o overrides into `svc`.
void read_service(reading& r, const loaded_file& f, const traced& t, scope& svc,
                  std::vector<std::unique_ptr<parameter>>& params) {
  const std::string& x = t.text();
  std::size_t i = 0;
  auto at = [&](std::size_t offset) { return t.file_offset(std::min(offset, x.size() - 1), f, 0); };
  static constexpr std::string_view fields[] = {"service name", "transport type", "private",
                                                "unprivileged", "chroot",         "wakeup time",
                                                "max_proc",     "command"};
  word w[8];
  for (std::size_t k = 0; k < 8; ++k) {
    while (i < x.size() && is_blank(x[i])) ++i;
    if (i == x.size()) {
      r.add_error(f, at(i), "missing \"" + std::string(fields[k]) + "\" field");
      return;
    }
    w[k].from = i;
    while (i < x.size() && !is_blank(x[i])) ++i;
    w[k].to = i;
  }
  auto field = [&](std::size_t k) {
    return std::string_view(x).substr(w[k].from, w[k].to - w[k].from);
  };
  const std::string_view type = field(1);
  if (type != "inet" && type != "unix" && type != "unix-dgram" && type != "fifo" &&
      type != "pass") {
    r.add_error(f, at(w[1].from), "bad transport type: " + std::string(type));
    return;
  }
  for (std::size_t k = 2; k < 7; ++k) {
    std::string_view v = field(k);
    bool ok = v == "-";
    if (!ok && k < 5) ok = v == "y" || v == "n";
    if (!ok && k >= 5) {
      if (k == 5 && v.ends_with("?")) v.remove_suffix(1);
      ok = !v.empty() && v.find_first_not_of("0123456789") == std::string_view::npos;
    }
    if (!ok) {
      r.add_error(
          f, at(w[k].from),
          "field \"" + std::string(fields[k]) + "\": bad value: \"" + std::string(field(k)) + "\"");
      return;
    }
  }
  svc.block_name = std::string(field(0)) + " " + std::string(type);
  svc.block_at = at(0);
  std::string_view command = field(7);
  if (const std::size_t slash = command.rfind('/'); slash != std::string_view::npos)
    command.remove_prefix(slash + 1);
  if (command == "smtpd") svc.roles = {postfix::smtpd_role};
  if (command == "smtp") svc.roles = {postfix::smtp_role};
  if (command == "lmtp") svc.roles = {postfix::lmtp_role};
  // The arguments: blank-separated, "{...}" kept together (mystrtokq), then unbraced.
  std::vector<word> args;
  while (true) {
    while (i < x.size() && is_blank(x[i])) ++i;
    if (i == x.size()) break;
    word a{i, i};
    int level = 0;
    for (; i < x.size(); ++i) {
      if (x[i] == '{') {
        ++level;
      } else if (level > 0 && x[i] == '}') {
        --level;
      } else if (level == 0 && is_blank(x[i])) {
        break;
      }
    }
    a.to = i;
    if (x[a.from] == '{') {
      std::size_t close = a.from, depth = 0;
      for (; close < a.to; ++close) {
        if (x[close] == '{') ++depth;
        if (x[close] == '}' && --depth == 0) break;
      }
      const std::string text = "\"" + excerpt(x.substr(a.from, a.to - a.from)) + "\"";
      if (close >= a.to || close + 1 != a.to) {
        r.add_error(f, at(close >= a.to ? a.from : close + 1),
                    (close >= a.to ? "missing '}' in " : "syntax error after '}' in ") + text);
        a.bad = true;
      }
      a.from += 1;
      a.to = a.bad ? a.from : close;
      while (a.from < a.to && is_space(x[a.from])) ++a.from;
      while (a.to > a.from && is_space(x[a.to - 1])) --a.to;
    }
    args.push_back(a);
  }
  for (std::size_t k = 0; k < args.size(); ++k) {
    const std::string_view a = std::string_view(x).substr(args[k].from, args[k].to - args[k].from);
    word option;
    if (a == "-o") {
      if (k + 1 == args.size()) {
        r.add_error(f, at(args[k].from), "option requires an argument -- 'o'");
        break;
      }
      option = args[++k];
    } else if (a.starts_with("-o") && x[args[k].from] == '-') {
      option = {args[k].from + 2, args[k].to};
    } else {
      continue;
    }
    if (option.bad) continue;
    auto p = std::make_unique<parameter>();
    const std::string error = split(f, t, option.from, option.to, *p);
    if (!error.empty()) {
      r.add_error(f, at(option.from),
                  "invalid \"-o " + excerpt(x.substr(option.from, option.to - option.from)) +
                      "\" option value: " + error);
      continue;
    }
    p->at = at(a == "-o" ? args[k - 1].from : args[k].from);
    svc.written[p->name].push_back(p.get());
    params.push_back(std::move(p));
  }
}

}  // namespace

void read_postfix_main(reading& r, const loaded_file& main) {
  postfix::resolver resolver(r);
  scope s;
  s.file = &main;
  s.report = true;
  s.block = 0;
  std::vector<std::unique_ptr<parameter>> params;
  read_main_cf(r, main, true, params, s);
  s.roles = {postfix::smtpd_role, postfix::smtp_role};
  for (const auto& [name, list] : s.written) {
    if (name.starts_with("lmtp_")) {
      s.roles.push_back(postfix::lmtp_role);
      break;
    }
  }
  resolver.report(s);
}

void read_postfix_master(reading& r, const loaded_file& master) {
  postfix::resolver resolver(r);
  // main.cf beside master.cf holds what the services start from; its errors are its own.
  const std::string dir = master.directory();
  const std::string path = dir.empty() ? "main.cf" : dir == "/" ? "/main.cf" : dir + "/main.cf";
  std::shared_ptr<const loaded_file> main_cf;
  if (path != master.path) main_cf = r.open_included(path, master, 0, /*optional=*/true);
  scope base;
  std::vector<std::unique_ptr<parameter>> params;
  if (main_cf) {
    base.file = main_cf.get();
    read_main_cf(r, *main_cf, false, params, base);
    r.close(*main_cf);
  }
  logical_lines(r, master, true, [&](const traced& line) {
    scope svc;
    svc.file = &master;
    svc.parent = &base;
    svc.report = true;
    svc.master = true;
    std::vector<std::unique_ptr<parameter>> overrides;
    read_service(r, master, line, svc, overrides);
    if (!svc.roles.empty() && !svc.written.empty()) resolver.report(svc);
  });
}

}  // namespace cipherexplain::detail

#include "json_writer.hpp"
#include "render.hpp"

#include <fmt/format.h>

namespace cipherexplain::cli {
namespace {

std::string_view failure_name(failure_reason f) {
  switch (f) {
    case failure_reason::none:
      return "none";
    case failure_reason::syntax:
      return "syntax";
    case failure_reason::no_cipher_selected:
      return "no-cipher-selected";
  }
  return "none";
}

std::string_view outcome_name(rule_outcome o) {
  switch (o) {
    case rule_outcome::not_reached:
      return "not-reached";
    case rule_outcome::applied:
      return "applied";
    case rule_outcome::unknown_name:
      return "unknown-name";
    case rule_outcome::conflict:
      return "conflict";
    case rule_outcome::skipped:
      return "skipped";
    case rule_outcome::command_done:
      return "command-done";
    case rule_outcome::command_failed:
      return "command-failed";
    case rule_outcome::missing_name:
      return "missing-name";
  }
  return "";
}

std::string_view step_kind_name(step::kind k) {
  switch (k) {
    case step::kind::rule:
      return "rule";
    case step::kind::default_prefix:
      return "default";
    case step::kind::suiteb_prefix:
      return "suiteb";
  }
  return "";
}

void write_names(json_writer& w, const std::vector<const cipher*>& suites);

void write_steps(json_writer& w, std::string_view input, const evaluation& result) {
  w.key("steps").begin_array();
  for (const step& s : result.steps) {
    w.begin_object();
    w.key("kind").value(step_kind_name(s.what));
    w.key("text").value(
        input.substr(std::min<std::size_t>(s.text.offset, input.size()), s.text.length));
    w.key("offset").value(static_cast<std::size_t>(s.text.offset));
    w.key("length").value(static_cast<std::size_t>(s.text.length));
    w.key("outcome").value(outcome_name(s.outcome));
    w.key("matched").value(s.matched.size());
    w.key("added");
    write_names(w, s.added);
    w.key("removed");
    write_names(w, s.removed);
    w.key("killed");
    write_names(w, s.killed);
    w.key("moved");
    write_names(w, s.moved);
    w.key("list_size").value(s.list.size());
    w.end_object();
  }
  w.end_array();
}

void write_cipher(json_writer& w, const cipher& s) {
  w.begin_object();
  w.key("name").value(s.name);
  w.key("iana").value(s.stdname);
  w.key("id").value(hex_id(s));
  w.key("protocol").value(protocol_name(s));
  w.key("kx").value(kx_name(s));
  w.key("au").value(au_name(s));
  w.key("enc").value(enc_name(s));
  w.key("mac").value(mac_name(s));
  w.key("bits").value(static_cast<int>(s.strength_bits));
  const suite_rating r = rate(s);
  w.key("rating").value(rating_name(r.level));
  w.key("weaknesses").begin_array();
  for (const weakness x : r.reasons) w.value(weakness_name(x));
  w.end_array();
  w.end_object();
}

void write_diagnostics(json_writer& w, const evaluation& result) {
  w.key("diagnostics").begin_array();
  for (const diagnostic& d : result.diagnostics) {
    w.begin_object();
    w.key("code").value(code_name(d.code));
    w.key("severity").value(severity_name(d.severity));
    w.key("offset").value(d.offset);
    w.key("length").value(d.length);
    w.key("message").value(d.message);
    w.key("suggestion").value(d.suggestion);
    w.end_object();
  }
  w.end_array();
}

// The fields every per-release result shares, in a fixed order.
void write_result_fields(json_writer& w, const evaluator& release, const evaluation& result) {
  w.key("openssl").value(release.release().release());
  w.key("options").value(describe(release.options()));
  w.key("ok").value(result.ok);
  w.key("failure").value(failure_name(result.failure));
  w.key("security_level").value(result.security_level);
}

void write_names(json_writer& w, const std::vector<const cipher*>& suites) {
  w.begin_array();
  for (const cipher* s : suites) w.value(s->name);
  w.end_array();
}

}  // namespace

std::string hex_id(const cipher& suite) {
  if (suite.table == cipher_table::ssl2) return fmt::format("0x{:06X}", suite.id & 0xffffffu);
  return fmt::format("0x{:04X}", suite.code_point());
}

std::string render_json(const evaluator& release, std::string_view input, const evaluation& result,
                        const render_options& options) {
  std::string out;
  json_writer w(out, 2);
  w.begin_object();
  w.key("openssl").value(release.release().release());
  w.key("options").value(describe(release.options()));
  w.key("input").value(input);
  w.key("ok").value(result.ok);
  w.key("failure").value(failure_name(result.failure));
  w.key("security_level").value(result.security_level);
  w.key("verdict").value(result.ok ? rating_name(verdict(result.ciphers))
                                   : std::string_view("none"));
  w.key("ciphers").begin_array();
  if (result.ok) {
    for (const cipher* s : result.ciphers) write_cipher(w, *s);
  }
  w.end_array();
  write_steps(w, input, result);
  write_diagnostics(w, result);
  if (options.check != nullptr) {
    w.key("policy").begin_object();
    w.key("name").value(options.check->name);
    w.key("description").value(options.check->description);
    w.key("violations");
    write_names(
        w, result.ok ? violations(*options.check, result.ciphers) : std::vector<const cipher*>{});
    w.end_object();
  }
  w.end_object();
  out += '\n';
  return out;
}

std::string render_comparison_json(std::string_view input,
                                   std::span<const release_result> results) {
  static const std::vector<const cipher*> none;
  std::string out;
  json_writer w(out, 2);
  w.begin_object();
  w.key("input").value(input);
  w.key("releases").begin_array();
  for (const release_result& r : results) {
    w.begin_object();
    write_result_fields(w, r.release, r.result);
    w.key("ciphers");
    write_names(w, r.result.ok ? r.result.ciphers : none);
    write_diagnostics(w, r.result);
    w.end_object();
  }
  w.end_array();
  w.key("changes").begin_array();
  for (std::size_t i = 1; i < results.size(); ++i) {
    const evaluation& a = results[i - 1].result;
    const evaluation& b = results[i].result;
    const list_diff d = diff_lists(a.ok ? a.ciphers : none, b.ok ? b.ciphers : none);
    w.begin_object();
    w.key("from").value(results[i - 1].release.release().release());
    w.key("to").value(results[i].release.release().release());
    w.key("added");
    write_names(w, d.added);
    w.key("removed");
    write_names(w, d.removed);
    w.key("moved");
    write_names(w, d.moved);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  out += '\n';
  return out;
}

std::string render_versions_json(const catalog* system) {
  std::string out;
  json_writer w(out, 2);
  w.begin_array();
  const catalog* latest = catalog::all().back();
  for (const catalog* c : catalog::all()) {
    w.begin_object();
    w.key("release").value(c->release());
    w.key("series").value(c->series());
    w.key("build").value(c->build());
    w.key("security_level").value(c->default_security_level());
    w.key("build_options").value(supported_options(*c));
    w.key("latest").value(c == latest);
    w.key("system").value(c == system);
    w.end_object();
  }
  w.end_array();
  out += '\n';
  return out;
}

void append_batch_line(std::string& out, std::string_view input, const evaluation& result,
                       std::string_view release) {
  json_writer w(out);
  w.begin_object();
  if (!release.empty()) w.key("openssl").value(release);
  w.key("input").value(input);
  w.key("ok").value(result.ok);
  w.key("ciphers").begin_array();
  if (result.ok) {
    for (const cipher* s : result.ciphers) w.plain_value(s->name);
  }
  w.end_array();
  w.end_object();
  out += '\n';
}

}  // namespace cipherexplain::cli

// SPDX-License-Identifier: Apache-2.0
// The JSON documents of one string's evaluation: on one release, across releases, and as one
// batch line (docs/json-output.md).

#include <cipherexplain/json.hpp>
#include <cipherexplain/rating.hpp>
#include <cipherexplain/supported.hpp>

#include "report/configuration_json.hpp"
#include "report/json_writer.hpp"

#include <algorithm>
#include <optional>
#include <tuple>
#include <vector>

namespace cipherexplain {
namespace {

using detail::json_writer;

const std::vector<const cipher*> no_suites;

const std::vector<const cipher*>& listed(const evaluation& e) {
  return e.ok ? e.ciphers : no_suites;
}

void write_names(json_writer& w, const std::vector<const cipher*>& suites) {
  w.begin_array();
  for (const cipher* s : suites) w.value(s->name);
  w.end_array();
}

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

void write_cipher(json_writer& w, const cipher& s, std::optional<unusable_reason> why_not) {
  w.begin_object();
  w.key("name").value(s.name);
  w.key("iana").value(s.stdname);
  w.key("id").value(id_hex(s));
  w.key("protocol").value(protocol_name(s));
  w.key("kx").value(kx_name(s));
  w.key("au").value(au_name(s));
  w.key("enc").value(enc_name(s));
  w.key("mac").value(mac_name(s));
  w.key("bits").value(static_cast<int>(s.strength_bits));
  const suite_rating r = rate(s);
  w.key("usable").value(!why_not.has_value());
  if (why_not) {
    w.key("unusable_reason").value(reason_text(*why_not));
  } else {
    w.key("unusable_reason").null_value();
  }
  w.key("rating").value(rating_name(r.level));
  w.key("weaknesses").begin_array();
  for (const weakness x : r.reasons) w.value(weakness_name(x));
  w.end_array();
  w.end_object();
}

void write_diagnostics(json_writer& w, const evaluation& result) {
  w.key("diagnostics");
  write_diagnostic_list(w, result.diagnostics);
  // Findings past evaluation_limits::max_findings_per_code, counted by code.
  w.key("diagnostics_omitted").begin_object();
  for (const omitted_findings& o : result.diagnostics_omitted)
    w.key(code_name(o.code)).value(o.count);
  w.end_object();
}

}  // namespace

namespace {

std::string_view standing_name(suite_standing s) {
  switch (s) {
    case suite_standing::considered:
      return "considered";
    case suite_standing::tls13:
      return "tls13";
    case suite_standing::signalling:
      return "signalling";
    case suite_standing::needs_option:
      return "needs-option";
    case suite_standing::unavailable:
      return "unavailable";
  }
  return "";
}

void write_whys(json_writer& w, std::string_view input, std::span<const suite_history> whys) {
  w.key("why").begin_array();
  for (const suite_history& h : whys) {
    w.begin_object();
    w.key("suite").value(h.suite->name);
    w.key("listed").value(h.listed);
    w.key("standing").value(standing_name(h.standing));
    w.key("events").begin_array();
    for (const suite_event& e : h.events) {
      w.begin_object();
      w.key("step").value(e.step);
      w.key("text").value(
          input.substr(std::min<std::size_t>(e.text.offset, input.size()), e.text.length));
      w.key("offset").value(static_cast<std::size_t>(e.text.offset));
      w.key("action").value(action_name(e.action));
      if (e.position) {
        w.key("position").value(*e.position);
      } else {
        w.key("position").null_value();
      }
      w.end_object();
    }
    w.end_array();
    w.key("events_omitted").value(h.events_omitted);
    w.key("events_omitted_at").value(h.events_omitted_at);
    w.end_object();
  }
  w.end_array();
}

}  // namespace

std::string evaluation_json(const evaluator& release, std::string_view input,
                            const evaluation& result, const evaluation_report& report) {
  const profile* check = report.check;
  std::string out;
  json_writer w(out, 2);
  w.begin_object();
  w.key("openssl").value(release.release().release());
  w.key("options").value(describe(release.options()));
  w.key("input").value(input);
  w.key("ok").value(result.ok);
  w.key("failure").value(failure_name(result.failure));
  w.key("security_level").value(result.security_level);
  // Rated like the weakest suite a connection can use; "none" when there is none.
  std::vector<std::pair<const cipher*, std::optional<unusable_reason>>> shown;
  std::vector<const cipher*> usable_ones;
  if (report.resolved != nullptr) {
    for (const suite_use& u : report.resolved->suites) {
      shown.emplace_back(u.suite, u.unusable);
      if (!u.unusable) usable_ones.push_back(u.suite);
    }
  } else {
    const supported_suites usable =
        usable_suites(release.release(), listed(result), result.security_level);
    for (const cipher* s : listed(result)) {
      std::optional<unusable_reason> why_not;
      for (const auto& [suite, why] : usable.unusable) {
        if (suite == s) why_not = why;
      }
      shown.emplace_back(s, why_not);
    }
    usable_ones = usable.usable;
  }
  w.key("verdict").value(usable_ones.empty() ? std::string_view("none")
                                             : rating_name(verdict(usable_ones)));
  w.key("ciphers").begin_array();
  for (const auto& [s, why_not] : shown) write_cipher(w, *s, why_not);
  w.end_array();
  if (report.resolved != nullptr && report.configuration != nullptr)
    detail::write_configuration(w, *report.configuration, *report.resolved);
  if (report.steps) {
    write_steps(w, input, result);
    w.key("steps_omitted").value(result.steps_omitted);
  }
  write_diagnostics(w, result);
  if (check != nullptr) {
    w.key("policy").begin_object();
    w.key("name").value(check->name);
    w.key("description").value(check->description);
    // A rejected string leaves no list to check: "violations": [] alone would read as compliant.
    w.key("checked").value(result.ok);
    w.key("violations");
    write_names(w, result.ok ? violations(*check, result.ciphers) : no_suites);
    w.end_object();
  }
  if (!report.whys.empty()) write_whys(w, input, report.whys);
  if (!report.stands_in_for.empty()) w.key("stands_in_for").value(report.stands_in_for);
  w.end_object();
  out += '\n';
  return out;
}

std::string comparison_json(std::string_view input, std::span<const release_evaluation> results) {
  std::string out;
  json_writer w(out, 2);
  w.begin_object();
  w.key("input").value(input);
  w.key("releases").begin_array();
  for (const release_evaluation& r : results) {
    w.begin_object();
    w.key("openssl").value(r.release.release().release());
    w.key("options").value(describe(r.release.options()));
    w.key("ok").value(r.result.ok);
    w.key("failure").value(failure_name(r.result.failure));
    w.key("security_level").value(r.result.security_level);
    w.key("ciphers");
    write_names(w, listed(r.result));
    write_diagnostics(w, r.result);
    w.end_object();
  }
  w.end_array();
  w.key("changes").begin_array();
  for (std::size_t i = 1; i < results.size(); ++i) {
    const list_diff d = diff_lists(listed(results[i - 1].result), listed(results[i].result));
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

std::string string_diff_json(const evaluator& release, std::string_view a,
                             const evaluation& a_result, std::string_view b,
                             const evaluation& b_result, const list_diff& changes) {
  std::string out;
  json_writer w(out, 2);
  w.begin_object();
  w.key("openssl").value(release.release().release());
  for (const auto& [key, input, result] :
       {std::tuple{"a", a, &a_result}, std::tuple{"b", b, &b_result}}) {
    w.key(key).begin_object();
    w.key("input").value(input);
    w.key("ok").value(result->ok);
    w.key("ciphers");
    write_names(w, listed(*result));
    w.end_object();
  }
  w.key("added");
  write_names(w, changes.added);
  w.key("removed");
  write_names(w, changes.removed);
  w.key("moved");
  write_names(w, changes.moved);
  w.end_object();
  out += '\n';
  return out;
}

void append_batch_line(std::string& out, std::string_view input, const evaluation& result,
                       std::string_view release, std::size_t length) {
  json_writer w(out);
  w.begin_object();
  if (!release.empty()) w.key("openssl").value(release);
  w.key("input").value(input);
  if (length > input.size()) w.key("input_bytes").value(length);
  w.key("ok").value(result.ok);
  w.key("ciphers").begin_array();
  for (const cipher* s : listed(result)) w.plain_value(s->name);
  w.end_array();
  w.end_object();
  out += '\n';
}

}  // namespace cipherexplain

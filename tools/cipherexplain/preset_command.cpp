// SPDX-License-Identifier: Apache-2.0
// preset list | show NAME | timeline FAMILY: the configurations people inherit, what each
// gives on a release, and how a family's defaults evolved.

#include "commands.hpp"
#include "exit_codes.hpp"
#include "layout.hpp"
#include "options.hpp"
#include "releases.hpp"
#include "render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace cipherexplain::cli {
namespace {

struct preset_options {
  shared_options list_shared, show_shared, timeline_shared;
  std::string name, context, format = "text", today = "3.0,3.5,4.0";
  bool release_given(const shared_options& before) const {
    return (show_shared.release_option && show_shared.release_option->count() > 0) ||
           (before.release_option && before.release_option->count() > 0);
  }
};

std::size_t usable_count(const preset_result& r) {
  return static_cast<std::size_t>(std::count_if(r.resolved.suites.begin(), r.resolved.suites.end(),
                                                [](const suite_use& u) { return !u.unusable; }));
}

// "TLSv1.2 to TLSv1.3" (with `between` " to " or "-"), or "none".
std::string window_text(const protocol_window& w, std::string_view between) {
  if (!w.usable()) return "none";
  return fmt::format("{}{}{}", protocol_version_name(w.lowest), between,
                     protocol_version_name(w.highest));
}

preset find_or_fail(const std::string& name, const std::string& context) {
  std::string error;
  auto p = find_preset(name, context, error);
  if (!p) throw CLI::ValidationError(error);
  return *p;
}

std::string findings_text(const preset_result& r) {
  std::string out;
  for (const diagnostic& d : r.diagnostics)
    out += fmt::format("{}: {} [{}]\n", severity_name(d.severity), d.message, code_name(d.code));
  for (const diagnostic& d : r.resolved.diagnostics)
    out += fmt::format("{}: {} [{}]\n", severity_name(d.severity), d.message, code_name(d.code));
  if (r.failure && r.failed_call) {
    const diagnostic_renderer show(*r.failed_call, "cipher string");
    for (const diagnostic& d : r.failed_evaluation.diagnostics) out += show(d);
  } else if (r.config.cipher_list) {
    const diagnostic_renderer show(*r.config.cipher_list, "cipher string");
    for (const diagnostic& d : r.resolved.cipher_list.diagnostics) out += show(d);
  }
  return out;
}

std::string settings_text(const preset& p) {
  std::string out = fmt::format("{}\n  {}\n", p.name, p.description);
  out +=
      fmt::format("  data: the {} row of presets/{} ({})\n", p.versions,
                  p.family == "mozilla" ? "../profiles/mozilla.tsv" : p.family + ".tsv", p.source);
  for (const bundled_release& b : p.bundled)
    out += fmt::format("  bundled OpenSSL {}{}\n", b.release,
                       b.platform.empty() ? "" : fmt::format(" ({} installer)", b.platform));
  if (!p.notes.empty()) out += "  notes: " + p.notes + "\n";
  out += "Settings, in call order:\n";
  if (!p.method.empty()) out += fmt::format("  method       {}\n", p.method);
  out += fmt::format("  options      {}\n", p.options.empty() ? "-" : p.options);
  if (p.server_preference) out += "               + CIPHER_SERVER_PREFERENCE\n";
  for (const auto& c : p.cipher_calls) out += fmt::format("  cipher list  {}\n", c);
  if (p.cipher_calls.empty()) out += "  cipher list  (not set: the library default)\n";
  if (p.ciphersuites) out += fmt::format("  ciphersuites {}\n", *p.ciphersuites);
  if (p.security_level) out += fmt::format("  level        {}\n", *p.security_level);
  if (p.min_protocol)
    out += fmt::format("  min protocol {}\n", protocol_version_name(p.min_protocol));
  if (p.max_protocol)
    out += fmt::format("  max protocol {}\n", protocol_version_name(p.max_protocol));
  if (!p.verify_mode.empty())
    out += fmt::format("  verification {}{}{}\n", p.verify_mode,
                       p.check_hostname ? ", check_hostname" : "",
                       p.verify_flags.empty() ? "" : ", " + p.verify_flags);
  return out;
}

std::string result_text(const preset_result& r, std::string_view stands_in_for) {
  std::string out = fmt::format(
      "On OpenSSL {}{}:\n", r.release->release(),
      stands_in_for.empty()
          ? ""
          : fmt::format(" (standing in for {}, which the product does not model)", stands_in_for));
  if (r.failure) out += fmt::format("  FAILS: {}\n", *r.failure);
  std::string names;
  for (const auto n : r.option_names) names += fmt::format("{}{}", names.empty() ? "" : " ", n);
  out += fmt::format("  options      {} (0x{:x}): {}\n", r.options, r.options, names);
  const auto bound = [](std::uint16_t v) {
    return v ? std::string(protocol_version_name(v)) : std::string("none");
  };
  out += fmt::format("  protocols    min {}, max {}; usable: {}\n", bound(r.resolved.min_protocol),
                     bound(r.resolved.max_protocol), window_text(r.resolved.protocols, " to "));
  if (r.resolved.security_level >= 0)
    out += fmt::format("  level        {}\n", r.resolved.security_level);
  const std::size_t usable = usable_count(r);
  out += fmt::format("  {} suites ({} usable), SSL_CTX_get_ciphers order:\n",
                     r.resolved.ciphers.size(), usable);
  std::string line = "   ";
  for (const suite_use& u : r.resolved.suites) {
    const std::string word = fmt::format(" {}{}", u.suite->name, u.unusable ? "(x)" : "");
    if (line.size() + word.size() > output_width()) {
      out += line + "\n";
      line = "   ";
    }
    line += word;
  }
  out += line + "\n";
  if (usable != r.resolved.suites.size())
    out += "  (x): listed but not usable on this configuration\n";
  return out + findings_text(r);
}

std::string side_by_side(const preset& p, const std::vector<preset_result>& results) {
  std::vector<std::vector<std::string>> rows{
      {"OpenSSL", "context", "suites", "usable", "level", "options", "protocols"}};
  for (const preset_result& r : results) {
    const std::size_t usable = usable_count(r);
    rows.push_back({std::string(r.release->release()), r.failure ? "fails" : "made",
                    std::to_string(r.resolved.ciphers.size()), std::to_string(usable),
                    r.resolved.security_level < 0 ? "-" : std::to_string(r.resolved.security_level),
                    fmt::format("0x{:x}", r.options), window_text(r.resolved.protocols, "-")});
  }
  return settings_text(p) + "\n" +
         format_table(rows, {false, false, true, true, true, false, false}) +
         "\n(preset show NAME --openssl RELEASE for one release's list and findings)\n";
}

std::string timeline_text(const std::vector<timeline_row>& rows) {
  std::vector<std::vector<std::string>> table{{"preset", "bundled", "on bundled"}};
  if (!rows.empty())
    for (const preset_result& r : rows.front().today)
      table.front().push_back(fmt::format("on {}", r.release->series()));
  table.front().push_back("what changed");
  const auto cell = [](const preset_result& r) {
    if (r.failure) return std::string("fails");
    const std::size_t usable = usable_count(r);
    return fmt::format("{}/{} L{}", usable, r.resolved.ciphers.size(), r.resolved.security_level);
  };
  for (const timeline_row& row : rows) {
    std::vector<std::string> line{
        row.entry.family == "python" ? row.entry.versions : row.entry.name,
        row.bundled.empty() ? "-" : row.bundled,
        row.bundled_result ? cell(*row.bundled_result) : "-"};
    for (const preset_result& r : row.today) line.push_back(cell(r));
    std::string changes;
    for (const auto& c : row.changes)
      changes += fmt::format("{}{}", changes.empty() ? "" : "; ", c);
    line.push_back(changes);
    table.push_back(std::move(line));
  }
  return format_table(table, std::vector<bool>(table.front().size(), false)) +
         "\nCells: usable/listed suites and the security level (L-1: before levels existed).\n"
         "--format json has each row's strings, options and lists; --format html a page.\n";
}

}  // namespace

void add_preset_command(CLI::App& app, const shared_options& before, int& exit_status) {
  auto o = std::make_shared<preset_options>();
  CLI::App* cmd = app.add_subcommand(
      "preset",
      "The TLS configurations people inherit rather than write: Python's ssl defaults per\n"
      "version and context, Mozilla's guidelines, servers', runtimes' and distributions'\n"
      "defaults. Each is data (presets/*.tsv) citing the source files and tags it was read\n"
      "from; 'show' computes what it gives on a release, 'timeline' how a family evolved.");
  cmd->require_subcommand(1);
  cmd->footer(
      "Names: family[-variant]-version, e.g. python-3.6.15, python-debian-3.11.2,\n"
      "mozilla-modern-5.8, nginx-1.24.0, postfix-medium-3.8.0, crypto-policies-default-fedora-43.\n"
      "Any version inside a row's range means that row; without a version, the newest row.\n"
      "\n"
      "Examples:\n"
      "  cipherexplain preset list\n"
      "  cipherexplain preset show python-3.6.15 --context client --openssl 3.0.19 --format json\n"
      "  cipherexplain preset show python-2.7.9 --openssl all\n"
      "  cipherexplain preset timeline python --format html > python.html\n"
      "\n"
      "Exit status: 0, 1 the software cannot make the context on a release shown, 2 usage\n"
      "error, 5 the output could not be written.");
  CLI::App* list = cmd->add_subcommand("list", "Every family and preset, with sources.");
  CLI::App* show = cmd->add_subcommand(
      "show",
      "A preset's settings and what they give on a release (its bundled release by default).");
  CLI::App* timeline = cmd->add_subcommand(
      "timeline",
      "A family's rows in order: settings, results on the bundled and today's releases, changes.");
  o->show_shared.add_release(*show, true);
  list->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  show->add_option("NAME", o->name, "The preset")->required();
  show->add_option(
      "--context", o->context,
      "Python: sslcontext, client (default), server, tls-client, tls-server, unverified");
  show->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  timeline->add_option("FAMILY", o->name, "python, mozilla, node, nginx, ...")->required();
  timeline->add_option("--context", o->context, "Python's context (default client)");
  timeline->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "html"}));
  timeline->add_option("--today", o->today, "The releases to compare with (default 3.0,3.5,4.0)")
      ->type_name("RELEASES");

  list->callback([&app, &before, list, o, &exit_status] {
    (void)effective_options(app, before, *list, o->list_shared, 0);
    if (o->format == "json") {
      print(preset_list_json());
    } else {
      std::string out;
      for (const preset_family& f : preset_families()) {
        out += fmt::format("{} ({}, {}):\n", f.title, f.name, f.file);
        if (!f.variants.empty())
          out += fmt::format("  variants: {}\n", fmt::join(f.variants, ", "));
        out += wrapped(fmt::format("  versions: {}", fmt::join(f.ranges, ", ")), output_width(), 4);
      }
      print(out + "\nEach row cites its source: preset show NAME.\n");
    }
    exit_status = exit_accepted;
  });
  show->callback([&app, &before, show, o, &exit_status] {
    const shared_options s = effective_options(app, before, *show, o->show_shared, takes::releases);
    const preset p = find_or_fail(o->name, o->context);
    std::string bundled;
    // Its own (bundled) release unless --openssl names others.
    const catalog* own = o->release_given(before) ? nullptr : preset_release(p, &bundled);
    const std::vector<const catalog*> releases =
        own ? std::vector<const catalog*>{own} : resolve_releases(s.release_spec);
    std::vector<preset_result> results;
    results.reserve(releases.size());
    for (const catalog* r : releases) results.push_back(resolve_preset(p, *r));
    const std::string_view stands_in =
        !bundled.empty() && results.size() == 1 && bundled != results.front().release->release()
            ? std::string_view(bundled)
            : std::string_view();
    if (o->format == "json") {
      std::vector<preset_run> runs;
      runs.reserve(results.size());
      for (const auto& r : results) runs.push_back({&p, &r, stands_in});
      print(preset_json(runs));
    } else if (results.size() == 1) {
      print(settings_text(p) + "\n" + result_text(results.front(), stands_in));
    } else {
      print(side_by_side(p, results));
    }
    bool all_made = true;
    for (const auto& r : results) all_made = all_made && !r.failure;
    exit_status = all_made ? exit_accepted : exit_rejected;
  });
  timeline->callback([&app, &before, timeline, o, &exit_status] {
    (void)effective_options(app, before, *timeline, o->timeline_shared, 0);
    bool known = false;
    for (const preset_family& f : preset_families()) known = known || f.name == o->name;
    if (!known)
      throw CLI::ValidationError(fmt::format("'{}': no such family (see preset list)", o->name));
    const std::string context =
        o->name == "python" ? (o->context.empty() ? "client" : o->context) : "";
    const auto today = resolve_releases(o->today);
    const auto rows = preset_timeline(o->name, context, today);
    if (o->format == "json")
      print(timeline_json(o->name, context, rows));
    else if (o->format == "html")
      print(timeline_html(o->name, context, rows));
    else
      print(timeline_text(rows));
    exit_status = exit_accepted;
  });
}

}  // namespace cipherexplain::cli

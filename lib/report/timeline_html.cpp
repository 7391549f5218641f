// SPDX-License-Identifier: Apache-2.0
// preset timeline --format html: how a family's defaults evolved, one row per data row, as a
// page a person opens offline (inline style, no script, no external request).

#include <cipherexplain/json.hpp>

#include "report/html_text.hpp"

#include <fmt/format.h>

namespace cipherexplain {
namespace {

using detail::html_escaped;

constexpr std::string_view style_sheet = R"(
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #bbb; padding: 4px 8px; vertical-align: top; }
th { background: #f2f2f2; text-align: left; font-weight: 600; position: sticky; top: 0; }
td.code { font-family: monospace; font-size: 12px; word-break: break-all; max-width: 34em; }
td.count { text-align: right; white-space: nowrap; }
td.fails { background: #f8c1c1; }
td.changed { background: #fff3c4; }
small { display: block; color: #555; }
)";

std::string floor_of(const preset& p) {
  if (p.fixed_protocol) return fmt::format("{} only", protocol_version_name(p.fixed_protocol));
  if (p.min_protocol) return fmt::format("&ge; {}", protocol_version_name(p.min_protocol));
  if (p.enabled_protocols) {
    std::string out;
    for (const std::uint16_t v :
         {version::sslv3, version::tlsv1, version::tlsv1_1, version::tlsv1_2, version::tlsv1_3})
      if (p.enabled_protocols & protocol_bit::of(v))
        out += fmt::format("{}{}", out.empty() ? "" : ", ", std::string(protocol_version_name(v)));
    return out;
  }
  return "library default";
}

std::string result_cell(const preset_result& r, std::string_view stands_in_for) {
  const std::string release = stands_in_for.empty()
                                  ? std::string(r.release->release())
                                  : fmt::format("{} for {}", r.release->release(), stands_in_for);
  if (r.failure)
    return fmt::format("<td class=\"count fails\" title=\"{}\">fails<small>{}</small></td>",
                       html_escaped(*r.failure), html_escaped(release));
  std::string names;
  std::size_t usable = 0;
  for (const suite_use& u : r.resolved.suites) {
    names += std::string(u.suite->name) + (u.unusable ? " (unusable)\n" : "\n");
    if (!u.unusable) ++usable;
  }
  return fmt::format(
      "<td class=\"count\" title=\"{}\">{} suites<small>{} usable; level {}; options "
      "0x{:x}</small><small>{}</small></td>",
      html_escaped(names), r.resolved.ciphers.size(), usable, r.resolved.security_level, r.options,
      html_escaped(release));
}

}  // namespace

std::string timeline_html(std::string_view family, std::string_view context,
                          std::span<const timeline_row> rows) {
  const std::string title =
      family == "python"
          ? fmt::format("How Python's ssl defaults evolved: {}", python_context_call(context))
          : fmt::format("How {} defaults evolved", family);
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{0}</title>\n<style>{1}</style>\n</head>\n<body>\n<h1>{0}</h1>\n"
      "<p>One row per range of versions with the same settings, read from the software's own "
      "sources (cited per row). Each result is computed: the list SSL_CTX_get_ciphers returns, "
      "its usable suites, the security level and SSL_CTX_get_options, on the release the "
      "software bundled (or the recorded release of its series standing in) and on today's "
      "releases. Hover a count for the suites. Changed settings are highlighted.</p>\n"
      "<table>\n<tr><th>Versions</th><th>Cipher string calls</th><th>Options</th>"
      "<th>Protocols</th><th>Bundled OpenSSL</th>",
      html_escaped(title), style_sheet);
  if (!rows.empty())
    for (const preset_result& r : rows.front().today)
      out += fmt::format("<th>On {}</th>", html_escaped(r.release->release()));
  out += "<th>What changed</th></tr>\n";
  for (const timeline_row& row : rows) {
    const preset& p = row.entry;
    const auto changed = [&](std::string_view what) {
      for (const auto& c : row.changes)
        if (c.starts_with(what)) return " changed";
      return "";
    };
    std::string calls;
    for (const auto& c : p.cipher_calls)
      calls += fmt::format("{}{}", calls.empty() ? "" : "<br>then ", html_escaped(c));
    if (calls.empty()) calls = "(none: the library default)";
    out += fmt::format(
        "<tr><th scope=\"row\" title=\"{}\">{}</th><td class=\"code{}\">{}</td>"
        "<td class=\"code{}\">{}</td><td class=\"{}\">{}</td>",
        html_escaped(p.source), html_escaped(p.versions), changed("cipher string"), calls,
        changed("options"), html_escaped(p.options.empty() ? "-" : p.options), changed("protocols"),
        floor_of(p));
    if (row.bundled_result)
      out += result_cell(*row.bundled_result,
                         row.bundled != row.bundled_result->release->release() ? row.bundled : "");
    else
      out += fmt::format("<td>{}</td>", row.bundled.empty() ? "-" : html_escaped(row.bundled));
    for (const preset_result& r : row.today) out += result_cell(r, "");
    std::string changes;
    for (const auto& c : row.changes)
      changes += fmt::format("{}{}", changes.empty() ? "" : "<br>", html_escaped(c));
    out += fmt::format("<td>{}</td></tr>\n", changes);
  }
  out +=
      "</table>\n<p><small>Made by cipherexplain from presets/*.tsv: every row cites the "
      "files and tags it was read from (hover the versions).</small></p>\n</body>\n</html>\n";
  return out;
}

}  // namespace cipherexplain

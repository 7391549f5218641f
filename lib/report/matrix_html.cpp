// SPDX-License-Identifier: Apache-2.0
// matrix --format html: one page a person opens in a browser. Everything is inline (style, no
// script, no font or image), so the file works offline and leaks nothing.

#include <cipherexplain/json.hpp>
#include <cipherexplain/rating.hpp>

#include "report/html_text.hpp"

#include <fmt/format.h>

namespace cipherexplain {
namespace {

using detail::html_escaped;

std::string_view css_class(const handshake_result& r) {
  if (!r.ok) return r.failure && r.failure->stage == handshake_stage::setup ? "setup" : "fail";
  return rating_name(rate(*r.suite).level);
}

std::string tooltip(const handshake_result& r) {
  if (!r.ok)
    return fmt::format("{} fails ({}): {}\n{}", side_name(r.failure->side),
                       stage_name(r.failure->stage), r.failure->reason, r.failure->explanation);
  return fmt::format("{} {} ({})\nkey exchange: {}\nsignature: {}\ncertificate: {}\nrating: {}",
                     protocol_version_name(r.protocol), r.suite->name, r.suite->stdname,
                     r.group.empty() ? "RSA" : r.group,
                     r.signature_type.empty() ? "none" : r.signature_type + "+" + r.signature_hash,
                     r.server_key, rating_name(rate(*r.suite).level));
}

constexpr std::string_view style_sheet = R"(
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #bbb; padding: 4px 8px; vertical-align: top; }
th { background: #f2f2f2; text-align: left; font-weight: 600; }
th.corner { background: #fff; border: none; }
td small { display: block; color: #444; }
td.recommended { background: #c8efc8; }
td.secure { background: #e6f5d0; }
td.weak { background: #fde2b4; }
td.insecure { background: #f8c1c1; }
td.fail { background: #e4e4e4; color: #8a1c1c; }
td.setup { background: #d0d0d0; color: #555; }
.legend span { display: inline-block; padding: 2px 8px; margin-right: 6px; border: 1px solid #bbb; }
dl { font-size: 0.9em; } dt { font-weight: 600; margin-top: .4em; } dd { margin-left: 1em; font-family: monospace; word-break: break-all; }
)";

void side_list(std::string& out, std::string_view title, std::span<const matrix_entry> list) {
  out += fmt::format("<h2>{}</h2>\n<dl>\n", title);
  for (const matrix_entry& e : list)
    out += fmt::format(
        "<dt>{}</dt><dd>OpenSSL {}: {}</dd>\n", html_escaped(e.name),
        html_escaped(e.endpoint->release().release()),
        html_escaped(to_spec(e.endpoint->endpoint()).empty() ? std::string("(defaults)")
                                                             : to_spec(e.endpoint->endpoint())));
  out += "</dl>\n";
}

}  // namespace

std::string matrix_html(std::span<const matrix_entry> clients,
                        std::span<const matrix_entry> servers,
                        std::span<const handshake_result> cells, std::string_view title) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{0}</title>\n<style>{1}</style>\n</head>\n<body>\n<h1>{0}</h1>\n"
      "<p>Rows are clients, columns servers. Each cell is the simulated handshake: protocol "
      "and suite, coloured by the suite's rating, or the side that fails and OpenSSL's reason. "
      "Hover a cell for the details.</p>\n"
      "<p class=\"legend\"><span class=\"recommended\" style=\"background:#c8efc8\">recommended"
      "</span><span style=\"background:#e6f5d0\">secure</span><span style=\"background:#fde2b4\">"
      "weak</span><span style=\"background:#f8c1c1\">insecure</span><span style=\"background:"
      "#e4e4e4\">handshake fails</span><span style=\"background:#d0d0d0\">setup fails</span></p>\n"
      "<table>\n<tr><th class=\"corner\"></th>",
      html_escaped(title), style_sheet);
  for (const matrix_entry& s : servers)
    out += fmt::format("<th scope=\"col\">{}<small>OpenSSL {}</small></th>", html_escaped(s.name),
                       html_escaped(s.endpoint->release().release()));
  out += "</tr>\n";
  for (std::size_t i = 0; i < clients.size(); ++i) {
    out += fmt::format("<tr><th scope=\"row\">{}<small>OpenSSL {}</small></th>",
                       html_escaped(clients[i].name),
                       html_escaped(clients[i].endpoint->release().release()));
    for (std::size_t j = 0; j < servers.size(); ++j) {
      const handshake_result& r = cells[i * servers.size() + j];
      const std::string text =
          r.ok ? fmt::format("{}<small>{}</small>", html_escaped(protocol_version_name(r.protocol)),
                             html_escaped(r.suite->name))
               : fmt::format("{}<small>{}</small>", html_escaped(r.failure->reason),
                             html_escaped(fmt::format("{}, {}", side_name(r.failure->side),
                                                      stage_name(r.failure->stage))));
      out += fmt::format("<td class=\"{}\" title=\"{}\">{}</td>", css_class(r),
                         html_escaped(tooltip(r)), text);
    }
    out += "</tr>\n";
  }
  out += "</table>\n";
  side_list(out, "Clients", clients);
  side_list(out, "Servers", servers);
  out +=
      "<p><small>Made by cipherexplain: a model of OpenSSL's handshake, checked against real "
      "handshakes of each release.</small></p>\n</body>\n</html>\n";
  return out;
}

}  // namespace cipherexplain

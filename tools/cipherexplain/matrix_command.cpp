// SPDX-License-Identifier: Apache-2.0
// matrix: every client against every server, as a table of outcomes.

#include "commands.hpp"
#include "endpoints.hpp"
#include "exit_codes.hpp"
#include "layout.hpp"
#include "options.hpp"
#include "releases.hpp"
#include "style.hpp"

#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

namespace cipherexplain::cli {
namespace {

struct matrix_options {
  shared_options shared;
  std::vector<std::string> clients, servers;
  std::string client_releases, server_releases, format = "text", title;
};

std::string cell_text(const handshake_result& r, const style& colours) {
  if (!r.ok)
    return colours.for_rating(rating::insecure,
                              fmt::format("x {}: {}", side_name(r.failure->side),
                                          r.failure->cause == failure_cause::not_configurable
                                              ? std::string("a setting its release lacks")
                                              : r.failure->reason));
  const std::string_view v = protocol_version_name(r.protocol);
  return colours.for_rating(rate(*r.suite).level,
                            fmt::format("{} {}", v.substr(v.find('v') + 1), r.suite->name));
}

// Rows are clients; the server columns go in as many tables as it takes to fit the width.
std::string render_matrix_text(const std::vector<matrix_entry>& clients,
                               const std::vector<matrix_entry>& servers,
                               const std::vector<handshake_result>& cells, const style& colours) {
  const std::size_t width = output_width();
  std::size_t name_width = 6;
  for (const auto& c : clients) name_width = std::max(name_width, display_width(c.name));
  std::vector<std::size_t> column(servers.size());
  for (std::size_t j = 0; j < servers.size(); ++j) {
    column[j] = display_width(servers[j].name);
    for (std::size_t i = 0; i < clients.size(); ++i)
      column[j] = std::max(column[j],
                           display_width(cell_text(cells[i * servers.size() + j], style::plain())));
  }
  std::string out;
  for (std::size_t first = 0; first < servers.size();) {
    std::size_t last = first, used = name_width + 2 + column[first];
    while (last + 1 < servers.size() && used + 2 + column[last + 1] <= width)
      used += 2 + column[++last];
    std::vector<std::vector<std::string>> rows;
    rows.push_back({colours.bold("client \\ server")});
    for (std::size_t j = first; j <= last; ++j)
      rows.front().push_back(colours.bold(servers[j].name));
    for (std::size_t i = 0; i < clients.size(); ++i) {
      rows.push_back({clients[i].name});
      for (std::size_t j = first; j <= last; ++j)
        rows.back().push_back(cell_text(cells[i * servers.size() + j], colours));
    }
    if (!out.empty()) out += "\n";
    out += format_table(rows, std::vector<bool>(rows.front().size(), false));
    first = last + 1;
  }
  std::size_t ok = 0;
  for (const auto& r : cells) ok += r.ok ? 1 : 0;
  out += fmt::format(
      "\n{} of {} pairs connect. Versions are TLS versions; x: the side that fails "
      "first and OpenSSL's reason (negotiate --why explains one pair).\n",
      ok, cells.size());
  return out;
}

}  // namespace

void add_matrix_command(CLI::App& app, const shared_options& before, int& exit_status) {
  auto o = std::make_shared<matrix_options>();
  CLI::App* cmd = app.add_subcommand(
      "matrix",
      "Simulate every client against every server and show the outcomes as a table: the\n"
      "protocol and suite each pair negotiates (coloured by the suite's rating), or which side\n"
      "fails and OpenSSL's reason. A client or server is a SPEC (see `negotiate --help`),\n"
      "'NAME = SPEC', or @FILE: one `[NAME =] SPEC` per line, '#' comments; a SPEC may name a\n"
      "preset (python-3.6.1, mozilla-modern-5.8), run on its bundled release unless a release\n"
      "option or openssl= says otherwise. With several releases (--openssl\n"
      "all, or --client-openssl/--server-openssl), each SPEC without openssl= becomes one\n"
      "row or column per release.");
  cmd->footer(
      "Examples:\n"
      "  cipherexplain matrix --clients '' --clients 'max=TLSv1.2' --servers 'min=TLSv1.3' --servers ''\n"
      "  cipherexplain matrix --clients @clients.txt --servers @servers.txt --openssl 1.1.1,4.0\n"
      "  cipherexplain matrix --clients '' --server-openssl all --servers '' --format csv\n"
      "  cipherexplain matrix --clients @clients.txt --servers @servers.txt --format html > m.html\n"
      "  cipherexplain matrix --clients python-2.7.18 --clients python-3.6.1 --clients python-3.12.0\n"
      "                       --servers mozilla-old-5.8 --servers mozilla-modern-5.8 --server-openssl 3.5\n"
      "\n"
      "Exit status: 0 every pair connects, 1 some pair fails, 2 usage error, 5 the output\n"
      "could not be written, 6 a FILE could not be read.");
  o->shared.add_release(*cmd, true);
  cmd->add_option("--clients", o->clients, "A client SPEC or @FILE; repeatable")
      ->required()
      ->type_name("SPEC");
  cmd->add_option("--servers", o->servers, "A server SPEC or @FILE; repeatable")
      ->required()
      ->type_name("SPEC");
  cmd->add_option("--client-openssl", o->client_releases,
                  "The clients' release(s), e.g. all (default: --openssl)")
      ->type_name("RELEASES");
  cmd->add_option("--server-openssl", o->server_releases,
                  "The servers' release(s) (default: --openssl)")
      ->type_name("RELEASES");
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "csv", "html"}))
      ->default_val("text");
  cmd->add_option("--title", o->title, "The HTML page's title")->type_name("TEXT");
  o->shared.add_color(*cmd);
  cmd->callback([&app, &before, cmd, o, &exit_status] {
    const shared_options s =
        effective_options(app, before, *cmd, o->shared, takes::releases | takes::color);
    const auto client_releases =
        resolve_releases(o->client_releases.empty() ? s.release_spec : o->client_releases);
    const auto server_releases =
        resolve_releases(o->server_releases.empty() ? s.release_spec : o->server_releases);
    // A preset runs on its own (bundled) release unless a release option names one.
    const bool given = (o->shared.release_option && o->shared.release_option->count() > 0) ||
                       (before.release_option && before.release_option->count() > 0);
    const auto client_specs =
        read_specs(o->clients, client_releases, "--clients", given || !o->client_releases.empty());
    const auto server_specs =
        read_specs(o->servers, server_releases, "--servers", given || !o->server_releases.empty());
    resolvers all;
    std::vector<prepared_endpoint> prepared;
    prepared.reserve(client_specs.size() + server_specs.size());
    for (const auto& e : client_specs) prepared.push_back(prepare(all, e));
    for (const auto& e : server_specs) prepared.push_back(prepare(all, e));
    std::vector<matrix_entry> clients, servers;
    std::vector<const prepared_endpoint*> client_sides, server_sides;
    for (std::size_t i = 0; i < prepared.size(); ++i) {
      const bool client = i < client_specs.size();
      const auto& spec = client ? client_specs[i] : server_specs[i - client_specs.size()];
      (client ? clients : servers).push_back({spec.name, &prepared[i]});
      (client ? client_sides : server_sides).push_back(&prepared[i]);
    }
    const std::vector<handshake_result> cells = negotiate_all(client_sides, server_sides);
    if (o->format == "json")
      print(matrix_json(clients, servers, cells));
    else if (o->format == "csv")
      print(matrix_csv(clients, servers, cells));
    else if (o->format == "html")
      print(matrix_html(clients, servers, cells,
                        o->title.empty() ? "TLS handshake matrix" : o->title));
    else
      print(render_matrix_text(clients, servers, cells, style::from_mode(s.color)));
    bool all_ok = true;
    for (const auto& r : cells) all_ok = all_ok && r.ok;
    exit_status = all_ok ? exit_accepted : exit_rejected;
  });
}

}  // namespace cipherexplain::cli

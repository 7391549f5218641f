// SPDX-License-Identifier: Apache-2.0
// matrix --format json and csv: every pair's outcome, for programs and spreadsheets.

#include <cipherexplain/json.hpp>
#include <cipherexplain/rating.hpp>

#include "report/json_writer.hpp"

#include <fmt/format.h>

namespace cipherexplain {
namespace {

void entries(detail::json_writer& w, std::span<const matrix_entry> list) {
  w.begin_array();
  for (const matrix_entry& e : list) {
    w.begin_object();
    w.key("name").value(e.name);
    w.key("openssl").value(e.endpoint->release().release());
    w.key("spec").value(to_spec(e.endpoint->endpoint()));
    w.end_object();
  }
  w.end_array();
}

void text_or_null(detail::json_writer& w, std::string_view key, std::string_view text) {
  w.key(key);
  if (text.empty())
    w.null_value();
  else
    w.value(text);
}

// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
void csv_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string matrix_json(std::span<const matrix_entry> clients,
                        std::span<const matrix_entry> servers,
                        std::span<const handshake_result> cells) {
  std::string out;
  detail::json_writer w(out, 2);
  w.begin_object();
  w.key("clients");
  entries(w, clients);
  w.key("servers");
  entries(w, servers);
  w.key("cells").begin_array();
  for (std::size_t i = 0; i < clients.size(); ++i) {
    w.begin_array();
    for (std::size_t j = 0; j < servers.size(); ++j) {
      const handshake_result& r = cells[i * servers.size() + j];
      w.begin_object();
      w.key("ok").value(r.ok);
      text_or_null(w, "protocol", r.ok ? protocol_version_name(r.protocol) : "");
      text_or_null(w, "cipher", r.ok ? r.suite->name : "");
      text_or_null(w, "cipher_iana", r.ok ? r.suite->stdname : "");
      text_or_null(w, "group", r.ok ? std::string_view(r.group) : "");
      text_or_null(w, "rating", r.ok ? rating_name(rate(*r.suite).level) : "");
      text_or_null(w, "error", r.failure ? std::string_view(r.failure->reason) : "");
      text_or_null(w, "error_side", r.failure ? side_name(r.failure->side) : "");
      text_or_null(w, "stage", r.failure ? stage_name(r.failure->stage) : "");
      w.end_object();
    }
    w.end_array();
  }
  w.end_array();
  w.end_object();
  out += '\n';
  return out;
}

std::string matrix_csv(std::span<const matrix_entry> clients, std::span<const matrix_entry> servers,
                       std::span<const handshake_result> cells) {
  std::string out =
      "client,client_openssl,server,server_openssl,ok,protocol,cipher,cipher_iana,group,rating,"
      "error,error_side,stage\r\n";
  for (std::size_t i = 0; i < clients.size(); ++i) {
    for (std::size_t j = 0; j < servers.size(); ++j) {
      const handshake_result& r = cells[i * servers.size() + j];
      const std::string_view fields[] = {clients[i].name,
                                         clients[i].endpoint->release().release(),
                                         servers[j].name,
                                         servers[j].endpoint->release().release(),
                                         r.ok ? "true" : "false",
                                         r.ok ? protocol_version_name(r.protocol) : "",
                                         r.ok ? r.suite->name : "",
                                         r.ok ? r.suite->stdname : "",
                                         r.ok ? std::string_view(r.group) : "",
                                         r.ok ? rating_name(rate(*r.suite).level) : "",
                                         r.failure ? std::string_view(r.failure->reason) : "",
                                         r.failure ? side_name(r.failure->side) : "",
                                         r.failure ? stage_name(r.failure->stage) : ""};
      for (std::size_t f = 0; f < std::size(fields); ++f) {
        if (f != 0) out += ',';
        csv_field(out, fields[f]);
      }
      out += "\r\n";
    }
  }
  return out;
}

}  // namespace cipherexplain

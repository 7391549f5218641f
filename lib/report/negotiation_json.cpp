// SPDX-License-Identifier: Apache-2.0
// The negotiation documents: batch lines in the handshake recordings' shape, and `negotiate
// --format json`.

#include <cipherexplain/json.hpp>

#include "report/json_writer.hpp"

namespace cipherexplain {
namespace {

void text_or_null(detail::json_writer& w, std::string_view key, std::string_view text) {
  w.key(key);
  if (text.empty())
    w.null_value();
  else
    w.value(text);
}

void outcome(detail::json_writer& w, const handshake_result& r) {
  w.key("ok").value(r.ok);
  text_or_null(w, "protocol", r.ok ? protocol_version_name(r.protocol) : "");
  text_or_null(w, "cipher", r.ok ? r.suite->name : "");
  text_or_null(w, "cipher_iana", r.ok ? r.suite->stdname : "");
  text_or_null(w, "group", r.ok ? std::string_view(r.group) : "");
  text_or_null(w, "server_key", r.ok ? std::string_view(r.server_key) : "");
  const std::string sig =
      r.ok && !r.signature_type.empty() ? r.signature_type + "+" + r.signature_hash : "";
  text_or_null(w, "server_sig", sig);
  text_or_null(w, "error", r.failure ? std::string_view(r.failure->reason) : "");
  text_or_null(w, "error_side", r.failure ? side_name(r.failure->side) : "");
  text_or_null(w, "stage", r.failure ? stage_name(r.failure->stage) : "");
}

void settings(detail::json_writer& w, const prepared_endpoint& side, bool server) {
  const tls_endpoint& e = side.endpoint();
  const tls_configuration& c = e.config;
  w.begin_object();
  w.key("openssl").value(side.release().release());
  text_or_null(w, "ciphers", c.cipher_list ? std::string_view(*c.cipher_list) : "");
  w.key("ciphersuites");
  if (c.ciphersuites)
    w.value(*c.ciphersuites);
  else
    w.null_value();
  text_or_null(w, "min", c.min_protocol ? protocol_version_name(c.min_protocol) : "");
  text_or_null(w, "max", c.max_protocol ? protocol_version_name(c.max_protocol) : "");
  w.key("level").value(side.configuration().security_level);
  w.key("groups");
  if (e.groups)
    w.value(*e.groups);
  else
    w.null_value();
  if (server) {
    w.key("prefer_server").value(e.prefer_server);
    w.key("certificates").begin_array();
    for (const auto& key : e.certificates) w.value(describe(key));
    w.end_array();
    w.key("certificates_first").value(e.certificates_first);
  }
  w.key("protocols");
  const protocol_window& p = side.configuration().protocols;
  if (p.usable()) {
    w.begin_array().value(protocol_version_name(p.lowest)).value(protocol_version_name(p.highest));
    w.end_array();
  } else {
    w.null_value();
  }
  w.end_object();
}

}  // namespace

void append_handshake_line(std::string& out, std::string_view id, const handshake_result& r,
                           std::string_view release) {
  detail::json_writer w(out);
  w.begin_object();
  if (!release.empty()) w.key("openssl").value(release);
  w.key("id").value(id);
  outcome(w, r);
  w.key("hello_retry").value(r.hello_retry);
  text_or_null(w, "step", r.failure ? r.failure->step : "");
  text_or_null(w, "explanation", r.failure ? std::string_view(r.failure->explanation) : "");
  w.end_object();
  out += '\n';
}

std::string negotiation_json(const prepared_endpoint& client, const prepared_endpoint& server,
                             const handshake_result& r, const negotiation_why* why) {
  std::string out;
  detail::json_writer w(out, 2);
  w.begin_object();
  w.key("client");
  settings(w, client, false);
  w.key("server");
  settings(w, server, true);
  outcome(w, r);
  w.key("hello_retry").value(r.hello_retry);
  w.key("failure");
  if (r.failure) {
    w.begin_object();
    w.key("side").value(side_name(r.failure->side));
    w.key("stage").value(stage_name(r.failure->stage));
    w.key("reason").value(r.failure->reason);
    text_or_null(w, "step", r.failure->step);
    w.key("explanation").value(r.failure->explanation);
    w.end_object();
  } else {
    w.null_value();
  }
  w.key("notes").begin_array();
  for (const std::string& note : r.notes) w.value(note);
  w.end_array();
  if (why != nullptr) {
    w.key("why").begin_object();
    text_or_null(w, "version", why->version);
    w.key("order").value(side_name(why->order));
    w.key("choice").value(why->choice);
    w.key("passed_over").begin_array();
    for (const passed_suite& p : why->passed_over) {
      w.begin_object();
      w.key("suite").plain_value(p.suite->name);
      w.key("reason").value(p.reason);
      w.end_object();
    }
    w.end_array();
    text_or_null(w, "key_exchange", why->key_exchange);
    text_or_null(w, "signature", why->signature);
    w.end_object();
  }
  w.end_object();
  out += '\n';
  return out;
}

}  // namespace cipherexplain

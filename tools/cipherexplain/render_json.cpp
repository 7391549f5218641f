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

}  // namespace

std::string hex_id(const cipher& suite) {
  if (suite.table == cipher_table::ssl2) return fmt::format("0x{:06X}", suite.id & 0xffffffu);
  return fmt::format("0x{:04X}", suite.code_point());
}

std::string render_json(const evaluator& release, std::string_view input,
                        const evaluation& result) {
  std::string out;
  json_writer w(out, 2);
  w.begin_object();
  w.key("openssl").value(release.release().release());
  w.key("input").value(input);
  w.key("ok").value(result.ok);
  w.key("failure").value(failure_name(result.failure));
  w.key("security_level").value(result.security_level);
  w.key("ciphers").begin_array();
  if (result.ok) {
    for (const cipher* s : result.ciphers) {
      w.begin_object();
      w.key("name").value(s->name);
      w.key("iana").value(s->stdname);
      w.key("id").value(hex_id(*s));
      w.key("protocol").value(protocol_name(*s));
      w.key("kx").value(kx_name(*s));
      w.key("au").value(au_name(*s));
      w.key("enc").value(enc_name(*s));
      w.key("mac").value(mac_name(*s));
      w.key("bits").value(static_cast<int>(s->strength_bits));
      w.end_object();
    }
  }
  w.end_array();
  w.key("diagnostics").begin_array();
  for (const diagnostic& d : result.diagnostics) {
    w.begin_object();
    w.key("code").value(code_name(d.code));
    w.key("severity").value(severity_name(d.severity));
    w.key("offset").value(d.offset);
    w.key("length").value(d.length);
    w.key("message").value(d.message);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  out += '\n';
  return out;
}

void append_batch_line(std::string& out, std::string_view input, const evaluation& result) {
  json_writer w(out);
  w.begin_object();
  w.key("input").value(input);
  w.key("ok").value(result.ok);
  w.key("ciphers").begin_array();
  if (result.ok) {
    for (const cipher* s : result.ciphers) w.value(s->name);
  }
  w.end_array();
  w.end_object();
  out += '\n';
}

}  // namespace cipherexplain::cli

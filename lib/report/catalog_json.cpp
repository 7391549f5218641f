// SPDX-License-Identifier: Apache-2.0
// The JSON documents about the catalogs themselves: the releases compiled in, and what names
// or code points stand for.

#include <cipherexplain/json.hpp>

#include "report/json_writer.hpp"

namespace cipherexplain {

std::string releases_json(const catalog* system) {
  std::string out;
  detail::json_writer w(out, 2);
  w.begin_array();
  const catalog* latest = catalog::all().back();
  for (const catalog* c : catalog::all()) {
    w.begin_object();
    w.key("release").value(c->release());
    w.key("series").value(c->series());
    w.key("build").value(c->build());
    w.key("security_level").value(c->default_security_level());
    w.key("build_options").value(available_build_options(*c));
    w.key("latest").value(c == latest);
    w.key("system").value(c == system);
    // The system's own release when it is not recorded and this one answers for it.
    if (const system_lookup& sys = catalog::system();
        c == system && sys.found && !sys.found->exact) {
      w.key("stands_in_for").value(sys.found->release);
    }
    w.end_object();
  }
  w.end_array();
  out += '\n';
  return out;
}

std::string name_lookups_json(std::span<const name_lookup> lookups) {
  std::string out;
  detail::json_writer w(out, 2);
  w.begin_array();
  for (const name_lookup& l : lookups) {
    w.begin_object();
    w.key("input").value(l.input);
    w.key("found").value(l.suite != nullptr);
    if (l.suite == nullptr && !l.problem.empty()) w.key("problem").value(l.problem);
    if (l.suite != nullptr) {
      w.key("name").value(l.suite->name);
      w.key("iana").value(l.suite->stdname);
      w.key("id").value(id_hex(*l.suite));
      w.key("hex").value(hex_code(*l.suite));
      w.key("protocol").value(protocol_name(*l.suite));
    }
    w.end_object();
  }
  w.end_array();
  out += '\n';
  return out;
}

}  // namespace cipherexplain

// SPDX-License-Identifier: Apache-2.0
// JSON is parsed with nlohmann-json, a Debian package; the endpoints are the library's.

#include "handshake_input.hpp"

#include "releases.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <deque>
#include <optional>

namespace cipherexplain::cli {
namespace {

// A side object's fields onto an endpoint; the release it names in "openssl", if any.
std::optional<std::string> read_side(const nlohmann::json& side, tls_endpoint& e,
                                     std::string& release) {
  if (!side.is_object()) return "a side is a JSON object";
  for (const auto& [key, value] : side.items()) {
    std::string text;
    if (value.is_string())
      text = value.get<std::string>();
    else if (value.is_boolean())
      text = value.get<bool>() ? "true" : "false";
    else if (value.is_number_integer())
      text = std::to_string(value.get<long long>());
    else
      return fmt::format("\"{}\": a string, number or boolean", key);
    if (key == "openssl") {
      release = text;
      continue;
    }
    if (auto why = set_endpoint_field(e, key, text)) return why;
  }
  return std::nullopt;
}

// Resolvers of releases a side names, made once per process.
const configuration_resolver& resolver_for(const std::string& name) {
  static std::deque<configuration_resolver> made;
  const auto found = resolve_releases(name);
  if (found.size() != 1) throw std::invalid_argument("\"openssl\" names one release");
  for (const auto& r : made)
    if (&r.release() == found.front()) return r;
  return made.emplace_back(*found.front());
}

}  // namespace

void append_handshake_input_line(std::string& out, std::string_view line,
                                 const configuration_resolver& release, std::string_view name) {
  const auto error = [&](const std::string& why) { append_batch_error_line(out, line, why, name); };
  const nlohmann::json j = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return error("not a JSON object: {\"id\", \"client\", \"server\"}");
  if (!j.contains("client") || !j.contains("server"))
    return error("needs \"client\" and \"server\"");
  std::string id;
  if (j.contains("id")) {
    if (!j["id"].is_string()) return error("\"id\" is a string");
    id = j["id"].get<std::string>();
  }
  tls_endpoint sides[2];
  std::string releases[2];
  const char* keys[] = {"client", "server"};
  for (int i = 0; i < 2; ++i) {
    if (auto why = read_side(j[keys[i]], sides[i], releases[i]))
      return error(fmt::format("{}: {}", keys[i], *why));
  }
  try {
    const configuration_resolver& c = releases[0].empty() ? release : resolver_for(releases[0]);
    const configuration_resolver& s = releases[1].empty() ? release : resolver_for(releases[1]);
    append_handshake_line(
        out, id, negotiate(prepared_endpoint(c, sides[0]), prepared_endpoint(s, sides[1])), name);
  } catch (const std::exception& why) {
    error(why.what());
  }
}

}  // namespace cipherexplain::cli

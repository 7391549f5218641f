// SPDX-License-Identifier: Apache-2.0
// The page's entry points: C functions taking UTF-8 strings and returning the JSON documents
// the CLI writes (docs/json-output.md), over the public API only. One string crosses each way,
// so a C interface costs less than embind (web/README.md) and JavaScript needs only ccall.
// Every answer is a document or {"error": "..."}: bad input never aborts the module, which
// would leave the page dead.

#include <cipherexplain/build_options.hpp>
#include <cipherexplain/catalog.hpp>
#include <cipherexplain/configuration.hpp>
#include <cipherexplain/evaluation.hpp>
#include <cipherexplain/evaluator.hpp>
#include <cipherexplain/json.hpp>

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::web {
namespace {

// Bits of the `flags` argument.
constexpr int flag_trace = 1;
constexpr int flag_legacy_provider = 2;

// The returned pointer stays valid until the next call: JavaScript copies it out at once
// (ccall's UTF8ToString), and the module runs on one thread.
std::string answer;

std::string_view text_of(const char* s) { return s != nullptr ? std::string_view(s) : ""; }

std::string error_json(std::string_view message) {
  std::string out = "{\"error\": ";
  append_json_string(out, message);
  out += "}\n";
  return out;
}

template <typename Make>
const char* respond(Make make) {
  try {
    answer = make();
  } catch (const std::exception& e) {
    answer = error_json(e.what());
  } catch (...) {
    answer = error_json("unexpected failure");
  }
  return answer.c_str();
}

const catalog& release_named(std::string_view name) {
  const catalog* c = catalog::find(name);
  if (c == nullptr) {
    std::string known;
    for (const catalog* r : catalog::all())
      known += (known.empty() ? "" : ", ") + std::string(r->release());
    throw std::invalid_argument("unknown release '" + std::string(name) + "'; the releases are " +
                                known);
  }
  return *c;
}

// The legacy provider exists from 3.0 on; on a comparison across releases it applies where it
// can, as the CLI's --legacy-provider does with several releases.
build_options options_for(const catalog& c, int flags, bool strict) {
  build_options o;
  o.legacy_provider = (flags & flag_legacy_provider) != 0;
  if (const auto problem = check_build_options(c, o)) {
    if (strict) throw std::invalid_argument(*problem);
    return {};
  }
  return o;
}

// A security level only where the release has them (1.1.0+), as SSL_CTX_set_security_level.
std::optional<int> level_for(const catalog& c, int security_level, bool strict) {
  if (security_level < 0) return std::nullopt;
  if (security_level > 5) throw std::invalid_argument("a security level is 0 to 5");
  if (c.default_security_level() < 0) {
    if (strict)
      throw std::invalid_argument("OpenSSL " + std::string(c.release()) +
                                  " has no security levels (they came with 1.1.0)");
    return std::nullopt;
  }
  return security_level;
}

std::uint16_t protocol_named(std::string_view what, std::string_view name) {
  const auto v = parse_protocol_version(name);
  if (!v)
    throw std::invalid_argument(std::string(what) + " '" + std::string(name) +
                                "' is not a protocol version; use TLSv1, TLSv1.1, TLSv1.2, "
                                "TLSv1.3 (or SSLv3)");
  return *v;
}

struct settings {
  std::string_view release, cipher_string, min_protocol, max_protocol;
  const char* ciphersuites = nullptr;  // null: not set ("" is a setting OpenSSL rejects)
  int flags = 0;
  int security_level = -1;
};

std::string evaluate(const settings& s) {
  const catalog& c = release_named(s.release);
  const evaluator release(c, options_for(c, s.flags, true));
  evaluate_options eo;
  eo.detail = (s.flags & flag_trace) != 0 ? detail_level::trace : detail_level::findings;
  std::string input(s.cipher_string);
  const bool configured =
      s.ciphersuites != nullptr || !s.min_protocol.empty() || !s.max_protocol.empty();
  if (!configured) {
    eo.security_level = level_for(c, s.security_level, true);
    const evaluation result = release.evaluate(input, eo);
    return evaluation_json(release, input, result, {.steps = (s.flags & flag_trace) != 0});
  }
  tls_configuration config;
  config.cipher_list = input;
  if (s.ciphersuites != nullptr) config.ciphersuites = std::string(s.ciphersuites);
  if (!s.min_protocol.empty()) config.min_protocol = protocol_named("minimum", s.min_protocol);
  if (!s.max_protocol.empty()) config.max_protocol = protocol_named("maximum", s.max_protocol);
  if (const auto level = level_for(c, s.security_level, true)) config.security_level = level;
  if (auto problem = check_configuration(c, config)) throw std::invalid_argument(*problem);
  configuration_result resolved;
  configuration_resolver(release).resolve_into(resolved, config, eo);
  const evaluation result = std::move(resolved.cipher_list);
  resolved.cipher_list = {};
  return evaluation_json(
      release, input, result,
      {.steps = (s.flags & flag_trace) != 0, .configuration = &config, .resolved = &resolved});
}

std::string compare(std::string_view names, std::string_view input, int flags, int security_level) {
  std::vector<release_evaluation> results;
  std::size_t start = 0;
  while (start <= names.size()) {
    std::size_t comma = names.find(',', start);
    if (comma == std::string_view::npos) comma = names.size();
    const std::string_view name = names.substr(start, comma - start);
    start = comma + 1;
    if (name.empty()) continue;
    const catalog& c = release_named(name);
    results.push_back({evaluator(c, options_for(c, flags, false)), evaluation{}});
    evaluate_options eo;
    eo.security_level = level_for(c, security_level, false);
    results.back().result = results.back().release.evaluate(input, eo);
  }
  if (results.empty()) throw std::invalid_argument("choose at least one release");
  return comparison_json(input, results);
}

}  // namespace
}  // namespace cipherexplain::web

extern "C" {

/// releases_json: every release compiled in, oldest first, with its build options.
const char* ce_releases_json() {
  return cipherexplain::web::respond([] { return cipherexplain::releases_json(nullptr); });
}

/// One release's evaluation document (findings; with flags & 1 the steps). `ciphersuites`
/// (null: not set), `min_protocol` or `max_protocol` (empty: not set) resolve the string in
/// that configuration instead (the document then has "configuration").
/// flags & 2 loads the legacy provider (3.0+); `security_level` -1 keeps the build's.
const char* ce_evaluate_json(const char* release, const char* cipher_string,
                             const char* ciphersuites, const char* min_protocol,
                             const char* max_protocol, int flags, int security_level) {
  using cipherexplain::web::text_of;
  return cipherexplain::web::respond([&] {
    return cipherexplain::web::evaluate({.release = text_of(release),
                                         .cipher_string = text_of(cipher_string),
                                         .min_protocol = text_of(min_protocol),
                                         .max_protocol = text_of(max_protocol),
                                         .ciphersuites = ciphersuites,
                                         .flags = flags,
                                         .security_level = security_level});
  });
}

/// The comparison document of one string on the comma-separated releases, in that order.
const char* ce_compare_json(const char* releases, const char* cipher_string, int flags,
                            int security_level) {
  using cipherexplain::web::text_of;
  return cipherexplain::web::respond([&] {
    return cipherexplain::web::compare(text_of(releases), text_of(cipher_string), flags,
                                       security_level);
  });
}

}  // extern "C"

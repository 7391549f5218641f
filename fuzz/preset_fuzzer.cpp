// SPDX-License-Identifier: Apache-2.0
// Presets from untrusted text: a preset's name and context (find_preset), option terms
// (parse_option_terms, apply_options) and a SPEC naming a preset (parse_endpoint_spec). The
// input, whole, is the option terms and the SPEC; split at its first NUL it is a name and a
// context (no NUL: a name, context ""). Every preset found is resolved on 3.0.19, 1.0.2u and the
// release it runs on, and its endpoint, with the SPEC's pairs over it, must resolve.

#include "fuzz_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace cipherexplain;
using namespace cipherexplain::fuzzing;

namespace {

// The releases every parse is applied on: one of each engine.
std::span<const catalog* const> releases() {
  static const std::array<const catalog*, 2> all{catalog::find("3.0.19"), catalog::find("1.0.2u")};
  return all;
}

// The options terms give on `release`, checked: deterministic, idempotent (the terms twice give
// the same value), clears only remove bits of a fresh context, sets only add to it, every bit
// from the fresh context or a set term, and the lists of undefined and no-effect names right.
void check_terms(const catalog& release, std::span<const option_term> terms,
                 std::string_view input) {
  const auto where = [&](std::string_view what) {
    return fmt::format("{}: option terms: {}", release.release(), what);
  };
  const applied_options once = apply_options(release, terms);
  const applied_options again = apply_options(release, terms);
  if (once.value != again.value || once.undefined != again.undefined ||
      once.no_effect != again.no_effect)
    fail(where(fmt::format("two applications differ: {:#x} and {:#x}", once.value, again.value)),
         input);
  std::vector<option_term> twice(terms.begin(), terms.end());
  twice.insert(twice.end(), terms.begin(), terms.end());
  const applied_options doubled = apply_options(release, twice);
  if (doubled.value != once.value || doubled.undefined != once.undefined ||
      doubled.no_effect != once.no_effect)
    fail(where(fmt::format("the terms twice give {:#x}, once {:#x}", doubled.value, once.value)),
         input);

  const std::uint64_t fresh = new_context_options(release);
  const auto value_of = [&](const std::string& name) -> std::uint64_t {
    const ssl_option* o = find_ssl_option(release, name);
    return o ? o->value : 0;
  };
  bool all_clear = true, all_set = true;
  std::uint64_t set_bits = 0;
  for (const option_term& t : terms) {
    (t.clear ? all_set : all_clear) = false;
    if (!t.clear) set_bits |= value_of(t.name);
    std::vector<const std::string*> named{&t.name};
    for (const std::string& w : t.without) named.push_back(&w);
    for (const std::string* name : named) {
      const ssl_option* o = find_ssl_option(release, *name);
      const bool undefined =
          std::find(once.undefined.begin(), once.undefined.end(), *name) != once.undefined.end();
      const bool no_effect =
          std::find(once.no_effect.begin(), once.no_effect.end(), *name) != once.no_effect.end();
      if (undefined != (o == nullptr))
        fail(where(fmt::format("'{}' is {}defined but {}listed as undefined", *name,
                               o ? "" : "not ", undefined ? "" : "not ")),
             input);
      if (no_effect != (o != nullptr && o->value == 0))
        fail(where(fmt::format("'{}' has value {:#x} but is {}listed as having no effect", *name,
                               o ? o->value : 0, no_effect ? "" : "not ")),
             input);
    }
  }
  if (all_clear && (once.value & ~fresh))
    fail(where(fmt::format("only clears, yet {:#x} sets bits a fresh context ({:#x}) lacks",
                           once.value, fresh)),
         input);
  if (all_set && (fresh & ~once.value))
    fail(where(fmt::format("only sets, yet {:#x} lacks bits of a fresh context ({:#x})", once.value,
                           fresh)),
         input);
  if (once.value & ~(fresh | set_bits))
    fail(where(fmt::format("{:#x} has bits neither a fresh context ({:#x}) nor a term ({:#x}) sets",
                           once.value, fresh, set_bits)),
         input);
  for (const std::string_view name : option_names(release, once.value)) {
    const ssl_option* o = find_ssl_option(release, name);
    if (!o || std::popcount(o->value) != 1 || !(once.value & o->value))
      fail(where(fmt::format("option_names({:#x}) names {}, not a single bit of it", once.value,
                             name)),
           input);
  }
}

// The option terms: a parse either gives terms (each with a name, none empty) or an error.
void check_option_terms(std::string_view text, std::string_view input) {
  std::string error;
  const auto terms = parse_option_terms(text, error);
  if (!terms) {
    if (error.empty()) fail("parse_option_terms failed without an error", input);
    return;
  }
  for (const option_term& t : *terms) {
    if (t.name.empty() || std::any_of(t.without.begin(), t.without.end(),
                                      [](const std::string& w) { return w.empty(); }))
      fail(fmt::format("parse_option_terms gave an empty name ({} terms)", terms->size()), input);
  }
  for (const catalog* release : releases()) check_terms(*release, *terms, input);
}

// Resolves `config` as the documentation allows: std::invalid_argument exactly when
// check_configuration() rejects it; what resolves must agree with itself and, resolved by the
// fast path, with the resolution with findings. nullopt when it was rejected.
std::optional<configuration_result> resolved(const catalog& release,
                                             const tls_configuration& config, std::string_view what,
                                             std::string_view input) {
  const std::optional<std::string> rejected = check_configuration(release, config);
  const configuration_resolver resolver(release);
  try {
    configuration_result full = resolver.resolve(config, detail_level::findings);
    if (rejected)
      fail(fmt::format("{}: {} resolved, though check_configuration rejects it: {}",
                       release.release(), what, *rejected),
           input);
    if (const std::string problem = configuration_problem(release, config, full); !problem.empty())
      fail(fmt::format("{}: {}: {}", release.release(), what, problem), input);
    const configuration_result fast = resolver.resolve(config, detail_level::result);
    if (const std::string diff = configuration_difference(fast, full); !diff.empty())
      fail(fmt::format("{}: {}: the fast path and the findings differ: {}", release.release(), what,
                       diff),
           input);
    return full;
  } catch (const std::invalid_argument& e) {
    if (!rejected)
      fail(fmt::format("{}: {} threw '{}', though check_configuration accepts it",
                       release.release(), what, e.what()),
           input);
    return std::nullopt;
  }
}

// A preset found: resolved on each release without throwing, its options those of its terms,
// its configuration accepted and resolving as resolve_preset says, its endpoint that
// configuration; with `spec` (the SPEC that named it), the SPEC's pairs over its endpoint.
void check_preset(const preset& p, std::string_view spec, std::string_view input) {
  std::vector<const catalog*> on(releases().begin(), releases().end());
  if (const catalog* runs_on = preset_release(p)) on.push_back(runs_on);
  std::string error;
  auto terms = parse_option_terms(p.options, error);
  if (!terms)
    fail(fmt::format("preset {}: its options '{}' do not parse: {}", p.name, p.options, error),
         input);
  if (p.server_preference) terms->push_back({"CIPHER_SERVER_PREFERENCE", {}, false});
  for (const catalog* release : on) {
    const auto where = [&](std::string_view what) {
      return fmt::format("preset {} on {}: {}", p.name, release->release(), what);
    };
    preset_result result;
    try {
      result = resolve_preset(p, *release);
    } catch (const std::exception& e) {
      fail(where(fmt::format("resolve_preset threw '{}'", e.what())), input);
    }
    if (result.release != release) fail(where("the result names another release"), input);
    if (result.failure.has_value() != result.failed_call.has_value())
      fail(where("a failure without its call, or a call without a failure"), input);
    applied_options applied = apply_options(*release, *terms);
    // Enabled protocols are SSL_OP_NO_* options for the versions left out (nginx's way).
    if (p.enabled_protocols)
      for (const auto& [name, bit] :
           {std::pair{"NO_SSLv3", protocol_bit::sslv3}, std::pair{"NO_TLSv1", protocol_bit::tlsv1},
            std::pair{"NO_TLSv1_1", protocol_bit::tlsv1_1},
            std::pair{"NO_TLSv1_2", protocol_bit::tlsv1_2},
            std::pair{"NO_TLSv1_3", protocol_bit::tlsv1_3}})
        if (const ssl_option* o = find_ssl_option(*release, name);
            o && !(p.enabled_protocols & bit))
          applied.value |= o->value;
    if (result.options != applied.value)
      fail(where(fmt::format("options {:#x}, its terms give {:#x}", result.options, applied.value)),
           input);
    if (result.option_names != option_names(*release, result.options))
      fail(where("option names not those of its options"), input);
    const tls_endpoint endpoint = preset_endpoint(p, result);
    if (!(endpoint.config == result.config))
      fail(where("the endpoint's configuration is not the preset's"), input);
    if (p.server_preference && !endpoint.prefer_server)
      fail(where("the preset prefers the server's order, its endpoint does not"), input);
    const auto again = resolved(*release, endpoint.config, "the preset's endpoint", input);
    if (!again) fail(where("check_configuration rejects the preset's endpoint"), input);
    if (const std::string diff = configuration_difference(result.resolved, *again); !diff.empty())
      fail(where(fmt::format("its resolution differs from its configuration's: {}", diff)), input);

    if (spec.empty()) continue;
    // As the CLI does: the SPEC's pairs over the preset's endpoint. They parsed over a default
    // endpoint, so they parse over this one too.
    endpoint_spec over;
    over.endpoint = endpoint;
    if (const auto why = parse_endpoint_spec(spec, over))
      fail(where(fmt::format("the SPEC does not parse over the preset's endpoint: {}", *why)),
           input);
    (void)resolved(*release, over.endpoint.config, "the SPEC over the preset's endpoint", input);
  }
}

// find_preset: a preset or an error; the preset found again by its own name (and context),
// and by the name in upper case.
void check_find(std::string_view name, std::string_view context, std::string_view spec,
                std::string_view input) {
  std::string error;
  const auto p = find_preset(name, context, error);
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  std::string upper_error;
  const auto q = find_preset(upper, context, upper_error);
  if (p.has_value() != q.has_value() || (p && p->name != q->name))
    fail(fmt::format("find_preset('{}') and find_preset('{}') differ: {} and {}", name, upper,
                     p ? p->name : error, q ? q->name : upper_error),
         input);
  if (!p) {
    if (error.empty()) fail("find_preset failed without an error", input);
    return;
  }
  if (p->name.empty() || p->family.empty()) fail("find_preset gave a preset without a name", input);
  const std::string_view own_context = p->family == "python" ? std::string_view(p->variant) : "";
  std::string again_error;
  const auto again = find_preset(p->name, own_context, again_error);
  if (!again)
    fail(fmt::format("preset {} (context '{}') is not found by its name: {}", p->name, own_context,
                     again_error),
         input);
  if (again->name != p->name || again->versions != p->versions || again->variant != p->variant ||
      again->build != p->build || again->cipher_calls != p->cipher_calls ||
      again->options != p->options || again->ciphersuites != p->ciphersuites)
    fail(fmt::format("preset {} found by its name is another: {} ({})", p->name, again->name,
                     again->versions),
         input);
  check_preset(*p, spec, input);
}

// The SPEC: parsed, it writes back (to_spec) into the same endpoint; naming a preset, the
// preset (when found) is checked with the SPEC over its endpoint.
void check_spec(std::string_view text, std::string_view input) {
  endpoint_spec parsed;
  if (parse_endpoint_spec(text, parsed)) return;
  const std::string written = to_spec(parsed.endpoint, parsed.release.value_or(""));
  endpoint_spec reread;
  if (const auto why = parse_endpoint_spec(written, reread))
    fail(fmt::format("to_spec wrote '{}', which does not parse: {}", written, *why), input);
  if (!(reread.endpoint == parsed.endpoint))
    fail(fmt::format("to_spec wrote '{}', which reads into another endpoint", written), input);
  if (parsed.preset) check_find(*parsed.preset, parsed.context.value_or(""), text, input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string_view name = input.substr(0, nul);
  const std::string_view context =
      nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
  check_find(name, context, {}, input);
  check_option_terms(input, input);
  check_spec(input, input);
  return 0;
}

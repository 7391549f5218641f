// SPDX-License-Identifier: Apache-2.0
// A configuration resolved the way the calls leave a context: the cipher string's list with the
// TLS 1.3 setting at its head (update_cipher_list and ssl_create_cipher_list in
// ssl/ssl_ciph.c), the protocol bounds (ssl_set_version_bound in ssl/statem/statem_lib.c), and
// what SSL_get1_supported_ciphers() keeps of it.

#include <cipherexplain/configuration.hpp>

#include "explain/suite_verdicts.hpp"
#include "policy/ciphersuite_names.hpp"
#include "policy/configuration_checks.hpp"
#include "text/ascii.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace cipherexplain {

namespace {

struct named_version {
  std::string_view name;
  std::uint16_t version;
};
// SSL_CONF's MinProtocol names and the short spellings of the policy recordings.
constexpr std::array<named_version, 10> version_names{{{"SSLv3", version::sslv3},
                                                       {"TLSv1", version::tlsv1},
                                                       {"TLSv1.1", version::tlsv1_1},
                                                       {"TLSv1.2", version::tlsv1_2},
                                                       {"TLSv1.3", version::tlsv1_3},
                                                       {"SSL3", version::sslv3},
                                                       {"TLS1", version::tlsv1},
                                                       {"TLS1.1", version::tlsv1_1},
                                                       {"TLS1.2", version::tlsv1_2},
                                                       {"TLS1.3", version::tlsv1_3}}};

// ssl_set_version_bound for TLS_method(): 0, or SSLv3 (TLS 1.0 from 4.0) up to the highest
// version built.
// unusable_reason by its code, 0xff = usable: a verdict is a load, not a branch.
// Each verdict code's std::optional<unusable_reason>, as its two bytes (0xff: usable,
// nullopt). Made on first use, so that a resolver made during static initialisation finds it.
using optional_reason = std::optional<unusable_reason>;
static_assert(std::is_trivially_copyable_v<optional_reason> &&
              sizeof(optional_reason) == sizeof(std::uint16_t));
const std::array<std::uint16_t, 256>& reason_bits() {
  static const std::array<std::uint16_t, 256> bits = [] {
    std::array<std::uint16_t, 256> out{};
    for (std::size_t i = 0; i < 0xff; ++i) {
      const optional_reason r = static_cast<unusable_reason>(i);
      std::memcpy(&out[i], &r, sizeof r);
    }
    const optional_reason usable;
    std::memcpy(&out[0xff], &usable, sizeof usable);
    return out;
  }();
  return bits;
}

bool bound_accepted(const catalog& release, std::uint16_t v) {
  const std::uint16_t highest =
      release.engine() == engine_family::openssl_1_1_1 ? version::tlsv1_3 : version::tlsv1_2;
  return v == 0 || (v >= release.lowest_version_bound() && v <= highest);
}

}  // namespace

std::optional<std::uint16_t> parse_protocol_version(std::string_view name) noexcept {
  for (const named_version& n : version_names) {
    if (detail::equal_ignoring_case(n.name, name)) return n.version;
  }
  return std::nullopt;
}

std::string_view protocol_version_name(std::uint16_t v) noexcept {
  for (const named_version& n : version_names) {
    if (n.version == v) return n.name;
  }
  return "";
}

std::optional<std::string> check_configuration(const catalog& release,
                                               const tls_configuration& config) {
  if (config.ciphersuites && release.ciphersuites_setter() == ciphersuites_setter::none) {
    return fmt::format(
        "OpenSSL {} has no TLS 1.3, so no SSL_CTX_set_ciphersuites(): TLS 1.3 suites can be set "
        "from 1.1.1",
        release.release());
  }
  if (release.engine() == engine_family::openssl_1_0 &&
      (config.min_protocol != 0 || config.max_protocol != 0 || config.disabled_protocols != 0)) {
    return fmt::format(
        "OpenSSL {} has no SSL_CTX_set_min/max_proto_version() (they exist from 1.1.0), and what "
        "its SSL_OP_NO_* options do to the list is not modelled",
        release.release());
  }
  if (config.security_level) {
    // The same rules, and words, as a build's default level.
    build_options level;
    level.security_level = config.security_level;
    if (auto problem = check_build_options(release, level)) return problem;
  }
  for (const std::uint16_t v : {config.min_protocol, config.max_protocol}) {
    if (v != 0 && protocol_version_name(v).empty())
      return fmt::format("0x{:04x} is not a TLS protocol version", v);
  }
  return std::nullopt;
}

configuration_resolver::configuration_resolver(const catalog& release, const build_options& options)
    : configuration_resolver(evaluator(release, options)) {}

configuration_resolver::configuration_resolver(evaluator prepared)
    : eval_(std::move(prepared)),
      default_tree_(parse(eval_.release().default_cipher_list(), eval_.release().dialect())) {
  // A fresh context's list, evaluated once: the security level changes nothing in it.
  default_list_ = eval_.evaluate(default_tree_, detail_level::result);
  const catalog& release = eval_.release();
  if (release.engine() == engine_family::openssl_1_0) return;
  if (release.ciphersuites_setter() != ciphersuites_setter::none)
    suite_names_ = std::make_shared<const detail::ciphersuite_names>(release, eval_.options());
  facts_.resize(facts_slot(release.ciphers().size()));
  protocol_ranges_.assign(1, {0, 0});
  const auto code = [](std::optional<unusable_reason> why) {
    return why ? static_cast<std::uint8_t>(*why) : std::uint8_t{0xff};
  };
  for (std::size_t i = 0; i < release.ciphers().size(); ++i) {
    const cipher& s = release.ciphers()[i];
    const std::pair range{s.min_tls, s.max_tls};
    auto known = std::find(protocol_ranges_.begin() + 1, protocol_ranges_.end(), range);
    if (known == protocol_ranges_.end()) {
      if (protocol_ranges_.size() == 8) throw std::length_error("over 7 protocol ranges");
      known = protocol_ranges_.insert(known, range);
    }
    facts_[facts_slot(i)].protocol_shift =
        static_cast<std::uint8_t>(8 * (known - protocol_ranges_.begin()));
  }
  for (int level = 0; level <= 5; ++level) {
    const detail::suite_verdicts verdict(release, level, protocol_settings{});
    for (std::size_t i = 0; i < release.ciphers().size(); ++i) {
      const cipher& s = release.ciphers()[i];
      suite_facts& f = facts_[facts_slot(i)];
      const std::uint8_t masked = code(verdict.client_mask(s));
      if (masked != 0xff) f.protocol_shift = 8 * masked_class;
      f.by_level[static_cast<std::size_t>(level)] =
          reason_bits()[masked != 0xff ? masked : code(verdict.level(s))];
    }
  }
}

configuration_result configuration_resolver::resolve(const tls_configuration& config,
                                                     detail_level detail) const {
  configuration_result out;
  evaluate_options options;
  options.detail = detail;
  resolve_into(out, config, options);
  return out;
}

void configuration_resolver::resolve_into(configuration_result& out,
                                          const tls_configuration& config,
                                          const evaluate_options& options) const {
  // One tree per thread, parsed into again: a fresh one costs a few allocations per call.
  thread_local tree scratch;
  resolve_into(out, config, options, scratch);
}

void configuration_resolver::resolve_into(configuration_result& out,
                                          const tls_configuration& config,
                                          const evaluate_options& options, tree& scratch) const {
  const catalog& release = eval_.release();
  if (auto problem = check_configuration(release, config)) throw std::invalid_argument(*problem);
  evaluate_options list_options = options;
  list_options.security_level = config.security_level;

  // The cipher string (or the DEFAULT list a fresh context starts from).
  out.cipher_list_set = config.cipher_list.has_value();
  if (config.cipher_list) {
    parse_into(scratch, *config.cipher_list, release.dialect());
    eval_.evaluate_into(out.cipher_list, scratch, list_options);
  } else {
    out.cipher_list = default_list_;
    if (config.security_level) out.cipher_list.security_level = *config.security_level;
  }
  const evaluation& list = out.cipher_list;
  out.security_level = list.security_level;

  // The TLS 1.3 setting replaces the head of the list: the suites whose minimum is TLS 1.3.
  auto tls12_part = list.ciphers.begin();
  while (tls12_part != list.ciphers.end() && (*tls12_part)->min_tls == version::tlsv1_3)
    ++tls12_part;
  out.ciphers.clear();
  if (config.ciphersuites) {
    if (!out.ciphersuites) out.ciphersuites.emplace();
    detail::set_ciphersuites_into(*out.ciphersuites, release, *config.ciphersuites, *suite_names_,
                                  options.detail == detail_level::result ? 0 : 1000);
    const std::vector<const cipher*>& head = out.ciphersuites->listed;
    out.ciphers.assign(head.begin(), head.end());
    out.head = head.size();
  } else {
    out.ciphersuites.reset();
    out.ciphers.assign(list.ciphers.begin(), tls12_part);
    out.head = out.ciphers.size();
  }
  out.ciphers.insert(out.ciphers.end(), tls12_part, list.ciphers.end());

  // SSL_CTX_set_cipher_list counts the TLS 1.2 entries of the list it builds, which starts
  // with the ciphersuites already set: a TLS 1.2 name there makes "nothing selected" succeed.
  out.list_ok = list.ok;
  if (config.cipher_list && config.ciphersuites_first && !list.ok &&
      list.failure == failure_reason::no_cipher_selected) {
    for (std::size_t i = 0; i < out.head; ++i) {
      if (out.ciphers[i]->min_tls != version::tlsv1_3) out.list_ok = true;
    }
  }

  out.min_ok = bound_accepted(release, config.min_protocol);
  out.max_ok = bound_accepted(release, config.max_protocol);
  out.min_protocol = out.min_ok ? config.min_protocol : 0;
  out.max_protocol = out.max_ok ? config.max_protocol : 0;

  // A Suite B string also sets the context's Suite B flags (check_suiteb_cipher_list).
  const suiteb_prefix suiteb = config.cipher_list ? scratch.suiteb() : suiteb_prefix::none;
  out.suiteb = suiteb;
  const protocol_settings settings{out.min_protocol, out.max_protocol, config.disabled_protocols,
                                   suiteb};
  if (release.engine() == engine_family::openssl_1_0) {
    // No security levels and no SSL_get1_supported_ciphers: the PSK/SRP rule only.
    out.suites.clear();
    out.supported.reset();
    const supported_suites use = usable_suites(release, out.ciphers, out.security_level);
    out.protocols = {use.min_version, use.max_version, use.problem};
    std::size_t n = 0;
    for (const cipher* s : out.ciphers) {
      const bool refused = n < use.unusable.size() && use.unusable[n].first == s;
      out.suites.push_back({s, refused ? std::optional(use.unusable[n++].second) : std::nullopt});
    }
  } else {
    const detail::suite_verdicts verdict(release, out.security_level, settings);
    out.protocols = verdict.window();
    if (!out.supported) out.supported.emplace();
    const std::size_t count = out.ciphers.size();
    out.suites.resize(count);
    out.supported->resize(count);
    std::size_t kept = 0;
    if (settings.suiteb != suiteb_prefix::none) {
      // Suite B masks signature algorithms per configuration: asked per suite.
      for (std::size_t n = 0; n < count; ++n) {
        const cipher* s = out.ciphers[n];
        out.suites[n] = {s, verdict(*s)};
        if (!out.suites[n].unusable) (*out.supported)[kept++] = s;
      }
    } else {
      kept = judge(out.ciphers, verdict.window(), verdict.configured(), out.security_level,
                   out.suites.data(), out.supported->data());
    }
    out.supported->resize(kept);
    // SSL_get1_supported_ciphers allocates its stack at the first match: none, NULL.
    if (out.supported->empty()) out.supported.reset();
  }

  out.diagnostics.clear();
  if (options.detail != detail_level::result) detail::check_configuration(release, config, out);
}

std::size_t configuration_resolver::judge(std::span<const cipher* const> list,
                                          const protocol_window& window,
                                          const protocol_window& configured, int security_level,
                                          suite_use* verdicts,
                                          const cipher** usable) const noexcept {
  // What each protocol range gets from this window, a byte each in one word: 0xff when a
  // version of the window carries it (then the level decides), else why not. The loop below
  // is most of a resolution's time for long lists: per suite, its facts and two shifts.
  std::uint64_t by_class = 0xff;  // masked_class: the level table holds the mask's reason
  for (std::size_t c = 1; c < protocol_ranges_.size(); ++c) {
    const std::uint16_t low = protocol_ranges_[c].first, high = protocol_ranges_[c].second;
    const auto carried = [&](const protocol_window& w) {
      return w.usable() && low <= w.highest && high >= w.lowest;
    };
    const unusable_reason why = !window.usable()      ? unusable_reason::no_protocol
                                : carried(configured) ? unusable_reason::protocol_range
                                                      : unusable_reason::outside_protocol_range;
    const std::uint64_t code = carried(window) ? 0xff : static_cast<std::uint8_t>(why);
    by_class |= code << (8 * c);
  }
  const auto level = static_cast<std::size_t>(std::clamp(security_level, 0, 5));
  const auto* const table = reinterpret_cast<const char*>(release().ciphers().data());
  const suite_facts* const facts = facts_.data();
  const std::array<std::uint16_t, 256>& bits = reason_bits();
  const std::uint16_t usable_bits = bits[0xff];
  std::size_t kept = 0;
  for (std::size_t n = 0; n < list.size(); ++n) {
    const cipher* const s = list[n];
    const auto offset = static_cast<std::size_t>(reinterpret_cast<const char*>(s) - table);
    const suite_facts& f = facts[offset >> facts_shift];
    const auto by_protocol = static_cast<std::uint8_t>(by_class >> f.protocol_shift);
    const std::uint16_t reason = by_protocol == 0xff ? f.by_level[level] : bits[by_protocol];
    // The optional stored as its two bytes: assigned as an optional, GCC 12 loaded them into
    // a 16-bit register (a merge with what the previous suite left there, chaining each
    // iteration to the one before) and spilled a temporary to the stack.
    verdicts[n].suite = s;
    std::memcpy(static_cast<void*>(&verdicts[n].unusable), &reason, sizeof reason);
    usable[kept] = s;
    kept += reason == usable_bits ? 1u : 0u;
  }
  return kept;
}

configuration_result resolve(const catalog& release, const tls_configuration& config,
                             const build_options& options, detail_level detail) {
  return configuration_resolver(release, options).resolve(config, detail);
}

}  // namespace cipherexplain

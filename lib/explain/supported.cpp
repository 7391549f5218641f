// SPDX-License-Identifier: Apache-2.0
// SSL_get1_supported_ciphers() restated: the client-side masks of ssl_set_client_disabled(),
// the protocol range of ssl_get_min_max_version(), and the default security callback.

#include <cipherexplain/supported.hpp>

#include "explain/suite_verdicts.hpp"

#include <algorithm>
#include <array>

namespace cipherexplain {

std::string_view reason_text(unusable_reason reason) noexcept {
  switch (reason) {
    case unusable_reason::too_few_bits:
      return "fewer security bits than the level asks";
    case unusable_reason::anonymous:
      return "no authentication (aNULL)";
    case unusable_reason::md5_mac:
      return "an MD5 MAC";
    case unusable_reason::sha1_mac:
      return "a SHA-1 MAC";
    case unusable_reason::rc4:
      return "RC4";
    case unusable_reason::no_forward_secrecy:
      return "no forward secrecy";
    case unusable_reason::protocol_range:
      return "no protocol version the level allows";
    case unusable_reason::psk_not_set_up:
      return "PSK, which needs a PSK callback";
    case unusable_reason::srp_not_set_up:
      return "SRP, which needs SRP parameters";
    case unusable_reason::outside_protocol_range:
      return "no protocol version of the configured range carries it";
    case unusable_reason::no_protocol:
      return "no protocol version is usable at all";
    case unusable_reason::suiteb_signature:
      return "Suite B mode, whose ECDSA signatures cannot authenticate it at this level";
  }
  return "";
}

std::string_view reason_word(unusable_reason reason) noexcept {
  switch (reason) {
    case unusable_reason::too_few_bits:
      return "too few bits";
    case unusable_reason::anonymous:
      return "anonymous";
    case unusable_reason::md5_mac:
      return "MD5 MAC";
    case unusable_reason::sha1_mac:
      return "SHA-1 MAC";
    case unusable_reason::rc4:
      return "RC4";
    case unusable_reason::no_forward_secrecy:
      return "no forward secrecy";
    case unusable_reason::protocol_range:
      return "no protocol";
    case unusable_reason::psk_not_set_up:
      return "needs PSK";
    case unusable_reason::srp_not_set_up:
      return "needs SRP";
    case unusable_reason::outside_protocol_range:
      return "protocol range";
    case unusable_reason::no_protocol:
      return "no protocol";
    case unusable_reason::suiteb_signature:
      return "Suite B";
  }
  return "";
}

supported_suites usable_suites(const catalog& release, std::span<const cipher* const> list,
                               int security_level) {
  if (auto from_1_1_0 = supported(release, list, security_level)) return std::move(*from_1_1_0);
  supported_suites out;
  out.min_version = version::sslv3;
  out.max_version = version::tlsv1_2;
  for (const cipher* s : list) {
    if ((s->kx & kx::psk) != 0 || (s->au & au::psk) != 0) {
      out.unusable.emplace_back(s, unusable_reason::psk_not_set_up);
    } else if ((s->kx & kx::srp) != 0 || (s->au & au::srp) != 0) {
      out.unusable.emplace_back(s, unusable_reason::srp_not_set_up);
    } else {
      out.usable.push_back(s);
    }
  }
  return out;
}

namespace {

// Whether the default security callback lets a version through (SSL_SECOP_VERSION).
bool level_allows(const security_rules& rules, int level, std::uint16_t v) {
  if (level <= 0) return true;
  if (rules.tls12_floor_from_level_1) return v >= version::tlsv1_2;
  if (v <= version::sslv3 && level >= 2) return false;
  if (v <= version::tlsv1 && level >= 3) return false;
  return !(v <= version::tlsv1_1 && level >= 4);
}

// usable_protocols(), inlined where it is made into a suite_verdicts: called, GCC 12 packed
// the 6-byte result through the stack with loads wider than the stores before them, and two
// failed store forwards were 5 % of resolving a 12-suite configuration.
[[gnu::always_inline]] inline protocol_window window_of(const catalog& release,
                                                        const protocol_settings& settings,
                                                        int security_level) {
  // The version table of TLS_method(), highest first. SSLv3's methods are compiled out of
  // 1.1.0+ default builds (no-ssl3-method): a hole at the bottom.
  static constexpr std::array<std::uint16_t, 4> table{version::tlsv1_3, version::tlsv1_2,
                                                      version::tlsv1_1, version::tlsv1};
  const int level = std::clamp(security_level, 0, 5);
  const bool has_tls13 = release.engine() == engine_family::openssl_1_1_1;
  protocol_window out;
  bool hole = true;
  bool refused_only_by_level = false;
  for (const std::uint16_t v : table) {
    if (v == version::tlsv1_3 && !has_tls13) continue;
    const bool too_low = settings.min_version != 0 && v < settings.min_version;
    const bool too_high = settings.max_version != 0 && v > settings.max_version;
    const bool disabled = (settings.disabled & protocol_bit::of(v)) != 0;
    const bool by_level = !level_allows(release.security_rules(), level, v) ||
                          (settings.suiteb != suiteb_prefix::none && v < version::tlsv1_2);
    if (too_low || too_high || disabled || by_level) {
      if (!too_low && !too_high && !disabled) refused_only_by_level = true;
      hole = true;
    } else if (!hole) {
      out.lowest = v;
    } else {
      // A run after a hole replaces the one above it: OpenSSL keeps the lowest run.
      out.highest = out.lowest = v;
      hole = false;
    }
  }
  if (!out.usable()) {
    out.problem = settings.min_version != 0 && settings.max_version != 0 &&
                          settings.min_version > settings.max_version
                      ? protocol_problem::min_above_max
                  : refused_only_by_level ? protocol_problem::refused_by_level
                                          : protocol_problem::all_disabled;
  }
  return out;
}

}  // namespace

protocol_window usable_protocols(const catalog& release, const protocol_settings& settings,
                                 int security_level) {
  return window_of(release, settings, security_level);
}

std::optional<supported_suites> supported(const catalog& release,
                                          std::span<const cipher* const> list, int security_level) {
  return supported(release, list, security_level, protocol_settings{});
}

namespace detail {

suite_verdicts::suite_verdicts(const catalog& release, int security_level,
                               const protocol_settings& protocols)
    : rules_(release.security_rules()),
      level_(std::clamp(security_level, 0, 5)),
      window_(window_of(release, protocols, level_)),
      // The same settings at level 0 tell a suite the level refuses from one the range excludes.
      configured_(window_of(release, protocols, 0)) {
  static constexpr std::array<int, 6> bits{0, 80, 112, 128, 192, 256};
  min_bits_ = bits[static_cast<std::size_t>(level_)];
  forward_secret_ = kx::dhe | kx::ecdhe |
                    (rules_.psk_key_exchange_forward_secret ? kx::dhepsk | kx::ecdhepsk : 0u);
  // Suite B mode offers only its signature algorithms (tls12_get_psigalgs): ECDSA with P-256
  // (128 bits of security) for SUITEB128ONLY, also P-384 (192) for the others; a level that
  // asks for more bits refuses them, and ssl_set_sig_mask then masks aECDSA too.
  suiteb_ = protocols.suiteb != suiteb_prefix::none;
  suiteb_ecdsa_ =
      suiteb_ && min_bits_ <= (protocols.suiteb == suiteb_prefix::b128_only ? 128 : 192);
}

std::optional<unusable_reason> suite_verdicts::client_mask(const cipher& s) const noexcept {
  constexpr std::uint32_t psk_kx = kx::psk | kx::rsapsk | kx::ecdhepsk | kx::dhepsk;
  if ((s.kx & psk_kx) != 0 || (s.au & au::psk) != 0) return unusable_reason::psk_not_set_up;
  if ((s.kx & kx::srp) != 0 || (s.au & au::srp) != 0) return unusable_reason::srp_not_set_up;
  if (suiteb_ && ((s.au & (au::rsa | au::dss)) != 0 || ((s.au & au::ecdsa) != 0 && !suiteb_ecdsa_)))
    return unusable_reason::suiteb_signature;
  return std::nullopt;
}

std::optional<unusable_reason> suite_verdicts::protocol(const cipher& s) const noexcept {
  const auto carried = [&](const protocol_window& w) {
    return w.usable() && s.min_tls <= w.highest && s.max_tls >= w.lowest;
  };
  if (!window_.usable()) return unusable_reason::no_protocol;
  if (!carried(window_))
    return carried(configured_) ? unusable_reason::protocol_range
                                : unusable_reason::outside_protocol_range;
  return std::nullopt;
}

std::optional<unusable_reason> suite_verdicts::level(const cipher& s) const noexcept {
  if (level_ < 1) return std::nullopt;
  if (s.strength_bits < min_bits_) return unusable_reason::too_few_bits;
  if ((s.au & au::null) != 0) return unusable_reason::anonymous;
  if ((s.mac & mac::md5) != 0) return unusable_reason::md5_mac;
  if (min_bits_ > 160 && (s.mac & mac::sha1) != 0) return unusable_reason::sha1_mac;
  if (level_ >= 2 && rules_.rc4_refused_from_level_2 && s.enc == enc::rc4)
    return unusable_reason::rc4;
  if (level_ >= 3 && s.min_tls != version::tlsv1_3 && (s.kx & forward_secret_) == 0)
    return unusable_reason::no_forward_secrecy;
  return std::nullopt;
}

}  // namespace detail

std::optional<supported_suites> supported(const catalog& release,
                                          std::span<const cipher* const> list, int security_level,
                                          const protocol_settings& protocols) {
  if (release.engine() == engine_family::openssl_1_0) return std::nullopt;
  const detail::suite_verdicts verdict(release, security_level, protocols);
  supported_suites out;
  out.min_version = verdict.window().lowest;
  out.max_version = verdict.window().highest;
  out.problem = verdict.window().problem;
  for (const cipher* s : list) {
    if (const auto why = verdict(*s))
      out.unusable.emplace_back(s, *why);
    else
      out.usable.push_back(s);
  }
  return out;
}

}  // namespace cipherexplain

// SSL_get1_supported_ciphers() restated: the client-side masks of ssl_set_client_disabled(),
// the protocol range of ssl_get_min_max_version(), and the default security callback.

#include <cipherexplain/supported.hpp>

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

std::optional<supported_suites> supported(const catalog& release,
                                          std::span<const cipher* const> list, int security_level) {
  if (release.engine() == engine_family::openssl_1_0) return std::nullopt;
  const int level = std::clamp(security_level, 0, 5);
  static constexpr std::array<int, 6> min_bits{0, 80, 112, 128, 192, 256};
  const security_rules& rules = release.security_rules();

  // The highest usable run of TLS versions; SSLv3 is compiled out of 1.1.0+ default builds.
  supported_suites out;
  out.max_version =
      release.engine() == engine_family::openssl_1_1_1 ? version::tlsv1_3 : version::tlsv1_2;
  out.min_version = version::tlsv1;
  if (level >= 1 && rules.tls12_floor_from_level_1) out.min_version = version::tlsv1_2;
  if (!rules.tls12_floor_from_level_1) {
    if (level >= 3) out.min_version = version::tlsv1_1;
    if (level >= 4) out.min_version = version::tlsv1_2;
  }

  const std::uint32_t psk_kx = kx::psk | kx::rsapsk | kx::ecdhepsk | kx::dhepsk;
  const std::uint32_t forward_secret =
      kx::dhe | kx::ecdhe |
      (rules.psk_key_exchange_forward_secret ? kx::dhepsk | kx::ecdhepsk : 0u);
  for (const cipher* s : list) {
    std::optional<unusable_reason> why;
    if ((s->kx & psk_kx) != 0 || (s->au & au::psk) != 0) {
      why = unusable_reason::psk_not_set_up;
    } else if ((s->kx & kx::srp) != 0 || (s->au & au::srp) != 0) {
      why = unusable_reason::srp_not_set_up;
    } else if (s->min_tls > out.max_version || s->max_tls < out.min_version) {
      why = unusable_reason::protocol_range;
    } else if (level >= 1) {
      if (s->strength_bits < min_bits[static_cast<std::size_t>(level)]) {
        why = unusable_reason::too_few_bits;
      } else if ((s->au & au::null) != 0) {
        why = unusable_reason::anonymous;
      } else if ((s->mac & mac::md5) != 0) {
        why = unusable_reason::md5_mac;
      } else if (min_bits[static_cast<std::size_t>(level)] > 160 && (s->mac & mac::sha1) != 0) {
        why = unusable_reason::sha1_mac;
      } else if (level >= 2 && rules.rc4_refused_from_level_2 && s->enc == enc::rc4) {
        why = unusable_reason::rc4;
      } else if (level >= 3 && s->min_tls != version::tlsv1_3 && (s->kx & forward_secret) == 0) {
        why = unusable_reason::no_forward_secrecy;
      }
    }
    if (why)
      out.unusable.emplace_back(s, *why);
    else
      out.usable.push_back(s);
  }
  return out;
}

}  // namespace cipherexplain

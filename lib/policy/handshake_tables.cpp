// SPDX-License-Identifier: Apache-2.0
#include "policy/handshake_tables.hpp"

#include "text/ascii.hpp"

#include <array>
#include <charconv>

namespace cipherexplain::detail {
namespace {

using namespace std::string_view_literals;

// Named groups: ssl/t1_lib.c nid_list (OpenSSL_1_1_1w), providers/common/capabilities.c
// group_list (openssl-3.0.21, 3.5.7, 4.0.1): code point, security bits, TLS 1.3-only. Only the
// groups a default build offers and the deprecated curves people still name.
constexpr std::array groups{
    group_info{"secp256r1", "P-256 prime256v1", 0x0017, 128, group_family::ec, false, "1.0.2"},
    group_info{"secp384r1", "P-384", 0x0018, 192, group_family::ec, false, "1.0.2"},
    group_info{"secp521r1", "P-521", 0x0019, 256, group_family::ec, false, "1.0.2"},
    group_info{"x25519", "X25519", 0x001d, 128, group_family::ecx, false, "1.1.0"},
    group_info{"x448", "X448", 0x001e, 224, group_family::ecx, false, "1.1.1"},
    group_info{"secp224r1", "P-224", 0x0015, 112, group_family::ec, false, "1.0.2", true},
    group_info{"secp256k1", "", 0x0016, 128, group_family::ec, false, "1.0.2", true},
    group_info{"brainpoolP256r1", "", 0x001a, 128, group_family::ec, false, "1.0.2", true},
    group_info{"brainpoolP384r1", "", 0x001b, 192, group_family::ec, false, "1.0.2", true},
    group_info{"brainpoolP512r1", "", 0x001c, 256, group_family::ec, false, "1.0.2", true},
    group_info{"ffdhe2048", "", 0x0100, 112, group_family::ffdhe, true, "3.0"},
    group_info{"ffdhe3072", "", 0x0101, 128, group_family::ffdhe, true, "3.0"},
    group_info{"ffdhe4096", "", 0x0102, 128, group_family::ffdhe, true, "3.0"},
    group_info{"ffdhe6144", "", 0x0103, 128, group_family::ffdhe, true, "3.0"},
    group_info{"ffdhe8192", "", 0x0104, 192, group_family::ffdhe, true, "3.0"},
    group_info{"MLKEM512", "", 0x0200, 128, group_family::kem, true, "3.5"},
    group_info{"MLKEM768", "", 0x0201, 192, group_family::kem, true, "3.5"},
    group_info{"MLKEM1024", "", 0x0202, 256, group_family::kem, true, "3.5"},
    group_info{"SecP256r1MLKEM768", "", 0x11eb, 192, group_family::kem, true, "3.5"},
    group_info{"X25519MLKEM768", "", 0x11ec, 192, group_family::kem, true, "3.5"},
    group_info{"SecP384r1MLKEM1024", "", 0x11ed, 256, group_family::kem, true, "3.5"},
    group_info{"curveSM2", "", 0x0029, 128, group_family::ec, true, "4.0"},
    group_info{"curveSM2MLKEM768", "", 0x11ee, 192, group_family::kem, true, "4.0"},
};

// The default signature schemes, in order: ssl/t1_lib.c tls12_sigalgs (OpenSSL_1_1_1w,
// openssl-3.0.21; 3.2+ insert the brainpool TLS 1.3 schemes and 3.5+ ML-DSA, which no
// certificate here can use). DSA and GOST are left out for the same reason.
constexpr std::array sigalgs{
    sigalg_info{"ecdsa_secp256r1_sha256", signature_key::ec, signature_padding::none, "SHA256", 32,
                256},
    sigalg_info{"ecdsa_secp384r1_sha384", signature_key::ec, signature_padding::none, "SHA384", 48,
                384},
    sigalg_info{"ecdsa_secp521r1_sha512", signature_key::ec, signature_padding::none, "SHA512", 64,
                521},
    sigalg_info{"ed25519", signature_key::ed25519, signature_padding::none, "", 0, 0},
    sigalg_info{"ed448", signature_key::ed448, signature_padding::none, "", 0, 0},
    sigalg_info{"rsa_pss_pss_sha256", signature_key::rsa_pss, signature_padding::pss, "SHA256", 32,
                0},
    sigalg_info{"rsa_pss_pss_sha384", signature_key::rsa_pss, signature_padding::pss, "SHA384", 48,
                0},
    sigalg_info{"rsa_pss_pss_sha512", signature_key::rsa_pss, signature_padding::pss, "SHA512", 64,
                0},
    sigalg_info{"rsa_pss_rsae_sha256", signature_key::rsa, signature_padding::pss, "SHA256", 32, 0},
    sigalg_info{"rsa_pss_rsae_sha384", signature_key::rsa, signature_padding::pss, "SHA384", 48, 0},
    sigalg_info{"rsa_pss_rsae_sha512", signature_key::rsa, signature_padding::pss, "SHA512", 64, 0},
    sigalg_info{"rsa_pkcs1_sha256", signature_key::rsa, signature_padding::pkcs1, "SHA256", 32, 0},
    sigalg_info{"rsa_pkcs1_sha384", signature_key::rsa, signature_padding::pkcs1, "SHA384", 48, 0},
    sigalg_info{"rsa_pkcs1_sha512", signature_key::rsa, signature_padding::pkcs1, "SHA512", 64, 0},
    sigalg_info{"ecdsa_sha224", signature_key::ec, signature_padding::none, "SHA224", 28, 0},
    sigalg_info{"ecdsa_sha1", signature_key::ec, signature_padding::none, "SHA1", 20, 0},
    sigalg_info{"rsa_pkcs1_sha224", signature_key::rsa, signature_padding::pkcs1, "SHA224", 28, 0},
    sigalg_info{"rsa_pkcs1_sha1", signature_key::rsa, signature_padding::pkcs1, "SHA1", 20, 0},
};

// Before 1.1.1 (ssl/t1_lib.c tls12_sigalgs of OpenSSL_1_0_2u and OpenSSL_1_1_0l): by hash,
// strongest first, RSA then DSA then ECDSA for each; no RSA-PSS, no EdDSA, and no ECDSA scheme
// bound to a curve (these are the same code points, read as "ECDSA with SHA-x").
constexpr std::array sigalgs_before_111{
    sigalg_info{"rsa_pkcs1_sha512", signature_key::rsa, signature_padding::pkcs1, "SHA512", 64, 0},
    sigalg_info{"ecdsa_secp521r1_sha512", signature_key::ec, signature_padding::none, "SHA512", 64,
                521},
    sigalg_info{"rsa_pkcs1_sha384", signature_key::rsa, signature_padding::pkcs1, "SHA384", 48, 0},
    sigalg_info{"ecdsa_secp384r1_sha384", signature_key::ec, signature_padding::none, "SHA384", 48,
                384},
    sigalg_info{"rsa_pkcs1_sha256", signature_key::rsa, signature_padding::pkcs1, "SHA256", 32, 0},
    sigalg_info{"ecdsa_secp256r1_sha256", signature_key::ec, signature_padding::none, "SHA256", 32,
                256},
    sigalg_info{"rsa_pkcs1_sha224", signature_key::rsa, signature_padding::pkcs1, "SHA224", 28, 0},
    sigalg_info{"ecdsa_sha224", signature_key::ec, signature_padding::none, "SHA224", 28, 0},
    sigalg_info{"rsa_pkcs1_sha1", signature_key::rsa, signature_padding::pkcs1, "SHA1", 20, 0},
    sigalg_info{"ecdsa_sha1", signature_key::ec, signature_padding::none, "SHA1", 20, 0},
};

// Default groups (1.1.1: t1_lib.c eccurves_default; 3.0-3.4: supported_groups_default, GOST
// groups dropped as no provider offers them; 3.5/3.6: TLS_DEFAULT_GROUP_LIST
// "?*X25519MLKEM768 / ?*X25519:?secp256r1 / ?X448:?secp384r1:?secp521r1 / ?ffdhe2048:?ffdhe3072";
// 4.0: "?*X25519MLKEM768:?SecP256r1MLKEM768:?curveSM2MLKEM768 / ?*X25519:?secp256r1 /
// ?X448:?secp384r1:?secp521r1 / ?curveSM2 / ?ffdhe2048:?ffdhe3072" - tags 3.5.7, 3.6.3, 4.0.1).
constexpr std::array groups_110{"x25519"sv, "secp256r1"sv, "secp521r1"sv, "secp384r1"sv};
constexpr std::array groups_111{"x25519"sv, "secp256r1"sv, "x448"sv, "secp521r1"sv, "secp384r1"sv};
constexpr std::array groups_102{"secp256r1"sv, "secp521r1"sv, "secp384r1"sv};
constexpr std::array groups_30{"x25519"sv,    "secp256r1"sv, "x448"sv,      "secp521r1"sv,
                               "secp384r1"sv, "ffdhe2048"sv, "ffdhe3072"sv, "ffdhe4096"sv,
                               "ffdhe6144"sv, "ffdhe8192"sv};
constexpr std::array groups_35{"X25519MLKEM768"sv, "x25519"sv,    "secp256r1"sv, "x448"sv,
                               "secp384r1"sv,      "secp521r1"sv, "ffdhe2048"sv, "ffdhe3072"sv};
constexpr std::array tuples_35{"1"sv, "2"sv, "2"sv, "3"sv, "3"sv, "3"sv, "4"sv, "4"sv};
constexpr std::array groups_40{"X25519MLKEM768"sv, "SecP256r1MLKEM768"sv, "curveSM2MLKEM768"sv,
                               "x25519"sv,         "secp256r1"sv,         "x448"sv,
                               "secp384r1"sv,      "secp521r1"sv,         "curveSM2"sv,
                               "ffdhe2048"sv,      "ffdhe3072"sv};
constexpr std::array tuples_40{"1"sv, "1"sv, "1"sv, "2"sv, "2"sv, "3"sv,
                               "3"sv, "3"sv, "4"sv, "5"sv, "5"sv};
constexpr std::array keyshares_35{"X25519MLKEM768"sv, "x25519"sv};

handshake_rules rules_for(std::string_view series) {
  handshake_rules r;
  r.series = series;
  if (!series_at_least(series, "1.1.0")) {
    r.default_groups = groups_102;
    r.named_reasons = false;
    r.names_dh_groups = false;
    r.unnamed_groups_error_queued = false;
    r.has_negotiated_group_api = false;
    r.dh_auto = false;
    return r;
  }
  if (!series_at_least(series, "3.0")) {
    r.tls13 = series == "1.1.1";
    r.default_groups = r.tls13 ? std::span<const std::string_view>(groups_111) : groups_110;
    r.named_reasons = false;
    r.names_dh_groups = false;
    r.unnamed_groups_error_queued = false;
    r.has_negotiated_group_api = false;
    return r;
  }
  r.tls13 = true;
  r.groups_case_insensitive = true;
  r.ffdhe_groups = true;
  r.sha1_signature_bits = 64;
  r.md5_sha1_signature_bits = 67;
  r.rsa4096_152_bits = true;
  if (series_at_least(series, "4.0")) {
    r.default_groups = groups_40;
    r.default_tuples = tuples_40;
    r.default_keyshares = keyshares_35;
    r.group_tuples = true;
    r.dhe = dhe_parameters::rfc7919;
    r.ffdhe_in_tls12 = true;
  } else if (series_at_least(series, "3.5")) {
    r.default_groups = groups_35;
    r.default_tuples = tuples_35;
    r.default_keyshares = keyshares_35;
    r.group_tuples = true;
  } else {
    r.default_groups = groups_30;
  }
  return r;
}

constexpr std::array series_names{"1.0.1"sv, "1.0.2"sv, "1.1.0"sv, "1.1.1"sv, "3.0"sv, "3.1"sv,
                                  "3.2"sv,   "3.3"sv,   "3.4"sv,   "3.5"sv,   "3.6"sv, "4.0"sv};

int number(std::string_view s) {
  int n = 0;
  std::from_chars(s.data(), s.data() + s.size(), n);
  return n;
}

std::array<int, 3> parts(std::string_view v) {
  std::array<int, 3> out{};
  for (std::size_t i = 0; i < 3 && !v.empty(); ++i) {
    const std::size_t dot = v.find('.');
    out[i] = number(v.substr(0, dot));
    v = dot == std::string_view::npos ? std::string_view() : v.substr(dot + 1);
  }
  return out;
}

}  // namespace

bool series_at_least(std::string_view have, std::string_view want) noexcept {
  return parts(have) >= parts(want);
}

const handshake_rules& handshake_rules_of(const catalog& release) noexcept {
  static const auto all = [] {
    std::array<handshake_rules, series_names.size()> out;
    for (std::size_t i = 0; i < series_names.size(); ++i) out[i] = rules_for(series_names[i]);
    return out;
  }();
  for (const auto& r : all)
    if (r.series == release.series()) return r;
  return all.back();
}

std::span<const group_info> known_groups() noexcept { return groups; }

const group_info* find_group(std::string_view name, bool case_insensitive) noexcept {
  const auto same = [&](std::string_view a) {
    return case_insensitive ? equal_ignoring_case(a, name) : a == name;
  };
  for (const auto& g : groups) {
    if (same(g.name)) return &g;
    bool hit = false;
    std::string_view rest = g.aliases;
    while (!rest.empty() && !hit) {
      const std::size_t space = rest.find(' ');
      hit = same(rest.substr(0, space));
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
    if (hit) return &g;
  }
  return nullptr;
}

const group_info* group_by_id(std::uint16_t id) noexcept {
  for (const auto& g : groups)
    if (g.id == id) return &g;
  return nullptr;
}

std::span<const sigalg_info> default_sigalgs(const handshake_rules& rules) noexcept {
  if (!rules.tls13) return sigalgs_before_111;
  return sigalgs;
}

int key_security_bits(bool rsa, int bits, const handshake_rules& rules) noexcept {
  if (!rsa) return bits / 2;
  // BN_security_bits (1.1.1); 3.0+ ossl_ifc_ffc_compute_security_bits, which rates 4096 at 152.
  if (bits >= 15360) return 256;
  if (bits >= 7680) return 192;
  if (rules.rsa4096_152_bits && bits >= 4096) return 152;
  if (bits >= 3072) return 128;
  if (bits >= 2048) return 112;
  if (bits >= 1024) return 80;
  return 0;
}

int level_bits(int level) noexcept {
  constexpr std::array<int, 6> bits{0, 80, 112, 128, 192, 256};
  return level <= 0 ? 0 : level >= 5 ? 256 : bits[static_cast<std::size_t>(level)];
}

}  // namespace cipherexplain::detail

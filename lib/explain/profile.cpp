// Mozilla's server-side TLS recommendations, version 5.8 (mozilla/ssl-config-generator,
// src/static/guidelines/5.8.json): the TLS 1.3 suites every profile allows, plus the TLS 1.2
// suites of the intermediate and old profiles.

#include <cipherexplain/profile.hpp>

#include <algorithm>
#include <array>

namespace cipherexplain {
namespace {

constexpr std::array<std::string_view, 3> modern{"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                                                 "TLS_CHACHA20_POLY1305_SHA256"};

constexpr std::array<std::string_view, 9> intermediate{
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
};

constexpr std::array<std::string_view, 24> old{
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
    "TLS_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_RSA_WITH_AES_128_CBC_SHA256",
    "TLS_RSA_WITH_AES_256_CBC_SHA256",
    "TLS_RSA_WITH_AES_128_CBC_SHA",
    "TLS_RSA_WITH_AES_256_CBC_SHA",
    "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
};

constexpr std::array<profile, 3> known{
    profile{"mozilla-modern", "Mozilla server-side TLS 5.8, modern: TLS 1.3 only", modern},
    profile{"mozilla-intermediate", "Mozilla server-side TLS 5.8, intermediate", intermediate},
    profile{"mozilla-old", "Mozilla server-side TLS 5.8, old: for very old clients", old},
};

}  // namespace

std::span<const profile> profiles() noexcept { return known; }

const profile* find_profile(std::string_view name) noexcept {
  for (const profile& p : known) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::vector<const cipher*> violations(const profile& p, std::span<const cipher* const> suites) {
  std::vector<const cipher*> out;
  for (const cipher* s : suites) {
    // By IANA name: catalogs before 1.1.1 carry the names 1.1.1 gives the same code points.
    const bool allowed = std::any_of(
        p.allowed.begin(), p.allowed.end(),
        [&](std::string_view iana) { return !s->stdname.empty() && s->stdname == iana; });
    if (!allowed) out.push_back(s);
  }
  return out;
}

}  // namespace cipherexplain

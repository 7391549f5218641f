// SPDX-License-Identifier: Apache-2.0
#include "generated_handshakes.hpp"

#include <array>
#include <string_view>

namespace cipherexplain::testing {
namespace {

using namespace std::string_view_literals;

// Real strings: the recordings' random part, servers' and Python's defaults, Mozilla's
// profiles, and single keywords that each exercise one rule of the model.
constexpr std::array cipher_strings{
    "DEFAULT"sv,
    "ALL"sv,
    "ALL:@SECLEVEL=0"sv,
    "HIGH:!aNULL:!MD5"sv,
    "HIGH:MEDIUM:!MD5:!RC4:!3DES"sv,
    "HIGH:@SECLEVEL=3"sv,
    "DEFAULT:@SECLEVEL=1"sv,
    "DEFAULT:@SECLEVEL=0"sv,
    "DEFAULT:!ECDHE"sv,
    "ECDHE+AESGCM"sv,
    "kECDHE"sv,
    "kDHE"sv,
    "kRSA"sv,
    "kRSA:@SECLEVEL=0"sv,
    "aRSA"sv,
    "aECDSA"sv,
    "CHACHA20"sv,
    "AESCCM"sv,
    "ARIA"sv,
    "CAMELLIA"sv,
    "3DES:@SECLEVEL=0"sv,
    "SHA1"sv,
    "aNULL:@SECLEVEL=0"sv,
    "eNULL:@SECLEVEL=0"sv,
    "PSK"sv,
    "AES256-GCM-SHA384"sv,
    "AES128-SHA"sv,
    "DHE-RSA-AES256-GCM-SHA384"sv,
    "ECDHE-RSA-AES128-GCM-SHA256"sv,
    "ECDHE-ECDSA-AES128-GCM-SHA256"sv,
    "ECDHE-ECDSA-AES128-SHA"sv,
    "ECDHE-RSA-AES256-SHA384:ECDHE-ECDSA-AES256-SHA384"sv,
    "ECDH+AESGCM:ECDH+CHACHA20:DH+AESGCM:DH+CHACHA20:ECDH+AES256:DH+AES256:ECDH+AES128:DH+AES:"
    "ECDH+HIGH:DH+HIGH:RSA+AESGCM:RSA+AES:RSA+HIGH:!aNULL:!eNULL:!MD5:!3DES"sv,
    "@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM"sv,
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305"sv,
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305:"
    "ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA:"
    "ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384:"
    "ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA256:DHE-RSA-AES256-SHA256:"
    "AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA256:AES256-SHA256:AES128-SHA:AES256-SHA:"
    "DES-CBC3-SHA"sv,
    "NULL-SHA256:@SECLEVEL=0"sv,
    "ADH:AECDH:@SECLEVEL=0"sv,
};
constexpr std::array suites{
    ""sv,
    "TLS_AES_128_GCM_SHA256"sv,
    "TLS_AES_256_GCM_SHA384"sv,
    "TLS_CHACHA20_POLY1305_SHA256"sv,
    "TLS_AES_128_CCM_SHA256:TLS_AES_128_GCM_SHA256"sv,
    "TLS_AES_128_CCM_8_SHA256"sv,
    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"sv,
    "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256"sv,
    "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384"sv,
    "TLS_SHA384_SHA384:TLS_AES_128_GCM_SHA256"sv,
    "tls_aes_128_gcm_sha256:TLS_CHACHA20_POLY1305_SHA256"sv,
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384"sv,
    "TLS_RSA_WITH_AES_128_CBC_SHA"sv,
};
constexpr std::array bounds{"TLS1"sv, "TLS1.1"sv, "TLS1.2"sv, "TLS1.3"sv, "0"sv};
constexpr std::array certs{"rsa2048"sv,    "rsa1024"sv,    "rsa3072"sv,
                           "ecdsa-p256"sv, "ecdsa-p384"sv, "both"sv};
constexpr std::array groups{"X25519"sv,
                            "P-256"sv,
                            "P-384"sv,
                            "P-521"sv,
                            "X448"sv,
                            "P-256:X25519"sv,
                            "X25519:P-256:P-384"sv,
                            "P-384:P-256"sv,
                            "ffdhe2048"sv,
                            "ffdhe2048:X25519"sv,
                            "ffdhe3072:ffdhe2048"sv,
                            "X448:P-521"sv};

// splitmix64: the same numbers everywhere (std distributions are not specified exactly).
struct generator {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(unsigned percent) { return below(100) < percent; }
  template <typename Pool>
  std::string pick(const Pool& pool) {
    return std::string(pool[below(pool.size())]);
  }
};

side_fields draw_side(generator& g, bool server) {
  side_fields s;
  if (g.chance(80)) s.emplace_back("ciphers", g.pick(cipher_strings));
  if (g.chance(45)) s.emplace_back("ciphersuites", g.pick(suites));
  if (g.chance(40)) s.emplace_back("min", g.pick(bounds));
  if (g.chance(40)) s.emplace_back("max", g.pick(bounds));
  if (g.chance(60)) s.emplace_back("seclevel", std::to_string(g.below(6)));
  if (g.chance(15)) s.emplace_back("groups", g.pick(groups));
  if (server) {
    s.emplace_back("prefer_server", g.chance(50) ? "true" : "false");
    s.emplace_back("cert", g.pick(certs));
    if (g.chance(8)) s.emplace_back("cert_first", "true");
  }
  return s;
}

}  // namespace

std::vector<generated_pair> generated_handshakes(std::size_t count, std::uint64_t seed) {
  generator g{seed};
  std::vector<generated_pair> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    generated_pair p;
    p.client = draw_side(g, false);
    p.server = draw_side(g, true);
    out.push_back(std::move(p));
  }
  return out;
}

std::string describe_pair(const generated_pair& pair) {
  const auto side = [](const side_fields& fields) {
    std::string out = "{";
    for (const auto& [key, value] : fields) {
      if (out.size() > 1) out += ", ";
      out += key + "=" + value;
    }
    return out + "}";
  };
  return side(pair.client) + " -> " + side(pair.server);
}

}  // namespace cipherexplain::testing

// SPDX-License-Identifier: Apache-2.0
#include "generated_configurations.hpp"

#include "oracle_data.hpp"

#include <array>
#include <string_view>

namespace cipherexplain::testing {
namespace {

// splitmix64: small, fast, and the same sequence everywhere.
class sequence {
 public:
  explicit sequence(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
  }
  /// 0 .. n-1 (n > 0); the modulo bias is irrelevant here.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool one_in(std::size_t n) { return below(n) == 0; }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& from) {
    return from[below(N)];
  }

 private:
  std::uint64_t state_;
};

// Every TLS 1.3 suite some release knows: RFC 8446's five, RFC 9150's integrity-only pair
// (3.5+), RFC 8998's SM4 pair (4.0+).
constexpr std::array<std::string_view, 9> tls13_names{
    "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",   "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256", "TLS_SHA256_SHA256",
    "TLS_SHA384_SHA384",      "TLS_SM4_GCM_SM3",          "TLS_SM4_CCM_SM3"};

// TLS 1.2 (and older) suites by IANA name: usable, missing from the default provider,
// anonymous, PSK, SRP, NULL, export-era and ones no release has.
constexpr std::array<std::string_view, 32> tls12_names{
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8",
    "TLS_ECDHE_ECDSA_WITH_AES_256_CCM",
    "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
    "TLS_RSA_WITH_AES_128_CBC_SHA",
    "TLS_RSA_WITH_AES_256_CBC_SHA256",
    "TLS_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_RSA_WITH_AES_128_CCM_8",
    "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
    "TLS_RSA_WITH_NULL_SHA256",
    "TLS_RSA_WITH_NULL_MD5",
    "TLS_RSA_WITH_RC4_128_SHA",
    "TLS_RSA_WITH_RC4_128_MD5",
    "TLS_RSA_WITH_SEED_CBC_SHA",
    "TLS_RSA_WITH_IDEA_CBC_SHA",
    "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA",
    "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384",
    "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256",
    "TLS_DH_anon_WITH_AES_128_CBC_SHA",
    "TLS_ECDH_anon_WITH_AES_256_CBC_SHA",
    "TLS_PSK_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384",
    "TLS_SRP_SHA_WITH_AES_128_CBC_SHA",
    "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA",
    "TLS_ECDHE_ECDSA_WITH_NULL_SHA",
    "TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC",
    "TLS_RSA_EXPORT_WITH_RC4_40_MD5",
    "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256"};

constexpr std::array<std::string_view, 2> scsv_names{"TLS_FALLBACK_SCSV",
                                                     "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"};

// OpenSSL's own spellings, which SSL_CTX_set_ciphersuites knows nowhere.
constexpr std::array<std::string_view, 10> openssl_names{"ECDHE-RSA-AES128-GCM-SHA256",
                                                         "ECDHE-ECDSA-AES256-GCM-SHA384",
                                                         "AES128-SHA",
                                                         "DES-CBC3-SHA",
                                                         "ECDHE-ECDSA-CHACHA20-POLY1305",
                                                         "AES256-CCM8",
                                                         "NULL-SHA256",
                                                         "ADH-AES128-SHA",
                                                         "PSK-AES128-GCM-SHA256",
                                                         "SRP-AES-128-CBC-SHA"};

// Cipher-string syntax, which means nothing to SSL_CTX_set_ciphersuites.
constexpr std::array<std::string_view, 16> cipher_string_words{
    "DEFAULT",     "HIGH",      "ALL",         "TLSv1.3",     "!aNULL", "-SHA1",
    "+AESGCM",     "@STRENGTH", "@SECLEVEL=0", "@SECLEVEL=3", "!X",     "COMPLEMENTOFALL",
    "@SECLEVEL=5", "AESGCM",    "TLS13",       "aRSA+kEECDH"};

// White space (CONF_parse_list trims what isspace() says) and bytes it does not trim.
constexpr std::array<std::string_view, 10> spaces{" ",  "  ", "\t",   "\v",   "\f",
                                                  "\r", "\n", " \t ", "\x7f", "\xa0"};

// Element separators: only ':' separates; the others make one (unknown) element.
constexpr std::array<std::string_view, 14> separators{":", ":",  ":", ":", ":", ":",   ":",
                                                      ":", "::", ",", ";", " ", " : ", ":::"};

// Real cipher strings: defaults, server and library configurations, single keywords, Suite B,
// levels in the string, and strings that select nothing or fail.
constexpr std::array<std::string_view, 44> cipher_lists{
    "DEFAULT",
    "HIGH:!aNULL",
    "HIGH:!aNULL:!MD5",
    "ALL:COMPLEMENTOFALL",
    "ALL",
    "kRSA",
    "aNULL",
    "eNULL",
    "3DES",
    "SUITEB128",
    "SUITEB128ONLY",
    "SUITEB128C2",
    "SUITEB192",
    "@SECLEVEL=0:ALL",
    "ALL:@SECLEVEL=0",
    "ALL:COMPLEMENTOFALL:@SECLEVEL=0",
    "DEFAULT:@SECLEVEL=1",
    "DEFAULT:@SECLEVEL=3",
    "HIGH:@SECLEVEL=5",
    "SHA1",
    "MD5",
    "RC4",
    "PSK",
    "SRP",
    "aECDSA",
    "ECDHE+AESGCM:ECDHE+CHACHA20",
    "AESCCM",
    "AESCCM8",
    "CAMELLIA:ARIA:SEED",
    "HIGH:MEDIUM:!MD5:!RC4:!3DES",
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384",
    "ECDH+AESGCM:ECDH+CHACHA20:DH+AESGCM:ECDH+AES256:DH+AES256:ECDH+AES128:DH+AES:"
    "RSA+AESGCM:RSA+AES:!aNULL:!eNULL:!MD5:!DSS",
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA:DES-CBC3-SHA:"
    "@SECLEVEL=0",
    "COMPLEMENTOFDEFAULT",
    "DEFAULT:!TLSv1.2",
    "TLSv1.2",
    "TLSv1",
    "kECDHE:kDHE:!SHA1",
    "eNULL:@SECLEVEL=0",
    "ALL:+SHA1:@STRENGTH",
    "!ALL",
    "FOO",
    "HIHG:!aNULL",
    "TLS_AES_128_GCM_SHA256"};

constexpr std::array<std::string_view, 8> list_suffixes{
    ":@SECLEVEL=0", ":@SECLEVEL=2", ":@SECLEVEL=4", ":!SHA1", ":-ALL", ":!kRSA", ":@STRENGTH", ":"};

// Protocol bounds: none, SSL 3.0 (which TLS_method() accepts as a bound) and TLS 1.0 - 1.3.
constexpr std::array<std::uint16_t, 6> bounds{
    0, version::sslv3, version::tlsv1, version::tlsv1_1, version::tlsv1_2, version::tlsv1_3};

// SSL_OP_NO_* sets as servers write them, holes included (TLS 1.1 off between 1.0 and 1.2...).
constexpr std::array<std::uint8_t, 10> option_sets{
    protocols_only(protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3),
    protocols_only(protocol_bit::tlsv1_3),
    protocols_only(protocol_bit::tlsv1_2),
    protocols_only(protocol_bit::tlsv1 | protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3),
    protocol_bit::tlsv1_1,
    protocol_bit::tlsv1_2,
    protocol_bit::tlsv1 | protocol_bit::tlsv1_2,
    protocol_bit::tlsv1_3,
    protocol_bit::sslv3,
    0x1f};

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A valid name changed a little: case, truncation, a typo, a stray byte, '-' for '_'.
std::string near_miss(sequence& rng, std::string name) {
  switch (rng.below(8)) {
    case 0:
      for (char& c : name) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      break;
    case 1:
      for (char& c : name) {
        if (is_letter(c) && rng.one_in(2)) c = static_cast<char>(c ^ 0x20);
      }
      break;
    case 2:
      name.resize(1 + rng.below(name.size() - 1));
      break;
    case 3: {
      const std::size_t at = rng.below(name.size() - 1);
      std::swap(name[at], name[at + 1]);
      break;
    }
    case 4: {
      const std::size_t at = rng.below(name.size() + 1);
      name.insert(at, 1, "X_0-\xc3\xe9"[rng.below(6)]);
      break;
    }
    case 5:
      for (char& c : name) {
        if (c == '_') c = '-';
      }
      break;
    case 6:
      name.erase(rng.below(name.size()), 1);
      break;
    default:
      name += rng.one_in(2) ? "_" : "\xff";
      break;
  }
  return name;
}

// One element of a ciphersuites string.
std::string suite_element(sequence& rng) {
  std::string out;
  const std::size_t kind = rng.below(100);
  if (kind < 40) {
    out = rng.pick(tls13_names);
  } else if (kind < 54) {
    out = rng.pick(tls12_names);
  } else if (kind < 59) {
    out = rng.pick(scsv_names);
  } else if (kind < 65) {
    out = rng.pick(openssl_names);
  } else if (kind < 83) {
    out =
        near_miss(rng, std::string(rng.one_in(4) ? rng.pick(tls12_names) : rng.pick(tls13_names)));
  } else if (kind < 91) {
    out = rng.pick(cipher_string_words);
  } else if (kind < 94) {
    // Around the 80-byte buffer ciphersuite_cb copies each element into.
    out = rng.pick(tls13_names);
    out.append(78 + rng.below(4) - out.size(), '_');
    if (rng.one_in(3)) out.append(100, 'A');
  } else if (kind < 97) {
    out = "";
  } else {
    out = rng.one_in(2) ? "TLS_" : "foo";
  }
  if (rng.one_in(7)) out = std::string(rng.pick(spaces)) + out;
  if (rng.one_in(7)) out += rng.pick(spaces);
  return out;
}

std::string ciphersuites(sequence& rng) {
  const std::size_t kind = rng.below(100);
  if (kind < 6) return "";
  if (kind < 9) {
    constexpr std::array<std::string_view, 6> odd{":", "::", " ", "\t", ": :", ",,"};
    return std::string(rng.pick(odd));
  }
  std::size_t elements = 1 + rng.below(rng.one_in(3) ? 8 : 3);
  if (rng.one_in(40)) elements = 30 + rng.below(300);  // long lists: duplicates galore
  std::string out = rng.one_in(15) ? ":" : "";
  for (std::size_t i = 0; i < elements; ++i) {
    if (i > 0) out += rng.pick(separators);
    out += suite_element(rng);
  }
  if (rng.one_in(15)) out += ":";
  return out;
}

std::string cipher_list(sequence& rng) {
  const std::size_t kind = rng.below(100);
  if (kind < 3) return "";
  std::string out(rng.pick(cipher_lists));
  if (kind < 70) return out;
  // (One draw per statement: the operands of '+' are evaluated in no fixed order.)
  if (kind < 82) return out.append(rng.pick(list_suffixes));
  if (kind < 92) return out.append(":").append(rng.pick(cipher_lists));
  if (kind < 96) return std::string("DEFAULT:").append(rng.pick(tls12_names));
  // Two cipher strings with white space or ',' between them.
  out += rng.one_in(2) ? " " : ",";
  return out.append(rng.pick(cipher_lists));
}

std::uint8_t disabled_protocols(sequence& rng) {
  const std::size_t kind = rng.below(10);
  if (kind < 6) return 0;
  if (kind < 8) return rng.pick(option_sets);
  return static_cast<std::uint8_t>(rng.below(32));
}

}  // namespace

std::vector<tls_configuration> generated_configurations(std::size_t count, std::uint64_t seed) {
  sequence rng(seed);
  std::vector<tls_configuration> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    tls_configuration c;
    if (!rng.one_in(5)) c.cipher_list = cipher_list(rng);
    if (!rng.one_in(4)) c.ciphersuites = ciphersuites(rng);
    if (!rng.one_in(7)) c.security_level = static_cast<int>(rng.below(6));
    // Every pair of bounds within each run of 36 configurations.
    c.min_protocol = bounds[i % bounds.size()];
    c.max_protocol = bounds[(i / bounds.size()) % bounds.size()];
    c.disabled_protocols = disabled_protocols(rng);
    c.ciphersuites_first = rng.one_in(2);
    out.push_back(std::move(c));
  }
  return out;
}

std::string describe_configuration(const tls_configuration& config) {
  std::string out;
  const auto field = [&](std::string_view key, const std::string& value) {
    if (!out.empty()) out += ' ';
    out += key;
    out += '=';
    out += value;
  };
  const auto bound = [](std::uint16_t v) {
    return v == 0 ? std::string("none") : std::string(protocol_version_name(v));
  };
  field("order", config.ciphersuites_first ? "suites-first" : "list-first");
  field("level", config.security_level ? std::to_string(*config.security_level) : "-");
  field("min", bound(config.min_protocol));
  field("max", bound(config.max_protocol));
  if (config.disabled_protocols != 0) {
    std::string off;
    constexpr std::array<std::string_view, 5> bit_names{"SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2",
                                                        "TLSv1.3"};
    for (std::size_t b = 0; b < bit_names.size(); ++b) {
      if ((config.disabled_protocols >> b) & 1u) {
        if (!off.empty()) off += ',';
        off += bit_names[b];
      }
    }
    field("no", off);
  }
  field("cipher_list", config.cipher_list ? printable(*config.cipher_list) : "-");
  field("ciphersuites", config.ciphersuites ? printable(*config.ciphersuites) : "-");
  return out;
}

}  // namespace cipherexplain::testing

// SPDX-License-Identifier: Apache-2.0
#include "catalog/algorithms.hpp"

#include <cipherexplain/cipher.hpp>

#include <array>
#include <utility>

namespace cipherexplain::detail {
namespace {

struct symbol {
  std::string_view name;
  std::uint32_t bit;
};

// Data-file symbols: OpenSSL's macro names without the SSL_ prefix. 1.0.x's kEDH/kEECDH are the
// same roles as kDHE/kECDHE and share their bits.
constexpr std::array kx_symbols{
    symbol{"kRSA", kx::rsa},           symbol{"kDHr", kx::dh_rsa},
    symbol{"kDHd", kx::dh_dss},        symbol{"kDHE", kx::dhe},
    symbol{"kEDH", kx::dhe},           symbol{"kECDHr", kx::ecdh_rsa},
    symbol{"kECDHe", kx::ecdh_ecdsa},  symbol{"kECDHE", kx::ecdhe},
    symbol{"kEECDH", kx::ecdhe},       symbol{"kKRB5", kx::krb5},
    symbol{"kPSK", kx::psk},           symbol{"kSRP", kx::srp},
    symbol{"kGOST", kx::gost},         symbol{"kRSAPSK", kx::rsapsk},
    symbol{"kECDHEPSK", kx::ecdhepsk}, symbol{"kDHEPSK", kx::dhepsk},
    symbol{"kGOST18", kx::gost18},
};
constexpr std::array au_symbols{
    symbol{"aRSA", au::rsa},       symbol{"aDSS", au::dss},       symbol{"aNULL", au::null},
    symbol{"aDH", au::dh},         symbol{"aECDH", au::ecdh},     symbol{"aKRB5", au::krb5},
    symbol{"aECDSA", au::ecdsa},   symbol{"aPSK", au::psk},       symbol{"aGOST94", au::gost94},
    symbol{"aGOST01", au::gost01}, symbol{"aGOST12", au::gost12}, symbol{"aSRP", au::srp},
};
constexpr std::array enc_symbols{
    symbol{"DES", enc::des},
    symbol{"3DES", enc::des3},
    symbol{"RC4", enc::rc4},
    symbol{"RC2", enc::rc2},
    symbol{"IDEA", enc::idea},
    symbol{"eNULL", enc::null},
    symbol{"AES128", enc::aes128},
    symbol{"AES256", enc::aes256},
    symbol{"CAMELLIA128", enc::camellia128},
    symbol{"CAMELLIA256", enc::camellia256},
    symbol{"GOST89", enc::gost89},
    symbol{"SEED", enc::seed},
    symbol{"AES128GCM", enc::aes128gcm},
    symbol{"AES256GCM", enc::aes256gcm},
    symbol{"AES128CCM", enc::aes128ccm},
    symbol{"AES256CCM", enc::aes256ccm},
    symbol{"AES128CCM8", enc::aes128ccm8},
    symbol{"AES256CCM8", enc::aes256ccm8},
    symbol{"GOST8912", enc::gost8912},
    symbol{"CHACHA20POLY1305", enc::chacha20poly1305},
    symbol{"ARIA128GCM", enc::aria128gcm},
    symbol{"ARIA256GCM", enc::aria256gcm},
    symbol{"MAGMA", enc::magma},
    symbol{"KUZNYECHIK", enc::kuznyechik},
    symbol{"SM4GCM", enc::sm4gcm},
    symbol{"SM4CCM", enc::sm4ccm},
};
constexpr std::array mac_symbols{
    symbol{"MD5", mac::md5},
    symbol{"SHA1", mac::sha1},
    symbol{"GOST94", mac::gost94},
    symbol{"GOST89MAC", mac::gost89mac},
    symbol{"SHA256", mac::sha256},
    symbol{"SHA384", mac::sha384},
    symbol{"AEAD", mac::aead},
    symbol{"GOST12_256", mac::gost12_256},
    symbol{"GOST89MAC12", mac::gost89mac12},
    symbol{"GOST12_512", mac::gost12_512},
    symbol{"MAGMAOMAC", mac::magmaomac},
    symbol{"KUZNYECHIKOMAC", mac::kuznyechikomac},
    symbol{"SM3", mac::sm3},
};

template <std::size_t N>
std::optional<std::uint32_t> find_bit(const std::array<symbol, N>& table, std::string_view name) {
  for (const symbol& s : table) {
    if (s.name == name) return s.bit;
  }
  return std::nullopt;
}
template <std::size_t N>
std::string_view find_name(const std::array<symbol, N>& table, std::uint32_t bit) {
  for (const symbol& s : table) {
    if (s.bit == bit) return s.name;
  }
  return "?";
}
template <std::size_t N>
std::uint32_t union_of(const std::array<symbol, N>& table) {
  std::uint32_t bits = 0;
  for (const symbol& s : table) bits |= s.bit;
  return bits;
}

}  // namespace

std::optional<std::uint32_t> symbol_bit(algorithm_field f, std::string_view name) noexcept {
  if (name == "any") return 0u;
  switch (f) {
    case algorithm_field::kx:
      return find_bit(kx_symbols, name);
    case algorithm_field::au:
      return find_bit(au_symbols, name);
    case algorithm_field::enc:
      return find_bit(enc_symbols, name);
    case algorithm_field::mac:
      return find_bit(mac_symbols, name);
  }
  return std::nullopt;
}

std::string_view bit_symbol(algorithm_field f, std::uint32_t bit) noexcept {
  switch (f) {
    case algorithm_field::kx:
      return find_name(kx_symbols, bit);
    case algorithm_field::au:
      return find_name(au_symbols, bit);
    case algorithm_field::enc:
      return find_name(enc_symbols, bit);
    case algorithm_field::mac:
      return find_name(mac_symbols, bit);
  }
  return "?";
}

std::uint32_t all_bits(algorithm_field f) noexcept {
  switch (f) {
    case algorithm_field::kx:
      return union_of(kx_symbols);
    case algorithm_field::au:
      return union_of(au_symbols);
    case algorithm_field::enc:
      return union_of(enc_symbols);
    case algorithm_field::mac:
      return union_of(mac_symbols);
  }
  return 0;
}

std::optional<std::uint16_t> strength_flag(std::string_view name) noexcept {
  static constexpr std::array<std::pair<std::string_view, std::uint16_t>, 10> flags{{
      {"NOT_EXP", strength::not_exp},
      {"EXPORT", strength::export_grade},
      {"STRONG_NONE", strength::none},
      {"EXP40", strength::exp40},
      {"EXP56", strength::exp56},
      {"LOW", strength::low},
      {"MEDIUM", strength::medium},
      {"HIGH", strength::high},
      {"FIPS", strength::fips},
      {"NOT_DEFAULT", strength::not_default},
  }};
  for (const auto& [n, v] : flags) {
    if (n == name) return v;
  }
  return std::nullopt;
}

std::optional<std::uint16_t> version_value(std::string_view name) noexcept {
  static constexpr std::array<std::pair<std::string_view, std::uint16_t>, 11> versions{{
      {"-", version::none},
      {"SSLv2", version::sslv2},
      {"SSLv3", version::sslv3},
      {"TLSv1", version::tlsv1},
      {"TLSv1.0", version::tlsv1},
      {"TLSv1.1", version::tlsv1_1},
      {"TLSv1.2", version::tlsv1_2},
      {"TLSv1.3", version::tlsv1_3},
      {"DTLSbad", version::dtls_bad},
      {"DTLSv1", version::dtlsv1},
      {"DTLSv1.2", version::dtlsv1_2},
  }};
  for (const auto& [n, v] : versions) {
    if (n == name) return v;
  }
  return std::nullopt;
}

std::optional<std::uint32_t> handshake_digest_value(std::string_view name) noexcept {
  if (name == "-" || name == "DEFAULT" || name == "MD5_SHA1") return 0u;
  if (name == "MD5") return mac::md5;
  if (name == "SHA" || name == "SHA1") return mac::sha1;
  if (name == "SHA256") return mac::sha256;
  if (name == "SHA384") return mac::sha384;
  if (name == "GOST94") return mac::gost94;
  if (name == "GOST12_256") return mac::gost12_256;
  if (name == "GOST12_512") return mac::gost12_512;
  if (name == "SM3") return mac::sm3;
  return std::nullopt;
}

}  // namespace cipherexplain::detail

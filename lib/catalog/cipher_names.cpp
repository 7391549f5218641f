// SPDX-License-Identifier: Apache-2.0
// The words `openssl ciphers -v` (SSL_CIPHER_description) prints for a suite.

#include <cipherexplain/cipher.hpp>

#include <fmt/format.h>

namespace cipherexplain {

std::string id_hex(const cipher& suite) {
  if (suite.table == cipher_table::ssl2) return fmt::format("0x{:06X}", suite.id & 0xffffffu);
  return fmt::format("0x{:04X}", suite.code_point());
}

std::string hex_code(const cipher& suite) {
  if (suite.table == cipher_table::ssl2) {
    return fmt::format("0x{:02X},0x{:02X},0x{:02X}", (suite.id >> 16) & 0xffu,
                       (suite.id >> 8) & 0xffu, suite.id & 0xffu);
  }
  return fmt::format("0x{:02X},0x{:02X}", (suite.id >> 8) & 0xffu, suite.id & 0xffu);
}

std::string_view protocol_name(const cipher& suite) noexcept {
  switch (suite.min_tls) {
    case version::sslv2:
      return "SSLv2";
    case version::sslv3:
      return "SSLv3";
    case version::tlsv1:
      return "TLSv1";
    case version::tlsv1_1:
      return "TLSv1.1";
    case version::tlsv1_2:
      return "TLSv1.2";
    case version::tlsv1_3:
      return "TLSv1.3";
    default:
      return "unknown";
  }
}

std::string_view kx_name(const cipher& suite) noexcept {
  switch (suite.kx) {
    case 0:
      return "any";
    case kx::rsa:
      return "RSA";
    case kx::dh_rsa:
      return "DH/RSA";
    case kx::dh_dss:
      return "DH/DSS";
    case kx::krb5:
      return "KRB5";
    case kx::dhe:
      return "DH";
    case kx::ecdh_rsa:
      return "ECDH/RSA";
    case kx::ecdh_ecdsa:
      return "ECDH/ECDSA";
    case kx::ecdhe:
      return "ECDH";
    case kx::psk:
      return "PSK";
    case kx::rsapsk:
      return "RSAPSK";
    case kx::ecdhepsk:
      return "ECDHEPSK";
    case kx::dhepsk:
      return "DHEPSK";
    case kx::srp:
      return "SRP";
    case kx::gost:
      return "GOST";
    case kx::gost18:
      return "GOST18";
    default:
      return "unknown";
  }
}

std::string_view au_name(const cipher& suite) noexcept {
  switch (suite.au) {
    case 0:
      return "any";
    case au::rsa:
      return "RSA";
    case au::dss:
      return "DSS";
    case au::dh:
      return "DH";
    case au::krb5:
      return "KRB5";
    case au::ecdh:
      return "ECDH";
    case au::null:
      return "None";
    case au::ecdsa:
      return "ECDSA";
    case au::psk:
      return "PSK";
    case au::srp:
      return "SRP";
    case au::gost94:
      return "GOST94";
    case au::gost01:
      return "GOST01";
    // The newer GOST suites carry both GOST signature bits.
    case au::gost12 | au::gost01:
      return "GOST12";
    default:
      return "unknown";
  }
}

std::string enc_name(const cipher& suite) {
  switch (suite.enc) {
    case enc::des:
      return "DES(56)";
    case enc::des3:
      return "3DES(168)";
    case enc::rc4:
      return fmt::format("RC4({})", suite.alg_bits);
    case enc::rc2:
      return fmt::format("RC2({})", suite.alg_bits);
    case enc::idea:
      return "IDEA(128)";
    case enc::null:
      return "None";
    case enc::aes128:
      return "AES(128)";
    case enc::aes256:
      return "AES(256)";
    case enc::aes128gcm:
      return "AESGCM(128)";
    case enc::aes256gcm:
      return "AESGCM(256)";
    case enc::aes128ccm:
      return "AESCCM(128)";
    case enc::aes256ccm:
      return "AESCCM(256)";
    case enc::aes128ccm8:
      return "AESCCM8(128)";
    case enc::aes256ccm8:
      return "AESCCM8(256)";
    case enc::camellia128:
      return "Camellia(128)";
    case enc::camellia256:
      return "Camellia(256)";
    case enc::aria128gcm:
      return "ARIAGCM(128)";
    case enc::aria256gcm:
      return "ARIAGCM(256)";
    case enc::seed:
      return "SEED(128)";
    case enc::gost89:
    case enc::gost8912:
      return "GOST89(256)";
    case enc::magma:
      return "MAGMA";
    case enc::kuznyechik:
      return "KUZNYECHIK";
    case enc::chacha20poly1305:
      return "CHACHA20/POLY1305(256)";
    case enc::sm4gcm:
      return "SM4GCM";
    case enc::sm4ccm:
      return "SM4CCM";
    default:
      return "unknown";
  }
}

std::string_view mac_name(const cipher& suite) noexcept {
  switch (suite.mac) {
    case mac::md5:
      return "MD5";
    case mac::sha1:
      return "SHA1";
    case mac::sha256:
      return "SHA256";
    case mac::sha384:
      return "SHA384";
    case mac::aead:
      return "AEAD";
    case mac::gost89mac:
    case mac::gost89mac12:
      return "GOST89";
    case mac::gost94:
      return "GOST94";
    case mac::gost12_256:
    case mac::gost12_512:
      return "GOST2012";
    default:
      return "unknown";
  }
}

}  // namespace cipherexplain

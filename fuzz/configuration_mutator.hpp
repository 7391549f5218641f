// SPDX-License-Identifier: Apache-2.0
#pragma once
// The input of configuration_fuzzer, a TLS configuration in bytes, and structure-aware
// mutators for it and for SSL_CTX_set_ciphersuites() strings.
//
// Input layout (any bytes are a valid input; missing control bytes count as 0):
//
//   byte 0   bits 0-2  SSL_CTX_set_security_level: 1-6 set level 0-5; 0 and 7 not called
//            bit 3     SSL_CTX_set_ciphersuites before SSL_CTX_set_cipher_list
//            bit 4     SSL_CTX_set_cipher_list not called
//            bit 5     SSL_CTX_set_ciphersuites not called
//   byte 1   bits 0-4  SSL_OP_NO_SSLv3, _TLSv1, _TLSv1_1, _TLSv1_2, _TLSv1_3 (protocol_bit::)
//   byte 2   bits 0-2  SSL_CTX_set_min_proto_version, bits 3-5 the max: 0 not called,
//                      1 SSLv3, 2 TLS 1.0, 3 TLS 1.1, 4 TLS 1.2, 5 TLS 1.3, 6 called with 0,
//                      7 TLS 1.2
//   then     the cipher string, up to the first NUL;
//            after that NUL, the ciphersuites string: the rest, NUL bytes included (OpenSSL
//            reads up to the next one). Without a NUL, SSL_CTX_set_ciphersuites is not called.
//
// The ciphersuites mutator edits a string element by element (':' only separates them):
// inserts, replaces, deletes, swaps and duplicates TLS 1.3 names of every release, TLS 1.2
// IANA and OpenSSL names, cipher-string words and empty elements; changes case, adds the
// white space OpenSSL trims, wrong separators, names cut short or padded to the 80-byte
// limit, and odd bytes. A quarter of the time it leaves the bytes to libFuzzer. The
// configuration mutator mutates one part at a time: the control bytes, the cipher string
// (with the cipher-string mutator), or the ciphersuites string.

#include "cipher_string_mutator.hpp"

#include <cipherexplain.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::fuzzing {

/// One configuration_fuzzer input, split into its parts.
struct configuration_input {
  std::array<std::uint8_t, 3> controls{};
  std::string cipher_list;                  ///< before the first NUL
  std::optional<std::string> ciphersuites;  ///< after it, when there is one
};

inline constexpr std::size_t control_bytes = 3;

[[nodiscard]] configuration_input decode_configuration(std::string_view bytes);
/// The inverse of decode_configuration (for a cipher list without NUL bytes).
[[nodiscard]] std::string encode_configuration(const configuration_input& input);

/// What the control bytes ask for, call by call.
struct configuration_calls {
  std::optional<int> security_level;
  bool ciphersuites_first = false;
  bool set_cipher_list = true;
  bool set_ciphersuites = false;
  std::uint8_t disabled_protocols = 0;        ///< protocol_bit:: values
  std::optional<std::uint16_t> min_protocol;  ///< not called, or the value passed (0 included)
  std::optional<std::uint16_t> max_protocol;
};

[[nodiscard]] configuration_calls read_calls(const configuration_input& input);
/// The same calls as the library's configuration (texts copied whole, NUL bytes included).
[[nodiscard]] tls_configuration to_configuration(const configuration_input& input);

/// Mutates a ciphersuites string in data[0, size) into at most max_size bytes.
std::size_t mutate_ciphersuites(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                unsigned seed, byte_mutator bytes);

/// Mutates a configuration_fuzzer input in place; returns the new size.
std::size_t mutate_configuration(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                 unsigned seed, byte_mutator bytes);

/// Each part of the result from one input or the other (or spliced from both).
std::size_t cross_configurations(std::string_view a, std::string_view b, std::uint8_t* out,
                                 std::size_t max_size, unsigned seed);

/// The names the ciphersuites mutator draws from, every release's.
struct ciphersuites_words {
  std::vector<std::string> tls13;    ///< TLS 1.3 suite names
  std::vector<std::string> iana;     ///< IANA names of TLS 1.2-and-older suites and SCSVs
  std::vector<std::string> openssl;  ///< OpenSSL names that differ from the IANA name
};
[[nodiscard]] const ciphersuites_words& ciphersuites_vocabulary();

}  // namespace cipherexplain::fuzzing

#define CIPHEREXPLAIN_FUZZ_CONFIGURATION_MUTATOR \
  CIPHEREXPLAIN_FUZZ_MUTATORS(mutate_configuration, cross_configurations)

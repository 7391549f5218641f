// SPDX-License-Identifier: Apache-2.0
// Differential, for handshakes: the negotiation model for the linked libssl's release against a
// real in-process handshake of that libssl (tests/support/real_handshake.cpp: both sides set up
// as the handshake recordings were, over a BIO pair). The outcome - protocol, suite, group,
// certificate, signature, or the failing side, stage and reason - must be the same.
//
// Input layout (any bytes are a valid input; missing bytes count as 0):
//   bytes 0-3  the client's controls, bytes 4-7 the server's:
//     byte 0  bits 0-2 security level (1-6: 0-5; 0, 7: not set); bit 3 cipher list set;
//             bit 4 ciphersuites set; bit 5 (server) prefer_server; bit 6 (server) certificate
//             loaded first
//     byte 1  bits 0-2 min, bits 3-5 max (0 not set, 1 TLS 1.0 ... 4 TLS 1.3, 5 "0", 6-7 not set)
//     byte 2  groups: 0-15 not set, else one of the lists below
//     byte 3  (server) certificate: rsa2048, rsa1024, rsa3072, ecdsa-p256, ecdsa-p384, both
//   then the client's cipher string, its ciphersuites, the server's cipher string and its
//   ciphersuites, each ended by a NUL (a part missing at the end is empty).

#include "fuzz_checks.hpp"
#include "real_handshake.hpp"

#include <cipherexplain.hpp>

#include <fmt/format.h>
#include <openssl/crypto.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace cipherexplain;

namespace {

constexpr std::array<const char*, 5> bounds{"TLS1", "TLS1.1", "TLS1.2", "TLS1.3", "0"};
constexpr std::array<const char*, 6> certs{"rsa2048",    "rsa1024",    "rsa3072",
                                           "ecdsa-p256", "ecdsa-p384", "both"};
constexpr std::array<const char*, 12> group_lists{
    "X25519",    "P-256",     "P-384",        "P-521",           "X448",        "P-256:X25519",
    "ffdhe2048", "ffdhe3072", "X25519:P-384", "ffdhe2048:P-256", "P-384:P-256", "X448:P-521"};

using fields = std::vector<std::pair<std::string, std::string>>;

fields side_of(const std::uint8_t* c, std::string_view list, std::string_view suites, bool server) {
  fields f;
  const int level = c[0] & 7;
  if (level >= 1 && level <= 6) f.emplace_back("seclevel", std::to_string(level - 1));
  if ((c[0] & 8) != 0) f.emplace_back("ciphers", std::string(list));
  if ((c[0] & 16) != 0) f.emplace_back("ciphersuites", std::string(suites));
  const int min = c[1] & 7, max = (c[1] >> 3) & 7;
  if (min >= 1 && min <= 5) f.emplace_back("min", bounds[static_cast<std::size_t>(min - 1)]);
  if (max >= 1 && max <= 5) f.emplace_back("max", bounds[static_cast<std::size_t>(max - 1)]);
  if (c[2] >= 16)
    f.emplace_back("groups", group_lists[static_cast<std::size_t>(c[2]) % group_lists.size()]);
  if (server) {
    f.emplace_back("prefer_server", (c[0] & 32) != 0 ? "true" : "false");
    f.emplace_back("cert", certs[c[3] % certs.size()]);
    if ((c[0] & 64) != 0) f.emplace_back("cert_first", "true");
  }
  return f;
}

testing::real_side real_of(const fields& f) {
  testing::real_side s;
  for (const auto& [key, value] : f) {
    if (key == "ciphers") s.ciphers = value;
    if (key == "ciphersuites") s.ciphersuites = value;
    if (key == "min") s.min = value;
    if (key == "max") s.max = value;
    if (key == "groups") s.groups = value;
    if (key == "seclevel") s.seclevel = std::atoi(value.c_str());
    if (key == "prefer_server") s.prefer_server = value == "true";
    if (key == "cert") s.cert = value;
    if (key == "cert_first") s.cert_first = value == "true";
  }
  return s;
}

tls_endpoint endpoint_of(const fields& f) {
  tls_endpoint e;
  for (const auto& [key, value] : f)
    if (set_endpoint_field(e, key, value)) std::abort();  // the fields above are all valid
  return e;
}

std::string describe(const fields& f) {
  std::string out;
  for (const auto& [key, value] : f)
    out += fmt::format("{}{}={}", out.empty() ? "" : ", ", key, printable(value));
  return "{" + out + "}";
}

std::string line_of(const testing::real_outcome& o) {
  return o.ok ? fmt::format("OK {} {} {} {} {}", o.protocol, o.cipher, o.group, o.server_key,
                            o.server_sig)
              : fmt::format("FAIL {} {} {}", o.error_side, o.stage, o.error);
}

std::string line_of(const handshake_result& r) {
  if (!r.ok)
    return fmt::format("FAIL {} {} {}", side_name(r.failure->side), stage_name(r.failure->stage),
                       r.failure->reason);
  return fmt::format("OK {} {} {} {} {}", protocol_version_name(r.protocol), r.suite->name, r.group,
                     r.server_key,
                     r.signature_type.empty() ? "" : r.signature_type + "+" + r.signature_hash);
}

const configuration_resolver& linked_release() {
  static const configuration_resolver resolver = [] {
    const catalog* found =
        catalog::find(fmt::format("{}.{}", OPENSSL_VERSION_MAJOR, OPENSSL_VERSION_MINOR));
    if (found == nullptr) {
      std::fputs("no catalog for the linked libssl\n", stderr);
      std::abort();
    }
    return configuration_resolver(*found);
  }();
  return resolver;
}

// The part of `bytes` up to the next NUL (or the end), and the rest after it.
std::string_view take(std::string_view& bytes) {
  const std::size_t nul = bytes.find('\0');
  const std::string_view part = bytes.substr(0, nul);
  bytes = nul == std::string_view::npos ? std::string_view() : bytes.substr(nul + 1);
  return part;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // As the recordings were made: no configuration file.
  setenv("OPENSSL_CONF", "/dev/null", 1);
  (void)linked_release();
  (void)testing::real_handshake({}, {});  // makes the certificates once
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::array<std::uint8_t, 8> controls{};
  for (std::size_t i = 0; i < controls.size() && i < size; ++i) controls[i] = data[i];
  std::string_view rest = size > controls.size()
                              ? std::string_view(reinterpret_cast<const char*>(data) + 8, size - 8)
                              : std::string_view();
  const std::string_view client_list = take(rest), client_suites = take(rest),
                         server_list = take(rest), server_suites = take(rest);
  const fields client = side_of(controls.data(), client_list, client_suites, false);
  const fields server = side_of(controls.data() + 4, server_list, server_suites, true);

  const std::string real = line_of(testing::real_handshake(real_of(client), real_of(server)));
  const configuration_resolver& release = linked_release();
  const std::string model = line_of(negotiate(prepared_endpoint(release, endpoint_of(client)),
                                              prepared_endpoint(release, endpoint_of(server))));
  if (real != model)
    fuzzing::fail(fmt::format("{}: {} -> {}\n  real:  {}\n  model: {}", release.release().release(),
                              describe(client), describe(server), real, model),
                  std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}

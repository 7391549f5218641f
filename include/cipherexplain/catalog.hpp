// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// What one OpenSSL release knows: its cipher table, its aliases, DEFAULT, the TLS 1.3
/// defaults, and the rules its list engine follows. Releases are data compiled into the
/// library (see catalogs/ in the source tree), not code.

#include <cipherexplain/cipher.hpp>
#include <cipherexplain/dialect.hpp>
#include <cipherexplain/export.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cipherexplain {

/// A named pattern of the cipher-string language (ALL, HIGH, kECDHE, aRSA, ...): OpenSSL's
/// cipher_aliases[] entry. Masks are algorithm bits; 0 means "any".
struct CIPHEREXPLAIN_API alias {
  std::string_view name;
  std::uint32_t kx = 0, au = 0, enc = 0, mac = 0;
  std::uint16_t version = 0;   ///< 1.1.0+: the exact minimum protocol version required
  std::uint16_t strength = 0;  ///< strength:: flags
  std::string_view option;     ///< build option that compiles it in; empty when built by default

  /// The four algorithm masks together.
  [[nodiscard]] constexpr algorithm_masks algorithms() const noexcept { return {kx, au, enc, mac}; }
};

/// How the release's list engine matches and merges (OpenSSL changed this twice).
enum class engine_family : std::uint8_t {
  openssl_1_0,    ///< 1.0.x: protocol bits, export class, no cipher-id matching, no TLS 1.3
  openssl_1_1_0,  ///< 1.1.0: exact minimum-version matching, @SECLEVEL, no TLS 1.3
  openssl_1_1_1,  ///< 1.1.1, 3.x, 4.x: + cipher-id matching and TLS 1.3 suites first
};

/// One step of the fixed preference ordering OpenSSL applies before reading a string.
struct CIPHEREXPLAIN_API preference_pass {
  enum class kind : std::uint8_t { add, remove, move_to_end, bump, strength_sort };
  kind op = kind::add;
  algorithm_masks algorithms;  ///< 0 in a field: any
  std::uint16_t version = 0;
};

/// Algorithms a build cannot use (absent provider, compiled out): suites that need one are
/// dropped before the string is read, and aliases made only of them become unknown words.
using unavailable_algorithms = algorithm_masks;

/// The default security callback's rules for cipher suites, which changed between releases.
struct CIPHEREXPLAIN_API security_rules {
  bool rc4_refused_from_level_2 = false;         ///< 1.1.0 - 3.1
  bool psk_key_exchange_forward_secret = false;  ///< kDHEPSK/kECDHEPSK count (1.1.1n+, 3.0.2+)
  /// 3.1+: every version below TLS 1.2 is refused from level 1; before, TLS 1.0 from level 3
  /// and TLS 1.1 from level 4.
  bool tls12_floor_from_level_1 = false;
  /// 3.0: from level 1 no TLS 1.0/1.1 handshake completes, since the MD5-SHA1 signature those
  /// versions use is below the level (SSL_get1_supported_ciphers still lists their suites).
  bool legacy_signatures_refused_from_level_1 = false;
};

/// How SSL_CTX_set_ciphersuites() reads its string (ssl/ssl_ciph.c: ciphersuite_cb and
/// set_ciphersuites; ssl/s3_lib.c: the name lookup). Elements are separated by ':' only, with
/// white space around them trimmed (CONF_parse_list).
enum class ciphersuites_setter : std::uint8_t {
  none,          ///< before 1.1.1: no TLS 1.3, no SSL_CTX_set_ciphersuites()
  strict,        ///< 1.1.1: an unknown, empty or 80+-byte element fails the whole call
  skip_unknown,  ///< 3.0-3.6: such elements are skipped; the call fails when none is left
  /// 4.0+: as skip_unknown, but only TLS 1.3 names count, case-insensitively, and a suite
  /// named again is skipped
  tls13_only,
};

class catalog;

/// The OpenSSL of this system, as its libcrypto reports itself, and the recorded release that
/// answers for it.
struct CIPHEREXPLAIN_API system_openssl {
  std::string version_text;  ///< OpenSSL_version(OPENSSL_VERSION), e.g. "OpenSSL 3.0.2 15 Mar 2022"
  std::string release;       ///< from OpenSSL_version_num(), e.g. "3.0.2" or "1.1.1k"
  std::string series;        ///< e.g. "3.0"
  /// The recorded release standing in for it: that release when recorded, else the newest of
  /// its series (point releases can differ); nullptr when no series matches.
  const catalog* stand_in = nullptr;
  bool exact = false;  ///< stand_in is the system's own release
};

/// The system's OpenSSL, or why it is not known (`problem`, e.g. "no libcrypto.so.3 could be
/// loaded").
struct CIPHEREXPLAIN_API system_lookup {
  std::optional<system_openssl> found;
  std::string problem;
};

/// One release's catalog. Obtain one from catalog::all() or catalog::find().
class CIPHEREXPLAIN_API catalog {
 public:
  /// Every release compiled into the library, oldest first.
  [[nodiscard]] static std::span<const catalog* const> all();
  /// A release by exact name ("3.0.19"), series ("3.0": the newest release of that series),
  /// "latest" (the newest of all) or "system" (system().found->stand_in); nullptr when unknown.
  [[nodiscard]] static const catalog* find(std::string_view release);
  /// The system's OpenSSL: the libcrypto the library was built against (its soname), or the
  /// file $CIPHEREXPLAIN_LIBCRYPTO names, loaded on first use and asked for its version.
  [[nodiscard]] static const system_lookup& system();

  [[nodiscard]] std::string_view release() const noexcept { return release_; }  ///< "3.0.19"
  [[nodiscard]] std::string_view series() const noexcept { return series_; }    ///< "3.0"
  /// Which build the facts describe (e.g. a Debian package) and what sets it apart.
  [[nodiscard]] std::string_view build() const noexcept { return build_; }
  [[nodiscard]] engine_family engine() const noexcept { return engine_; }

  /// The whole cipher table, ascending id, including suites no string can reach.
  [[nodiscard]] std::span<const cipher> ciphers() const noexcept { return ciphers_; }
  [[nodiscard]] std::span<const alias> aliases() const noexcept { return aliases_; }
  /// A suite by OpenSSL name or IANA name; nullptr when the table has none.
  [[nodiscard]] const cipher* find_cipher(std::string_view name) const noexcept;
  /// A suite by id (0x0300XXXX); nullptr when the table has none.
  [[nodiscard]] const cipher* find_cipher(std::uint32_t id) const noexcept;
  [[nodiscard]] const alias* find_alias(std::string_view name) const noexcept;

  /// The string DEFAULT stands for (and a fresh context starts from).
  [[nodiscard]] std::string_view default_cipher_list() const noexcept { return default_list_; }
  /// The TLS 1.3 suites a fresh context offers, in order (empty before 1.1.1).
  [[nodiscard]] std::span<const cipher* const> tls13_default() const noexcept {
    return tls13_default_;
  }
  /// The security level of a fresh context of this build (-1 before 1.1.0, which has no levels).
  [[nodiscard]] int default_security_level() const noexcept { return security_level_; }
  /// The tokenizer rules of this release.
  [[nodiscard]] const struct dialect& dialect() const noexcept { return dialect_; }
  /// 3.2+: a suite's IANA name selects it in a cipher string like its OpenSSL name.
  [[nodiscard]] bool stdname_lookup() const noexcept { return stdname_lookup_; }
  /// 1.1.1s+/3.0.7+: OpenSSL stops at the first missing name instead of skipping on.
  [[nodiscard]] bool abort_on_missing_name() const noexcept { return abort_on_missing_name_; }
  /// The lowest version SSL_CTX_set_min/max_proto_version accept (ssl_set_version_bound):
  /// SSLv3 (1.1.0-3.6), TLS 1.0 from 4.0, which removed SSLv3.
  [[nodiscard]] std::uint16_t lowest_version_bound() const noexcept { return lowest_bound_; }
  /// How SSL_CTX_set_ciphersuites() reads its string.
  [[nodiscard]] enum ciphersuites_setter ciphersuites_setter() const noexcept {
    return ciphersuites_setter_;
  }
  [[nodiscard]] std::span<const preference_pass> preference_passes() const noexcept {
    return passes_;
  }
  [[nodiscard]] const unavailable_algorithms& unavailable() const noexcept { return unavailable_; }
  /// What the security level refuses (meaningful from 1.1.0, which introduced levels).
  [[nodiscard]] const struct security_rules& security_rules() const noexcept {
    return security_rules_;
  }
  /// What loading the legacy provider makes available (all zero when the release has none).
  [[nodiscard]] const unavailable_algorithms& legacy_provider() const noexcept { return legacy_; }
  /// Whether some suite of the table needs the build option `name` (e.g. "weak-ssl-ciphers").
  [[nodiscard]] bool has_build_option(std::string_view name) const noexcept;

  /// The releases this build carries, oldest first, named as release() names them. Cheap: no
  /// catalog is parsed (each is parsed on its first find() or all()).
  static std::vector<std::string_view> release_names();

  /// Builds a catalog from its data files (ciphers.tsv, aliases.tsv, release.txt contents).
  /// Throws std::runtime_error naming the file and line when the data is malformed.
  static std::unique_ptr<catalog> from_data(std::string_view ciphers_tsv,
                                            std::string_view aliases_tsv,
                                            std::string_view release_txt);

 private:
  struct loader;  // reads the data files (catalog/catalog_data.cpp)
  catalog() = default;
  std::string release_, series_, build_, default_list_;
  engine_family engine_ = engine_family::openssl_1_1_1;
  std::vector<std::string> strings_;  // storage for names (stable: reserved up front)
  std::vector<cipher> ciphers_;
  std::vector<alias> aliases_;
  // (name, position) sorted, for find_cipher (names and IANA names) and find_alias: an
  // unknown word costs a binary search, not a walk over the table.
  std::vector<std::pair<std::string_view, std::uint32_t>> cipher_names_, alias_names_;
  std::vector<const cipher*> tls13_default_;
  std::vector<preference_pass> passes_;
  unavailable_algorithms unavailable_;
  unavailable_algorithms legacy_;
  struct security_rules security_rules_;
  struct dialect dialect_;
  int security_level_ = 0;
  bool stdname_lookup_ = false;
  bool abort_on_missing_name_ = true;
  enum ciphersuites_setter ciphersuites_setter_ = ciphersuites_setter::none;
  std::uint16_t lowest_bound_ = 0x0300;  // version::sslv3
};

}  // namespace cipherexplain

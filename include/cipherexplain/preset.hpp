// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// Presets: the TLS configurations people inherit rather than write - Python's `ssl` defaults
/// per version and context, Mozilla's guidelines, servers' and distributions' defaults - as
/// data (presets/*.tsv, profiles/mozilla.tsv), each citing its source, and what each gives on
/// a release: the list, the options integer, the protocol range, the security level.

#include <cipherexplain/catalog.hpp>
#include <cipherexplain/configuration.hpp>
#include <cipherexplain/diagnostic.hpp>
#include <cipherexplain/export.hpp>
#include <cipherexplain/negotiation.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cipherexplain {

/// The OpenSSL release an installer or a runtime bundled.
struct CIPHEREXPLAIN_API bundled_release {
  std::string platform;  ///< "windows", "macos"; "" when the software has one build
  std::string release;   ///< "1.0.2k"
  std::string source;
};

/// One preset: a family's settings for one version (and context or variant).
struct CIPHEREXPLAIN_API preset {
  std::string name;         ///< "python-3.6.15", "mozilla-modern-5.8", "postfix-medium-3.8.0"
  std::string family;       ///< "python", "mozilla", "nginx", ...
  std::string variant;      ///< Python: the context ("client" ...); Postfix: the grade; ""
  std::string version;      ///< "3.6.15"; the distribution label for distributions
  std::string versions;     ///< the data row's range: "3.6.3-3.6.15", "3.10.0+", "rhel-9"
  std::string build;        ///< Python: "upstream", "openssl" (Debian's configure), "debian"
  std::string description;  ///< e.g. "Python 3.6.15, create_default_context()"
  /// What the software calls, in order: every SSL_CTX_set_cipher_list string (the last one
  /// that takes effect decides), SSL_CTX_set_ciphersuites, the protocol bounds or the enabled
  /// protocols, and the options as terms (see parse_option_terms).
  std::vector<std::string> cipher_calls;
  std::optional<std::string> ciphersuites;
  std::uint16_t min_protocol = 0, max_protocol = 0;  ///< 0: not set
  std::uint8_t enabled_protocols = 0;  ///< protocol_bit:: set via SSL_OP_NO_*; 0: not restricted
  std::uint16_t fixed_protocol = 0;    ///< a version-fixed method (PROTOCOL_TLSv1); 0: none
  std::optional<int> security_level;
  bool server_preference = false;
  std::string options;  ///< option terms, "" for none
  std::string method;   ///< Python's protocol constant ("PROTOCOL_TLS"), or ""
  /// Python's certificate checking (not modelled in handshakes; shown as given).
  std::string verify_mode, verify_flags, https_verify;
  bool check_hostname = false;
  std::vector<bundled_release> bundled;
  /// Lowest OpenSSL series the software builds against ("1.1.1"), "" when any.
  std::string min_openssl;
  std::string source;  ///< "repository path@tag; ..."
  std::string notes;
};

/// Hands the preset data to a build that reads it at run time (CMake option
/// CIPHEREXPLAIN_EMBED_PRESETS=OFF, as the WebAssembly page is built: presets/*.tsv would
/// otherwise be most of its size). `files` holds each presets/*.tsv file's name ("python.tsv")
/// and contents, and "profiles/mozilla.tsv" with that file's (Mozilla's guidelines, which the
/// presets and profiles() share, are left out of such a build too). Call it once, before any other
/// preset function: the data is read on the first use and never changes after, so the call returns
/// false, and changes nothing, when the presets are compiled in (the default build) or have already
/// been read; true when taken. Until files are provided, such a build knows no preset and no
/// profile, and find_preset's error says the preset files were not provided. Thread-safe. A file
/// with bad data makes the preset functions throw std::runtime_error naming file:line, as bad data
/// compiled in would.
[[nodiscard]] CIPHEREXPLAIN_API bool provide_preset_files(
    std::vector<std::pair<std::string, std::string>> files);

/// Python's ways of making a context, in the order `preset show` lists them.
[[nodiscard]] CIPHEREXPLAIN_API std::span<const std::string_view> python_contexts() noexcept;
/// What a context is in Python's terms: "create_default_context()" for "client".
[[nodiscard]] CIPHEREXPLAIN_API std::string_view python_context_call(
    std::string_view context) noexcept;

/// A family of presets and where its data comes from.
struct CIPHEREXPLAIN_API preset_family {
  std::string name;                   ///< "python"
  std::string title;                  ///< "CPython's ssl module"
  std::vector<std::string> variants;  ///< Python's contexts, Postfix's grades, Mozilla's levels
  std::vector<std::string> ranges;    ///< every data row's versions, in file order, no repeats
  std::string file;                   ///< "presets/python.tsv"
};
[[nodiscard]] CIPHEREXPLAIN_API std::span<const preset_family> preset_families();

/// A preset by name: `family[-variant]-version`, where any version inside a data row's range
/// resolves to that row ("python-3.6.15" -> the 3.6.3-3.6.15 row), and `family[-variant]`
/// alone means the newest row. For Python, `context` picks the context ("" = "client"); for
/// other families it must be empty or one of the family's variants ("client" picks nginx's
/// proxy side), and agree with a variant the name gives; without either, a family's "server"
/// variant is meant. nullopt with `error` saying what is known.
[[nodiscard]] CIPHEREXPLAIN_API std::optional<preset> find_preset(std::string_view name,
                                                                  std::string_view context,
                                                                  std::string& error);

/// Every row of a family, oldest first, as presets named by the row's first version
/// (Python: one per row and context `context`).
[[nodiscard]] CIPHEREXPLAIN_API std::vector<preset> family_presets(
    std::string_view family, std::string_view context = "client");

/// The release a preset runs on when none is asked for: the release it bundled (Windows
/// installer first) if the product models it, else the newest recorded release of the same
/// series standing in for it, else nullptr. `bundled` receives the bundled release's name.
[[nodiscard]] CIPHEREXPLAIN_API const catalog* preset_release(const preset& p,
                                                              std::string* bundled = nullptr);

/// A preset resolved on one release.
struct CIPHEREXPLAIN_API preset_result {
  const catalog* release = nullptr;
  /// The configuration the calls leave (the last cipher string call that takes effect).
  tls_configuration config;
  configuration_result resolved;
  /// SSL_CTX_get_options afterwards, and the single-bit names set in it.
  std::uint64_t options = 0;
  std::vector<std::string_view> option_names;
  /// Set when the software cannot make this context on the release (e.g. Python's
  /// set_ciphers raises "No cipher can be selected"): the other fields describe the state
  /// just before.
  std::optional<std::string> failure;
  /// The cipher string call that failed, and its evaluation (its findings say why).
  std::optional<std::string> failed_call;
  evaluation failed_evaluation;
  /// Findings about the preset on this release (the cipher string's own are in
  /// resolved.cipher_list.diagnostics): options it ignores, a failing call, an unsupported
  /// release.
  std::vector<diagnostic> diagnostics;
};
[[nodiscard]] CIPHEREXPLAIN_API preset_result resolve_preset(const preset& p,
                                                             const catalog& release);
/// The same on a release prepared once (prefer it for many presets: preparing is most of the
/// cost of one resolution).
[[nodiscard]] CIPHEREXPLAIN_API preset_result resolve_preset(const preset& p,
                                                             const configuration_resolver& release);

/// One row of a family's timeline: a data row (by its first version), what it gives on the
/// release it bundled (or the release standing in) and on today's releases, and what changed
/// from the previous row.
struct CIPHEREXPLAIN_API timeline_row {
  preset entry;
  std::string bundled;  ///< the bundled release's name ("1.0.2k"), "" if none
  const catalog* on_bundled_release = nullptr;  ///< the release modelled for it, or nullptr
  std::optional<preset_result> bundled_result;
  std::vector<preset_result> today;  ///< one per release asked for
  std::vector<std::string> changes;  ///< e.g. "cipher string", "options: +NO_SSLv3"
};
/// The rows of `family` (Python: of `context`, upstream builds) oldest first.
[[nodiscard]] CIPHEREXPLAIN_API std::vector<timeline_row> preset_timeline(
    std::string_view family, std::string_view context, std::span<const catalog* const> today);

/// The preset as a negotiation endpoint (its configuration and server preference).
[[nodiscard]] CIPHEREXPLAIN_API tls_endpoint preset_endpoint(const preset& p,
                                                             const preset_result& on_release);

}  // namespace cipherexplain

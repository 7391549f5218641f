// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// The JSON documents of docs/json-output.md, built in the library so that the CLI, bindings
/// and other front ends write the same bytes. Input bytes that are not UTF-8 appear as \udcXX
/// escapes, so every document is valid JSON and loses no byte.

#include <cipherexplain/catalog.hpp>
#include <cipherexplain/config_lint.hpp>
#include <cipherexplain/configuration.hpp>
#include <cipherexplain/evaluation.hpp>
#include <cipherexplain/evaluator.hpp>
#include <cipherexplain/export.hpp>
#include <cipherexplain/list_diff.hpp>
#include <cipherexplain/preset.hpp>
#include <cipherexplain/profile.hpp>
#include <cipherexplain/suite_history.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace cipherexplain {

/// Appends `text` as a JSON string literal (with quotes).
CIPHEREXPLAIN_API void append_json_string(std::string& out, std::string_view text);

/// What an evaluation's document shows besides the evaluation itself.
struct CIPHEREXPLAIN_API evaluation_report {
  const profile* check = nullptr;       ///< --policy: "policy" with the violations
  std::span<const suite_history> whys;  ///< --why: "why" (evaluation::histories)
  std::string_view stands_in_for;       ///< the system's release the evaluated one stands in for
  /// "steps" and "steps_omitted" from `result.steps` (an evaluation with detail_level::trace);
  /// without, the document has no "steps" key.
  bool steps = false;
  /// A configuration the string was resolved in (--ciphersuites, --min-protocol, ...): then
  /// "ciphers" is the context's list with each suite's usability there, the verdict is over
  /// its usable suites, and a "configuration" object says what each setting did.
  const tls_configuration* configuration = nullptr;
  const configuration_result* resolved = nullptr;
};

/// One release's evaluation of a string, pretty-printed, ending in a newline; with a profile,
/// its name and the listed suites it does not allow; with suite histories (--why), a "why"
/// array.

[[nodiscard]] CIPHEREXPLAIN_API std::string evaluation_json(const evaluator& release,
                                                            std::string_view input,
                                                            const evaluation& result,
                                                            const evaluation_report& report = {});

/// One release's evaluation of a string, for comparisons across releases.
struct CIPHEREXPLAIN_API release_evaluation {
  evaluator release;
  evaluation result;
};

/// Several releases' evaluations of one string and what changes from each to the next.
[[nodiscard]] CIPHEREXPLAIN_API std::string comparison_json(
    std::string_view input, std::span<const release_evaluation> results);

/// Two strings on one release and the difference from A's list to B's (an empty list for a
/// rejected string).
[[nodiscard]] CIPHEREXPLAIN_API std::string string_diff_json(
    const evaluator& release, std::string_view a, const evaluation& a_result, std::string_view b,
    const evaluation& b_result, const list_diff& changes);

/// What a name or code point stands for in one release (nullptr: not a suite of it).
struct CIPHEREXPLAIN_API name_lookup {
  std::string input;
  const cipher* suite = nullptr;
  std::string problem;  ///< why there is no suite, e.g. "not a code point: expected '}' at byte 9"
};
[[nodiscard]] CIPHEREXPLAIN_API std::string name_lookups_json(std::span<const name_lookup> lookups);

/// The releases compiled in, with their builds; `system` is marked (may be nullptr).
[[nodiscard]] CIPHEREXPLAIN_API std::string releases_json(const catalog* system);

/// One line of batch output, in the shape of the recorded results:
/// {"input": ..., "ok": ..., "ciphers": [...]}, with "openssl" first when `release` is given.
/// When `input` is only the first bytes of a longer line of `length` bytes, "input_bytes":
/// length follows "input".
CIPHEREXPLAIN_API void append_batch_line(std::string& out, std::string_view input,
                                         const evaluation& result, std::string_view release = {},
                                         std::size_t length = 0);

/// One line of `batch --input ciphersuites`, in the shape of the recorded policy results:
/// {"input": SUITES, ["cipher_list", "order",] "ok", ["list_ok",] "ciphers", "tls13"}, with
/// "openssl" first when `release` is given. `config` is what the line set (cipher_list only
/// for a pair line).
CIPHEREXPLAIN_API void append_ciphersuites_line(std::string& out, const tls_configuration& config,
                                                const configuration_result& result,
                                                std::string_view release = {});

/// The fields of one `batch --input supported` line as written.
struct CIPHEREXPLAIN_API supported_line {
  std::string_view cipher_string, min, max;
  std::optional<int> seclevel;                   ///< empty for '-'
  std::optional<std::string_view> ciphersuites;  ///< the 5th field
};
/// One line of `batch --input supported`: {"input", "min", "max", "seclevel",
/// ["ciphersuites",] "ok", ["ciphersuites_ok",] "min_ok", "max_ok", "seclevel_after",
/// "min_after", "max_after", "ciphers", "supported"}; "supported" is null where
/// SSL_get1_supported_ciphers returns NULL.
CIPHEREXPLAIN_API void append_supported_line(std::string& out, const supported_line& line,
                                             const configuration_result& result,
                                             std::string_view release = {});

/// Reads a line of `batch --input ciphersuites` into `config`: SUITES, or (with exactly two
/// tabs) SUITES<TAB>CIPHERLIST<TAB>suites-first|list-first. Returns what is wrong, if anything.
[[nodiscard]] CIPHEREXPLAIN_API std::optional<std::string> read_ciphersuites_line(
    std::string_view line, tls_configuration& config);
/// Reads a line of `batch --input supported`: CIPHERSTRING<TAB>MIN<TAB>MAX<TAB>SECLEVEL
/// [<TAB>CIPHERSUITES], MIN/MAX 0 or a version name, SECLEVEL 0-5 or '-'. `fields` point into
/// `line`. Returns what is wrong, if anything.
[[nodiscard]] CIPHEREXPLAIN_API std::optional<std::string> read_supported_line(
    std::string_view line, tls_configuration& config, supported_line& fields);

/// One line for a batch input line that cannot be read: {"input": ..., "error": message}.
CIPHEREXPLAIN_API void append_batch_error_line(std::string& out, std::string_view input,
                                               std::string_view message,
                                               std::string_view release = {});

/// "0" for no bound, else "SSL3", "TLS1", "TLS1.1", "TLS1.2", "TLS1.3" (the spelling of the
/// policy recordings).
[[nodiscard]] CIPHEREXPLAIN_API std::string_view short_protocol_name(std::uint16_t v) noexcept;

}  // namespace cipherexplain

#include <cipherexplain/negotiation.hpp>

namespace cipherexplain {

/// One line of `batch --input handshake`, key for key as the handshake recordings name them
/// (corpus/policy/handshake/): {["openssl",] "id", "ok", "protocol", "cipher", "cipher_iana",
/// "group", "server_key", "server_sig", "error", "error_side", "stage"} (null where the
/// recordings have null), then "hello_retry", "step" and "explanation", which they lack.
CIPHEREXPLAIN_API void append_handshake_line(std::string& out, std::string_view id,
                                             const handshake_result& result,
                                             std::string_view release = {});

/// `negotiate --format json`: both sides (release and settings), the outcome, and with `why`
/// the explanation (explain_negotiation), pretty-printed, ending in a newline.
[[nodiscard]] CIPHEREXPLAIN_API std::string negotiation_json(const prepared_endpoint& client,
                                                             const prepared_endpoint& server,
                                                             const handshake_result& result,
                                                             const negotiation_why* why = nullptr);

/// A row (client) or column (server) of a matrix: its name and prepared side.
struct CIPHEREXPLAIN_API matrix_entry {
  std::string name;
  const prepared_endpoint* endpoint = nullptr;
};

/// `matrix --format json`: {"clients": [{"name", "openssl", "spec"...}], "servers": [...],
/// "cells": [[{outcome as append_handshake_line, "rating"}, ...], ...]} - cells row by row
/// (`cells` as negotiate_all returns them).
[[nodiscard]] CIPHEREXPLAIN_API std::string matrix_json(std::span<const matrix_entry> clients,
                                                        std::span<const matrix_entry> servers,
                                                        std::span<const handshake_result> cells);
/// `matrix --format csv`: one line per pair, with a header line; RFC 4180 quoting.
[[nodiscard]] CIPHEREXPLAIN_API std::string matrix_csv(std::span<const matrix_entry> clients,
                                                       std::span<const matrix_entry> servers,
                                                       std::span<const handshake_result> cells);
/// `matrix --format html`: a self-contained page (no script, no external request): the table
/// coloured by outcome and the negotiated suite's rating, details in each cell's tooltip, a
/// legend, and the settings of every row and column.
[[nodiscard]] CIPHEREXPLAIN_API std::string matrix_html(std::span<const matrix_entry> clients,
                                                        std::span<const matrix_entry> servers,
                                                        std::span<const handshake_result> cells,
                                                        std::string_view title);

/// One preset on one release, for `preset show`.
struct CIPHEREXPLAIN_API preset_run {
  const preset* entry = nullptr;
  const preset_result* result = nullptr;
  std::string_view stands_in_for;  ///< the bundled release the result's release stands in for
};
/// `preset show --format json`: one object for one run (the preset, its settings, and on the
/// release: "ciphers" in SSL_CTX_get_ciphers order, "options" as SSL_CTX_get_options returns
/// it, "min_protocol"/"max_protocol" (null: no bound), "security_level", findings), or
/// {"results": [...]} for several.
[[nodiscard]] CIPHEREXPLAIN_API std::string preset_json(std::span<const preset_run> runs);
/// `preset list --format json`: every family with its presets and sources.
[[nodiscard]] CIPHEREXPLAIN_API std::string preset_list_json();
/// `preset timeline --format json`.
[[nodiscard]] CIPHEREXPLAIN_API std::string timeline_json(std::string_view family,
                                                          std::string_view context,
                                                          std::span<const timeline_row> rows);
/// `preset timeline --format html`: a self-contained page (inline style, no script).
[[nodiscard]] CIPHEREXPLAIN_API std::string timeline_html(std::string_view family,
                                                          std::string_view context,
                                                          std::span<const timeline_row> rows);

/// The lint document: {"releases", "files", "settings", "errors", "units", "findings"}
/// (docs/json-output.md, "lint").
[[nodiscard]] CIPHEREXPLAIN_API std::string lint_json(const lint_report& report);
/// The lint report as SARIF 2.1.0 for GitHub code scanning: a rule per diagnostic code,
/// results at file:line:column. Paths under `base` (an absolute directory, the repository's
/// root) and relative paths become URIs relative to it (uriBaseId SRCROOT); others are
/// absolute file: URIs.
[[nodiscard]] CIPHEREXPLAIN_API std::string lint_sarif(const lint_report& report,
                                                       std::string_view base);

}  // namespace cipherexplain

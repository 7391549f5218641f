#pragma once
// Turning evaluations into what a person or a program reads. Nothing here decides anything:
// the library has already said what OpenSSL does.

#include <cipherexplain.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::cli {

/// The table of suites followed by the diagnostics, for a terminal.
[[nodiscard]] std::string render_text(const evaluator& release, std::string_view input,
                                      const evaluation& result);

/// The evaluation as one pretty-printed JSON document (see README, "JSON output").
[[nodiscard]] std::string render_json(const evaluator& release, std::string_view input,
                                      const evaluation& result);

/// One line of `batch` output: {"input": ..., "ok": ..., "ciphers": [...]}.
void append_batch_line(std::string& out, std::string_view input, const evaluation& result);

/// The code point as "0xC02F".
[[nodiscard]] std::string hex_id(const cipher& suite);

/// One release's evaluation of a string, for comparisons across releases.
struct release_result {
  evaluator release;
  evaluation result;
};

/// Side by side: which releases accept the string, and what changes from one to the next.
[[nodiscard]] std::string render_comparison_text(std::span<const release_result> results);
[[nodiscard]] std::string render_comparison_json(std::string_view input,
                                                 std::span<const release_result> results);

/// The catalogs compiled in, with their build notes.
[[nodiscard]] std::string render_versions_text(const catalog* system);
[[nodiscard]] std::string render_versions_json(const catalog* system);

/// Build options a release supports, e.g. "legacy-provider, weak-ciphers".
[[nodiscard]] std::string supported_options(const catalog& release);

/// Plain-text table with aligned columns; numbers in `right_aligned` columns align right.
[[nodiscard]] std::string format_table(const std::vector<std::vector<std::string>>& rows,
                                       const std::vector<bool>& right_aligned);

}  // namespace cipherexplain::cli

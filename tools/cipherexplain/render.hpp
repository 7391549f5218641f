#pragma once
// Turning evaluations into what a person or a program reads. Nothing here decides anything:
// the library has already said what OpenSSL does.

#include <cipherexplain.hpp>

#include "style.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::cli {

/// What to show besides the list and the findings.
struct render_options {
  cli::style colours = style::plain();
  const profile* check = nullptr;  ///< --policy
  bool trace = false;             ///< --trace
  std::vector<std::string> why;   ///< --why NAME...
};

/// The table of suites with ratings, the verdict, the findings and whatever the options ask.
[[nodiscard]] std::string render_text(const evaluator& release, std::string_view input,
                                      const evaluation& result, const render_options& options);

/// The same as one JSON document (docs/json-output.md). `result` must hold a trace.
[[nodiscard]] std::string render_json(const evaluator& release, std::string_view input,
                                      const evaluation& result, const render_options& options);

/// What each rule did (--trace).
[[nodiscard]] std::string render_trace(const evaluator& release, std::string_view input,
                                       const evaluation& result, const style& colours);

/// Which rules brought a suite in, moved it or took it out (--why). Throws CLI::ValidationError
/// for a name the release does not know.
[[nodiscard]] std::string render_why(const evaluator& release, std::string_view input,
                                     const evaluation& result, std::string_view name);

/// One line of `batch` output: {"input": ..., "ok": ..., "ciphers": [...]}.
void append_batch_line(std::string& out, std::string_view input, const evaluation& result,
                       std::string_view release = {});

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

/// Added, removed and moved suites between two lists, under a heading.
[[nodiscard]] std::string render_list_diff_text(const list_diff& d, const style& colours);

/// The catalogs compiled in, with their build notes.
[[nodiscard]] std::string render_versions_text(const catalog* system);
[[nodiscard]] std::string render_versions_json(const catalog* system);

/// Build options a release supports, e.g. "legacy-provider, weak-ciphers".
[[nodiscard]] std::string supported_options(const catalog& release);

/// Plain-text table with aligned columns; cells may hold colour escapes.
[[nodiscard]] std::string format_table(const std::vector<std::vector<std::string>>& rows,
                                       const std::vector<bool>& right_aligned);

/// "A, B, C and 4 more".
[[nodiscard]] std::string suite_names(const std::vector<const cipher*>& suites,
                                      std::size_t shown = 6);

}  // namespace cipherexplain::cli

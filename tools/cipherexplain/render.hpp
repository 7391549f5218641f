// SPDX-License-Identifier: Apache-2.0
#pragma once
// Turning evaluations into what a person or a program reads. Nothing here decides anything:
// the library has already said what OpenSSL does.

#include <cipherexplain.hpp>

#include "layout.hpp"
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
  bool trace = false;              ///< --trace
  std::vector<std::string> why;    ///< --why NAME... (names, IANA names or code points)
  /// The configuration the string was resolved in (--ciphersuites, --min-protocol, ...).
  const tls_configuration* configuration = nullptr;
  const configuration_result* resolved = nullptr;
};

/// The table of suites with ratings, the verdict, the findings and whatever the options ask.
[[nodiscard]] std::string render_text(const evaluator& release, std::string_view input,
                                      const evaluation& result, const render_options& options);

/// What the configuration's settings did: the TLS 1.3 setting, the protocols and level in
/// effect, and its findings (those about the ciphersuites with carets under them).
[[nodiscard]] std::string render_configuration_text(const tls_configuration& config,
                                                    const configuration_result& r,
                                                    const style& colours);

/// Only the suites a connection can use, grouped by protocol (--usable).
[[nodiscard]] std::string render_usable_text(const evaluator& release,
                                             const configuration_result& r, const style& colours);

/// What each rule did (--trace).
[[nodiscard]] std::string render_trace(const evaluator& release, std::string_view input,
                                       const evaluation& result, const style& colours);

/// The suites --why names, each once, in the order given. Throws CLI::ValidationError, with the
/// nearest names, for one the release does not know.
[[nodiscard]] std::vector<const cipher*> why_suites(const catalog& release,
                                                    const std::vector<std::string>& names);

/// Which rules brought a suite in, moved it or took it out (--why), from one of the
/// evaluation's histories.
[[nodiscard]] std::string render_why(const evaluator& release, std::string_view input,
                                     const evaluation& result, const suite_history& history);

/// Side by side: which releases accept the string, and what changes from one to the next.
[[nodiscard]] std::string render_comparison_text(std::span<const release_evaluation> results);

/// Added, removed and moved suites (with where they were and are) between two lists.
[[nodiscard]] std::string render_list_diff_text(const list_diff& d, const style& colours,
                                                std::span<const cipher* const> before,
                                                std::span<const cipher* const> after);

/// Findings as compilers print them: each repeated one once with a count of the others, at
/// most a few different ones per code (the rest counted with where they are), and what the
/// evaluation's limits left out.
[[nodiscard]] std::string render_findings(std::string_view input,
                                          const std::vector<diagnostic>& findings,
                                          std::span<const omitted_findings> omitted,
                                          const style& colours,
                                          std::string_view source_name = "input");

/// The catalogs compiled in, with their build notes.
[[nodiscard]] std::string render_versions_text(const catalog* system);

/// "A, B, C and 4 more".
[[nodiscard]] std::string suite_names(const std::vector<const cipher*>& suites,
                                      std::size_t shown = 6);

}  // namespace cipherexplain::cli

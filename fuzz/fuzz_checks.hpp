// SPDX-License-Identifier: Apache-2.0
#pragma once
// Properties the fuzz targets check, shared so that each target stays a page long. A failed
// check prints what differs and aborts, which libFuzzer reports as a crash with the input saved.

#include <cipherexplain.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::fuzzing {

/// Prints the message with the input (escaped) and aborts.
[[noreturn]] void fail(std::string_view what, std::string_view input);

/// The input as a C++-style escaped string, for messages.
[[nodiscard]] std::string quoted_input(std::string_view input);

/// One evaluator per release, the recorded build of each; built on first use.
[[nodiscard]] std::span<const evaluator> release_evaluators();

/// One configuration resolver per release, over release_evaluators(); built on first use.
[[nodiscard]] std::span<const configuration_resolver> release_resolvers();

/// The distinct dialects of the releases, in release order.
[[nodiscard]] std::span<const dialect> release_dialects();

/// Checks what the tree promises about its input: every byte in exactly one part, parts in
/// order and inside the input, words made of name bytes, ok() agreeing with the errors, and
/// memory linear in the input. Returns what is wrong, or an empty string.
[[nodiscard]] std::string tree_problem(const tree& parsed);

/// Whether two trees read the same: prefix, rules, operators, words and segment grouping.
/// Returns what differs, or an empty string.
[[nodiscard]] std::string tree_difference(const tree& a, const tree& b);

/// Whether two evaluations give the same OpenSSL-visible result: ok, failure, list, level.
[[nodiscard]] std::string result_difference(const evaluation& a, const evaluation& b);

/// Checks what set_ciphersuites() promises about `text` on `release`, called with
/// `max_elements`: at most that many elements, in order, inside the text before its first NUL,
/// each trimmed of white space and separated from the next by exactly one ':', as many as the
/// text has; each status agreeing with its suite and its text; ok agreeing with the failure and
/// (when every element is recorded) with the statuses; the listed suites those named (TLS 1.3
/// ones only from 4.0), or after a failure the release's default TLS 1.3 suites. Returns what is
/// wrong, or an empty string.
[[nodiscard]] std::string ciphersuites_problem(const catalog& release, std::string_view text,
                                               const ciphersuites_result& result,
                                               std::size_t max_elements);

/// Whether two set_ciphersuites() results agree on what OpenSSL sees: ok, failure, the
/// listed suites, the NUL, and the number of elements. Returns what differs, or "".
[[nodiscard]] std::string ciphersuites_difference(const ciphersuites_result& a,
                                                  const ciphersuites_result& b);

/// Whether two resolutions of one configuration agree on everything but findings: what each
/// setter returned, the lists, the level, the protocol bounds and window, every suite's
/// usability. Returns what differs, or "".
[[nodiscard]] std::string configuration_difference(const configuration_result& a,
                                                   const configuration_result& b);

/// Checks a resolved configuration against itself: one verdict per listed suite, the
/// ciphersuites' suites at the head of the list, the supported list the usable suites (and
/// absent when none is usable), findings with messages, those about the ciphersuites string
/// inside it. Returns what is wrong, or "".
[[nodiscard]] std::string configuration_problem(const catalog& release,
                                                const tls_configuration& config,
                                                const configuration_result& result);

/// Whether a finding points into the ciphersuites string (the others are about the whole).
[[nodiscard]] bool about_ciphersuites(const diagnostic& finding);

/// Suite names, for messages.
[[nodiscard]] std::vector<std::string> names(std::span<const cipher* const> suites);

}  // namespace cipherexplain::fuzzing

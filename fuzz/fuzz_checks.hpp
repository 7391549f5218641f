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

/// Suite names, for messages.
[[nodiscard]] std::vector<std::string> names(std::span<const cipher* const> suites);

}  // namespace cipherexplain::fuzzing

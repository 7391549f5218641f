// SPDX-License-Identifier: Apache-2.0
#pragma once
// Reading the recorded OpenSSL behaviour shipped under corpus/ (see corpus/README.md).

#include <cipherexplain.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cipherexplain::testing {

/// The corpus/ directory of the source tree.
[[nodiscard]] std::string corpus_dir();

/// A file's lines, split on '\n' only (a last line without one counts; none after it).
[[nodiscard]] std::vector<std::string> file_lines(const std::string& path);

/// corpus/corpus.txt split on '\n' only (every other byte belongs to the string).
[[nodiscard]] std::vector<std::string> corpus_lines();

/// One line of results.jsonl.
struct recorded_result {
  bool ok = false;
  std::vector<std::string> ciphers;
};
/// corpus/<release>/results.jsonl, same order as corpus_lines().
[[nodiscard]] std::vector<recorded_result> recorded_results(const std::string& release_dir);

/// One line of state.jsonl: what the context held after a failing or '@' line.
struct recorded_state {
  std::string input;
  bool ok = false;
  int security_level = 0;
  std::vector<std::string> context_ciphers;
};
[[nodiscard]] std::vector<recorded_state> recorded_states(const std::string& release_dir);

/// One row of catalog.tsv.
struct recorded_cipher {
  std::string name, stdname, id, version, description, reachable;
  int strength_bits = 0, alg_bits = 0;
};
[[nodiscard]] std::vector<recorded_cipher> recorded_catalog(const std::string& release_dir);

/// aliases.jsonl: each keyword alone.
struct recorded_alias {
  std::string alias;
  bool ok = false;
  std::vector<std::string> ciphers;
};
[[nodiscard]] std::vector<recorded_alias> recorded_aliases(const std::string& release_dir);

/// "openssl-3.0.19" for a catalog.
[[nodiscard]] std::string release_dir(const catalog& c);

/// Names of a list of suites.
[[nodiscard]] std::vector<std::string> names(const std::vector<const cipher*>& suites);

/// A readable comparison of two lists: what is missing, extra, or first out of order.
[[nodiscard]] std::string describe_difference(const std::vector<std::string>& expected,
                                              const std::vector<std::string>& actual);

/// The input with control bytes escaped, for failure messages.
[[nodiscard]] std::string printable(const std::string& input);

}  // namespace cipherexplain::testing

// SPDX-License-Identifier: Apache-2.0
#pragma once
// The names findings look up beyond the release being evaluated: which releases know a word,
// the TLS 1.3 suite names and the IANA names of all releases, and the nearest names of one
// release for "did you mean". Each is built once per process (and the nearest-name index once
// per evaluator), never per unknown word.

#include "engine/prepared_release.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cipherexplain::detail {

/// What the cipher strings of every embedded release can name, from the word lists the build
/// derives from the catalogs (cmake/embed_catalogs.cmake): no catalog is loaded to answer.
class release_name_index {
 public:
  /// The process-wide index, built on first use.
  [[nodiscard]] static const release_name_index& instance();

  /// The releases (oldest first) whose cipher strings can name `word` in their default build,
  /// each comparing as it does (4.0 ignores case).
  [[nodiscard]] std::vector<std::string_view> releases_naming(std::string_view word) const;
  /// The name of some release's TLS 1.3 suite spelt exactly `name`, or nullopt.
  [[nodiscard]] std::optional<std::string_view> tls13_suite(std::string_view name) const;
  /// The id of a TLS 1.2-or-older suite whose IANA name is exactly `name`, or nullopt.
  [[nodiscard]] std::optional<std::uint32_t> iana_suite(std::string_view name) const;

 private:
  release_name_index();
  std::vector<std::string_view> releases_;  // oldest first; bit i of a mask = releases_[i]
  std::unordered_map<std::string_view, std::uint64_t> exact_;  // case-sensitive releases
  std::unordered_map<std::string, std::uint64_t> folded_;      // case-insensitive ones, lowered
  std::unordered_map<std::string_view, std::string_view> tls13_;
  std::unordered_map<std::string_view, std::uint32_t> iana_;
};

/// Edit distance with transpositions (optimal string alignment), ignoring ASCII case; anything
/// beyond `limit` is reported as limit + 1, found early, so long garbage words cost little.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

/// The words one release and build can look up, indexed by length, for suggestions.
class name_suggestions {
 public:
  explicit name_suggestions(const prepared_release& release);

  /// Whether the release knows the word up to ASCII case.
  [[nodiscard]] bool knows_ignoring_case(std::string_view word) const;
  /// The nearest names (at most `count`, all at the smallest distance found, within 1 edit for
  /// words under 5 bytes and 2 otherwise), in the release's lookup order.
  [[nodiscard]] std::vector<std::string_view> nearest(std::string_view word,
                                                      std::size_t count) const;

 private:
  std::vector<std::string_view> words_;                // lookup order
  std::vector<std::vector<std::uint32_t>> by_length_;  // [length] positions in words_
  std::unordered_map<std::string, std::uint32_t> lowered_;
};

/// A name_suggestions for one release, built on the first unknown word and kept.
class lazy_name_suggestions {
 public:
  explicit lazy_name_suggestions(const prepared_release& release) : release_(release) {}
  [[nodiscard]] const name_suggestions& get() const {
    std::call_once(once_, [this] { built_ = std::make_unique<name_suggestions>(release_); });
    return *built_;
  }

 private:
  const prepared_release& release_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<name_suggestions> built_;
};

}  // namespace cipherexplain::detail

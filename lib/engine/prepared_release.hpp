// SPDX-License-Identifier: Apache-2.0
#pragma once
// One release with one set of build options, prepared once so that evaluating a string is a
// handful of set operations per rule: the suites OpenSSL collects, numbered in preference
// order; every name it can look up with the set it matches; DEFAULT already applied.

#include <cipherexplain/build_options.hpp>
#include <cipherexplain/catalog.hpp>
#include <cipherexplain/evaluation.hpp>
#include <cipherexplain/syntax.hpp>

#include "engine/cipher_set.hpp"
#include "engine/list_state.hpp"
#include "engine/name_table.hpp"
#include "engine/run_observer.hpp"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::detail {

/// A search pattern as OpenSSL builds it from a '+' chain. cipher >= 0 restricts it to the
/// suite at that position (1.1.1+ compares cipher ids).
struct pattern {
  algorithm_masks algorithms;
  std::uint16_t version = 0;
  std::uint16_t strength = 0;
  int cipher = -1;
};

namespace constraint {
inline constexpr std::uint8_t kx = 1, au = 2, enc = 4, mac = 8, strength = 16, version = 32;
/// A suite's name pins one suite, which no other constraint can be separated from.
inline constexpr std::uint8_t everything = 0xff;
}  // namespace constraint

/// A name OpenSSL can look up (a collected suite or an available alias).
struct lookup_entry {
  pattern alone;       // the name as a one-token pattern
  cipher_set matches;  // what the name alone selects
  // Which parts of a pattern the name sets (constraint:: bits). When the names of a '+'
  // chain set disjoint parts, the chain selects the intersection of what each selects.
  std::uint8_t constrains = 0;
  const cipher* suite = nullptr;
  const alias* named = nullptr;
};

class prepared_release {
 public:
  prepared_release(const catalog& release, const build_options& options);

  [[nodiscard]] const catalog& release() const noexcept { return release_; }
  [[nodiscard]] const build_options& options() const noexcept { return options_; }
  [[nodiscard]] std::span<const cipher* const> order() const noexcept { return order_; }
  [[nodiscard]] int security_level() const noexcept { return security_level_; }
  /// The algorithms this build cannot use.
  [[nodiscard]] const unavailable_algorithms& unavailable() const noexcept { return unavailable_; }

  /// The entry a word names, or nullptr (unknown in this release and build).
  [[nodiscard]] const lookup_entry* find(std::string_view word) const noexcept {
    const std::uint16_t at = by_name_.find(word);
    return at == name_table::none ? nullptr : &entries_[at];
  }
  /// Merges the next token of a '+' chain into `into`; false when they conflict.
  [[nodiscard]] bool merge(pattern& into, const pattern& token) const noexcept;
  /// The suites a pattern matches.
  [[nodiscard]] cipher_set match(const pattern& p) const noexcept;

  /// Whether a table entry needing these comma-separated build options is compiled in.
  [[nodiscard]] bool compiled(std::string_view options) const noexcept;

  /// Evaluates a parsed string into `out`: ok, failure, ciphers and security level; the
  /// outcomes, diagnostics and steps are cleared. `level`: the context's security level
  /// before the call (SSL_CTX_set_security_level), -1 for the build's.
  void evaluate(const tree& parsed, evaluation& out, int level = -1) const;
  /// The same, telling `observer` what happens to every rule. Only ok, failure, ciphers and
  /// security level of `out` are written.
  void evaluate(const tree& parsed, evaluation& out, run_observer& observer, int level = -1) const;

  /// The TLS 1.3 suites every list starts with (1.1.1+), those this build can use.
  [[nodiscard]] std::span<const cipher* const> tls13() const noexcept { return tls13_; }
  /// The Suite B replacement strings.
  [[nodiscard]] const tree& suiteb_string(suiteb_prefix which) const noexcept {
    return suiteb_strings_[static_cast<std::size_t>(which)];
  }
  /// Whether a pattern matches a suite, by OpenSSL's rule (for suites outside the list too).
  [[nodiscard]] bool matches(const pattern& p, const cipher& suite) const noexcept;
  /// The words this release and build can look up, for suggestions.
  [[nodiscard]] std::vector<std::string_view> known_words() const;

 private:
  struct run_result {
    bool failed = false;  // a missing name or bad command
    int security_level = 0;
  };
  std::vector<const cipher*> collect() const;
  std::vector<const cipher*> preference_order(const std::vector<const cipher*>& collected) const;
  void rank_strengths();
  void index_algorithm_bits();
  void add_lookup_entries();
  void prepare_default_and_suiteb();
  struct reading;
  enum class words_outcome : std::uint8_t;
  run_result run(const tree& parsed, list_state& state, run_observer* observer, int level) const;
  bool missing_at(reading& rd, std::size_t rule_index, const rule& r, source_range word,
                  std::size_t k) const;
  void run_command(reading& rd, std::size_t rule_index, source_range word, list_state& state) const;
  words_outcome select_chain(reading& rd, std::size_t rule_index, const rule& r, pattern& p,
                             cipher_set& chained) const;
  static void apply(rule_op op, const cipher_set& matched, list_state& state);
  void finish(const list_state& state, bool failed, evaluation& out) const;

  const catalog& release_;
  build_options options_;
  int security_level_ = 0;
  unavailable_algorithms unavailable_;
  std::vector<const cipher*> order_;
  std::vector<std::uint8_t> strength_rank_;  // [suite] rank of its strength, strongest = 0
  std::vector<cipher_set> rank_sets_;        // [rank] the suites of that rank
  unsigned n_ranks_ = 0;
  std::vector<const cipher*> tls13_;

  cipher_set all_;
  std::array<std::array<cipher_set, 32>, 4> bit_sets_{};  // [field][bit]
  std::array<std::uint32_t, 4> present_bits_{};
  std::array<cipher_set, 16> strength_sets_{};  // [flag bit]
  std::vector<std::pair<std::uint16_t, cipher_set>> version_sets_;

  std::vector<lookup_entry> entries_;
  name_table by_name_;

  list_state initial_;
  list_state after_default_;
  std::array<tree, 5> suiteb_strings_;  // indexed by suiteb_prefix
};

}  // namespace cipherexplain::detail

// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// The expression tree of a cipher string and the parser that builds it.
///
/// The tree follows OpenSSL's own tokenizer byte for byte. It is independent of any cipher
/// catalog, so some of OpenSSL's decisions cannot be made here: after a *known* word OpenSSL
/// reads the next bytes as a new rule, after an *unknown* word it skips them up to the next
/// separator. The parser therefore splits every separator-delimited segment into the rules it
/// holds if every word is known, and the evaluator skips the rest of a segment once a word turns
/// out unknown. Every byte of the input belongs to exactly one of: a prefix, a separator, a
/// rule, a rule's tail, or the text after a NUL byte.

#include <cipherexplain/diagnostic.hpp>
#include <cipherexplain/dialect.hpp>
#include <cipherexplain/export.hpp>
#include <cipherexplain/source_text.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain {

/// What a rule does with the ciphers it matches (the character before its first word).
enum class rule_op : std::uint8_t {
  add,          ///< no prefix: append matching ciphers not yet in the list
  remove,       ///< '-': take matching ciphers out; a later rule may add them back
  move_to_end,  ///< '+': move matching ciphers already in the list to its end
  kill,         ///< '!': take matching ciphers out for good
  command,      ///< '@': a command such as @STRENGTH or @SECLEVEL=n
};

/// The character that spells an operator ("" for add).
[[nodiscard]] CIPHEREXPLAIN_API std::string_view op_text(rule_op op) noexcept;

/// One rule: an optional operator and one or more words joined by '+', or an '@' command.
struct CIPHEREXPLAIN_API rule {
  rule_op op = rule_op::add;
  /// Index of the separator-delimited segment the rule belongs to. When OpenSSL drops a rule
  /// because a word is unknown, it skips the later rules of the same segment too.
  std::uint32_t segment = 0;
  /// From the operator to the end of the last word.
  source_range text;
  /// The words, as indexes into tree::words: [first_word, first_word + word_count). A word of
  /// length 0 marks where a name was required but none was written (a stray byte, a dangling
  /// '+', an operator before a separator); OpenSSL fails when it reaches one.
  std::uint32_t first_word = 0;
  std::uint32_t word_count = 0;
  /// Bytes up to the next separator that OpenSSL discards unread once it reaches this rule:
  /// everything after a command's word, and everything after a missing name.
  source_range tail;

  [[nodiscard]] constexpr bool is_command() const noexcept { return op == rule_op::command; }
};

/// Which Suite B prefix starts the string; each replaces the whole string with fixed suites.
enum class suiteb_prefix : std::uint8_t { none, b128_only, b128_c2, b128, b192 };

/// A parsed cipher string. Owns a copy of the input; spans index into it.
class CIPHEREXPLAIN_API tree {
 public:
  /// The input as given (including any bytes after a NUL).
  [[nodiscard]] std::string_view source() const noexcept { return source_; }
  /// The bytes of a range.
  [[nodiscard]] std::string_view text(source_range s) const noexcept {
    return std::string_view(source_).substr(s.offset, s.length);
  }

  [[nodiscard]] std::span<const rule> rules() const noexcept { return rules_; }
  [[nodiscard]] std::span<const source_range> words() const noexcept { return words_; }
  [[nodiscard]] std::span<const source_range> words(const rule& r) const noexcept {
    return std::span<const source_range>(words_).subspan(r.first_word, r.word_count);
  }
  /// The separator bytes (':' ',' ';' ' ') in input order.
  [[nodiscard]] std::span<const source_range> separators() const noexcept { return separators_; }

  /// A leading Suite B keyword (and the text it makes OpenSSL ignore is the rest of the input).
  [[nodiscard]] suiteb_prefix suiteb() const noexcept { return suiteb_; }
  [[nodiscard]] source_range suiteb_range() const noexcept { return suiteb_range_; }
  /// The leading "DEFAULT" (and the one ':' right after it, which OpenSSL swallows).
  [[nodiscard]] std::optional<source_range> default_prefix() const noexcept {
    return default_prefix_;
  }
  /// Offset of the first NUL byte, if any: OpenSSL reads nothing from there on.
  [[nodiscard]] std::optional<std::uint32_t> nul_offset() const noexcept { return nul_offset_; }

  /// Findings that hold whatever the words mean: errors that make every release reject the
  /// string, and the text after a NUL byte. Errors that depend on whether a word is known are
  /// reported by the evaluator.
  [[nodiscard]] std::span<const diagnostic> diagnostics() const noexcept { return diagnostics_; }
  /// False when a diagnostic of severity error is present.
  [[nodiscard]] bool ok() const noexcept;
  /// The dialect the tree was parsed with.
  [[nodiscard]] const struct dialect& dialect() const noexcept { return dialect_; }
  /// Bytes the tree takes: the object itself and what it holds on the heap (by capacity, so
  /// what reuse with parse_into keeps allocated).
  [[nodiscard]] std::size_t memory_bytes() const noexcept;

 private:
  friend class tree_builder;
  friend void parse_into(tree& out, std::string_view input, const struct dialect& rules);
  std::string source_;
  struct dialect dialect_;
  std::vector<rule> rules_;
  std::vector<source_range> words_;
  std::vector<source_range> separators_;
  std::vector<diagnostic> diagnostics_;
  std::optional<source_range> default_prefix_;
  std::optional<std::uint32_t> nul_offset_;
  suiteb_prefix suiteb_ = suiteb_prefix::none;
  source_range suiteb_range_;
};

/// The longest input accepted: 16 MiB. Longer input gets an input-too-long error instead of
/// a tree, which keeps time and memory bounded. OpenSSL has no limit; real strings are a few
/// hundred bytes.
inline constexpr std::size_t max_input_length = std::size_t{1} << 24;

/// Parses a cipher string. Never throws on any input; problems become diagnostics.
/// @param input any bytes
/// @param rules the dialect (OpenSSL release family) whose tokenizer to follow
/// @return the tree, with diagnostics for what fails whatever the words mean
[[nodiscard]] CIPHEREXPLAIN_API tree parse(std::string_view input,
                                           const dialect& rules = dialect::openssl_3_0());

/// Same as parse(), reusing the storage of `out` (no allocation once it has grown).
CIPHEREXPLAIN_API void parse_into(tree& out, std::string_view input,
                                  const dialect& rules = dialect::openssl_3_0());

/// The tree written back as the shortest plain string OpenSSL reads the same way: the prefix,
/// then the rules of each segment joined by ':', with every byte OpenSSL never reads dropped
/// (a command's tail, empty segments, text after a NUL). After a missing name, the one byte
/// that releases before 1.1.1s and 3.0.7 step over stays: the first byte of its tail, or the
/// separator after it, with the next segment glued to it (those releases then skip that
/// segment). Parsing the result with the tree's dialect gives the same rules, words and
/// segments, so every release resolves both strings alike; applying it twice changes nothing.
/// A tree whose input was too long has no canonical form: the result is empty.
[[nodiscard]] CIPHEREXPLAIN_API std::string canonical_text(const tree& parsed);

}  // namespace cipherexplain

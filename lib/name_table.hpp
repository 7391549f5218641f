#pragma once
// The names a release can look up, in an open-addressing hash table built once: one hash and
// usually one comparison per word, no allocation. Case-insensitive releases (4.0) store and
// hash names folded to lower case.

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::detail {

class name_table {
 public:
  explicit name_table(bool case_insensitive = false) : fold_(case_insensitive) {}

  /// Adds a name; the first one added wins, as OpenSSL's first match does.
  void insert(std::string_view name, std::uint16_t value) {
    if (find(name) != none) return;
    names_.emplace_back(fold_ ? folded(name) : std::string(name));
    values_.push_back(value);
    if (names_.size() * 4 > slots_.size()) {
      rebuild();
    } else {
      place(static_cast<std::uint16_t>(names_.size() - 1));
    }
  }

  static constexpr std::uint16_t none = 0xffff;

  /// The value of a name, or none.
  [[nodiscard]] std::uint16_t find(std::string_view word) const noexcept {
    if (slots_.empty() || word.size() > max_length_) return none;
    char buffer[max_name];
    if (fold_) {
      for (std::size_t i = 0; i < word.size(); ++i) buffer[i] = lower(word[i]);
      word = std::string_view(buffer, word.size());
    }
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash(word) & mask;; i = (i + 1) & mask) {
      const std::uint16_t at = slots_[i];
      if (at == none) return none;
      const std::string& name = names_[at];
      if (name.size() == word.size() && std::memcmp(name.data(), word.data(), word.size()) == 0) return values_[at];
    }
  }

 private:
  static constexpr std::size_t max_name = 128;

  static char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
  static std::string folded(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
  }
  // FNV-1a: cipher names are short, and this needs no table.
  static std::size_t hash(std::string_view s) noexcept {
    std::uint64_t h = 14695981039346656037ull;
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
  // At most a quarter full, so probes stay short.
  void rebuild() {
    std::size_t size = 64;
    while (size < names_.size() * 8) size *= 2;
    slots_.assign(size, none);
    for (std::uint16_t i = 0; i < names_.size(); ++i) place(i);
  }
  void place(std::uint16_t i) {
    max_length_ = std::max(max_length_, names_[i].size());
    const std::size_t mask = slots_.size() - 1;
    std::size_t slot = hash(names_[i]) & mask;
    while (slots_[slot] != none) slot = (slot + 1) & mask;
    slots_[slot] = i;
  }

  bool fold_;
  std::size_t max_length_ = 0;
  std::vector<std::string> names_;
  std::vector<std::uint16_t> values_;
  std::vector<std::uint16_t> slots_;
};

}  // namespace cipherexplain::detail

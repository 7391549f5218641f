// SPDX-License-Identifier: Apache-2.0
#pragma once
// The names a release can look up, in an open-addressing hash table built once: one hash, and
// usually one slot whose tag, length and bytes match, no allocation. Case-insensitive
// releases (4.0) store and hash names folded to lower case.

#include "text/ascii.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::detail {

class name_table {
 public:
  explicit name_table(bool case_insensitive = false) : fold_(case_insensitive) {}

  static constexpr std::uint16_t none = 0xffff;

  /// Adds a name; the first one added wins, as OpenSSL's first match does.
  void insert(std::string_view name, std::uint16_t value) {
    if (name.empty() || name.size() > max_name) {
      throw std::length_error("name_table: a name must hold 1 to 128 bytes");
    }
    if (find(name) != none) return;
    entry e;
    e.offset = static_cast<std::uint32_t>(chars_.size());
    e.length = static_cast<std::uint16_t>(name.size());
    e.value = value;
    chars_.append(fold_ ? ascii_lowered(name) : std::string(name));
    e.tag = static_cast<std::uint32_t>(hash(std::string_view(chars_).substr(e.offset)) >> 32);
    entries_.push_back(e);
    max_length_ = std::max<std::size_t>(max_length_, name.size());
    rebuild();
  }

  /// The value of a name, or none.
  [[nodiscard]] std::uint16_t find(std::string_view word) const noexcept {
    if (slots_.empty() || word.empty() || word.size() > max_length_) return none;
    char buffer[max_name];
    if (fold_) {
      for (std::size_t i = 0; i < word.size(); ++i) buffer[i] = ascii_lower(word[i]);
      word = std::string_view(buffer, word.size());
    }
    const std::uint64_t h = hash(word);
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const entry& e = slots_[i];
      if (e.length == 0) return none;
      if (e.tag == tag && e.length == word.size() &&
          same(chars_.data() + e.offset, word.data(), word.size())) {
        return e.value;
      }
    }
  }

 private:
  static constexpr std::size_t max_name = 128;

  // One slot: where the name's bytes are, and enough of its hash that a probe of another
  // name almost never compares bytes. length 0 marks an empty slot.
  struct entry {
    std::uint32_t tag = 0;
    std::uint32_t offset = 0;
    std::uint16_t length = 0;
    std::uint16_t value = 0;
  };

  template <typename T>
  static T load(const char* p) noexcept {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
  // Equal bytes, compared a word at a time with overlapping last loads: a call to memcmp cost
  // more than the comparison for names this short.
  static bool same(const char* a, const char* b, std::size_t n) noexcept {
    if (n >= 8) {
      for (std::size_t i = 0; i + 8 < n; i += 8) {
        if (load<std::uint64_t>(a + i) != load<std::uint64_t>(b + i)) return false;
      }
      return load<std::uint64_t>(a + n - 8) == load<std::uint64_t>(b + n - 8);
    }
    if (n >= 4) {
      return load<std::uint32_t>(a) == load<std::uint32_t>(b) &&
             load<std::uint32_t>(a + n - 4) == load<std::uint32_t>(b + n - 4);
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }
  // Three loads (head, middle, tail) and one multiply whatever the length: a byte-at-a-time
  // hash was half the time of evaluating a string of full suite names, which are ~25 bytes
  // and differ mostly in the middle. Collisions only cost a probe.
  static std::uint64_t hash(std::string_view s) noexcept {
    const char* p = s.data();
    const std::size_t n = s.size();
    std::uint64_t a = 0, b = 0, c = 0;
    if (n >= 8) {
      a = load<std::uint64_t>(p);
      b = load<std::uint64_t>(p + n - 8);
      c = load<std::uint64_t>(p + (n - 8) / 2);
    } else if (n >= 4) {
      a = load<std::uint32_t>(p);
      b = load<std::uint32_t>(p + n - 4);
    } else {
      for (std::size_t i = 0; i < n; ++i) a = (a << 8) | static_cast<unsigned char>(p[i]);
    }
    const std::uint64_t h = ((a ^ (b >> 3) ^ (c << 7) ^ (c >> 13)) + n) * 0x9e3779b97f4a7c15ull;
    return h ^ (h >> 32);
  }
  // At most an eighth full, so probes stay short.
  void rebuild() {
    std::size_t size = 64;
    while (size < entries_.size() * 8) size *= 2;
    if (slots_.size() == size) {
      place(entries_.back());
      return;
    }
    slots_.assign(size, entry{});
    for (const entry& e : entries_) place(e);
  }
  void place(const entry& e) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t slot = hash(std::string_view(chars_).substr(e.offset, e.length)) & mask;
    while (slots_[slot].length != 0) slot = (slot + 1) & mask;
    slots_[slot] = e;
  }

  bool fold_;
  std::size_t max_length_ = 0;
  std::string chars_;           // every name's bytes, back to back
  std::vector<entry> entries_;  // in insertion order, for rebuilding
  std::vector<entry> slots_;
};

}  // namespace cipherexplain::detail

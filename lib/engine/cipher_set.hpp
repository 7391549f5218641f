// SPDX-License-Identifier: Apache-2.0
#pragma once
// A set of collected suites as a 256-bit mask: bit i = the suite at position i of the
// release's preference order. Every set operation is a few word operations.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace cipherexplain::detail {

inline constexpr unsigned max_collected = 256;

class cipher_set {
 public:
  cipher_set() = default;

  [[nodiscard]] bool test(unsigned i) const noexcept { return (w_[i >> 6] >> (i & 63u)) & 1u; }
  void set(unsigned i) noexcept { w_[i >> 6] |= std::uint64_t{1} << (i & 63u); }
  void reset(unsigned i) noexcept { w_[i >> 6] &= ~(std::uint64_t{1} << (i & 63u)); }

  [[nodiscard]] bool any() const noexcept { return (w_[0] | w_[1] | w_[2] | w_[3]) != 0; }
  [[nodiscard]] bool none() const noexcept { return !any(); }
  [[nodiscard]] unsigned count() const noexcept {
    return popcount(w_[0]) + popcount(w_[1]) + popcount(w_[2]) + popcount(w_[3]);
  }

  /// The first n positions.
  [[nodiscard]] static cipher_set first(unsigned n) noexcept {
    cipher_set s;
    for (unsigned k = 0; k < 4; ++k) {
      const unsigned lo = k * 64;
      std::uint64_t w = 0;
      if (n >= lo + 64)
        w = ~std::uint64_t{0};
      else if (n > lo)
        w = (std::uint64_t{1} << (n - lo)) - 1;
      s.w_[k] = w;
    }
    return s;
  }

  cipher_set& operator|=(const cipher_set& o) noexcept {
    store(0, half(0) | o.half(0));
    store(1, half(1) | o.half(1));
    return *this;
  }
  cipher_set& operator&=(const cipher_set& o) noexcept {
    store(0, half(0) & o.half(0));
    store(1, half(1) & o.half(1));
    return *this;
  }
  /// Removes the members of o.
  cipher_set& operator-=(const cipher_set& o) noexcept {
    store(0, half(0) & ~o.half(0));
    store(1, half(1) & ~o.half(1));
    return *this;
  }
  friend cipher_set operator|(cipher_set a, const cipher_set& b) noexcept { return a |= b; }
  friend cipher_set operator&(cipher_set a, const cipher_set& b) noexcept { return a &= b; }
  friend cipher_set operator-(cipher_set a, const cipher_set& b) noexcept { return a -= b; }
  friend bool operator==(const cipher_set& a, const cipher_set& b) noexcept {
    return ((a.w_[0] ^ b.w_[0]) | (a.w_[1] ^ b.w_[1]) | (a.w_[2] ^ b.w_[2]) |
            (a.w_[3] ^ b.w_[3])) == 0;
  }

  /// Calls f(i) for every member, ascending.
  template <typename F>
  void for_each(F&& f) const {
    for (unsigned k = 0; k < 4; ++k) {
      std::uint64_t w = w_[k];
      while (w != 0) {
        f(k * 64 + static_cast<unsigned>(std::countr_zero(w)));
        w &= w - 1;
      }
    }
  }

 private:
  // Set operations work on two 128-bit halves in GCC/Clang vector types: two SSE2
  // instructions each on Debian's x86-64 baseline, where four-word loops were not vectorised.
  // The words themselves stay a plain array, so reading one bit is one load. (Clang 14
  // cannot use vector types in constant expressions, so nothing here is constexpr.)
  using pair = std::uint64_t __attribute__((vector_size(16)));

  [[nodiscard]] pair half(std::size_t h) const noexcept {
    pair v;
    std::memcpy(&v, &w_[2 * h], sizeof v);
    return v;
  }
  void store(std::size_t h, pair v) noexcept { std::memcpy(&w_[2 * h], &v, sizeof v); }

  // Without -mpopcnt (Debian's x86-64 baseline) std::popcount is a call into libgcc, which
  // showed up at 11 % of an evaluation profile; this bit-parallel count stays inline.
  static constexpr unsigned popcount(std::uint64_t x) noexcept {
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return static_cast<unsigned>((x * 0x0101010101010101ull) >> 56);
  }

  alignas(16) std::uint64_t w_[4] = {};
};

}  // namespace cipherexplain::detail

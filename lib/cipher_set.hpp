#pragma once
// A set of collected suites as a 256-bit mask: bit i = the suite at position i of the
// release's preference order. Every set operation is a few word operations.

#include <array>
#include <bit>
#include <cstdint>

namespace cipherexplain::detail {

inline constexpr unsigned max_collected = 256;

class cipher_set {
 public:
  cipher_set() = default;

  [[nodiscard]] bool test(unsigned i) const noexcept {
    return (word(i >> 6) >> (i & 63u)) & 1u;
  }
  void set(unsigned i) noexcept { half_[i >> 7][(i >> 6) & 1u] |= std::uint64_t{1} << (i & 63u); }
  void reset(unsigned i) noexcept { half_[i >> 7][(i >> 6) & 1u] &= ~(std::uint64_t{1} << (i & 63u)); }

  [[nodiscard]] bool any() const noexcept {
    const pair both = half_[0] | half_[1];
    return (both[0] | both[1]) != 0;
  }
  [[nodiscard]] bool none() const noexcept { return !any(); }
  [[nodiscard]] unsigned count() const noexcept {
    return popcount(word(0)) + popcount(word(1)) + popcount(word(2)) + popcount(word(3));
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
      s.half_[k >> 1][k & 1u] = w;
    }
    return s;
  }

  cipher_set& operator|=(const cipher_set& o) noexcept {
    half_[0] |= o.half_[0];
    half_[1] |= o.half_[1];
    return *this;
  }
  cipher_set& operator&=(const cipher_set& o) noexcept {
    half_[0] &= o.half_[0];
    half_[1] &= o.half_[1];
    return *this;
  }
  /// Removes the members of o.
  cipher_set& operator-=(const cipher_set& o) noexcept {
    half_[0] &= ~o.half_[0];
    half_[1] &= ~o.half_[1];
    return *this;
  }
  friend cipher_set operator|(cipher_set a, const cipher_set& b) noexcept {
    return a |= b;
  }
  friend cipher_set operator&(cipher_set a, const cipher_set& b) noexcept {
    return a &= b;
  }
  friend cipher_set operator-(cipher_set a, const cipher_set& b) noexcept {
    return a -= b;
  }
  friend bool operator==(const cipher_set& a, const cipher_set& b) noexcept {
    const pair diff = (a.half_[0] ^ b.half_[0]) | (a.half_[1] ^ b.half_[1]);
    return (diff[0] | diff[1]) == 0;
  }

  /// Calls f(i) for every member, ascending.
  template <typename F>
  void for_each(F&& f) const {
    for (unsigned k = 0; k < 4; ++k) {
      std::uint64_t w = word(k);
      while (w != 0) {
        f(k * 64 + static_cast<unsigned>(std::countr_zero(w)));
        w &= w - 1;
      }
    }
  }

 private:
  // Two 128-bit halves in GCC/Clang vector types: every set operation is two SSE2
  // instructions on Debian's x86-64 baseline, where four-word loops were not vectorised.
  // (Clang 14 cannot subscript these in constant expressions, so nothing here is constexpr.)
  using pair = std::uint64_t __attribute__((vector_size(16)));

  [[nodiscard]] std::uint64_t word(unsigned k) const noexcept { return half_[k >> 1][k & 1u]; }

  // Without -mpopcnt (Debian's x86-64 baseline) std::popcount is a call into libgcc, which
  // showed up at 11 % of an evaluation profile; this bit-parallel count stays inline.
  static constexpr unsigned popcount(std::uint64_t x) noexcept {
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return static_cast<unsigned>((x * 0x0101010101010101ull) >> 56);
  }

  pair half_[2] = {};
};

}  // namespace cipherexplain::detail

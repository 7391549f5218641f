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
  constexpr cipher_set() = default;

  [[nodiscard]] constexpr bool test(unsigned i) const noexcept {
    return (w_[i >> 6] >> (i & 63u)) & 1u;
  }
  constexpr void set(unsigned i) noexcept { w_[i >> 6] |= std::uint64_t{1} << (i & 63u); }
  constexpr void reset(unsigned i) noexcept { w_[i >> 6] &= ~(std::uint64_t{1} << (i & 63u)); }

  [[nodiscard]] constexpr bool any() const noexcept { return (w_[0] | w_[1] | w_[2] | w_[3]) != 0; }
  [[nodiscard]] constexpr bool none() const noexcept { return !any(); }
  [[nodiscard]] constexpr unsigned count() const noexcept {
    return popcount(w_[0]) + popcount(w_[1]) + popcount(w_[2]) + popcount(w_[3]);
  }

  /// The first n positions.
  [[nodiscard]] static constexpr cipher_set first(unsigned n) noexcept {
    cipher_set s;
    for (unsigned k = 0; k < 4; ++k) {
      const unsigned lo = k * 64;
      if (n >= lo + 64)
        s.w_[k] = ~std::uint64_t{0};
      else if (n > lo)
        s.w_[k] = (std::uint64_t{1} << (n - lo)) - 1;
    }
    return s;
  }

  constexpr cipher_set& operator|=(const cipher_set& o) noexcept {
    for (unsigned k = 0; k < 4; ++k) w_[k] |= o.w_[k];
    return *this;
  }
  constexpr cipher_set& operator&=(const cipher_set& o) noexcept {
    for (unsigned k = 0; k < 4; ++k) w_[k] &= o.w_[k];
    return *this;
  }
  /// Removes the members of o.
  constexpr cipher_set& operator-=(const cipher_set& o) noexcept {
    for (unsigned k = 0; k < 4; ++k) w_[k] &= ~o.w_[k];
    return *this;
  }
  friend constexpr cipher_set operator|(cipher_set a, const cipher_set& b) noexcept {
    return a |= b;
  }
  friend constexpr cipher_set operator&(cipher_set a, const cipher_set& b) noexcept {
    return a &= b;
  }
  friend constexpr cipher_set operator-(cipher_set a, const cipher_set& b) noexcept {
    return a -= b;
  }
  friend constexpr bool operator==(const cipher_set&, const cipher_set&) = default;

  /// Calls f(i) for every member, ascending.
  template <typename F>
  constexpr void for_each(F&& f) const {
    for (unsigned k = 0; k < 4; ++k) {
      std::uint64_t word = w_[k];
      while (word != 0) {
        f(k * 64 + static_cast<unsigned>(std::countr_zero(word)));
        word &= word - 1;
      }
    }
  }

 private:
  // Without -mpopcnt (Debian's x86-64 baseline) std::popcount is a call into libgcc, which
  // showed up at 11 % of an evaluation profile; this bit-parallel count stays inline.
  static constexpr unsigned popcount(std::uint64_t x) noexcept {
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return static_cast<unsigned>((x * 0x0101010101010101ull) >> 56);
  }

  std::array<std::uint64_t, 4> w_{};
};

}  // namespace cipherexplain::detail

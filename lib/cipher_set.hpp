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
    return static_cast<unsigned>(std::popcount(w_[0]) + std::popcount(w_[1]) +
                                 std::popcount(w_[2]) + std::popcount(w_[3]));
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
  std::array<std::uint64_t, 4> w_{};
};

}  // namespace cipherexplain::detail

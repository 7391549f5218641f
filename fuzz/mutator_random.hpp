// SPDX-License-Identifier: Apache-2.0
#pragma once
// The random numbers the structure-aware mutators draw from: splitmix64, so that every seed,
// even 0, 1, 2, ..., starts a well-mixed sequence, and the same seed the same mutation.

#include <cstddef>
#include <cstdint>
#include <random>

namespace cipherexplain::fuzzing {

struct mutation_rng {
  using result_type = std::uint64_t;
  std::uint64_t state;
  explicit mutation_rng(std::uint64_t seed) : state(seed) {}
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }
  result_type operator()() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
};

/// A number in [0, n), 0 when n is 0.
inline std::size_t pick(mutation_rng& rng, std::size_t n) {
  return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}

}  // namespace cipherexplain::fuzzing

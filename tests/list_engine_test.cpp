// SPDX-License-Identifier: Apache-2.0
// The fast list state (lib/engine/list_state.hpp) against the literal model of OpenSSL's linked
// list (lib/engine/reference_list.hpp) on random rule sequences: same list, same order, after every
// step.

#include "engine/list_state.hpp"
#include "engine/reference_list.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace {

using namespace cipherexplain;
using namespace cipherexplain::detail;

struct fixture {
  std::vector<cipher> suites;
  std::vector<const cipher*> order;
  std::vector<std::uint8_t> rank;
  std::vector<cipher_set> rank_sets;
  unsigned n_ranks = 0;

  explicit fixture(unsigned n, std::mt19937& rng) : suites(n) {
    // Real releases have up to 8 distinct strengths (@STRENGTH keeps up to 8 bucket counters
    // in registers); some fixtures use 12 so the general path is exercised too.
    static constexpr std::uint16_t strengths[] = {0,   40,  56,  64,  80,  112,
                                                  128, 168, 192, 224, 256, 384};
    const unsigned distinct_strengths = std::bernoulli_distribution(0.5)(rng) ? 7 : 12;
    for (unsigned i = 0; i < n; ++i) {
      suites[i].id = i;
      suites[i].strength_bits =
          strengths[std::uniform_int_distribution<unsigned>(0, distinct_strengths - 1)(rng)];
    }
    for (const cipher& s : suites) order.push_back(&s);
    std::vector<std::uint16_t> distinct;
    for (const cipher& s : suites) distinct.push_back(s.strength_bits);
    std::sort(distinct.begin(), distinct.end(), std::greater<>());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    n_ranks = static_cast<unsigned>(distinct.size());
    rank_sets.resize(n_ranks);
    for (unsigned i = 0; i < n; ++i) {
      rank.push_back(static_cast<std::uint8_t>(
          std::find(distinct.begin(), distinct.end(), suites[i].strength_bits) - distinct.begin()));
      rank_sets[rank.back()].set(i);
    }
  }
  [[nodiscard]] unsigned index(const cipher& s) const {
    return static_cast<unsigned>(&s - suites.data());
  }
};

// The whole list a list_state stands for: removed, then untouched in order, then active.
std::vector<const cipher*> whole_list(const list_state& s, const fixture& f) {
  std::vector<const cipher*> out;
  s.for_each_removed([&](unsigned c) { out.push_back(f.order[c]); });
  (s.alive - s.removed_set - s.active_set).for_each([&](unsigned c) { out.push_back(f.order[c]); });
  s.for_each_active([&](unsigned c) { out.push_back(f.order[c]); });
  return out;
}
std::vector<const cipher*> active_list(const list_state& s, const fixture& f) {
  std::vector<const cipher*> out;
  s.for_each_active([&](unsigned c) { out.push_back(f.order[c]); });
  return out;
}

class list_engine : public ::testing::TestWithParam<unsigned> {};

TEST_P(list_engine, matches_the_reference_list_on_random_rule_sequences) {
  std::mt19937 rng(GetParam());
  const unsigned n = std::uniform_int_distribution<unsigned>(1, max_collected)(rng);
  const fixture f(n, rng);
  list_state fast = list_state::fresh(n);
  reference_list slow(f.order);
  for (int step = 0; step < 600; ++step) {
    // Small and large match sets both occur in real strings (a name vs. ALL).
    const double density = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
    cipher_set m;
    for (unsigned i = 0; i < n; ++i) {
      if (std::bernoulli_distribution(density * density)(rng)) m.set(i);
    }
    auto in_m = [&](const cipher& s) { return m.test(f.index(s)); };
    switch (std::uniform_int_distribution<int>(0, 5)(rng)) {
      case 0:
        fast.add(m), slow.apply(reference_list::op::add, in_m);
        break;
      case 1:
        fast.remove(m), slow.apply(reference_list::op::remove, in_m);
        break;
      case 2:
        fast.move_to_end(m), slow.apply(reference_list::op::move_to_end, in_m);
        break;
      case 3:
        if (std::bernoulli_distribution(0.3)(rng))
          fast.kill(m), slow.apply(reference_list::op::kill, in_m);
        break;
      case 4:
        fast.strength_sort(f.rank.data(), f.rank_sets.data(), f.n_ranks), slow.strength_sort();
        break;
      case 5: {
        // Copies carry only the used parts of the arrays; carry on from a copy.
        const list_state copy(fast);
        list_state assigned = list_state::fresh(1);
        assigned = copy;
        fast = assigned;
        break;
      }
    }
    ASSERT_EQ(active_list(fast, f), slow.active()) << "step " << step;
    ASSERT_EQ(whole_list(fast, f), slow.all()) << "step " << step;
  }
}

INSTANTIATE_TEST_SUITE_P(seeds, list_engine, ::testing::Range(1u, 201u));

std::vector<unsigned> active_of(const list_state& s) {
  std::vector<unsigned> out;
  s.for_each_active([&](unsigned c) { out.push_back(c); });
  return out;
}

TEST(list_engine, re_adding_an_active_suite_does_not_move_it) {
  list_state s = list_state::fresh(3);
  cipher_set a, b;
  a.set(2);
  b.set(0);
  b.set(2);
  s.add(a);
  s.add(b);
  EXPECT_EQ(active_of(s), (std::vector<unsigned>{2, 0}));
}

TEST(list_engine, a_killed_suite_never_comes_back) {
  list_state s = list_state::fresh(2);
  cipher_set one;
  one.set(1);
  s.kill(one);
  s.add(cipher_set::first(2));
  EXPECT_EQ(active_of(s), (std::vector<unsigned>{0}));
}

TEST(list_engine, removed_suites_are_added_back_first_most_recent_group_first) {
  list_state s = list_state::fresh(4);
  s.add(cipher_set::first(4));  // 0 1 2 3
  cipher_set x, y;
  x.set(3);
  y.set(1);
  s.remove(x);  // removed: 3
  s.remove(y);  // removed: 1 3
  s.add(cipher_set::first(4));
  EXPECT_EQ(active_of(s), (std::vector<unsigned>{0, 2, 1, 3}));
}

}  // namespace

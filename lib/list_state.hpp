#pragma once
// The state of OpenSSL's cipher list while a string is read, kept so that every rule costs a
// few set operations instead of a walk over a linked list.
//
// OpenSSL's list always has the shape [removed][untouched][active]: '-' parks suites at the
// head, additions and '+' move suites to the tail, and suites never touched since the
// preference passes keep their preference order in between. Positions are numbered in that
// preference order, so the untouched part is simply the untouched set in ascending order; only
// the removed part and the active part need explicit sequences.

#include "cipher_set.hpp"

#include <array>
#include <cstdint>

namespace cipherexplain::detail {

struct list_state {
  std::array<std::uint8_t, max_collected> active{};   // in list order
  std::array<std::uint8_t, max_collected> removed{};  // in list order (head of the list)
  std::uint16_t n_active = 0;
  std::uint16_t n_removed = 0;
  cipher_set active_set;
  cipher_set removed_set;
  cipher_set alive;  // not killed

  /// A fresh list of n suites, none active.
  static list_state fresh(unsigned n) noexcept {
    list_state s;
    s.alive = cipher_set::first(n);
    return s;
  }

  /// ADD: matching suites not in the list are appended, in list order.
  void add(const cipher_set& match) noexcept {
    const cipher_set wanted = (match & alive) - active_set;
    if (wanted.none()) return;
    const cipher_set from_removed = wanted & removed_set;
    if (from_removed.any()) {
      std::uint16_t kept = 0;
      for (std::uint16_t i = 0; i < n_removed; ++i) {
        const std::uint8_t c = removed[i];
        if (from_removed.test(c))
          active[n_active++] = c;
        else
          removed[kept++] = c;
      }
      n_removed = kept;
      removed_set -= from_removed;
    }
    (wanted - from_removed).for_each([this](unsigned c) {
      active[n_active++] = static_cast<std::uint8_t>(c);
    });
    active_set |= wanted;
  }

  /// DEL ('-'): matching active suites move, in order, to the head of the list, inactive.
  void remove(const cipher_set& match) noexcept {
    const cipher_set hit = match & active_set;
    if (hit.none()) return;
    std::array<std::uint8_t, max_collected> moved;
    std::uint16_t n_moved = 0;
    std::uint16_t kept = 0;
    for (std::uint16_t i = 0; i < n_active; ++i) {
      const std::uint8_t c = active[i];
      if (hit.test(c))
        moved[n_moved++] = c;
      else
        active[kept++] = c;
    }
    n_active = kept;
    for (std::uint16_t i = n_removed; i-- > 0;) removed[i + n_moved] = removed[i];
    for (std::uint16_t i = 0; i < n_moved; ++i) removed[i] = moved[i];
    n_removed = static_cast<std::uint16_t>(n_removed + n_moved);
    active_set -= hit;
    removed_set |= hit;
  }

  /// ORD ('+'): matching active suites move, in order, to the end.
  void move_to_end(const cipher_set& match) noexcept {
    const cipher_set hit = match & active_set;
    if (hit.none()) return;
    std::array<std::uint8_t, max_collected> moved;
    std::uint16_t n_moved = 0;
    std::uint16_t kept = 0;
    for (std::uint16_t i = 0; i < n_active; ++i) {
      const std::uint8_t c = active[i];
      if (hit.test(c))
        moved[n_moved++] = c;
      else
        active[kept++] = c;
    }
    for (std::uint16_t i = 0; i < n_moved; ++i) active[kept + i] = moved[i];
  }

  /// KILL ('!'): matching suites leave the list for good.
  void kill(const cipher_set& match) noexcept {
    const cipher_set hit = match & alive;
    if (hit.none()) return;
    if ((hit & active_set).any()) {
      std::uint16_t kept = 0;
      for (std::uint16_t i = 0; i < n_active; ++i) {
        if (!hit.test(active[i])) active[kept++] = active[i];
      }
      n_active = kept;
    }
    if ((hit & removed_set).any()) {
      std::uint16_t kept = 0;
      for (std::uint16_t i = 0; i < n_removed; ++i) {
        if (!hit.test(removed[i])) removed[kept++] = removed[i];
      }
      n_removed = kept;
    }
    alive -= hit;
    active_set -= hit;
    removed_set -= hit;
  }

  /// @STRENGTH: a stable sort of the active suites by descending strength. rank[c] is the
  /// position of suite c's strength_bits among the release's distinct values, strongest = 0.
  void strength_sort(const std::uint8_t* rank, unsigned n_ranks) noexcept {
    std::array<std::uint16_t, max_collected + 1> start{};
    for (std::uint16_t i = 0; i < n_active; ++i) ++start[rank[active[i]] + 1u];
    for (unsigned r = 0; r < n_ranks; ++r)
      start[r + 1] = static_cast<std::uint16_t>(start[r + 1] + start[r]);
    std::array<std::uint8_t, max_collected> sorted;
    for (std::uint16_t i = 0; i < n_active; ++i) sorted[start[rank[active[i]]]++] = active[i];
    for (std::uint16_t i = 0; i < n_active; ++i) active[i] = sorted[i];
  }
};

}  // namespace cipherexplain::detail

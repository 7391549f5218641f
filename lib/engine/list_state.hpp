// SPDX-License-Identifier: Apache-2.0
#pragma once
// The state of OpenSSL's cipher list while a string is read, kept so that every rule costs a
// few set operations instead of a walk over a linked list.
//
// OpenSSL's list always has the shape [removed][untouched][active]: '-' parks suites at the
// head, additions and '+' move suites to the tail, and suites never touched since the
// preference passes keep their preference order in between. Positions are numbered in that
// preference order, so the untouched part is simply the untouched set in ascending order; only
// the removed part and the active part need explicit sequences.
//
// The active sequence is append-only with stale entries: an entry is live while the suite's
// `where` points at it. So '!' and '-' only clear bits and `where`, and '+' appends; the
// sequence is compacted when it fills up and before sorting. While no entry is stale (only
// additions so far, as after DEFAULT) reading the list needs no checks at all.
//
// Copies carry only the used part of each array: evaluating a string starts from a copy of
// the prepared DEFAULT list, and that copy was a third of evaluating `DEFAULT`.

#include "engine/cipher_set.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace cipherexplain::detail {

class list_state {
 public:
  list_state() noexcept : seq_{}, where_{}, removed_{} {}
  // Leaves the unused tails of the arrays unwritten (see the top of the file).
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-member-init)
  list_state(const list_state& o) noexcept { copy_from(o); }
  list_state& operator=(const list_state& o) noexcept {
    if (this != &o) copy_from(o);
    return *this;
  }
  ~list_state() = default;

  /// A fresh list of n suites, none active.
  static list_state fresh(unsigned n) noexcept {
    list_state s;
    s.alive = cipher_set::first(n);
    s.n_ = static_cast<std::uint16_t>(n);
    return s;
  }

  cipher_set active_set;   // in the list and active
  cipher_set removed_set;  // parked at the head by '-'
  cipher_set alive;        // not killed

  /// The active suites in list order.
  template <typename F>
  void for_each_active(F&& f) const {
    const std::uint16_t n = n_seq_;
    if (!stale_) {
      for (std::uint16_t i = 0; i < n; ++i) f(seq_[i]);
      return;
    }
    for (std::uint16_t i = 0; i < n; ++i) {
      const std::uint8_t c = seq_[i];
      if (where_[c] == i) f(c);
    }
  }
  /// The removed (parked) suites in list order.
  template <typename F>
  void for_each_removed(F&& f) const {
    for (std::uint16_t i = 0; i < n_removed_; ++i) f(removed_[i]);
  }
  [[nodiscard]] unsigned active_count() const noexcept { return active_set.count(); }
  /// Drops stale entries now, so that later reads of this list (and of its copies) are plain.
  void tidy() noexcept { compact(); }

  /// Same list (order included), same parked suites, same killed suites. Walks both
  /// sequences side by side, stopping at the first difference (the findings ask this for every
  /// rule).
  [[nodiscard]] bool equivalent(const list_state& o) const noexcept {
    if (!(active_set == o.active_set) || !(alive == o.alive) || n_removed_ != o.n_removed_)
      return false;
    for (std::uint16_t i = 0; i < n_removed_; ++i) {
      if (removed_[i] != o.removed_[i]) return false;
    }
    auto live = [](const list_state& s, std::uint16_t k) {
      return !s.stale_ || s.where_[s.seq_[k]] == k;
    };
    std::uint16_t i = 0, j = 0;
    while (true) {
      while (i < n_seq_ && !live(*this, i)) ++i;
      while (j < o.n_seq_ && !live(o, j)) ++j;
      if (i == n_seq_ || j == o.n_seq_) return i == n_seq_ && j == o.n_seq_;
      if (seq_[i] != o.seq_[j]) return false;
      ++i;
      ++j;
    }
  }

  /// ADD: matching suites not in the list are appended, in list order.
  void add(const cipher_set& match) noexcept {
    const cipher_set wanted = (match & alive) - active_set;
    if (wanted.none()) return;
    const cipher_set from_removed = wanted & removed_set;
    // Never more than the suites of the release; counting `wanted` cost more than the rare
    // early compaction this bound causes.
    make_room(n_);
    // The hot loops of most strings: a local counter keeps it out of memory (byte stores to
    // seq_ could alias a member counter).
    std::uint16_t n = n_seq_;
    std::uint8_t* const seq = seq_.data();
    std::uint16_t* const where = where_.data();
    if (from_removed.any()) {
      std::uint16_t kept = 0;
      for (std::uint16_t i = 0; i < n_removed_; ++i) {
        const std::uint8_t c = removed_[i];
        if (from_removed.test(c)) {
          where[c] = n;
          seq[n++] = c;
        } else {
          removed_[kept++] = c;
        }
      }
      n_removed_ = kept;
      removed_set -= from_removed;
    }
    (wanted - from_removed).for_each([&](unsigned c) {
      where[c] = n;
      seq[n++] = static_cast<std::uint8_t>(c);
    });
    n_seq_ = n;
    active_set |= wanted;
  }

  /// DEL ('-'): matching active suites move, in order, to the head of the list, inactive.
  void remove(const cipher_set& match) noexcept {
    const cipher_set hit = match & active_set;
    if (hit.none()) return;
    std::array<std::uint8_t, max_collected> moved;
    const std::uint16_t n_moved = in_list_order(hit, moved.data());
    for (std::uint16_t i = n_removed_; i-- > 0;) removed_[i + n_moved] = removed_[i];
    for (std::uint16_t i = 0; i < n_moved; ++i) {
      removed_[i] = moved[i];
      where_[moved[i]] = nowhere;
    }
    n_removed_ = static_cast<std::uint16_t>(n_removed_ + n_moved);
    active_set -= hit;
    removed_set |= hit;
    stale_ = true;
  }

  /// ORD ('+'): matching active suites move, in order, to the end.
  void move_to_end(const cipher_set& match) noexcept {
    const cipher_set hit = match & active_set;
    if (hit.none()) return;
    std::array<std::uint8_t, max_collected> moved;
    const std::uint16_t n_moved = in_list_order(hit, moved.data());
    make_room(n_moved);
    std::uint16_t n = n_seq_;  // a local count: stores to seq_ could alias the member
    for (std::uint16_t i = 0; i < n_moved; ++i) {
      where_[moved[i]] = n;
      seq_[n++] = moved[i];
    }
    n_seq_ = n;
    stale_ = true;
  }

  /// KILL ('!'): matching suites leave the list for good.
  void kill(const cipher_set& match) noexcept {
    const cipher_set hit = match & alive;
    if (hit.none()) return;
    if ((hit & removed_set).any()) {
      std::uint16_t kept = 0;
      for (std::uint16_t i = 0; i < n_removed_; ++i) {
        if (!hit.test(removed_[i])) removed_[kept++] = removed_[i];
      }
      n_removed_ = kept;
    }
    const cipher_set leaving = hit & active_set;
    if (leaving.any()) {
      leaving.for_each([&](unsigned c) { where_[c] = nowhere; });
      stale_ = true;
    }
    alive -= hit;
    active_set -= hit;
    removed_set -= hit;
  }

  /// @STRENGTH: a stable sort of the active suites by descending strength. rank[c] is the
  /// position of suite c's strength_bits among the release's distinct values, strongest = 0;
  /// rank_sets[r] holds the suites of rank r, so each bucket's size is one set count instead of
  /// a counting pass (whose increments of the same few counters stall on each other).
  void strength_sort(const std::uint8_t* rank, const cipher_set* rank_sets,
                     unsigned n_ranks) noexcept {
    compact();
    std::array<std::uint16_t, max_collected> start;
    std::uint16_t at = 0;
    for (unsigned r = 0; r < n_ranks; ++r) {
      start[r] = at;
      at = static_cast<std::uint16_t>(at + (active_set & rank_sets[r]).count());
    }
    std::array<std::uint8_t, max_collected> unsorted;
    std::copy_n(seq_.begin(), n_seq_, unsorted.begin());
    if (n_ranks <= 8) {
      // The next position of each rank lives in a 16-bit lane of two registers: kept in an
      // array, consecutive suites of one rank wait on each other's store and reload.
      std::uint64_t low = 0, high = 0;  // ranks 0-3, 4-7
      for (unsigned r = 0; r < n_ranks; ++r)
        (r < 4 ? low : high) |= std::uint64_t{start[r]} << (16 * (r & 3));
      for (std::uint16_t i = 0; i < n_seq_; ++i) {
        const std::uint8_t c = unsorted[i];
        const unsigned r = rank[c];
        const unsigned shift = 16 * (r & 3);
        const bool in_high = r >= 4;
        const auto to = static_cast<std::uint16_t>(((in_high ? high : low) >> shift) & 0xffff);
        const std::uint64_t one = std::uint64_t{1} << shift;
        low += in_high ? 0 : one;
        high += in_high ? one : 0;
        seq_[to] = c;
        where_[c] = to;
      }
      return;
    }
    for (std::uint16_t i = 0; i < n_seq_; ++i) {
      const std::uint8_t c = unsorted[i];
      const std::uint16_t to = start[rank[c]]++;
      seq_[to] = c;
      where_[c] = to;
    }
  }

 private:
  static constexpr std::uint16_t capacity = 2 * max_collected;
  // The where_ of a suite that left the active part: no entry of seq_ is live for it.
  static constexpr std::uint16_t nowhere = 0xffff;

  // Compacts before a batch of appends that would not fit. Never during one: suites being
  // added are not yet in active_set, so a compaction would drop their fresh entries.
  void make_room(unsigned n) noexcept {
    if (n_seq_ + n > capacity) compact();
  }
  // Writes the members of `hit` (all active) in list order; returns how many. A few suites
  // (one name, a '-SHA1') are sorted by their live index; many are found by a walk.
  std::uint16_t in_list_order(const cipher_set& hit, std::uint8_t* out) const noexcept {
    const unsigned n = hit.count();
    if (n * 8 > n_seq_) {
      std::uint16_t k = 0;
      for_each_active([&](unsigned c) {
        if (hit.test(c)) out[k++] = static_cast<std::uint8_t>(c);
      });
      return k;
    }
    std::uint16_t k = 0;
    hit.for_each([&](unsigned c) {
      std::uint16_t j = k++;
      for (; j > 0 && where_[out[j - 1]] > where_[c]; --j) out[j] = out[j - 1];
      out[j] = static_cast<std::uint8_t>(c);
    });
    return k;
  }
  // Drops stale entries, keeping the live ones in order.
  void compact() noexcept {
    if (!stale_) return;
    std::uint16_t kept = 0;
    for (std::uint16_t i = 0; i < n_seq_; ++i) {
      const std::uint8_t c = seq_[i];
      if (where_[c] == i) {
        where_[c] = kept;
        seq_[kept++] = c;
      }
    }
    n_seq_ = kept;
    stale_ = false;
  }
  void copy_from(const list_state& o) noexcept {
    active_set = o.active_set;
    removed_set = o.removed_set;
    alive = o.alive;
    n_ = o.n_;
    n_seq_ = o.n_seq_;
    n_removed_ = o.n_removed_;
    stale_ = o.stale_;
    std::copy_n(o.seq_.begin(), n_seq_, seq_.begin());
    std::copy_n(o.where_.begin(), n_, where_.begin());
    std::copy_n(o.removed_.begin(), n_removed_, removed_.begin());
  }

  std::array<std::uint8_t, capacity> seq_;           // active suites in list order, some stale
  std::array<std::uint16_t, max_collected> where_;   // index of each suite's live entry
  std::array<std::uint8_t, max_collected> removed_;  // parked suites in list order
  std::uint16_t n_ = 0;                              // suites in the release
  std::uint16_t n_seq_ = 0;
  std::uint16_t n_removed_ = 0;
  bool stale_ = false;  // seq_ may hold stale entries
};

}  // namespace cipherexplain::detail

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
// The active sequence is append-only with stale entries: an entry is live while its suite is
// active and the suite's `where` still points at it. So '!' and '-' only clear bits, and '+'
// appends; the sequence is compacted when it fills up and before sorting.

#include "cipher_set.hpp"

#include <array>
#include <cstdint>

namespace cipherexplain::detail {

class list_state {
 public:
  /// A fresh list of n suites, none active.
  static list_state fresh(unsigned n) noexcept {
    list_state s;
    s.alive = cipher_set::first(n);
    return s;
  }

  cipher_set active_set;   // in the list and active
  cipher_set removed_set;  // parked at the head by '-'
  cipher_set alive;        // not killed

  /// The active suites in list order.
  template <typename F>
  void for_each_active(F&& f) const {
    const std::uint16_t n = n_seq_;
    for (std::uint16_t i = 0; i < n; ++i) {
      const std::uint8_t c = seq_[i];
      if (where_[c] == i && active_set.test(c)) f(c);
    }
  }
  /// The removed (parked) suites in list order.
  template <typename F>
  void for_each_removed(F&& f) const {
    for (std::uint16_t i = 0; i < n_removed_; ++i) f(removed_[i]);
  }
  [[nodiscard]] unsigned active_count() const noexcept { return active_set.count(); }

  /// Same list (order included), same parked suites, same killed suites.
  [[nodiscard]] bool equivalent(const list_state& o) const noexcept {
    if (!(active_set == o.active_set) || !(alive == o.alive) || n_removed_ != o.n_removed_) return false;
    for (std::uint16_t i = 0; i < n_removed_; ++i) {
      if (removed_[i] != o.removed_[i]) return false;
    }
    std::array<std::uint8_t, max_collected> a{}, b{};
    unsigned na = 0, nb = 0;
    for_each_active([&](unsigned c) { a[na++] = static_cast<std::uint8_t>(c); });
    o.for_each_active([&](unsigned c) { b[nb++] = static_cast<std::uint8_t>(c); });
    return na == nb && std::equal(a.begin(), a.begin() + na, b.begin());
  }

  /// ADD: matching suites not in the list are appended, in list order.
  void add(const cipher_set& match) noexcept {
    const cipher_set wanted = (match & alive) - active_set;
    if (wanted.none()) return;
    const cipher_set from_removed = wanted & removed_set;
    make_room(wanted.count());
    if (from_removed.any()) {
      std::uint16_t kept = 0;
      for (std::uint16_t i = 0; i < n_removed_; ++i) {
        const std::uint8_t c = removed_[i];
        if (from_removed.test(c)) append(c);
        else removed_[kept++] = c;
      }
      n_removed_ = kept;
      removed_set -= from_removed;
    }
    // The hot loop of most strings: a local counter keeps it out of memory (byte stores to
    // seq_ could alias a member counter).
    std::uint16_t n = n_seq_;
    std::uint8_t* const seq = seq_.data();
    std::uint16_t* const where = where_.data();
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
    std::uint16_t n_moved = 0;
    for_each_active([&](unsigned c) {
      if (hit.test(c)) moved[n_moved++] = static_cast<std::uint8_t>(c);
    });
    for (std::uint16_t i = n_removed_; i-- > 0;) removed_[i + n_moved] = removed_[i];
    for (std::uint16_t i = 0; i < n_moved; ++i) removed_[i] = moved[i];
    n_removed_ = static_cast<std::uint16_t>(n_removed_ + n_moved);
    active_set -= hit;
    removed_set |= hit;
  }

  /// ORD ('+'): matching active suites move, in order, to the end.
  void move_to_end(const cipher_set& match) noexcept {
    const cipher_set hit = match & active_set;
    if (hit.none()) return;
    std::array<std::uint8_t, max_collected> moved;
    std::uint16_t n_moved = 0;
    for_each_active([&](unsigned c) {
      if (hit.test(c)) moved[n_moved++] = static_cast<std::uint8_t>(c);
    });
    make_room(n_moved);
    for (std::uint16_t i = 0; i < n_moved; ++i) append(moved[i]);
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
    alive -= hit;
    active_set -= hit;
    removed_set -= hit;
  }

  /// @STRENGTH: a stable sort of the active suites by descending strength. rank[c] is the
  /// position of suite c's strength_bits among the release's distinct values, strongest = 0.
  void strength_sort(const std::uint8_t* rank, unsigned n_ranks) noexcept {
    compact();
    std::array<std::uint16_t, max_collected + 1> start{};
    for (std::uint16_t i = 0; i < n_seq_; ++i) ++start[rank[seq_[i]] + 1u];
    for (unsigned r = 0; r < n_ranks; ++r) start[r + 1] = static_cast<std::uint16_t>(start[r + 1] + start[r]);
    std::array<std::uint8_t, max_collected> sorted;
    for (std::uint16_t i = 0; i < n_seq_; ++i) sorted[start[rank[seq_[i]]]++] = seq_[i];
    for (std::uint16_t i = 0; i < n_seq_; ++i) {
      seq_[i] = sorted[i];
      where_[sorted[i]] = i;
    }
  }

 private:
  static constexpr std::uint16_t capacity = 2 * max_collected;

  // Compacts before a batch of appends that would not fit. Never during one: suites being
  // added are not yet in active_set, so a compaction would drop their fresh entries.
  void make_room(unsigned n) noexcept {
    if (n_seq_ + n > capacity) compact();
  }
  void append(std::uint8_t c) noexcept {
    where_[c] = n_seq_;
    seq_[n_seq_++] = c;
  }
  // Drops stale entries, keeping the live ones in order.
  void compact() noexcept {
    std::uint16_t kept = 0;
    for (std::uint16_t i = 0; i < n_seq_; ++i) {
      const std::uint8_t c = seq_[i];
      if (where_[c] == i && active_set.test(c)) {
        where_[c] = kept;
        seq_[kept++] = c;
      }
    }
    n_seq_ = kept;
  }

  std::array<std::uint8_t, capacity> seq_{};         // active suites in list order, some stale
  std::array<std::uint16_t, max_collected> where_{};  // index of each suite's live entry
  std::array<std::uint8_t, max_collected> removed_{}; // parked suites in list order
  std::uint16_t n_seq_ = 0;
  std::uint16_t n_removed_ = 0;
};

}  // namespace cipherexplain::detail

// SPDX-License-Identifier: Apache-2.0
#pragma once
// OpenSSL's cipher list exactly as ssl_cipher_apply_rule() manipulates it, one node at a time.
// Used for the fixed preference passes (including BUMP, which strings cannot express) and by
// the tests as an independent model of the fast list_state.

#include <cipherexplain/cipher.hpp>

#include <algorithm>
#include <vector>

namespace cipherexplain::detail {

class reference_list {
 public:
  enum class op { add, remove, move_to_end, kill, bump };

  explicit reference_list(const std::vector<const cipher*>& collected) {
    nodes_.reserve(collected.size());
    for (const cipher* c : collected) nodes_.push_back({c, false});
  }

  // Each operation walks the list once; moved nodes go past the walk's end and are not seen
  // again, which is what these partitions express.
  template <typename Match>
  void apply(op what, Match&& matches) {
    std::vector<node> hit;
    std::vector<node> rest;
    for (const node& n : nodes_) {
      const bool m = matches(*n.suite);
      const bool takes = (what == op::add && m && !n.active) ||
                         (what != op::add && what != op::kill && m && n.active) ||
                         (what == op::kill && m);
      (takes ? hit : rest).push_back(n);
    }
    switch (what) {
      case op::add:
        for (node& n : hit) n.active = true;
        nodes_ = concat(rest, hit);
        break;
      case op::move_to_end:
        nodes_ = concat(rest, hit);
        break;
      case op::remove:
        for (node& n : hit) n.active = false;
        nodes_ = concat(hit, rest);
        break;
      case op::bump:
        nodes_ = concat(hit, rest);
        break;
      case op::kill:
        nodes_ = rest;
        break;
    }
  }

  // ssl_cipher_strength_sort: one '+' pass per strength value present, strongest first.
  void strength_sort() {
    int max_bits = -1;
    for (const node& n : nodes_) {
      if (n.active) max_bits = std::max<int>(max_bits, n.suite->strength_bits);
    }
    for (int bits = max_bits; bits >= 0; --bits) {
      const bool used = std::any_of(nodes_.begin(), nodes_.end(), [bits](const node& n) {
        return n.active && n.suite->strength_bits == bits;
      });
      if (used) apply(op::move_to_end, [bits](const cipher& c) { return c.strength_bits == bits; });
    }
  }

  [[nodiscard]] std::vector<const cipher*> all() const {
    std::vector<const cipher*> out;
    for (const node& n : nodes_) out.push_back(n.suite);
    return out;
  }
  [[nodiscard]] std::vector<const cipher*> active() const {
    std::vector<const cipher*> out;
    for (const node& n : nodes_) {
      if (n.active) out.push_back(n.suite);
    }
    return out;
  }

 private:
  struct node {
    const cipher* suite;
    bool active;
  };
  static std::vector<node> concat(std::vector<node> a, const std::vector<node>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  }
  std::vector<node> nodes_;
};

}  // namespace cipherexplain::detail

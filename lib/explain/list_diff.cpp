// SPDX-License-Identifier: Apache-2.0
#include <cipherexplain/list_diff.hpp>

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace cipherexplain {

list_diff diff_lists(std::span<const cipher* const> before, std::span<const cipher* const> after) {
  list_diff out;
  std::unordered_map<std::uint32_t, std::size_t> in_before, in_after;
  for (std::size_t i = 0; i < before.size(); ++i) in_before.emplace(before[i]->id, i);
  for (std::size_t i = 0; i < after.size(); ++i) in_after.emplace(after[i]->id, i);
  for (const cipher* s : after) {
    if (!in_before.contains(s->id)) out.added.push_back(s);
  }
  for (const cipher* s : before) {
    if (!in_after.contains(s->id)) out.removed.push_back(s);
  }

  // The common suites, in new-list order, as positions in the old list: the longest increasing
  // subsequence of those positions stayed in order; the rest moved.
  std::vector<const cipher*> common;
  std::vector<std::size_t> old_position;
  for (const cipher* s : after) {
    if (const auto it = in_before.find(s->id); it != in_before.end()) {
      common.push_back(s);
      old_position.push_back(it->second);
    }
  }
  // Patience sorting: O(n log n), with back-links to recover one longest subsequence.
  std::vector<std::size_t> tails;  // index into common of the smallest tail of each length
  std::vector<std::ptrdiff_t> previous(common.size(), -1);
  for (std::size_t i = 0; i < common.size(); ++i) {
    const auto pos =
        std::lower_bound(tails.begin(), tails.end(), old_position[i],
                         [&](std::size_t t, std::size_t v) { return old_position[t] < v; });
    if (pos != tails.begin()) previous[i] = static_cast<std::ptrdiff_t>(*(pos - 1));
    if (pos == tails.end())
      tails.push_back(i);
    else
      *pos = i;
  }
  std::vector<bool> stayed(common.size(), false);
  for (auto i = tails.empty() ? std::ptrdiff_t{-1} : static_cast<std::ptrdiff_t>(tails.back());
       i >= 0; i = previous[static_cast<std::size_t>(i)]) {
    stayed[static_cast<std::size_t>(i)] = true;
  }
  for (std::size_t i = 0; i < common.size(); ++i) {
    if (!stayed[i]) out.moved.push_back(common[i]);
  }
  return out;
}

}  // namespace cipherexplain

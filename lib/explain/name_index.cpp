// SPDX-License-Identifier: Apache-2.0
#include "explain/name_index.hpp"

#include "catalog/registry.hpp"
#include "text/ascii.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <utility>

namespace cipherexplain::detail {
namespace {

template <typename F>
void for_each_line(std::string_view text, F&& f) {
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    if (!line.empty()) f(line);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  }
}

}  // namespace

release_name_index::release_name_index() {
  const auto releases = embedded_releases();
  if (releases.size() > 64) throw std::logic_error("release_name_index: more than 64 releases");
  for (std::size_t i = 0; i < releases.size(); ++i) {
    const embedded_release& r = releases[i];
    releases_.push_back(r.release);
    const std::uint64_t bit = std::uint64_t{1} << i;
    const bool ignores_case = release_txt_value(r.data->release, "case_insensitive") == "yes";
    for_each_line(r.data->words, [&](std::string_view word) {
      if (ignores_case)
        folded_[ascii_lowered(word)] |= bit;
      else
        exact_[word] |= bit;
    });
    for_each_line(r.data->tls13_names, [&](std::string_view name) { tls13_.emplace(name, name); });
    for_each_line(r.data->iana_names, [&](std::string_view line) {
      const std::size_t gap = line.find(' ');
      std::string_view id = line.substr(gap + 1);
      if (id.starts_with("0x")) id.remove_prefix(2);
      std::uint32_t value = 0;
      std::from_chars(id.data(), id.data() + id.size(), value, 16);
      iana_.emplace(line.substr(0, gap), value);  // the oldest release's, as catalogs agree
    });
  }
}

const release_name_index& release_name_index::instance() {
  static const release_name_index index;
  return index;
}

std::vector<std::string_view> release_name_index::releases_naming(std::string_view word) const {
  std::uint64_t mask = 0;
  if (const auto it = exact_.find(word); it != exact_.end()) mask |= it->second;
  if (const auto it = folded_.find(ascii_lowered(word)); it != folded_.end()) mask |= it->second;
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < releases_.size(); ++i) {
    if ((mask >> i) & 1u) out.push_back(releases_[i]);
  }
  return out;
}

std::optional<std::string_view> release_name_index::tls13_suite(std::string_view name) const {
  const auto it = tls13_.find(name);
  return it == tls13_.end() ? std::nullopt : std::optional(it->second);
}

std::optional<std::uint32_t> release_name_index::iana_suite(std::string_view name) const {
  const auto it = iana_.find(name);
  return it == iana_.end() ? std::nullopt : std::optional(it->second);
}

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
  std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && ascii_lower(a[i - 1]) == ascii_lower(b[j - 2]) &&
          ascii_lower(a[i - 2]) == ascii_lower(b[j - 1])) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

name_suggestions::name_suggestions(const prepared_release& release)
    : words_(release.known_words()) {
  for (std::size_t i = 0; i < words_.size(); ++i) {
    const std::size_t n = words_[i].size();
    if (by_length_.size() <= n) by_length_.resize(n + 1);
    by_length_[n].push_back(static_cast<std::uint32_t>(i));
    lowered_.emplace(ascii_lowered(words_[i]), static_cast<std::uint32_t>(i));
  }
}

bool name_suggestions::knows_ignoring_case(std::string_view word) const {
  return lowered_.contains(ascii_lowered(word));
}

std::vector<std::string_view> name_suggestions::nearest(std::string_view word,
                                                        std::size_t count) const {
  const std::size_t limit = word.size() < 5 ? 1 : 2;
  // Only names within `limit` bytes of the word's length can be within `limit` edits.
  std::vector<std::pair<std::size_t, std::uint32_t>> near;  // (distance, position)
  const std::size_t shortest = word.size() > limit ? word.size() - limit : 0;
  for (std::size_t n = shortest; n <= word.size() + limit && n < by_length_.size(); ++n) {
    for (const std::uint32_t i : by_length_[n]) {
      const std::size_t d = edit_distance(word, words_[i], limit);
      if (d <= limit) near.emplace_back(d, i);
    }
  }
  std::sort(near.begin(), near.end());
  std::vector<std::string_view> out;
  for (std::size_t i = 0;
       i < near.size() && out.size() < count && near[i].first == near.front().first; ++i) {
    out.push_back(words_[near[i].second]);
  }
  return out;
}

}  // namespace cipherexplain::detail

// SPDX-License-Identifier: Apache-2.0
#include "cipher_string_mutator.hpp"

#include "mutator_random.hpp"

#include <cipherexplain.hpp>

#include <algorithm>
#include <cstring>
#include <random>
#include <set>

namespace cipherexplain::fuzzing {
namespace {

// The mutators' shared splitmix64 (mutator_random.hpp).
using rng_t = mutation_rng;

bool is_separator(char c) { return c == ':' || c == ',' || c == ';' || c == ' '; }
bool is_name_byte(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '=' || c == '_';
}

constexpr std::string_view separators = ":,; ";
constexpr std::string_view operators[] = {"", "", "", "", "!", "!", "-", "+"};
constexpr std::string_view commands[] = {"STRENGTH",   "STRENGTH",   "SECLEVEL=0", "SECLEVEL=1",
                                         "SECLEVEL=2", "SECLEVEL=3", "SECLEVEL=4", "SECLEVEL=5",
                                         "SECLEVEL=6", "SECLEVEL=",  "SECLEVEL",   "strength"};
constexpr std::string_view prefixes[] = {"DEFAULT",       "DEFAULT:",    "SUITEB128",
                                         "SUITEB128ONLY", "SUITEB128C2", "SUITEB192"};
// Bytes that are neither names nor separators in some or all releases.
constexpr std::string_view odd_bytes = "@!+-=_$*\t\r\x80\xff\"\\/";

// The string cut into segments (between separator bytes) and the separators themselves.
struct pieces {
  std::vector<std::string> segments;
  std::vector<char> separators;  // separators[i] follows segments[i]; one fewer than segments
};

pieces split(std::string_view s) {
  pieces out;
  out.segments.emplace_back();
  for (const char c : s) {
    if (is_separator(c)) {
      out.separators.push_back(c);
      out.segments.emplace_back();
    } else {
      out.segments.back() += c;
    }
  }
  return out;
}

std::string join(const pieces& p) {
  std::string out;
  for (std::size_t i = 0; i < p.segments.size(); ++i) {
    if (i > 0) out += p.separators[i - 1];
    out += p.segments[i];
  }
  return out;
}

const std::string& any_word(rng_t& rng) {
  const auto& words = cipher_string_vocabulary();
  return words[pick(rng, words.size())];
}

std::string new_rule(rng_t& rng) {
  if (pick(rng, 10) == 0) {
    std::string command = "@";
    command += commands[pick(rng, std::size(commands))];
    return command;
  }
  std::string out(operators[pick(rng, std::size(operators))]);
  const std::size_t words = pick(rng, 4) == 0 ? 2 + pick(rng, 2) : 1;
  for (std::size_t i = 0; i < words; ++i) {
    if (i > 0) out += '+';
    out += any_word(rng);
  }
  return out;
}

char any_separator(rng_t& rng) { return pick(rng, 3) == 0 ? separators[pick(rng, 4)] : ':'; }

// One structural edit; false when it does not apply to this string.
bool edit(pieces& p, rng_t& rng) {
  const std::size_t n = p.segments.size();
  const std::size_t at = pick(rng, n);
  std::string& seg = p.segments[at];
  switch (pick(rng, 13)) {
    case 0:
    case 1: {  // insert a rule
      const std::size_t where = pick(rng, n + 1);
      if (where == n) {
        p.separators.push_back(any_separator(rng));
        p.segments.push_back(new_rule(rng));
      } else {
        p.segments.insert(p.segments.begin() + static_cast<std::ptrdiff_t>(where), new_rule(rng));
        p.separators.insert(p.separators.begin() + static_cast<std::ptrdiff_t>(where),
                            any_separator(rng));
      }
      return true;
    }
    case 2:  // replace a rule
      seg = new_rule(rng);
      return true;
    case 3:  // delete a rule with its separator
      if (n < 2) return false;
      p.segments.erase(p.segments.begin() + static_cast<std::ptrdiff_t>(at));
      p.separators.erase(p.separators.begin() + static_cast<std::ptrdiff_t>(at == 0 ? 0 : at - 1));
      return true;
    case 4: {  // swap two rules
      if (n < 2) return false;
      std::swap(seg, p.segments[pick(rng, n)]);
      return true;
    }
    case 5: {  // duplicate a rule elsewhere
      const std::string copy = seg;
      p.segments.push_back(copy);
      p.separators.push_back(any_separator(rng));
      if (pick(rng, 2) == 0) std::swap(p.segments.back(), p.segments[pick(rng, n)]);
      return true;
    }
    case 6: {  // replace one name inside a rule
      std::vector<std::pair<std::size_t, std::size_t>> runs;
      for (std::size_t i = 0; i < seg.size();) {
        if (!is_name_byte(seg[i]) || (i == 0 && seg[i] == '-')) {
          ++i;
          continue;
        }
        std::size_t j = i;
        while (j < seg.size() && is_name_byte(seg[j])) ++j;
        runs.emplace_back(i, j - i);
        i = j;
      }
      if (runs.empty()) return false;
      const auto [offset, length] = runs[pick(rng, runs.size())];
      seg.replace(offset, length, any_word(rng));
      return true;
    }
    case 7: {  // change the operator
      const bool has_op =
          !seg.empty() && std::string_view("!-+@").find(seg[0]) != std::string_view::npos;
      std::string op(operators[pick(rng, std::size(operators))]);
      seg = op + (has_op ? seg.substr(1) : seg);
      return true;
    }
    case 8:  // change a separator, or glue two segments together
      if (p.separators.empty()) return false;
      if (pick(rng, 4) == 0) {
        const std::size_t k = pick(rng, p.separators.size());
        p.segments[k] += p.segments[k + 1];
        p.segments.erase(p.segments.begin() + static_cast<std::ptrdiff_t>(k + 1));
        p.separators.erase(p.separators.begin() + static_cast<std::ptrdiff_t>(k));
      } else {
        p.separators[pick(rng, p.separators.size())] = separators[pick(rng, 4)];
      }
      return true;
    case 9:  // flip the case of some letters (4.0 ignores case where others do not)
      for (char& c : seg) {
        if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && pick(rng, 3) == 0) c ^= 0x20;
      }
      return true;
    case 10:  // add, change or drop a prefix
      if (at == 0 && pick(rng, 2) == 0 &&
          (seg.starts_with("DEFAULT") || seg.starts_with("SUITEB"))) {
        seg.erase(0, seg.starts_with("DEFAULT") ? 7 : std::min<std::size_t>(seg.size(), 9));
      } else {
        p.segments.front().insert(0, prefixes[pick(rng, std::size(prefixes))]);
      }
      return true;
    case 11:  // extend a '+' chain
      seg += '+';
      seg += any_word(rng);
      return true;
    default: {  // an odd byte somewhere in a rule
      seg.insert(pick(rng, seg.size() + 1), 1, odd_bytes[pick(rng, odd_bytes.size())]);
      return true;
    }
  }
}

std::size_t store(const std::string& s, std::uint8_t* out, std::size_t max_size) {
  const std::size_t n = std::min(s.size(), max_size);
  if (n != 0) std::memcpy(out, s.data(), n);
  return n;
}

}  // namespace

const std::vector<std::string>& cipher_string_vocabulary() {
  static const std::vector<std::string> words = [] {
    std::set<std::string> all;
    for (const catalog* c : catalog::all()) {
      for (const alias& a : c->aliases()) all.emplace(a.name);
      for (const cipher& s : c->ciphers()) {
        all.emplace(s.name);
        if (!s.stdname.empty()) all.emplace(s.stdname);
      }
    }
    for (const std::string_view w : {"DEFAULT", "COMPLEMENTOFDEFAULT", "COMPLEMENTOFALL", "ALL"})
      all.emplace(w);
    for (const std::string_view w : prefixes) all.emplace(w.substr(0, w.find(':')));
    return std::vector<std::string>(all.begin(), all.end());
  }();
  return words;
}

std::size_t mutate_cipher_string(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                 unsigned seed, byte_mutator bytes) {
  rng_t rng(seed);
  if (pick(rng, 4) == 0) return bytes(data, size, max_size);
  pieces p = split(std::string_view(reinterpret_cast<const char*>(data), size));
  const std::size_t edits = 1 + (pick(rng, 3) == 0 ? pick(rng, 4) : 0);
  bool changed = false;
  for (std::size_t i = 0; i < edits; ++i) changed = edit(p, rng) || changed;
  if (!changed) return bytes(data, size, max_size);
  return store(join(p), data, max_size);
}

std::size_t cross_cipher_strings(std::string_view a, std::string_view b, std::uint8_t* out,
                                 std::size_t max_size, unsigned seed) {
  rng_t rng(seed);
  const pieces x = split(a);
  const pieces y = split(b);
  // A run of rules from each: the start of one string and the end of the other.
  pieces joined;
  const std::size_t from_x = 1 + pick(rng, x.segments.size());
  const std::size_t from_y = pick(rng, y.segments.size());
  for (std::size_t i = 0; i < from_x; ++i) {
    if (i > 0) joined.separators.push_back(x.separators[i - 1]);
    joined.segments.push_back(x.segments[i]);
  }
  for (std::size_t i = from_y; i < y.segments.size(); ++i) {
    joined.separators.push_back(i > 0 ? y.separators[i - 1] : ':');
    joined.segments.push_back(y.segments[i]);
  }
  return store(join(joined), out, max_size);
}

}  // namespace cipherexplain::fuzzing

// SPDX-License-Identifier: Apache-2.0
#include "engine/prepared_release.hpp"

#include "catalog/algorithms.hpp"
#include "catalog/build_facts.hpp"
#include "engine/reference_list.hpp"
#include "syntax/syntax_messages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace cipherexplain::detail {
namespace {

constexpr std::size_t field_index(algorithm_field f) { return static_cast<std::size_t>(f); }

// Matching as ssl_cipher_apply_rule() does it, for the preference passes.
bool pass_matches(const preference_pass& p, const cipher& s) {
  if (!p.algorithms.admits(s.algorithms())) return false;
  if (p.version != 0) {
    if (p.version != s.min_tls) return false;
  }
  return true;
}

std::string_view suiteb_replacement(suiteb_prefix which) {
  switch (which) {
    case suiteb_prefix::b128_only:
      return "ECDHE-ECDSA-AES128-GCM-SHA256";
    case suiteb_prefix::b128_c2:
    case suiteb_prefix::b192:
      return "ECDHE-ECDSA-AES256-GCM-SHA384";
    case suiteb_prefix::b128:
      return "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384";
    case suiteb_prefix::none:
      break;
  }
  return "";
}

}  // namespace

prepared_release::prepared_release(const catalog& release, const build_options& options)
    : release_(release), options_(options) {
  security_level_ = options.security_level.value_or(release.default_security_level());
  if (const auto problem = check_build_options(release, options))
    throw std::invalid_argument(*problem);
  // What this build cannot use: the recorded build's gaps, less what the legacy provider adds.
  unavailable_ = unavailable_in(release, options);
  order_ = preference_order(collect());
  all_ = cipher_set::first(static_cast<unsigned>(order_.size()));
  rank_strengths();
  index_algorithm_bits();
  add_lookup_entries();
  for (const cipher* s : release.tls13_default()) {
    if ((s->enc & unavailable_.enc) == 0 && (s->handshake_digest & unavailable_.mac) == 0)
      tls13_.push_back(s);
  }
  prepare_default_and_suiteb();
}

// OpenSSL walks its id-sorted table backwards (SSLv2 suites after the others) and keeps what
// this build can use.
std::vector<const cipher*> prepared_release::collect() const {
  auto usable = [&](const cipher& s) {
    return s.valid && compiled(s.option) && s.min_tls != 0 &&
           (s.table == cipher_table::ssl3 || s.table == cipher_table::ssl2) &&
           !s.algorithms().overlaps(unavailable_);
  };
  std::vector<const cipher*> collected;
  for (const cipher_table table : {cipher_table::ssl3, cipher_table::ssl2}) {
    for (auto it = release_.ciphers().rbegin(); it != release_.ciphers().rend(); ++it) {
      if (it->table == table && usable(*it)) collected.push_back(&*it);
    }
  }
  if (collected.size() > max_collected) {
    throw std::logic_error(fmt::format("{} collects {} suites; at most {} are supported",
                                       release_.release(), collected.size(), max_collected));
  }
  return collected;
}

// The fixed preference passes, which set the order every later addition follows.
std::vector<const cipher*> prepared_release::preference_order(
    const std::vector<const cipher*>& collected) const {
  reference_list list(collected);
  for (const preference_pass& p : release_.preference_passes()) {
    using k = preference_pass::kind;
    if (p.op == k::strength_sort) {
      list.strength_sort();
      continue;
    }
    const auto what = p.op == k::add           ? reference_list::op::add
                      : p.op == k::remove      ? reference_list::op::remove
                      : p.op == k::move_to_end ? reference_list::op::move_to_end
                                               : reference_list::op::bump;
    list.apply(what, [&](const cipher& s) { return pass_matches(p, s); });
  }
  return list.all();
}

// Strength ranks for @STRENGTH: distinct strength_bits values, strongest first.
void prepared_release::rank_strengths() {
  std::vector<std::uint16_t> strengths;
  for (const cipher* s : order_) strengths.push_back(s->strength_bits);
  std::sort(strengths.begin(), strengths.end(), std::greater<>());
  strengths.erase(std::unique(strengths.begin(), strengths.end()), strengths.end());
  n_ranks_ = static_cast<unsigned>(strengths.size());
  rank_sets_.assign(strengths.size(), cipher_set{});
  for (unsigned i = 0; i < order_.size(); ++i) {
    const auto r = static_cast<std::uint8_t>(
        std::find(strengths.begin(), strengths.end(), order_[i]->strength_bits) -
        strengths.begin());
    strength_rank_.push_back(r);
    rank_sets_[r].set(i);
  }
}

// Per-bit sets: a mask matches the union of its bits' sets.
void prepared_release::index_algorithm_bits() {
  for (unsigned i = 0; i < order_.size(); ++i) {
    const cipher& s = *order_[i];
    for (const algorithm_field f : algorithm_fields) {
      const std::uint32_t bits = s.algorithms()[f];
      present_bits_[field_index(f)] |= bits;
      for (unsigned b = 0; b < 32; ++b) {
        if ((bits >> b) & 1u) bit_sets_[field_index(f)][b].set(i);
      }
    }
    for (unsigned b = 0; b < 16; ++b) {
      if ((static_cast<unsigned>(s.strength) >> b) & 1u) strength_sets_[b].set(i);
    }
    const std::uint16_t v = s.min_tls;
    auto it = std::find_if(version_sets_.begin(), version_sets_.end(),
                           [v](const auto& p) { return p.first == v; });
    if (it == version_sets_.end()) it = version_sets_.insert(version_sets_.end(), {v, {}});
    it->second.set(i);
  }
}

// What OpenSSL can look up: collected suites first, then the aliases still available.
void prepared_release::add_lookup_entries() {
  by_name_ = name_table(release_.dialect().case_insensitive);
  entries_.reserve(order_.size() + release_.aliases().size());
  for (unsigned i = 0; i < order_.size(); ++i) {
    const cipher& s = *order_[i];
    lookup_entry e;
    e.suite = &s;
    e.alone = {s.algorithms(), 0, s.strength, static_cast<int>(i)};
    e.constrains = constraint::everything;
    entries_.push_back(e);
    entries_.back().matches = match(e.alone);
    by_name_.insert(s.name, static_cast<std::uint16_t>(entries_.size() - 1));
    if (release_.stdname_lookup() && !s.stdname.empty()) {
      by_name_.insert(s.stdname, static_cast<std::uint16_t>(entries_.size() - 1));
    }
  }
  for (const alias& a : release_.aliases()) {
    if (!compiled(a.option)) continue;
    // An alias is searchable only if each field it constrains keeps an available algorithm.
    const algorithm_masks masks = a.algorithms();
    if (std::any_of(algorithm_fields.begin(), algorithm_fields.end(), [&](algorithm_field f) {
          return masks[f] != 0 && (masks[f] & ~unavailable_[f]) == 0;
        })) {
      continue;
    }
    lookup_entry e;
    e.named = &a;
    e.alone = {masks, a.version, a.strength, -1};
    e.constrains = static_cast<std::uint8_t>(
        (a.kx != 0 ? constraint::kx : 0) | (a.au != 0 ? constraint::au : 0) |
        (a.enc != 0 ? constraint::enc : 0) | (a.mac != 0 ? constraint::mac : 0) |
        (a.strength != 0 ? constraint::strength : 0) | (a.version != 0 ? constraint::version : 0));
    e.matches = match(e.alone);
    entries_.push_back(e);
    by_name_.insert(a.name, static_cast<std::uint16_t>(entries_.size() - 1));
  }
}

// DEFAULT applied once, and the Suite B replacement strings parsed once.
void prepared_release::prepare_default_and_suiteb() {
  initial_ = list_state::fresh(static_cast<unsigned>(order_.size()));
  after_default_ = initial_;
  const tree default_tree = parse(release_.default_cipher_list(), release_.dialect());
  if (run(default_tree, after_default_, nullptr, security_level_).failed) {
    throw std::logic_error(fmt::format("the DEFAULT string of {} fails", release_.release()));
  }
  // Every evaluation starts from a copy of this list; without stale entries, reading it back
  // (all a bare DEFAULT does) needs no checks.
  after_default_.tidy();
  if (release_.dialect().suiteb_prefixes) {
    for (auto which : {suiteb_prefix::b128_only, suiteb_prefix::b128_c2, suiteb_prefix::b128,
                       suiteb_prefix::b192}) {
      suiteb_strings_[static_cast<std::size_t>(which)] =
          parse(suiteb_replacement(which), release_.dialect());
    }
  }
}

bool prepared_release::compiled(std::string_view needs) const noexcept {
  return compiled_in(options_, needs);
}

bool prepared_release::merge(pattern& into, const pattern& token) const noexcept {
  auto merge_mask = [](std::uint32_t& have, std::uint32_t add) {
    if (add == 0) return true;
    if (have == 0) {
      have = add;
      return true;
    }
    have &= add;
    return have != 0;
  };
  for (const algorithm_field f : algorithm_fields) {
    if (!merge_mask(into.algorithms[f], token.algorithms[f])) return false;
  }
  const engine_family engine = release_.engine();
  const std::uint16_t token_class = token.strength & strength::class_mask;
  if (engine == engine_family::openssl_1_0) {
    const std::uint16_t token_export = token.strength & strength::export_mask;
    if (token_export != 0) {
      if ((into.strength & strength::export_mask) != 0) {
        into.strength &= static_cast<std::uint16_t>(token_export | ~strength::export_mask);
        if ((into.strength & strength::export_mask) == 0) return false;
      } else {
        into.strength |= token_export;
      }
    }
    if (token_class != 0) {
      if ((into.strength & strength::class_mask) != 0) {
        into.strength &= static_cast<std::uint16_t>(token_class | ~strength::class_mask);
        if ((into.strength & strength::class_mask) == 0) return false;
      } else {
        into.strength |= token_class;
      }
    }
    into.strength |= token.strength & strength::not_default;
  } else {
    if (token_class != 0) {
      if ((into.strength & strength::class_mask) != 0) {
        into.strength &= static_cast<std::uint16_t>(token_class | ~strength::class_mask);
        if ((into.strength & strength::class_mask) == 0) return false;
      } else {
        // OpenSSL assigns here, dropping a NOT_DEFAULT collected earlier in the chain.
        into.strength = token_class;
      }
    }
    into.strength |= token.strength & strength::not_default;
  }
  // Only the last token's id counts, and only a real suite carries one; only aliases carry a
  // protocol version.
  into.cipher = engine == engine_family::openssl_1_1_1 ? token.cipher : -1;
  // (1.0.x ANDs protocol bits; with one bit per alias that is this equality test.)
  if (token.cipher < 0 && token.version != 0) {
    if (into.version != 0 && into.version != token.version) return false;
    into.version = token.version;
  }
  return true;
}

bool prepared_release::matches(const pattern& p, const cipher& s) const noexcept {
  if (!p.algorithms.admits(s.algorithms())) return false;
  if (p.version != 0 && p.version != s.min_tls) return false;
  const auto has = [&](std::uint16_t mask) {
    return (p.strength & mask) == 0 || (p.strength & mask & s.strength) != 0;
  };
  if (!has(strength::class_mask)) return false;
  if (release_.engine() == engine_family::openssl_1_0 && !has(strength::export_mask)) return false;
  if ((p.strength & strength::not_default) != 0 && (s.strength & strength::not_default) == 0) {
    return false;
  }
  return p.cipher < 0 || order_[static_cast<std::size_t>(p.cipher)] == &s;
}

std::vector<std::string_view> prepared_release::known_words() const {
  std::vector<std::string_view> words;
  for (const lookup_entry& e : entries_) {
    if (e.suite != nullptr) {
      words.push_back(e.suite->name);
      if (release_.stdname_lookup() && !e.suite->stdname.empty()) words.push_back(e.suite->stdname);
    } else {
      words.push_back(e.named->name);
    }
  }
  return words;
}

cipher_set prepared_release::match(const pattern& p) const noexcept {
  cipher_set result = all_;
  auto restrict_field = [&](std::size_t f, std::uint32_t mask) {
    if (mask == 0) return;
    cipher_set any;
    std::uint32_t bits = mask & present_bits_[f];
    while (bits != 0) {
      any |= bit_sets_[f][static_cast<unsigned>(std::countr_zero(bits))];
      bits &= bits - 1;
    }
    result &= any;
  };
  for (const algorithm_field f : algorithm_fields) restrict_field(field_index(f), p.algorithms[f]);
  auto restrict_flags = [&](std::uint16_t flags) {
    if (flags == 0) return;
    cipher_set any;
    for (unsigned b = 0; b < 16; ++b) {
      if ((static_cast<unsigned>(flags) >> b) & 1u) any |= strength_sets_[b];
    }
    result &= any;
  };
  restrict_flags(p.strength & strength::class_mask);
  if (release_.engine() == engine_family::openssl_1_0)
    restrict_flags(p.strength & strength::export_mask);
  if ((p.strength & strength::not_default) != 0)
    result &= strength_sets_[static_cast<unsigned>(std::countr_zero(strength::not_default))];
  if (p.version != 0) {
    cipher_set any;
    for (const auto& [v, set] : version_sets_) {
      if (v == p.version) any |= set;
    }
    result &= any;
  }
  if (p.cipher >= 0) {
    cipher_set one;
    one.set(static_cast<unsigned>(p.cipher));
    result &= one;
  }
  return result;
}

}  // namespace cipherexplain::detail

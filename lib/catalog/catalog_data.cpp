// SPDX-License-Identifier: Apache-2.0
// Builds a catalog from its data files: release.txt ("key value" lines, one handler per key),
// ciphers.tsv and aliases.tsv.

#include <cipherexplain/catalog.hpp>

#include "catalog/algorithms.hpp"
#include "catalog/data_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace cipherexplain {
namespace {

using detail::data_error_context;

std::uint32_t parse_mask(algorithm_field f, std::string_view text,
                         const data_error_context& where) {
  if (text == "-" || text.empty()) return 0;
  if (text.front() == '~') {
    const auto bit = detail::symbol_bit(f, text.substr(1));
    if (!bit) where.fail(fmt::format("unknown symbol '{}'", text));
    // "All but X": every bit the library knows except X, as OpenSSL's ~SSL_X means.
    return 0xffffffffu & ~*bit;
  }
  std::uint32_t mask = 0;
  detail::for_each_part(text, '|', [&](std::string_view part) {
    const auto bit = detail::symbol_bit(f, part);
    if (!bit) where.fail(fmt::format("unknown symbol '{}'", part));
    mask |= *bit;
  });
  return mask;
}

std::uint16_t parse_strength(std::string_view text, const data_error_context& where) {
  if (text == "-") return 0;
  std::uint16_t flags = 0;
  detail::for_each_part(text, '|', [&](std::string_view part) {
    const auto flag = detail::strength_flag(part);
    if (!flag) where.fail(fmt::format("unknown strength flag '{}'", part));
    flags |= *flag;
  });
  return flags;
}

std::uint16_t parse_version(std::string_view text, const data_error_context& where) {
  const auto value = detail::version_value(text);
  if (!value) where.fail(fmt::format("unknown version '{}'", text));
  return *value;
}

template <typename T>
T parse_number(std::string_view text, int base, const data_error_context& where) {
  if (base == 16 && (text.starts_with("0x") || text.starts_with("0X"))) text.remove_prefix(2);
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    where.fail(fmt::format("'{}' is not a number", text));
  }
  return value;
}

bool parse_bool(std::string_view text, const data_error_context& where) {
  if (text == "yes") return true;
  if (text == "no") return false;
  where.fail(fmt::format("expected yes or no, got '{}'", text));
}

// One of several words, e.g. the engine family; the message lists them.
template <typename T, std::size_t N>
T parse_choice(std::string_view key, std::string_view text,
               const std::array<std::pair<std::string_view, T>, N>& choices,
               const data_error_context& where) {
  for (const auto& [word, value] : choices) {
    if (word == text) return value;
  }
  std::string known;
  for (const auto& choice : choices)
    known += (known.empty() ? "" : ", ") + std::string(choice.first);
  where.fail(fmt::format("unknown {} '{}' (known: {})", key, text, known));
}

std::optional<algorithm_field> field_named(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, algorithm_field>, 4> fields{{
      {"kx", algorithm_field::kx},
      {"au", algorithm_field::au},
      {"enc", algorithm_field::enc},
      {"mac", algorithm_field::mac},
  }};
  for (const auto& [n, f] : fields) {
    if (n == name) return f;
  }
  return std::nullopt;
}

// Names are letters, digits and "-._=": what OpenSSL's names use, and what lets writers
// (JSON, tables) copy them without escaping.
void check_name(std::string_view name, const data_error_context& where) {
  for (const char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c == '_' || c == '=';
    if (!ok) where.fail(fmt::format("'{}' is not a name (letters, digits and -._= only)", name));
  }
}

std::string_view dash_to_empty(std::string_view s) { return s == "-" ? std::string_view{} : s; }

}  // namespace

struct catalog::loader {
  catalog& c;
  std::vector<std::string_view> tls13_names;
  bool have_engine = false;

  using handler = void (*)(loader&, std::string_view value, const data_error_context& where);
  struct key_handler {
    std::string_view key;
    handler apply;
  };
  static const std::array<key_handler, 21> keys;

  void read_release_txt(std::string_view text);
  void read_ciphers(std::string_view text);
  void read_aliases(std::string_view text);
  void resolve_tls13_default();

  // "<field> SYMBOL...": algorithms off in this build, or added by the legacy provider.
  static void read_masks(algorithm_masks& into, std::string_view key, std::string_view value,
                         const data_error_context& where) {
    const auto parts = detail::words_of(value);
    if (parts.empty()) where.fail(fmt::format("{} needs a field", key));
    const auto f = field_named(parts[0]);
    if (!f) where.fail(fmt::format("unknown field '{}'", parts[0]));
    for (std::size_t i = 1; i < parts.size(); ++i) into[*f] |= parse_mask(*f, parts[i], where);
  }

  // "<operation> [field=value...]": one of the fixed preference passes.
  static preference_pass read_pass(std::string_view value, const data_error_context& where) {
    const auto parts = detail::words_of(value);
    if (parts.empty()) where.fail("pass needs an operation");
    using k = preference_pass::kind;
    static constexpr std::array<std::pair<std::string_view, k>, 5> ops{
        {{"add", k::add},
         {"remove", k::remove},
         {"move_to_end", k::move_to_end},
         {"bump", k::bump},
         {"strength_sort", k::strength_sort}}};
    preference_pass p;
    p.op = parse_choice("pass", parts[0], ops, where);
    for (std::size_t i = 1; i < parts.size(); ++i) {
      const std::string_view part = parts[i];
      if (part == "all") continue;
      const std::size_t eq = part.find('=');
      if (eq == std::string_view::npos)
        where.fail(fmt::format("expected field=value, got '{}'", part));
      const std::string_view name = part.substr(0, eq);
      const std::string_view v = part.substr(eq + 1);
      if (name == "version") {
        p.version = parse_version(v, where);
      } else if (const auto f = field_named(name)) {
        p.algorithms[*f] = parse_mask(*f, v, where);
      } else {
        where.fail(fmt::format("unknown field '{}'", name));
      }
    }
    return p;
  }
};

// What each key of release.txt sets.
const std::array<catalog::loader::key_handler, 21>
    catalog::loader::
        keys{
            {
                {"release", [](loader& l, std::string_view v,
                               const data_error_context&) { l.c.release_ = v; }},
                {"series",
                 [](loader& l, std::string_view v, const data_error_context&) { l.c.series_ = v; }},
                {"build",
                 [](loader& l, std::string_view v, const data_error_context&) { l.c.build_ = v; }},
                {"engine",
                 [](loader& l, std::string_view v, const data_error_context& where) {
                   static constexpr std::array<std::pair<std::string_view, engine_family>, 3>
                       engines{{{"openssl-1.0", engine_family::openssl_1_0},
                                {"openssl-1.1.0", engine_family::openssl_1_1_0},
                                {"openssl-1.1.1", engine_family::openssl_1_1_1}}};
                   l.c.engine_ = parse_choice("engine", v, engines, where);
                   l.have_engine = true;
                 }},
                {"default_cipher_list", [](loader& l, std::string_view v,
                                           const data_error_context&) { l.c.default_list_ = v; }},
                {"tls13_default",
                 [](loader& l, std::string_view v, const data_error_context&) {
                   detail::for_each_part(v, ':', [&](std::string_view name) {
                     if (!name.empty()) l.tls13_names.push_back(name);
                   });
                 }},
                {"security_level",
                 [](loader& l, std::string_view v, const data_error_context& where) {
                   l.c.security_level_ = parse_number<int>(v, 10, where);
                 }},
                {"name_chars",
                 [](loader& l, std::string_view v, const data_error_context&) {
                   l.c.dialect_.equals_in_names = v.find('=') != std::string_view::npos;
                   l.c.dialect_.underscore_in_names = v.find('_') != std::string_view::npos;
                 }},
                {"case_insensitive",
                 [](loader& l, std::string_view v, const data_error_context& where) {
                   l.c.dialect_.case_insensitive = parse_bool(v, where);
                 }},
                {"suiteb",
                 [](loader& l, std::string_view v, const data_error_context& where) {
                   l.c.dialect_.suiteb_prefixes = parse_bool(v, where);
                 }},
                {"seclevel_command",
                 [](loader& l, std::string_view v, const data_error_context& where) {
                   l.c.dialect_.seclevel_command = parse_bool(v, where);
                 }},
                {"seclevel_rc4",
                 [](loader& l, std::string_view v, const data_error_context& where) {
                   l.c.security_rules_.rc4_refused_from_level_2 = parse_bool(v, where);
                 }},
                {"seclevel_psk_forward_secret",
                 [](loader& l, std::string_view v, const data_error_context& where) {
                   l.c.security_rules_.psk_key_exchange_forward_secret = parse_bool(v, where);
                 }},
                {"seclevel_protocols",
                 [](loader& l, std::string_view v, const data_error_context& where) {
                   if (v != "old" && v != "tls1.2")
                     where.fail("seclevel_protocols must be old or tls1.2");
                   l.c.security_rules_.tls12_floor_from_level_1 = v == "tls1.2";
                 }},
                {"seclevel_legacy_signatures",
                 [](loader& l, std::string_view v, const data_error_context& where) {
                   if (v != "allowed" && v != "refused-from-level-1")
                     where.fail(
                         "seclevel_legacy_signatures must be allowed or refused-from-level-1");
                   l.c.security_rules_.legacy_signatures_refused_from_level_1 =
                       v == "refused-from-level-1";
                 }},
                {"stdname_lookup",
                 [](loader& l, std::string_view v, const data_error_context& where) {
                   l.c.stdname_lookup_ = parse_bool(v, where);
                 }},
                {"ciphersuites",
                 [](loader& l, std::string_view v, const data_error_context& where) {
                   if (v == "strict")
                     l.c.ciphersuites_setter_ = ciphersuites_setter::strict;
                   else if (v == "skip-unknown")
                     l.c.ciphersuites_setter_ = ciphersuites_setter::skip_unknown;
                   else if (v == "tls13-only")
                     l.c.ciphersuites_setter_ = ciphersuites_setter::tls13_only;
                   else
                     where.fail("ciphersuites must be strict, skip-unknown or tls13-only");
                 }},
                {"lowest_version_bound",
                 [](loader& l, std::string_view v, const data_error_context& where) {
                   if (v == "SSLv3")
                     l.c.lowest_bound_ = version::sslv3;
                   else if (v == "TLSv1")
                     l.c.lowest_bound_ = version::tlsv1;
                   else
                     where.fail("lowest_version_bound must be SSLv3 or TLSv1");
                 }},
                {"missing_name",
                 [](loader& l, std::string_view v, const data_error_context& where) {
                   if (v != "abort" && v != "skip")
                     where.fail("missing_name must be abort or skip");
                   l.c.abort_on_missing_name_ = v == "abort";
                 }},
                {"unavailable",
                 [](loader& l, std::string_view v,
                    const data_error_context&
                        where) { read_masks(l.c.unavailable_, "unavailable", v, where); }},
                {"legacy_provider",
                 [](loader& l, std::string_view v, const data_error_context& where) {
                   read_masks(l.c.legacy_, "legacy_provider", v, where);
                 }},
            }};

void catalog::loader::read_release_txt(std::string_view text) {
  std::size_t line_no = 0;
  detail::for_each_part(text, '\n', [&](std::string_view line) {
    ++line_no;
    line = detail::trim(line);
    if (line.empty() || line.front() == '#') return;
    const data_error_context where("release.txt", line_no);
    const std::size_t gap = line.find_first_of(" \t");
    const std::string_view key = line.substr(0, gap);
    const std::string_view value =
        gap == std::string_view::npos ? std::string_view{} : detail::trim(line.substr(gap));
    if (key == "pass") {
      c.passes_.push_back(read_pass(value, where));
      return;
    }
    const auto* k =
        std::find_if(keys.begin(), keys.end(), [&](const key_handler& h) { return h.key == key; });
    if (k == keys.end()) where.fail(fmt::format("unknown key '{}'", key));
    k->apply(*this, value, where);
  });
  if (!c.legacy_.within(c.unavailable_)) {
    throw std::runtime_error(
        "release.txt: the legacy provider can only add unavailable algorithms");
  }
  if (c.release_.empty() || c.series_.empty() || !have_engine) {
    throw std::runtime_error("release.txt: release, series and engine are required");
  }
  if (c.engine_ == engine_family::openssl_1_0) c.dialect_.seclevel_command = false;
}

void catalog::loader::read_ciphers(std::string_view text) {
  const detail::tsv ciphers(text, "ciphers.tsv");
  const std::size_t col_name = ciphers.column("name"), col_std = ciphers.column("stdname"),
                    col_id = ciphers.column("id"), col_kx = ciphers.column("kx"),
                    col_au = ciphers.column("au"), col_enc = ciphers.column("enc"),
                    col_mac = ciphers.column("mac"), col_min = ciphers.column("min_tls"),
                    col_max = ciphers.column("max_tls"), col_mind = ciphers.column("min_dtls"),
                    col_maxd = ciphers.column("max_dtls"), col_str = ciphers.column("strength"),
                    col_hs = ciphers.column("handshake"), col_sb = ciphers.column("strength_bits"),
                    col_ab = ciphers.column("alg_bits"), col_valid = ciphers.column("valid"),
                    col_table = ciphers.column("table"), col_opt = ciphers.column("option");
  static constexpr std::array<std::pair<std::string_view, cipher_table>, 4> tables{
      {{"tls13", cipher_table::tls13},
       {"ssl3", cipher_table::ssl3},
       {"scsv", cipher_table::scsv},
       {"ssl2", cipher_table::ssl2}}};
  for (const auto& r : ciphers.rows()) {
    const data_error_context where("ciphers.tsv", r.line);
    const auto& v = r.cells;
    cipher s;
    s.name = v[col_name];
    s.stdname = dash_to_empty(v[col_std]);
    check_name(s.name, where);
    check_name(s.stdname, where);
    s.id = parse_number<std::uint32_t>(v[col_id], 16, where);
    s.kx = parse_mask(algorithm_field::kx, v[col_kx], where);
    s.au = parse_mask(algorithm_field::au, v[col_au], where);
    s.enc = parse_mask(algorithm_field::enc, v[col_enc], where);
    s.mac = parse_mask(algorithm_field::mac, v[col_mac], where);
    s.min_tls = parse_version(v[col_min], where);
    s.max_tls = parse_version(v[col_max], where);
    s.min_dtls = parse_version(v[col_mind], where);
    s.max_dtls = parse_version(v[col_maxd], where);
    s.strength = parse_strength(v[col_str], where);
    const auto hs = detail::handshake_digest_value(v[col_hs]);
    if (!hs) where.fail(fmt::format("unknown handshake digest '{}'", v[col_hs]));
    s.handshake_digest = *hs;
    s.strength_bits = parse_number<std::uint16_t>(v[col_sb], 10, where);
    s.alg_bits = parse_number<std::uint16_t>(v[col_ab], 10, where);
    s.valid = v[col_valid] == "1";
    s.table = parse_choice("table", v[col_table], tables, where);
    s.option = dash_to_empty(v[col_opt]);
    c.ciphers_.push_back(s);
  }
  std::stable_sort(c.ciphers_.begin(), c.ciphers_.end(),
                   [](const cipher& a, const cipher& b) { return a.id < b.id; });
}

void catalog::loader::read_aliases(std::string_view text) {
  const detail::tsv aliases(text, "aliases.tsv");
  const std::size_t a_name = aliases.column("alias"), a_kx = aliases.column("kx"),
                    a_au = aliases.column("au"), a_enc = aliases.column("enc"),
                    a_mac = aliases.column("mac"), a_ver = aliases.column("version"),
                    a_str = aliases.column("strength"), a_opt = aliases.column("option");
  for (const auto& r : aliases.rows()) {
    const data_error_context where("aliases.tsv", r.line);
    const auto& v = r.cells;
    alias a;
    a.name = v[a_name];
    check_name(a.name, where);
    a.kx = parse_mask(algorithm_field::kx, v[a_kx], where);
    a.au = parse_mask(algorithm_field::au, v[a_au], where);
    a.enc = parse_mask(algorithm_field::enc, v[a_enc], where);
    a.mac = parse_mask(algorithm_field::mac, v[a_mac], where);
    a.version = parse_version(v[a_ver], where);
    a.strength = parse_strength(v[a_str], where);
    a.option = dash_to_empty(v[a_opt]);
    c.aliases_.push_back(a);
  }
}

void catalog::loader::resolve_tls13_default() {
  for (std::string_view name : tls13_names) {
    const cipher* s = c.find_cipher(name);
    if (s == nullptr)
      throw std::runtime_error(fmt::format("release.txt: unknown TLS 1.3 suite '{}'", name));
    c.tls13_default_.push_back(s);
  }
}

std::unique_ptr<catalog> catalog::from_data(std::string_view ciphers_tsv,
                                            std::string_view aliases_tsv,
                                            std::string_view release_txt) {
  std::unique_ptr<catalog> c(new catalog());
  // Names point into these copies, which never change after this.
  c->strings_ = {std::string(ciphers_tsv), std::string(aliases_tsv), std::string(release_txt)};
  loader l{*c, {}, false};
  l.read_release_txt(c->strings_[2]);
  l.read_ciphers(c->strings_[0]);
  // By name, then position: the first entry of a name is the table's first suite with it.
  for (std::uint32_t i = 0; i < c->ciphers_.size(); ++i) {
    c->cipher_names_.emplace_back(c->ciphers_[i].name, i);
    if (!c->ciphers_[i].stdname.empty()) c->cipher_names_.emplace_back(c->ciphers_[i].stdname, i);
  }
  std::sort(c->cipher_names_.begin(), c->cipher_names_.end());
  l.read_aliases(c->strings_[1]);
  for (std::uint32_t i = 0; i < c->aliases_.size(); ++i)
    c->alias_names_.emplace_back(c->aliases_[i].name, i);
  std::sort(c->alias_names_.begin(), c->alias_names_.end());
  l.resolve_tls13_default();
  return c;
}

}  // namespace cipherexplain

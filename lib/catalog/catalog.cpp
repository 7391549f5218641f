// Reads the catalog data files compiled into the library and keeps one catalog per release.

#include <cipherexplain/catalog.hpp>

#include "catalog/algorithms.hpp"
#include "catalog/embedded_catalogs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace cipherexplain {
namespace {

using detail::field;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = s.find(sep, start);
    parts.push_back(
        s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

// Calls f on each part of s between separators, without building a vector: parsing a catalog
// is on the CLI's start-up path, and per-field vectors were most of its cost.
template <typename F>
void for_each_part(std::string_view s, char sep, F&& f) {
  while (true) {
    const std::size_t pos = s.find(sep);
    f(s.substr(0, pos));
    if (pos == std::string_view::npos) return;
    s.remove_prefix(pos + 1);
  }
}

std::vector<std::string_view> words_of(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::string_view w : split(s, ' ')) {
    w = trim(w);
    if (!w.empty()) out.push_back(w);
  }
  return out;
}

// Reports malformed data with the file and line, so a bad edit to catalogs/ is easy to find.
class data_error_context {
 public:
  data_error_context(std::string_view file, std::size_t line) : file_(file), line_(line) {}
  [[noreturn]] void fail(std::string_view what) const {
    throw std::runtime_error(fmt::format("{}:{}: {}", file_, line_, what));
  }

 private:
  std::string_view file_;
  std::size_t line_;
};

std::uint32_t parse_mask(field f, std::string_view text, const data_error_context& where) {
  if (text == "-" || text.empty()) return 0;
  if (text.front() == '~') {
    const auto bit = detail::symbol_bit(f, text.substr(1));
    if (!bit) where.fail(fmt::format("unknown symbol '{}'", text));
    // "All but X": every bit the library knows except X, as OpenSSL's ~SSL_X means.
    return 0xffffffffu & ~*bit;
  }
  std::uint32_t mask = 0;
  for_each_part(text, '|', [&](std::string_view part) {
    const auto bit = detail::symbol_bit(f, part);
    if (!bit) where.fail(fmt::format("unknown symbol '{}'", part));
    mask |= *bit;
  });
  return mask;
}

std::uint16_t parse_strength(std::string_view text, const data_error_context& where) {
  if (text == "-") return 0;
  std::uint16_t flags = 0;
  for_each_part(text, '|', [&](std::string_view part) {
    const auto flag = detail::strength_flag(part);
    if (!flag) where.fail(fmt::format("unknown strength flag '{}'", part));
    flags |= *flag;
  });
  return flags;
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

// A TSV file with a header row; rows are looked up by column name so columns can be reordered.
// All cells live in one vector.
class tsv {
 public:
  tsv(std::string_view text, std::string_view file) : file_(file) {
    std::size_t line_no = 0;
    std::vector<std::pair<std::size_t, std::size_t>> starts;  // (line, first cell)
    for_each_part(text, '\n', [&](std::string_view line) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') return;
      const std::size_t first = cells_.size();
      for_each_part(line, '\t', [&](std::string_view cell) { cells_.push_back(cell); });
      const std::size_t count = cells_.size() - first;
      if (header_ == 0) {
        header_ = count;
        return;
      }
      if (count != header_) {
        data_error_context(file_, line_no)
            .fail(fmt::format("{} columns, the header has {}", count, header_));
      }
      starts.emplace_back(line_no, first);
    });
    for (const auto& [line, first] : starts) {
      rows_.push_back({line, std::span<const std::string_view>(cells_).subspan(first, header_)});
    }
  }
  struct row {
    std::size_t line;
    std::span<const std::string_view> cells;
  };
  [[nodiscard]] const std::vector<row>& rows() const { return rows_; }
  [[nodiscard]] std::size_t column(std::string_view name) const {
    const auto header = std::span<const std::string_view>(cells_).first(header_);
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) data_error_context(file_, 1).fail(fmt::format("no column '{}'", name));
    return static_cast<std::size_t>(it - header.begin());
  }
  [[nodiscard]] std::string_view file() const { return file_; }

 private:
  std::string_view file_;
  std::size_t header_ = 0;  // columns; the header's cells come first in cells_
  std::vector<std::string_view> cells_;
  std::vector<row> rows_;
};

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

// Orders release names numerically: 1.0.2u < 1.1.0l < 3.0.19 < 3.10.0.
std::vector<int> release_key(std::string_view release) {
  std::vector<int> key;
  int number = 0;
  bool in_number = false;
  for (char c : release) {
    if (c >= '0' && c <= '9') {
      number = number * 10 + (c - '0');
      in_number = true;
    } else {
      if (in_number) key.push_back(number);
      number = 0;
      in_number = false;
      if (c != '.') key.push_back(1000 + c);
    }
  }
  if (in_number) key.push_back(number);
  return key;
}

}  // namespace

std::unique_ptr<catalog> catalog::from_data(std::string_view ciphers_tsv,
                                            std::string_view aliases_tsv,
                                            std::string_view release_txt) {
  std::unique_ptr<catalog> c(new catalog());
  // Names point into these copies, which never change after this.
  c->strings_ = {std::string(ciphers_tsv), std::string(aliases_tsv), std::string(release_txt)};
  const std::string_view ciphers_text = c->strings_[0];
  const std::string_view aliases_text = c->strings_[1];
  const std::string_view release_text = c->strings_[2];

  // release.txt: "key value" lines.
  std::vector<std::string_view> tls13_names;
  std::size_t line_no = 0;
  bool have_engine = false;
  for (std::string_view line : split(release_text, '\n')) {
    ++line_no;
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    const data_error_context where("release.txt", line_no);
    const std::size_t gap = line.find_first_of(" \t");
    const std::string_view key = line.substr(0, gap);
    const std::string_view value =
        gap == std::string_view::npos ? std::string_view{} : trim(line.substr(gap));
    if (key == "release") {
      c->release_ = value;
    } else if (key == "series") {
      c->series_ = value;
    } else if (key == "build") {
      c->build_ = value;
    } else if (key == "engine") {
      have_engine = true;
      if (value == "openssl-1.0")
        c->engine_ = engine_family::openssl_1_0;
      else if (value == "openssl-1.1.0")
        c->engine_ = engine_family::openssl_1_1_0;
      else if (value == "openssl-1.1.1")
        c->engine_ = engine_family::openssl_1_1_1;
      else
        where.fail(fmt::format("unknown engine '{}'", value));
    } else if (key == "default_cipher_list") {
      c->default_list_ = value;
    } else if (key == "tls13_default") {
      for (std::string_view name : split(value, ':')) {
        if (!name.empty()) tls13_names.push_back(name);
      }
    } else if (key == "security_level") {
      c->security_level_ = parse_number<int>(value, 10, where);
    } else if (key == "name_chars") {
      c->dialect_.equals_in_names = value.find('=') != std::string_view::npos;
      c->dialect_.underscore_in_names = value.find('_') != std::string_view::npos;
    } else if (key == "case_insensitive") {
      c->dialect_.case_insensitive = parse_bool(value, where);
    } else if (key == "suiteb") {
      c->dialect_.suiteb_prefixes = parse_bool(value, where);
    } else if (key == "seclevel_command") {
      c->dialect_.seclevel_command = parse_bool(value, where);
    } else if (key == "seclevel_rc4") {
      c->security_rules_.rc4_refused_from_level_2 = parse_bool(value, where);
    } else if (key == "seclevel_psk_forward_secret") {
      c->security_rules_.psk_key_exchange_forward_secret = parse_bool(value, where);
    } else if (key == "seclevel_protocols") {
      if (value == "old")
        c->security_rules_.tls12_floor_from_level_1 = false;
      else if (value == "tls1.2")
        c->security_rules_.tls12_floor_from_level_1 = true;
      else
        where.fail("seclevel_protocols must be old or tls1.2");
    } else if (key == "stdname_lookup") {
      c->stdname_lookup_ = parse_bool(value, where);
    } else if (key == "missing_name") {
      if (value == "abort")
        c->abort_on_missing_name_ = true;
      else if (value == "skip")
        c->abort_on_missing_name_ = false;
      else
        where.fail("missing_name must be abort or skip");
    } else if (key == "unavailable" || key == "legacy_provider") {
      // "<key> <field> SYMBOL...": algorithms off in this build / added by the legacy provider.
      const auto parts = words_of(value);
      if (parts.empty()) where.fail(fmt::format("{} needs a field", key));
      static constexpr std::pair<std::string_view, field> fields[] = {
          {"kx", field::kx}, {"au", field::au}, {"enc", field::enc}, {"mac", field::mac}};
      const auto* f = std::find_if(std::begin(fields), std::end(fields),
                                   [&](const auto& p) { return p.first == parts[0]; });
      if (f == std::end(fields)) where.fail(fmt::format("unknown field '{}'", parts[0]));
      unavailable_algorithms& set = key == "unavailable" ? c->unavailable_ : c->legacy_;
      std::uint32_t* target = f->second == field::kx    ? &set.kx
                              : f->second == field::au  ? &set.au
                              : f->second == field::enc ? &set.enc
                                                        : &set.mac;
      for (std::size_t i = 1; i < parts.size(); ++i)
        *target |= parse_mask(f->second, parts[i], where);
    } else if (key == "pass") {
      const auto parts = words_of(value);
      if (parts.empty()) where.fail("pass needs an operation");
      preference_pass p;
      using k = preference_pass::kind;
      if (parts[0] == "add")
        p.op = k::add;
      else if (parts[0] == "remove")
        p.op = k::remove;
      else if (parts[0] == "move_to_end")
        p.op = k::move_to_end;
      else if (parts[0] == "bump")
        p.op = k::bump;
      else if (parts[0] == "strength_sort")
        p.op = k::strength_sort;
      else
        where.fail(fmt::format("unknown pass '{}'", parts[0]));
      for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::string_view part = parts[i];
        if (part == "all") continue;
        const std::size_t eq = part.find('=');
        if (eq == std::string_view::npos)
          where.fail(fmt::format("expected field=value, got '{}'", part));
        const std::string_view name = part.substr(0, eq);
        const std::string_view v = part.substr(eq + 1);
        if (name == "kx")
          p.kx = parse_mask(field::kx, v, where);
        else if (name == "au")
          p.au = parse_mask(field::au, v, where);
        else if (name == "enc")
          p.enc = parse_mask(field::enc, v, where);
        else if (name == "mac")
          p.mac = parse_mask(field::mac, v, where);
        else if (name == "version") {
          const auto ver = detail::version_value(v);
          if (!ver) where.fail(fmt::format("unknown version '{}'", v));
          p.version = *ver;
        } else
          where.fail(fmt::format("unknown field '{}'", name));
      }
      c->passes_.push_back(p);
    } else {
      where.fail(fmt::format("unknown key '{}'", key));
    }
  }
  if ((c->legacy_.kx & c->unavailable_.kx) != c->legacy_.kx ||
      (c->legacy_.au & c->unavailable_.au) != c->legacy_.au ||
      (c->legacy_.enc & c->unavailable_.enc) != c->legacy_.enc ||
      (c->legacy_.mac & c->unavailable_.mac) != c->legacy_.mac) {
    throw std::runtime_error(
        "release.txt: the legacy provider can only add unavailable algorithms");
  }
  if (c->release_.empty() || c->series_.empty() || !have_engine) {
    throw std::runtime_error("release.txt: release, series and engine are required");
  }
  if (c->engine_ == engine_family::openssl_1_0) c->dialect_.seclevel_command = false;

  const tsv ciphers(ciphers_text, "ciphers.tsv");
  const std::size_t col_name = ciphers.column("name"), col_std = ciphers.column("stdname"),
                    col_id = ciphers.column("id"), col_kx = ciphers.column("kx"),
                    col_au = ciphers.column("au"), col_enc = ciphers.column("enc"),
                    col_mac = ciphers.column("mac"), col_min = ciphers.column("min_tls"),
                    col_max = ciphers.column("max_tls"), col_mind = ciphers.column("min_dtls"),
                    col_maxd = ciphers.column("max_dtls"), col_str = ciphers.column("strength"),
                    col_hs = ciphers.column("handshake"), col_sb = ciphers.column("strength_bits"),
                    col_ab = ciphers.column("alg_bits"), col_valid = ciphers.column("valid"),
                    col_table = ciphers.column("table"), col_opt = ciphers.column("option");
  for (const auto& r : ciphers.rows()) {
    const data_error_context where("ciphers.tsv", r.line);
    const auto& v = r.cells;
    cipher s;
    s.name = v[col_name];
    s.stdname = dash_to_empty(v[col_std]);
    check_name(s.name, where);
    check_name(s.stdname, where);
    s.id = parse_number<std::uint32_t>(v[col_id], 16, where);
    s.kx = parse_mask(field::kx, v[col_kx], where);
    s.au = parse_mask(field::au, v[col_au], where);
    s.enc = parse_mask(field::enc, v[col_enc], where);
    s.mac = parse_mask(field::mac, v[col_mac], where);
    auto version_of = [&](std::string_view text) -> std::uint16_t {
      const auto value = detail::version_value(text);
      if (!value) where.fail(fmt::format("unknown version '{}'", text));
      return *value;
    };
    s.min_tls = version_of(v[col_min]);
    s.max_tls = version_of(v[col_max]);
    s.min_dtls = version_of(v[col_mind]);
    s.max_dtls = version_of(v[col_maxd]);
    s.strength = parse_strength(v[col_str], where);
    const auto hs = detail::handshake_digest_value(v[col_hs]);
    if (!hs) where.fail(fmt::format("unknown handshake digest '{}'", v[col_hs]));
    s.handshake_digest = *hs;
    s.strength_bits = parse_number<std::uint16_t>(v[col_sb], 10, where);
    s.alg_bits = parse_number<std::uint16_t>(v[col_ab], 10, where);
    s.valid = v[col_valid] == "1";
    const std::string_view table = v[col_table];
    if (table == "tls13")
      s.table = cipher_table::tls13;
    else if (table == "ssl3")
      s.table = cipher_table::ssl3;
    else if (table == "scsv")
      s.table = cipher_table::scsv;
    else if (table == "ssl2")
      s.table = cipher_table::ssl2;
    else
      where.fail(fmt::format("unknown table '{}'", table));
    s.option = dash_to_empty(v[col_opt]);
    c->ciphers_.push_back(s);
  }
  std::stable_sort(c->ciphers_.begin(), c->ciphers_.end(),
                   [](const cipher& a, const cipher& b) { return a.id < b.id; });

  const tsv aliases(aliases_text, "aliases.tsv");
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
    a.kx = parse_mask(field::kx, v[a_kx], where);
    a.au = parse_mask(field::au, v[a_au], where);
    a.enc = parse_mask(field::enc, v[a_enc], where);
    a.mac = parse_mask(field::mac, v[a_mac], where);
    const auto ver = detail::version_value(v[a_ver]);
    if (!ver) where.fail(fmt::format("unknown version '{}'", v[a_ver]));
    a.version = *ver;
    a.strength = parse_strength(v[a_str], where);
    a.option = dash_to_empty(v[a_opt]);
    c->aliases_.push_back(a);
  }

  for (std::string_view name : tls13_names) {
    const cipher* s = c->find_cipher(name);
    if (s == nullptr)
      throw std::runtime_error(fmt::format("release.txt: unknown TLS 1.3 suite '{}'", name));
    c->tls13_default_.push_back(s);
  }
  return c;
}

const cipher* catalog::find_cipher(std::string_view name) const noexcept {
  for (const cipher& s : ciphers_) {
    if (s.name == name || (!s.stdname.empty() && s.stdname == name)) return &s;
  }
  return nullptr;
}

const cipher* catalog::find_cipher(std::uint32_t id) const noexcept {
  const auto it = std::lower_bound(ciphers_.begin(), ciphers_.end(), id,
                                   [](const cipher& s, std::uint32_t v) { return s.id < v; });
  return it != ciphers_.end() && it->id == id ? &*it : nullptr;
}

bool catalog::has_build_option(std::string_view name) const noexcept {
  for (const cipher& s : ciphers_) {
    std::string_view options = s.option;
    while (!options.empty()) {
      const std::size_t comma = options.find(',');
      if (options.substr(0, comma) == name) return true;
      options = comma == std::string_view::npos ? std::string_view{} : options.substr(comma + 1);
    }
  }
  return false;
}

const alias* catalog::find_alias(std::string_view name) const noexcept {
  for (const alias& a : aliases_) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

namespace {

// The value of a "key value" line of a release.txt, found without parsing the rest: the
// registry needs only each release's name and series to answer find().
std::string_view release_key_value(std::string_view text, std::string_view key) {
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (line.starts_with(key) && line.size() > key.size() &&
        (line[key.size()] == ' ' || line[key.size()] == '\t')) {
      line.remove_prefix(key.size());
      const std::size_t start = line.find_first_not_of(" \t");
      const std::size_t end = line.find_last_not_of(" \t\r");
      return start == std::string_view::npos ? std::string_view{}
                                             : line.substr(start, end - start + 1);
    }
  }
  return {};
}

// Every embedded release, oldest first, each parsed on first use: a command about one release
// (the common case) does not pay for parsing the other eleven at start-up.
class registry {
 public:
  static registry& instance() {
    static registry r;
    return r;
  }

  [[nodiscard]] std::size_t size() const noexcept { return slots_.size(); }
  [[nodiscard]] std::string_view release(std::size_t i) const noexcept { return slots_[i].release; }
  [[nodiscard]] std::string_view series(std::size_t i) const noexcept { return slots_[i].series; }

  const catalog* get(std::size_t i) {
    slot& s = slots_[i];
    std::call_once(s.once, [&] {
      s.parsed = catalog::from_data(s.data->ciphers, s.data->aliases, s.data->release);
    });
    return s.parsed.get();
  }

 private:
  struct slot {
    const detail::embedded_catalog* data = nullptr;
    std::string_view release, series;
    std::once_flag once;
    std::unique_ptr<catalog> parsed;
  };

  registry() : slots_(detail::embedded_catalogs().size()) {
    std::vector<const detail::embedded_catalog*> order;
    for (const detail::embedded_catalog& e : detail::embedded_catalogs()) order.push_back(&e);
    std::sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
      return release_key(release_key_value(a->release, "release")) <
             release_key(release_key_value(b->release, "release"));
    });
    for (std::size_t i = 0; i < order.size(); ++i) {
      slots_[i].data = order[i];
      slots_[i].release = release_key_value(order[i]->release, "release");
      slots_[i].series = release_key_value(order[i]->release, "series");
    }
  }

  std::vector<slot> slots_;
};

}  // namespace

std::span<const catalog* const> catalog::all() {
  // Built once, on first use, and kept for the life of the program.
  static const std::vector<const catalog*> releases = [] {
    registry& r = registry::instance();
    std::vector<const catalog*> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.get(i));
    return out;
  }();
  return releases;
}

std::vector<std::string_view> catalog::release_names() {
  registry& r = registry::instance();
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.release(i));
  return out;
}

const catalog* catalog::find(std::string_view release) {
  if (release.starts_with("openssl-")) release.remove_prefix(8);
  registry& r = registry::instance();
  std::size_t newest_of_series = r.size();
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (r.release(i) == release) return r.get(i);
    if (r.series(i) == release) newest_of_series = i;
  }
  return newest_of_series < r.size() ? r.get(newest_of_series) : nullptr;
}

}  // namespace cipherexplain

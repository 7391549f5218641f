// SPDX-License-Identifier: Apache-2.0
// SSL_OP_* tables per release, read once from the embedded options.tsv files.

#include <cipherexplain/ssl_options.hpp>

#include "catalog/data_text.hpp"
#include "catalog/registry.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <map>
#include <mutex>

namespace cipherexplain {
namespace {

struct option_table {
  std::vector<ssl_option> options;
  std::uint64_t new_ctx = 0;
};

std::uint64_t parse_hex(std::string_view text, const detail::data_error_context& where) {
  if (!text.starts_with("0x") && !text.starts_with("0X")) where.fail("a value is hex: 0x...");
  text.remove_prefix(2);
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v, 16);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty())
    where.fail(fmt::format("'{}' is not a hex number", text));
  return v;
}

option_table read_table(std::string_view text, std::string_view file) {
  option_table out;
  if (text.empty()) return out;
  const detail::tsv rows(text, file);
  const std::size_t name = rows.column("name"), value = rows.column("value"),
                    new_ctx = rows.column("new_ctx"), conf = rows.column("conf"),
                    note = rows.column("note");
  for (const auto& r : rows.rows()) {
    const detail::data_error_context where(file, r.line);
    ssl_option o;
    o.name = r.cells[name];
    o.value = parse_hex(r.cells[value], where);
    if (r.cells[new_ctx] != "yes" && r.cells[new_ctx] != "no") where.fail("new_ctx is yes or no");
    o.new_ctx = r.cells[new_ctx] == "yes";
    o.conf = r.cells[conf] == "-" ? std::string_view() : r.cells[conf];
    o.note = r.cells[note] == "-" ? std::string_view() : r.cells[note];
    if (o.new_ctx) out.new_ctx |= o.value;
    out.options.push_back(o);
  }
  return out;
}

const option_table& table_of(const catalog& release) {
  static std::mutex lock;
  static std::map<std::string, option_table, std::less<>> tables;
  const std::scoped_lock guard(lock);
  if (const auto it = tables.find(release.release()); it != tables.end()) return it->second;
  std::string_view text;
  for (const auto& e : detail::embedded_releases())
    if (e.release == release.release()) text = e.data->options;
  return tables
      .emplace(std::string(release.release()),
               read_table(text, fmt::format("openssl-{}/options.tsv", release.release())))
      .first->second;
}

std::string_view without_prefix(std::string_view name) {
  if (name.starts_with("SSL_OP_"))
    name.remove_prefix(7);
  else if (name.starts_with("OP_"))
    name.remove_prefix(3);
  return name;
}

}  // namespace

bool ssl_option::composite() const noexcept { return std::popcount(value) > 1; }

std::span<const ssl_option> ssl_options(const catalog& release) {
  return table_of(release).options;
}

const ssl_option* find_ssl_option(const catalog& release, std::string_view name) {
  name = without_prefix(name);
  for (const ssl_option& o : ssl_options(release))
    if (o.name == name) return &o;
  return nullptr;
}

std::uint64_t new_context_options(const catalog& release) { return table_of(release).new_ctx; }

std::vector<std::string_view> option_names(const catalog& release, std::uint64_t value) {
  std::vector<std::string_view> out;
  std::uint64_t named = 0;
  for (const ssl_option& o : ssl_options(release))
    if (std::popcount(o.value) == 1 && (value & o.value) && !(named & o.value)) {
      out.push_back(o.name);
      named |= o.value;
    }
  return out;
}

std::optional<std::vector<option_term>> parse_option_terms(std::string_view text,
                                                           std::string& error) {
  std::vector<option_term> out;
  if (text.empty() || text == "-") return out;
  bool bad = false;
  detail::for_each_part(text, '|', [&](std::string_view term) {
    if (bad) return;
    option_term t;
    if (term.starts_with('-')) {
      t.clear = true;
      term.remove_prefix(1);
    }
    bool first = true;
    detail::for_each_part(term, '~', [&](std::string_view part) {
      part = without_prefix(detail::trim(part));
      if (part.empty()) bad = true;
      if (first)
        t.name = std::string(part);
      else
        t.without.emplace_back(part);
      first = false;
    });
    if (bad) {
      error = fmt::format("'{}': an option term is NAME, NAME~OTHER or -NAME", term);
      return;
    }
    out.push_back(std::move(t));
  });
  if (bad) return std::nullopt;
  return out;
}

applied_options apply_options(const catalog& release, std::span<const option_term> terms) {
  applied_options out;
  out.value = new_context_options(release);
  const auto value_of = [&](const std::string& name) -> std::uint64_t {
    const ssl_option* o = find_ssl_option(release, name);
    if (!o) {
      if (std::find(out.undefined.begin(), out.undefined.end(), name) == out.undefined.end())
        out.undefined.push_back(name);
      return 0;
    }
    if (o->value == 0 &&
        std::find(out.no_effect.begin(), out.no_effect.end(), name) == out.no_effect.end())
      out.no_effect.push_back(name);
    return o->value;
  };
  for (const option_term& t : terms) {
    std::uint64_t bits = value_of(t.name);
    for (const std::string& w : t.without) bits &= ~value_of(w);
    if (t.clear)
      out.value &= ~bits;
    else
      out.value |= bits;
  }
  return out;
}

}  // namespace cipherexplain

// SPDX-License-Identifier: Apache-2.0
// Reading presets/*.tsv: Python's rows (python.tsv, python-installers.tsv,
// python-openssl.tsv) and every other family's rows (one file per family or group).

#include "catalog/data_text.hpp"
#include "policy/embedded_presets.hpp"
#include "policy/preset_rows.hpp"

#include <cipherexplain/profile.hpp>

#include <algorithm>
#include <charconv>
#include <limits>

namespace cipherexplain::detail {
namespace {

std::string_view title_of(std::string_view text) {
  // A "# title: ..." comment names the family group in `preset list`.
  std::string_view title;
  for_each_part(text, '\n', [&](std::string_view line) {
    if (line.starts_with("# title: ")) title = trim(line.substr(9));
  });
  return title;
}

void add_family(preset_tables& out, std::string_view name, std::string_view title,
                std::string_view variant, const std::string& range, std::string_view file) {
  auto it = std::find_if(out.family_list.begin(), out.family_list.end(),
                         [&](const preset_family& f) { return f.name == name; });
  if (it == out.family_list.end()) {
    out.family_list.push_back({std::string(name), std::string(title), {}, {}, std::string(file)});
    it = out.family_list.end() - 1;
  }
  if (!variant.empty() && variant != "-" &&
      std::find(it->variants.begin(), it->variants.end(), variant) == it->variants.end())
    it->variants.emplace_back(variant);
  if (std::find(it->ranges.begin(), it->ranges.end(), range) == it->ranges.end())
    it->ranges.push_back(range);
}

void read_python(preset_tables& out, std::string_view text) {
  const tsv t(text, "presets/python.tsv");
  const auto col = [&](std::string_view n) { return t.column(n); };
  const std::size_t c_versions = col("versions"), c_build = col("build"),
                    c_context = col("context"), c_method = col("method"),
                    c_options = col("options"), c_calls = col("cipher_calls"),
                    c_min = col("min_protocol"), c_max = col("max_protocol"),
                    c_verify = col("verify_mode"), c_host = col("check_hostname"),
                    c_flags = col("verify_flags"), c_https = col("https_verify"),
                    c_source = col("source");
  for (const auto& r : t.rows()) {
    const data_error_context where(t.file(), r.line);
    python_row row;
    row.versions = parse_range(r.cells[c_versions]);
    if (row.versions.label) where.fail("versions: X.Y.Z, X.Y.Z-X.Y.Z or X.Y.Z+");
    row.build = r.cells[c_build];
    row.context = r.cells[c_context];
    const auto& contexts = python_contexts();
    if (std::find(contexts.begin(), contexts.end(), row.context) == contexts.end())
      where.fail(fmt::format("unknown context '{}'", row.context));
    row.method = r.cells[c_method];
    row.options = r.cells[c_options];
    row.cipher_calls = r.cells[c_calls];
    row.min_protocol = r.cells[c_min];
    row.max_protocol = r.cells[c_max];
    row.verify_mode = r.cells[c_verify];
    row.check_hostname = r.cells[c_host];
    row.verify_flags = r.cells[c_flags];
    row.https_verify = r.cells[c_https];
    row.source = r.cells[c_source];
    row.line = r.line;
    if (row.source == "-" || row.source.empty()) where.fail("every row cites its source");
    add_family(out, "python", "CPython's ssl module", "", row.versions.text, "presets/python.tsv");
    out.python.push_back(std::move(row));
  }
}

void read_installers(preset_tables& out, std::string_view text) {
  const tsv t(text, "presets/python-installers.tsv");
  const std::size_t v = t.column("versions"), p = t.column("platform"), o = t.column("openssl"),
                    s = t.column("source");
  for (const auto& r : t.rows())
    out.installers.push_back({parse_range(r.cells[v]), std::string(r.cells[p]),
                              std::string(r.cells[o]), std::string(r.cells[s])});
}

void read_support(preset_tables& out, std::string_view text) {
  const tsv t(text, "presets/python-openssl.tsv");
  const std::size_t v = t.column("versions"), m = t.column("min_openssl"), s = t.column("source");
  for (const auto& r : t.rows())
    out.python_support.push_back(
        {parse_range(r.cells[v]), std::string(r.cells[m]), std::string(r.cells[s])});
}

void read_family_file(preset_tables& out, std::string_view name, std::string_view text) {
  const std::string file = fmt::format("presets/{}", name);
  const tsv t(text, file);
  const auto col = [&](std::string_view n) { return t.column(n); };
  const std::size_t c_family = col("family"), c_variant = col("variant"),
                    c_versions = col("versions"), c_ciphers = col("cipher_string"),
                    c_suites = col("ciphersuites"), c_protocols = col("protocols"),
                    c_level = col("security_level"), c_pref = col("server_preference"),
                    c_options = col("options"), c_bundled = col("bundled_openssl"),
                    c_source = col("source"), c_notes = col("notes");
  const std::string_view title = title_of(text);
  for (const auto& r : t.rows()) {
    const data_error_context where(file, r.line);
    family_row row;
    row.family = r.cells[c_family];
    row.variant = r.cells[c_variant] == "-" ? std::string() : std::string(r.cells[c_variant]);
    row.versions = parse_range(r.cells[c_versions]);
    row.cipher_string = r.cells[c_ciphers];
    row.ciphersuites = r.cells[c_suites];
    row.protocols = r.cells[c_protocols];
    row.security_level = r.cells[c_level];
    row.server_preference = r.cells[c_pref];
    row.options = r.cells[c_options];
    row.bundled_openssl = r.cells[c_bundled];
    row.source = r.cells[c_source];
    row.notes = r.cells[c_notes];
    row.file = file;
    row.line = r.line;
    if (row.family.empty() || row.family == "python" || row.family == "mozilla")
      where.fail("family: a lower-case name other than python and mozilla");
    if (row.source == "-" || row.source.empty()) where.fail("every row cites its source");
    add_family(out, row.family, title.empty() ? std::string_view(row.family) : title, row.variant,
               row.versions.text, file);
    out.families.push_back(std::move(row));
  }
}

void add_mozilla(preset_tables& out) {
  for (const profile& p : profiles())
    add_family(out, "mozilla", "Mozilla server-side TLS guidelines", p.level, p.version,
               "profiles/mozilla.tsv");
}

preset_tables load() {
  preset_tables out;
  const auto files = embedded_preset_files();
  // A file absent is a family unknown: compiled in, every file is there; provided at run time
  // (provide_preset_files), none may be yet, and Mozilla's, from the profiles, still are.
  const auto read_if_there = [&](std::string_view name, auto read) {
    for (const auto& f : files)
      if (f.name == name) return read(out, f.text);
  };
  read_if_there("python.tsv", read_python);
  read_if_there("python-installers.tsv", read_installers);
  read_if_there("python-openssl.tsv", read_support);
  add_mozilla(out);
  for (const auto& f : files)
    // "profiles/mozilla.tsv", provided with the presets at run time, is the profiles' file.
    if (!f.name.starts_with("python") && f.name.find('/') == std::string_view::npos)
      read_family_file(out, f.name, f.text);
  return out;
}

}  // namespace

std::vector<int> parse_version(std::string_view text) {
  std::vector<int> out;
  bool ok = !text.empty();
  for_each_part(text, '.', [&](std::string_view part) {
    int v = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size()) ok = false;
    out.push_back(v);
  });
  if (!ok) out.clear();
  return out;
}

version_range parse_range(std::string_view text) {
  version_range r;
  r.text = std::string(text);
  if (text.ends_with('+') && !parse_version(text.substr(0, text.size() - 1)).empty()) {
    r.low = parse_version(text.substr(0, text.size() - 1));
    r.open = true;
    return r;
  }
  if (const std::size_t dash = text.find('-'); dash != std::string_view::npos) {
    auto low = parse_version(text.substr(0, dash));
    std::string_view top = text.substr(dash + 1);
    const bool to_series_end = top.ends_with(".*");  // "3.12.7-3.12.*": the rest of 3.12
    if (to_series_end) top.remove_suffix(2);
    auto high = parse_version(top);
    if (to_series_end && !high.empty()) high.push_back(std::numeric_limits<int>::max());
    if (!low.empty() && !high.empty()) {
      r.low = std::move(low);
      r.high = std::move(high);
      return r;
    }
  }
  r.low = parse_version(text);
  r.high = r.low;
  r.label = r.low.empty();
  return r;
}

namespace {
// Compares over the components both have, so "3.6" lies inside 3.6.0-3.6.15.
int compare_prefix(const std::vector<int>& a, const std::vector<int>& b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}
}  // namespace

bool range_contains(const version_range& r, std::string_view version) {
  if (r.label) return r.text == version;
  const auto v = parse_version(version);
  if (v.empty()) return false;
  return compare_prefix(v, r.low) >= 0 && (r.open || compare_prefix(v, r.high) <= 0);
}

std::string range_first(const version_range& r) {
  if (r.label) return r.text;
  std::string out;
  for (const int p : r.low) out += fmt::format("{}{}", out.empty() ? "" : ".", std::to_string(p));
  return out;
}

std::string range_last(const version_range& r) {
  if (r.label) return r.text;
  if (r.open) return {};
  std::string out;
  for (const int p : r.high)
    out += fmt::format("{}{}", out.empty() ? "" : ".",
                       p == std::numeric_limits<int>::max() ? std::string("*") : std::to_string(p));
  return out;
}

const preset_tables& preset_data() {
  static const preset_tables tables = load();
  return tables;
}

}  // namespace cipherexplain::detail

// SPDX-License-Identifier: Apache-2.0
// The configuration readers on any bytes, one target per family of syntax
// (CIPHEREXPLAIN_CONFIG_FAMILY: braces = nginx, lighttpd; apache; lines = key/value and ini
// formats; options = HAProxy, OpenVPN). The input's first byte picks the family's format; the
// rest is split at lines "--- NAME" into files of a memory tree (the first part is the main
// file, the others are what it may include), so includes, globs and cycles are reached.
//
// Checked: reading never throws; every setting's spans cover its value in order, and each
// verbatim span is the file's text at its line and column; every position is inside its file;
// reading the same input twice gives the same result; lint() on what was read does not throw
// and places findings inside the files.

#include "fuzz_checks.hpp"

#include <cipherexplain/config_file.hpp>
#include <cipherexplain/config_lint.hpp>

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

using namespace cipherexplain;
using namespace cipherexplain::fuzzing;

namespace {

#define CIPHEREXPLAIN_FAMILY_braces 1
#define CIPHEREXPLAIN_FAMILY_apache 2
#define CIPHEREXPLAIN_FAMILY_lines 3
#define CIPHEREXPLAIN_FAMILY_options 4
#define CIPHEREXPLAIN_FAMILY_VALUE(f) CIPHEREXPLAIN_FAMILY_VALUE_(f)
#define CIPHEREXPLAIN_FAMILY_VALUE_(f) CIPHEREXPLAIN_FAMILY_##f

std::span<const config_format> family() {
#if CIPHEREXPLAIN_FAMILY_VALUE(CIPHEREXPLAIN_CONFIG_FAMILY) == CIPHEREXPLAIN_FAMILY_braces
  static constexpr std::array formats{config_format::nginx, config_format::lighttpd};
#elif CIPHEREXPLAIN_FAMILY_VALUE(CIPHEREXPLAIN_CONFIG_FAMILY) == CIPHEREXPLAIN_FAMILY_apache
  static constexpr std::array formats{config_format::apache};
#elif CIPHEREXPLAIN_FAMILY_VALUE(CIPHEREXPLAIN_CONFIG_FAMILY) == CIPHEREXPLAIN_FAMILY_lines
  static constexpr std::array formats{config_format::postfix_main, config_format::postfix_master,
                                      config_format::dovecot,      config_format::stunnel,
                                      config_format::mysql,        config_format::postgresql,
                                      config_format::openssl_cnf};
#else
  static constexpr std::array formats{config_format::haproxy, config_format::openvpn};
#endif
  return formats;
}

// The files: the main one at etc/main.conf, the others under etc/ by the names given.
std::map<std::string, std::string> files_of(std::string_view body) {
  std::map<std::string, std::string> files;
  std::string name = "etc/main.conf";
  std::size_t start = 0;
  while (true) {
    std::size_t mark = body.find("\n--- ", start);
    const std::string_view part =
        body.substr(start, mark == std::string_view::npos ? std::string_view::npos : mark - start);
    files[name] = std::string(part);
    if (mark == std::string_view::npos || files.size() >= 16) break;
    const std::size_t end = body.find('\n', mark + 5);
    name = "etc/" +
           std::string(body.substr(
               mark + 5, end == std::string_view::npos ? std::string_view::npos : end - mark - 5));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return files;
}

// The byte offset of line:column (characters, as starts_column counts them) in text, or
// npos when outside it; one past a line's last character is inside.
std::size_t offset_of(std::string_view text, std::uint32_t line, std::uint32_t column) {
  std::size_t at = 0;
  for (std::uint32_t l = 1; l < line; ++l) {
    at = text.find('\n', at);
    if (at == std::string_view::npos) return std::string_view::npos;
    ++at;
  }
  if (column == 0) return std::string_view::npos;
  for (std::uint32_t c = 1; c < column; ++c) {
    if (at >= text.size()) return std::string_view::npos;
    ++at;
    while (at < text.size() && !starts_column(text[at - 1], text[at])) ++at;
  }
  return at <= text.size() ? at : std::string_view::npos;
}

void check_setting(const tls_setting& s, const std::map<std::string, std::string>& files,
                   std::string_view input) {
  const auto file = files.find(s.file);
  if (file == files.end()) fail(fmt::format("setting in unknown file '{}'", s.file), input);
  if (offset_of(file->second, s.line, s.column) == std::string_view::npos)
    fail(fmt::format("{} at {}:{} is outside its file", s.directive, s.line, s.column), input);
  std::size_t covered = 0;
  for (const value_span& span : s.spans) {
    if (span.value_offset != covered)
      fail(fmt::format("{}: a span starts at {}, {} covered", s.directive, span.value_offset,
                       covered),
           input);
    covered += span.length;
    if (covered > s.value.size()) fail(fmt::format("{}: spans past the value", s.directive), input);
    const std::size_t at = offset_of(file->second, span.line, span.column);
    if (at == std::string_view::npos)
      fail(fmt::format("{}: span at {}:{} outside its file", s.directive, span.line, span.column),
           input);
    if (span.verbatim &&
        file->second.compare(at, span.length, s.value, span.value_offset, span.length) != 0)
      fail(fmt::format("{}: verbatim span at {}:{} is not the file's text", s.directive, span.line,
                       span.column),
           input);
  }
  if (covered != s.value.size())
    fail(fmt::format("{}: spans cover {} of {} bytes", s.directive, covered, s.value.size()),
         input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto formats = family();
  const config_format format = formats[data[0] % formats.size()];
  const std::map<std::string, std::string> files = files_of(input.substr(1));
  const memory_tree tree(files, "root");
  config_read_options options;
  options.format = format;
  const config_read_result first = read_config(tree, "etc/main.conf", options);
  const config_read_result again = read_config(tree, "etc/main.conf", options);
  if (first.settings != again.settings || first.errors != again.errors)
    fail("two reads of the same files differ", input);
  for (const tls_setting& s : first.settings) {
    check_setting(s, files, input);
    if (s.block < 0 || static_cast<std::size_t>(s.block) >= first.blocks.size())
      fail(fmt::format("{}: block {} out of range", s.directive, s.block), input);
  }
  for (const config_error& e : first.errors) {
    const auto file = files.find(e.file);
    if (file == files.end()) continue;  // a file that could not be read
    if (e.line > 0 && offset_of(file->second, e.line, e.column) == std::string_view::npos)
      fail(fmt::format("error '{}' at {}:{} is outside its file", e.message, e.line, e.column),
           input);
  }
  static const catalog* release = catalog::find("3.0.19");
  lint_options lo;
  lo.releases = {release};
  std::vector<config_read_result> read{first};
  const lint_report report = lint(std::move(read), lo);
  for (const lint_finding& f : report.findings) {
    if (f.file.empty() || f.line == 0) continue;
    const auto file = files.find(f.file);
    if (file != files.end() && offset_of(file->second, f.line, f.column) == std::string_view::npos)
      fail(fmt::format("finding '{}' at {}:{} is outside its file", f.finding.message, f.line,
                       f.column),
           input);
  }
  return 0;
}

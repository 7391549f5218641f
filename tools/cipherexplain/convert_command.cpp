// SPDX-License-Identifier: Apache-2.0
// convert NAME...: OpenSSL names, IANA names and code points into each other.

#include "commands.hpp"
#include "exit_codes.hpp"
#include "options.hpp"
#include "render.hpp"

#include <fmt/format.h>

#include <cctype>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cipherexplain::cli {
namespace {

struct convert_options {
  shared_options shared;
  std::vector<std::string> names;
};

// The name as typed, safe for a terminal (it is echoed to one), and cut when it is no name.
std::string shown_input(std::string_view text) {
  constexpr std::size_t longest = 80;  // the longest suite name is 50 bytes
  if (text.size() <= longest) return printable(text);
  return fmt::format("{}... ({} bytes)", printable(whole_characters(text, 60)), text.size());
}

// Exit 0 when every name is a suite of the release, 1 otherwise.
int run_convert(const catalog& release, const std::vector<std::string>& names,
                const std::string& format) {
  std::vector<name_lookup> found;
  bool all_known = true;
  for (const std::string& name : names) {
    const cipher* s = find_suite(release, name);
    all_known = all_known && s != nullptr;
    name_lookup l{name, s, {}};
    if (s == nullptr) {
      if (const code_point_parse cp = parse_code_point(name); cp.looks_like_one && !cp.value) {
        l.problem =
            fmt::format("not a code point: expected {} at byte {}", cp.error, cp.error_offset + 1);
      } else {
        l.problem = fmt::format("not a suite of OpenSSL {}", release.release());
      }
    }
    found.push_back(std::move(l));
  }
  if (format == "json") {
    print(name_lookups_json(found));
  } else {
    std::vector<std::vector<std::string>> rows{
        {"Input", "OpenSSL name", "IANA name", "Code point"}};
    for (const name_lookup& l : found) {
      if (l.suite == nullptr) {
        rows.push_back({shown_input(l.input), l.problem, "", ""});
      } else {
        rows.push_back({shown_input(l.input), std::string(l.suite->name),
                        l.suite->stdname.empty() ? "-" : std::string(l.suite->stdname),
                        hex_code(*l.suite)});
      }
    }
    print(format_table(rows, {false, false, false, false}));
  }
  return all_known ? exit_accepted : exit_rejected;
}

}  // namespace

void add_convert_command(CLI::App& app, const shared_options& before, int& exit_status) {
  auto o = std::make_shared<convert_options>();
  CLI::App* convert = app.add_subcommand(
      "convert",
      "Turn OpenSSL names, IANA names (any case) and code points (0xC02F, 0xC0,0x2F or\n"
      "{0xC0,0x2F}) into each other.\n"
      "Exit status 0 when every name is a suite of the release, 1 otherwise.");
  convert->footer(
      "Examples:\n"
      "  cipherexplain convert TLS_AES_128_GCM_SHA256 0xC02F ECDHE-RSA-AES128-SHA\n"
      "  cipherexplain convert --openssl 1.0.2 --format json 0xC0,0x2F\n"
      "\n"
      "Exit status: 0 every name is a suite of the release, 1 some is not, 2 usage error,\n"
      "5 the output could not be written.");
  o->shared.add_release(*convert, false);
  o->shared.add_format(*convert);
  convert->add_option("NAMES", o->names, "Names or code points")->required();
  convert->callback([&app, &before, convert, o, &exit_status] {
    const shared_options s =
        effective_options(app, before, *convert, o->shared, takes::release | takes::format);
    exit_status = run_convert(one_release(s.release_spec, "convert"), o->names, s.format);
  });
}

}  // namespace cipherexplain::cli

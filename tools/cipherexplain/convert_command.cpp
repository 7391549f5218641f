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

// A code point written as 0xC02F, C02F, 0xC0,0x2F or {0xC0,0x2F} (as openssl ciphers -V shows).
std::optional<std::uint32_t> code_point(std::string_view text) {
  std::string digits;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{' || c == '}' || c == ',' || c == ' ') continue;
    if (c == '0' && i + 1 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X')) {
      ++i;
      continue;
    }
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return std::nullopt;
    digits += c;
  }
  // Two bytes written separately: "0xC0,0x2F" becomes "C02F"; a lone "2F" is 0x002F.
  if (digits.empty() || digits.size() > 4) return std::nullopt;
  return static_cast<std::uint32_t>(std::stoul(digits, nullptr, 16));
}

// Exit 0 when every name is a suite of the release, 1 otherwise.
int run_convert(const catalog& release, const std::vector<std::string>& names,
                const std::string& format) {
  std::vector<name_lookup> found;
  bool all_known = true;
  for (const std::string& name : names) {
    const cipher* s = release.find_cipher(name);
    if (s == nullptr) {
      if (const auto cp = code_point(name))
        s = release.find_cipher(std::uint32_t{0x03000000} | *cp);
    }
    all_known = all_known && s != nullptr;
    found.push_back({name, s});
  }
  if (format == "json") {
    print(name_lookups_json(found));
  } else {
    std::vector<std::vector<std::string>> rows{
        {"Input", "OpenSSL name", "IANA name", "Code point"}};
    for (const name_lookup& l : found) {
      if (l.suite == nullptr) {
        rows.push_back(
            {l.input, fmt::format("not a suite of OpenSSL {}", release.release()), "", ""});
      } else {
        rows.push_back({l.input, std::string(l.suite->name),
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
      "Turn OpenSSL names, IANA names and code points (0xC02F or 0xC0,0x2F) into each other.\n"
      "Exit status 0 when every name is a suite of the release, 1 otherwise.");
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

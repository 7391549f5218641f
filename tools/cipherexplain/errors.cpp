// SPDX-License-Identifier: Apache-2.0
#include "errors.hpp"

#include <cipherexplain/diagnostic_render.hpp>
#include <cipherexplain/json.hpp>

#include "layout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <regex>
#include <set>
#include <vector>

namespace cipherexplain::cli {
namespace {

// Edit distance with adjacent transpositions, for "did you mean".
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

void collect_option_names(const CLI::App& app, std::set<std::string>& names) {
  for (const CLI::Option* o : app.get_options()) {
    for (const std::string& n : o->get_lnames()) names.insert("--" + n);
  }
  for (const CLI::App* sub : app.get_subcommands({})) collect_option_names(*sub, names);
}

// Messages quote what was typed (CLI11's validators quote the whole value): a word longer than
// any name, path or option here is cut, so that a 1 MB argument gives a one-line error.
std::string with_long_words_cut(std::string_view message) {
  constexpr std::size_t longest = 512, kept = 60;  // the longest list in a message: 400
  std::string out;
  std::size_t i = 0;
  while (i < message.size()) {
    const std::size_t end = std::min(message.find(' ', i), message.size());
    const std::string_view word = message.substr(i, end - i);
    if (word.size() <= longest) {
      out += word;
    } else {
      out += whole_characters(word, kept);
      out += fmt::format("...({} bytes)", word.size());
    }
    if (end < message.size()) out += ' ';
    i = end + 1;
  }
  return out;
}

}  // namespace

bool wants_json(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--") break;
    if (a == "--format=json" ||
        (a == "--format" && i + 1 < argc && std::string_view(argv[i + 1]) == "json"))
      return true;
  }
  return false;
}

std::string usage_message(const CLI::App& app, const CLI::ParseError& error, int argc,
                          const char* const* argv) {
  std::string what = error.what();
  static const std::regex too_many(R"(^(\S+): At Most 1 required but received (\d+)$)");
  if (std::smatch m; std::regex_match(what, m, too_many)) {
    return fmt::format("{} is given {} times; give it once", m[1].str(), m[2].str());
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&error) == nullptr) return what;
  // An unknown option: name it, with the nearest known ones.
  std::set<std::string> known;
  collect_option_names(app, known);
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--") break;
    if (!a.starts_with("--")) continue;
    a = a.substr(0, a.find('='));
    if (known.contains(std::string(a))) continue;
    std::vector<std::string> near;
    for (const std::string& k : known) {
      if (distance(a, k) <= 2) near.push_back("'" + k + "'");
    }
    const std::string shown = a.size() > 40 ? std::string(a.substr(0, 40)) + "..." : std::string(a);
    if (near.empty()) return fmt::format("unknown option '{}'", shown);
    return fmt::format("unknown option '{}'; did you mean {}?", shown, fmt::join(near, " or "));
  }
  return what;
}

int report_failure(std::string_view kind, std::string_view full_message, int exit_status,
                   bool json) {
  const std::string message = with_long_words_cut(full_message);
  std::string out;
  if (json) {
    out = "{\"error\": {\"kind\": ";
    append_json_string(out, kind);
    out += ", \"message\": ";
    append_json_string(out, message);
    out += fmt::format(", \"exit_status\": {}}}}}\n", exit_status);
  } else {
    // Messages quote what was typed: escaped, so that no argument writes to the terminal.
    out = fmt::format("cipherexplain: {}\n", printable(message));
    if (kind == "usage") out += "Run 'cipherexplain --help' for usage.\n";
  }
  std::fwrite(out.data(), 1, out.size(), stderr);
  return exit_status;
}

}  // namespace cipherexplain::cli

// SPDX-License-Identifier: Apache-2.0
// completions SHELL: a completion script, read off the application's own command tree when it
// is asked for, so that it never lags behind the options.

#include "commands.hpp"
#include "completion_scripts.hpp"
#include "exit_codes.hpp"
#include "options.hpp"
#include "output.hpp"

#include <cipherexplain.hpp>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::cli {
namespace {

using values = completion_values;
using kind = completion_values::kind;

constexpr std::array<std::string_view, 3> shells{"bash", "zsh", "fish"};

void add_unique(std::vector<std::string>& list, std::string_view item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.emplace_back(item);
}

// What --openssl reads (releases.cpp): each release, each series, and the three keywords.
std::vector<std::string> release_words() {
  std::vector<std::string> out;
  for (const std::string_view name : catalog::release_names()) add_unique(out, name);
  for (const std::string_view name : catalog::release_names()) {
    if (const catalog* c = catalog::find(name)) add_unique(out, c->series());
  }
  for (const std::string_view keyword : {"latest", "system", "all"}) add_unique(out, keyword);
  return out;
}

// The names `preset list` lists, and the shorter ones find_preset also takes: a family alone
// or with a variant means its newest row.
std::vector<std::string> preset_words() {
  std::vector<std::string> out;
  for (const preset_family& f : preset_families()) {
    add_unique(out, f.name);
    for (const std::string& v : f.variants) add_unique(out, fmt::format("{}-{}", f.name, v));
    for (const preset& p : family_presets(f.name, "client")) add_unique(out, p.name);
  }
  return out;
}

std::vector<std::string> family_words() {
  std::vector<std::string> out;
  for (const preset_family& f : preset_families()) add_unique(out, f.name);
  return out;
}

std::vector<std::string> context_words() {
  std::vector<std::string> out;
  for (const std::string_view c : python_contexts()) add_unique(out, c);
  return out;
}

// A choice set declared with CLI::IsMember ("{text,json}") or CLI::CheckedTransformer ("value
// in {cipher-string->0,...} OR {...}"): the validators' own descriptions, which are all CLI11
// lets one read of them, are what --help prints.
std::vector<std::string> declared_choices(const std::string& full_type_name) {
  std::vector<std::string> out;
  const std::size_t colon = full_type_name.find(':');
  if (colon == std::string::npos) return out;
  std::string_view rest = std::string_view(full_type_name).substr(colon + 1);
  const bool mapping = rest.starts_with("value in {");
  if (mapping) rest.remove_prefix(std::string_view("value in ").size());
  if (!rest.starts_with('{')) return out;
  rest = rest.substr(1, rest.find('}') == std::string_view::npos ? 0 : rest.find('}') - 1);
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    if (mapping) item = item.substr(0, item.find("->"));
    if (!item.empty()) add_unique(out, item);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return out;
}

// The versions --min-protocol, --max-protocol and --protocols read: the ones the library
// parses back (parse_protocol_version), by the name it prints.
std::vector<std::string> protocol_words() {
  std::vector<std::string> out;
  for (const std::uint16_t v :
       {version::sslv3, version::tlsv1, version::tlsv1_1, version::tlsv1_2, version::tlsv1_3}) {
    const std::string_view name = protocol_version_name(v);
    if (!name.empty() && parse_protocol_version(name) == v) add_unique(out, name);
  }
  return out;
}

// --hide's codes, from the library's table.
std::vector<std::string> code_words() {
  std::vector<std::string> out;
  for (const diagnostic_code_info& c : diagnostic_codes()) add_unique(out, c.name);
  return out;
}

// --why and --suite: every suite of every release, by its OpenSSL and its IANA name.
std::vector<std::string> suite_words() {
  std::vector<std::string> out;
  for (const catalog* c : catalog::all()) {
    for (const cipher& suite : c->ciphers()) {
      add_unique(out, suite.name);
      if (!suite.stdname.empty()) add_unique(out, suite.stdname);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The lists are made once per script, not once per option.
struct value_lists {
  std::vector<std::string> releases = release_words();
  std::vector<std::string> presets = preset_words();
  std::vector<std::string> families = family_words();
  std::vector<std::string> profiles = profile_names();
  std::vector<std::string> contexts = context_words();
  std::vector<std::string> protocols = protocol_words();
  std::vector<std::string> codes = code_words();
  std::vector<std::string> suites = suite_words();
};

// What an option's or a positional's values are. A declared choice set wins; otherwise the
// meaning is read off the names the commands give their values (options.cpp, endpoints.hpp).
values values_of(const CLI::Option& o, const std::vector<std::string>& path,
                 const value_lists& lists) {
  const std::string full = o.get_type_name();
  if (auto choices = declared_choices(full); !choices.empty()) return {kind::words, choices};
  const std::string type = full.substr(0, full.find(':'));
  auto named = [&o](std::string_view name) {
    const auto& l = o.get_lnames();
    return std::find(l.begin(), l.end(), name.substr(2)) != l.end();
  };
  const std::string positional = o.get_positional() && !o.nonpositional() ? o.get_name(true) : "";
  if (named("--openssl") || type == "RELEASE" || type == "RELEASES")
    return {kind::words, lists.releases, true};
  if (named("--preset") || type == "SPEC" || type == "PRESET" ||
      (positional == "NAME" && path == std::vector<std::string>{"preset", "show"}))
    return {kind::words, lists.presets};
  if (positional == "FAMILY") return {kind::words, lists.families};
  if (named("--policy") || type == "PROFILE") return {kind::words, lists.profiles};
  if (named("--context") || type == "CONTEXT") return {kind::words, lists.contexts};
  if (named("--file") || type == "FILE" || positional == "PATH" || positional == "FILES")
    return {kind::files, {}};
  if (type == "DIR") return {kind::directories, {}};
  if (named("--min-protocol") || named("--max-protocol")) return {kind::words, lists.protocols};
  if (named("--protocols")) return {kind::words, lists.protocols, true};
  if (named("--hide")) return {kind::words, lists.codes, true};
  if (named("--why") || named("--suite")) return {kind::words, lists.suites};
  return {};
}

// The start of a help text, on one line and short enough for a menu: up to the first break in
// the sentence that leaves a phrase ("3.0+: load ..." keeps its "3.0+:").
std::string summary(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, text.find("\n\n"))) out += c == '\n' ? ' ' : c;
  constexpr std::size_t shortest = 24, longest = 90;
  std::size_t cut = out.size();
  for (const std::string_view stop : {". ", ": ", " (", " - ", "; "}) {
    const std::size_t at = out.find(stop, shortest);
    if (at != std::string::npos) cut = std::min(cut, at);
  }
  out.resize(cut);
  if (!out.empty() && out.back() == '.') out.pop_back();
  if (out.size() > longest) {
    const std::size_t space = out.rfind(' ', longest - 3);
    out.resize(space == std::string::npos ? longest - 3 : space);
    out += "...";
  }
  return out;
}

void describe(CLI::App& app, const std::vector<std::string>& path, const value_lists& lists,
              completion_tree& tree) {
  completion_command c;
  c.path = path;
  c.description = summary(app.get_description());
  for (CLI::Option* o : app.get_options()) {
    if (o->get_group().empty()) continue;  // hidden
    if (o->nonpositional()) {
      completion_option option;
      for (const std::string& n : o->get_lnames()) option.long_names.push_back("--" + n);
      for (const std::string& n : o->get_snames()) option.short_names.push_back("-" + n);
      option.description = summary(o->get_description());
      option.takes_value = o->get_expected_max() != 0;
      if (option.takes_value) {
        const std::string full = o->get_type_name();
        option.value_name = full.substr(0, full.find(':'));
        option.values = values_of(*o, path, lists);
      }
      c.options.push_back(std::move(option));
    } else if (!c.has_positionals) {
      // The first positional stands for all: no command mixes kinds of arguments.
      c.has_positionals = true;
      c.positionals = values_of(*o, path, lists);
    }
  }
  tree.commands.push_back(std::move(c));
  for (CLI::App* sub : app.get_subcommands([](CLI::App* s) { return !s->get_group().empty(); })) {
    std::vector<std::string> sub_path = path;
    sub_path.push_back(sub->get_name());
    describe(*sub, sub_path, lists, tree);
  }
}

std::string shell_list() {
  std::string out;
  for (std::size_t i = 0; i < shells.size(); ++i) {
    out += i == 0 ? "" : i + 1 == shells.size() ? " or " : ", ";
    out += shells[i];
  }
  return out;
}

// An unknown shell is a usage error naming the known ones. Written as a Validator rather than
// an IsMember so the message can say what SHELL is, while the description still reads as a
// choice set to declared_choices().
CLI::Validator shell_check() {
  std::string set = "{";
  for (const std::string_view s : shells) set += fmt::format("{}{}", set.size() > 1 ? "," : "", s);
  set += "}";
  return CLI::Validator(
      [](std::string& shell) -> std::string {
        if (std::find(shells.begin(), shells.end(), shell) != shells.end()) return "";
        return fmt::format("unknown shell '{}'; the shells are {}", shell, shell_list());
      },
      set);
}

}  // namespace

void add_completions_command(CLI::App& app, const shared_options& before, int& exit_status) {
  auto shell = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "completions",
      "Print a completion script for bash, zsh or fish: subcommands, options, releases, presets\n"
      "and profiles, from this build's own command line.");
  cmd->footer(
      "Install (for you alone; start a new shell afterwards):\n"
      "  cipherexplain completions bash > ~/.local/share/bash-completion/completions/cipherexplain\n"
      "  cipherexplain completions zsh > ~/.zfunc/_cipherexplain\n"
      "      with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc\n"
      "  cipherexplain completions fish > ~/.config/fish/completions/cipherexplain.fish\n"
      "Or for this shell only:\n"
      "  source <(cipherexplain completions bash)        (zsh: the same, after compinit)\n"
      "\n"
      "Packages install them as share/bash-completion/completions/cipherexplain,\n"
      "share/zsh/vendor-completions/_cipherexplain and\n"
      "share/fish/vendor_completions.d/cipherexplain.fish under the prefix.\n"
      "\n"
      "Exit status: 0, 2 usage error (an unknown SHELL), 5 the output could not be written.");
  cmd->add_option("SHELL", *shell, "bash, zsh or fish")->required()->check(shell_check());
  cmd->callback([&app, &before, cmd, shell, &exit_status] {
    (void)effective_options(app, before, *cmd, shared_options{}, 0);
    completion_tree tree;
    tree.program = app.get_name();
    describe(app, {}, value_lists{}, tree);
    if (*shell == "bash")
      print(bash_script(tree));
    else if (*shell == "zsh")
      print(zsh_script(tree));
    else
      print(fish_script(tree));
    exit_status = exit_accepted;
  });
}

}  // namespace cipherexplain::cli

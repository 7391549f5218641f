// SPDX-License-Identifier: Apache-2.0
// The zsh and fish scripts.

#include "completion_scripts.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cipherexplain::cli {
namespace {

// Long lists (presets, releases) are written once, as a function the options' specs call,
// rather than once per option that takes them.
struct word_lists {
  std::vector<std::vector<std::string>> lists;
  std::size_t id(const std::vector<std::string>& words) {
    const auto found = std::find(lists.begin(), lists.end(), words);
    if (found != lists.end()) return static_cast<std::size_t>(found - lists.begin());
    lists.push_back(words);
    return lists.size() - 1;
  }
};

// ---- zsh: one function per command, each an _arguments call; a command with subcommands
// hands the words after its subcommand's name to that subcommand's function (->argument), so
// options before a subcommand's name are the parent's, as the program reads them.

std::string zsh_function(const completion_tree& tree, const completion_command& c) {
  std::string name = fmt::format("_{}", tree.program);
  for (const std::string& part : c.path) name += "_" + part;
  for (char& ch : name) {
    if (ch == '-') ch = '_';
  }
  return name;
}

// Inside an _arguments spec, [descriptions] and the :message:action parts give meaning to these.
std::string zsh_spec_escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// A word inside an action's (a b c) list.
std::string zsh_word(std::string_view word) {
  std::string out;
  for (const char c : word) {
    if (c == ' ' || c == '(' || c == ')' || c == '\\' || c == ':' || c == '\'' || c == '"' ||
        c == '$' || c == '*' || c == '?' || c == '[' || c == ']')
      out += '\\';
    out += c;
  }
  return out;
}

std::string zsh_action(const completion_tree& tree, const completion_values& v, word_lists& lists) {
  switch (v.what) {
    case completion_values::kind::words:
      return fmt::format("{}_{}_words_{}", v.comma_list ? "_sequence -s , " : "", tree.program,
                         lists.id(v.words));
    case completion_values::kind::files:
      return "_files";
    case completion_values::kind::directories:
      return "_files -/";
    case completion_values::kind::none:
      break;
  }
  return " ";  // anything: _arguments shows the message and offers nothing
}

std::string zsh_word_functions(const completion_tree& tree, const word_lists& lists) {
  std::string out;
  for (std::size_t i = 0; i < lists.lists.size(); ++i) {
    std::string words;
    for (const std::string& w : lists.lists[i]) words.append(" ").append(zsh_word(w));
    out += fmt::format(
        "_{}_words_{}() {{\n  local -a words=({})\n  local expl\n"
        "  _wanted values expl value compadd \"$@\" -a words\n}}\n\n",
        tree.program, i, words.empty() ? words : words.substr(1));
  }
  return out;
}

std::string zsh_option_specs(const completion_tree& tree, const completion_option& o,
                             word_lists& lists) {
  std::string out;
  const std::string description = zsh_spec_escaped(o.description);
  auto add = [&](const std::string& name, bool is_long) {
    std::string spec = "*" + name;  // every option may be given again
    if (o.takes_value) spec += is_long ? "=" : "+";
    spec += fmt::format("[{}]", description);
    if (o.takes_value)
      spec +=
          fmt::format(":{}:{}", zsh_spec_escaped(o.value_name), zsh_action(tree, o.values, lists));
    out += fmt::format(" \\\n    {}", sh_quoted(spec));
  };
  for (const std::string& n : o.long_names) add(n, true);
  for (const std::string& n : o.short_names) add(n, false);
  return out;
}

std::string zsh_command(const completion_tree& tree, const completion_command& c,
                        word_lists& lists) {
  const auto subs = children(tree, c);
  std::string specs;
  for (const completion_option& o : c.options) specs += zsh_option_specs(tree, o, lists);
  std::string out = fmt::format("{}() {{\n", zsh_function(tree, c));
  if (subs.empty()) {
    if (c.has_positionals)
      specs += fmt::format(
          " \\\n    {}", sh_quoted(fmt::format("*: :{}", zsh_action(tree, c.positionals, lists))));
    return out + fmt::format("  _arguments -s -S{}\n}}\n\n", specs);
  }
  out += "  local curcontext=$curcontext state state_descr line ret=1\n";
  out += "  typeset -A opt_args\n";
  out += fmt::format(
      "  _arguments -C -s -S{} \\\n    ': :->command' \\\n    '*:: :->argument' && ret=0\n", specs);
  out += "  case $state in\n    command)\n      local -a commands\n      commands=(";
  for (const completion_command* s : subs) {
    const std::string entry = fmt::format("{}:{}", zsh_word(s->path.back()), s->description);
    out.append("\n        ").append(sh_quoted(entry));
  }
  out += fmt::format(
      "\n      )\n      _describe -t commands {} commands && ret=0\n      ;;\n"
      "    argument)\n      curcontext=${{curcontext%:*:*}}:{}-$words[1]:\n      case $words[1] in\n",
      sh_quoted(fmt::format("{} command",
                            joined(c.path, " ").empty() ? tree.program : joined(c.path, " "))),
      zsh_function(tree, c).substr(1));
  for (const completion_command* s : subs)
    out += fmt::format("        {}) {} && ret=0 ;;\n", sh_quoted(s->path.back()),
                       zsh_function(tree, *s));
  out += "      esac\n      ;;\n  esac\n  return ret\n}\n\n";
  return out;
}

// ---- fish: `complete` lines conditioned on the command being completed, which one function
// works out from the words before the cursor with the same rules as the bash script.

std::string fish_quoted(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  out += '\'';
  return out;
}

std::string fish_words(const completion_tree& tree, const completion_values& v, word_lists& lists) {
  // A list's words are offered after what precedes the last comma (fish strips "--openssl=").
  return fmt::format("'({}__{}_words_{})'",
                     v.comma_list ? fmt::format("__{}_list ", tree.program) : "", tree.program,
                     lists.id(v.words));
}

std::string fish_values(const completion_tree& tree, const completion_values& v,
                        word_lists& lists) {
  switch (v.what) {
    case completion_values::kind::words:
      return fmt::format(" -x -a {}", fish_words(tree, v, lists));
    case completion_values::kind::files:
      return " -r -F";
    case completion_values::kind::directories:
      return " -x -a '(__fish_complete_directories (commandline -ct))'";
    case completion_values::kind::none:
      break;
  }
  return " -x";
}

}  // namespace

std::string zsh_script(const completion_tree& tree) {
  std::string out = fmt::format(
      "#compdef {0}\n"
      "# SPDX-License-Identifier: Apache-2.0\n"
      "# zsh completion for {0}. Generated by `{0} completions zsh` from the program's own\n"
      "# options; regenerate it rather than edit it.\n\n",
      tree.program);
  word_lists lists;
  std::string commands;
  for (const completion_command& c : tree.commands) commands += zsh_command(tree, c, lists);
  out += zsh_word_functions(tree, lists) + commands;
  const std::string root = zsh_function(tree, tree.commands.front());
  // Autoloaded from $fpath, the file is the function's body: complete now. Sourced, register.
  out += fmt::format(
      "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n  {0} \"$@\"\nelse\n"
      "  compdef {0} {1}\nfi\n",
      root, tree.program);
  return out;
}

std::string fish_script(const completion_tree& tree) {
  const std::string p = tree.program;
  std::string valued, child_keys;
  for (const completion_command& c : tree.commands) {
    const std::string key = joined(c.path, " ");
    for (const completion_option& o : c.options) {
      if (!o.takes_value) continue;
      for (const auto* list : {&o.long_names, &o.short_names})
        for (const std::string& n : *list)
          valued.append(" ").append(fish_quoted(fmt::format("{}|{}", key, n)));
    }
    for (const completion_command* s : children(tree, c))
      child_keys.append(" ").append(fish_quoted(fmt::format("{}|{}", key, s->path.back())));
  }
  std::string out = fmt::format(
      "# SPDX-License-Identifier: Apache-2.0\n"
      "# fish completion for {0}. Generated by `{0} completions fish` from the program's own\n"
      "# options; regenerate it rather than edit it.\n\n"
      "# The subcommand being completed (\"preset show\"; \"\" for {0} itself): descends into\n"
      "# subcommands and steps over option values, so \"--openssl 3.0 lint\" is lint.\n"
      "function __{0}_command\n"
      "    set -l valued{1}\n"
      "    set -l children{2}\n"
      "    set -l cmd ''\n"
      "    set -l skip 0\n"
      "    set -l positionals 0\n"
      "    for t in (commandline -opc)[2..-1]\n"
      "        if test $skip -eq 1\n"
      "            set skip 0\n"
      "            continue\n"
      "        end\n"
      "        switch $t\n"
      "            case --\n"
      "                break\n"
      "            case '--*=*'\n"
      "            case '-?*'\n"
      "                contains -- \"$cmd|$t\" $valued; and set skip 1\n"
      "            case '*'\n"
      "                if test $positionals -eq 0; and contains -- \"$cmd|$t\" $children\n"
      "                    set cmd (string trim -- \"$cmd $t\")\n"
      "                else\n"
      "                    set positionals (math $positionals + 1)\n"
      "                end\n"
      "        end\n"
      "    end\n"
      "    echo $cmd\n"
      "end\n\n"
      "# Runs $argv with the words of the value list being typed before its last comma prefixed.\n"
      "function __{0}_list\n"
      "    set -l head (string replace -r -- '^-[^=]*=' '' (commandline -ct) | string match -r '^.*,')\n"
      "    for w in ($argv)\n"
      "        echo \"$head$w\"\n"
      "    end\n"
      "end\n\n"
      "function __{0}_is\n"
      "    set -l c (__{0}_command)\n"
      "    test \"$c\" = \"$argv[1]\"\n"
      "end\n\n"
      "complete -c {0} -e\n",
      p, valued, child_keys);
  word_lists lists;
  for (const completion_command& c : tree.commands) {
    const std::string when =
        fmt::format("complete -c {} -n {}", p,
                    fish_quoted(fmt::format("__{}_is {}", p, sh_quoted(joined(c.path, " ")))));
    out += fmt::format("\n# {}\n", c.path.empty() ? p : joined(c.path, " "));
    // Files only where the command takes them.
    const bool files = c.has_positionals && c.positionals.what == completion_values::kind::files;
    out += when + (files ? " -F\n" : " -f\n");
    for (const completion_command* s : children(tree, c))
      out += fmt::format("{} -a {} -d {}\n", when, fish_quoted(s->path.back()),
                         fish_quoted(s->description));
    if (c.has_positionals && c.positionals.what == completion_values::kind::words)
      out += fmt::format("{} -a {}\n", when, fish_words(tree, c.positionals, lists));
    for (const completion_option& o : c.options) {
      std::string line = when;
      for (const std::string& n : o.long_names) line.append(" -l ").append(n.substr(2));
      for (const std::string& n : o.short_names) line.append(" -s ").append(n.substr(1));
      if (o.takes_value) line += fish_values(tree, o.values, lists);
      out += fmt::format("{} -d {}\n", line, fish_quoted(o.description));
    }
  }
  out += "\n# The value lists the lines above share.\n";
  for (std::size_t i = 0; i < lists.lists.size(); ++i) {
    std::string words;
    for (const std::string& w : lists.lists[i]) words.append(" ").append(fish_quoted(w));
    out += fmt::format("function __{}_words_{}\n    printf '%s\\n'{}\nend\n", p, i, words);
  }
  return out;
}

}  // namespace cipherexplain::cli

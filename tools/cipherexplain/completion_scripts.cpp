// SPDX-License-Identifier: Apache-2.0
// The bash script, and what the three generators share.

#include "completion_scripts.hpp"

#include <fmt/format.h>

#include <map>
#include <utility>

namespace cipherexplain::cli {

std::vector<const completion_command*> children(const completion_tree& tree,
                                                const completion_command& parent) {
  std::vector<const completion_command*> out;
  for (const completion_command& c : tree.commands) {
    if (c.path.size() != parent.path.size() + 1) continue;
    if (std::equal(parent.path.begin(), parent.path.end(), c.path.begin())) out.push_back(&c);
  }
  return out;
}

std::string joined(const std::vector<std::string>& path, std::string_view separator) {
  std::string out;
  for (const std::string& part : path) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::string sh_quoted(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  out += '\'';
  return out;
}

namespace {

// The bash script asks three questions of the tree at completion time - a command's children,
// its options, and what follows an option or fills a positional - each answered by one `case`
// over "command|option" keys, so a value list is written once however many options share it.

std::string words_text(const std::vector<std::string>& words) {
  return sh_quoted(joined(words, " "));
}

// What the script's `value` helper sets for one set of values: kind= and words=.
std::string value_assignment(const completion_values& v) {
  switch (v.what) {
    case completion_values::kind::words:
      return fmt::format("kind={}; words={}", v.comma_list ? "list" : "words", words_text(v.words));
    case completion_values::kind::files:
      return "kind=files";
    case completion_values::kind::directories:
      return "kind=directories";
    case completion_values::kind::none:
      break;
  }
  return "kind=free";
}

// One `case` arm per distinct answer, its patterns every key that gives it.
std::string case_arms(const std::map<std::string, std::vector<std::string>>& keys_by_answer) {
  std::string out;
  for (const auto& [answer, keys] : keys_by_answer) {
    std::string patterns;
    for (const std::string& key : keys) {
      if (!patterns.empty()) patterns += '|';
      patterns += sh_quoted(key);
    }
    out += fmt::format("    {}) {} ;;\n", patterns, answer);
  }
  return out;
}

constexpr const char* bash_main = R"(
# The command being completed: walks the words before the cursor, descending into subcommands and
# stepping over option values ("--openssl 3.0 lint" is lint), so options written before a
# subcommand's name are read as the parent's. Sets cmd, value_of (the option whose value the
# cursor is on, or empty), positional_only (after "--") and positionals (arguments seen in cmd).
__NAME___walk() {
    local i=1 t child
    cmd='' value_of='' positional_only=0 positionals=0
    while (( i < COMP_CWORD )); do
        t=${COMP_WORDS[i]}
        if (( positional_only )); then
            (( positionals++ ))
        elif [[ $t == -- ]]; then
            positional_only=1
        elif [[ $t == -?* ]]; then
            if [[ $t != *=* ]]; then
                __NAME___value "$cmd" "$t"
                if [[ $kind != none ]]; then
                    # With '=' in COMP_WORDBREAKS, "--openssl=3.0" is three words.
                    if [[ ${COMP_WORDS[i+1]-} == = ]]; then
                        (( i++ ))
                        if (( i == COMP_CWORD )); then value_of=$t; cur=''; return; fi
                    fi
                    if (( i + 1 == COMP_CWORD )); then value_of=$t; return; fi
                    (( i++ ))
                fi
            fi
        else
            child=''
            (( positionals == 0 )) && __NAME___child "$cmd" "$t"
            if [[ -n $child ]]; then
                cmd=$child
            else
                (( positionals++ ))
            fi
        fi
        (( i++ ))
    done
}

# Adds the candidates for kind/words that start with $cur, each prefixed with $1. A list's
# words before the last comma are kept as they are.
__NAME___add() {
    local prefix=$1 candidate
    if [[ $kind == list ]]; then
        [[ $cur == *,* ]] && prefix+=${cur%,*}, && cur=${cur##*,}
        kind=words
    fi
    case $kind in
        words)
            while IFS= read -r candidate; do
                COMPREPLY+=("$prefix$candidate")
            done < <(compgen -W "$words" -- "$cur") ;;
        files|directories)
            if [[ -z $prefix ]] && declare -F _filedir >/dev/null; then
                if [[ $kind == files ]]; then _filedir; else _filedir -d; fi
            else
                local flag=-f
                [[ $kind == directories ]] && flag=-d
                # Read line by line: a file name may hold blanks or glob characters.
                while IFS= read -r candidate; do
                    COMPREPLY+=("$prefix$candidate")
                done < <(compgen "$flag" -- "$cur")
                compopt -o filenames 2>/dev/null
            fi ;;
    esac
}

__NAME__() {
    local cur=${COMP_WORDS[COMP_CWORD]-} cmd value_of positional_only positionals kind words
    local prefix=''
    COMPREPLY=()
    __NAME___walk
    if [[ -z $value_of && $positional_only == 0 && $cur == --*=* ]]; then
        value_of=${cur%%=*}
        prefix="$value_of="
        cur=${cur#*=}
    fi
    if [[ -n $value_of ]]; then
        __NAME___value "$cmd" "$value_of"
        __NAME___add "$prefix"
        return 0
    fi
    if (( ! positional_only )) && [[ $cur == -* ]]; then
        __NAME___options "$cmd"
        kind=words
        __NAME___add ''
        return 0
    fi
    if (( positionals == 0 && ! positional_only )); then
        __NAME___children "$cmd"
        kind=words
        __NAME___add ''
    fi
    __NAME___positional "$cmd"
    __NAME___add ''
    return 0
}

complete -F __NAME__ __PROGRAM__
)";

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
  return text;
}

}  // namespace

std::string bash_script(const completion_tree& tree) {
  const std::string function = fmt::format("_{}", tree.program);
  std::map<std::string, std::vector<std::string>> children_of, options_of, values_of, positional_of,
      child_key;
  for (const completion_command& c : tree.commands) {
    const std::string key = joined(c.path, "/");
    std::vector<std::string> names;
    for (const completion_command* child : children(tree, c)) {
      names.push_back(child->path.back());
      child_key[fmt::format("child={}", sh_quoted(joined(child->path, "/")))].push_back(
          fmt::format("{}|{}", key, child->path.back()));
    }
    if (!names.empty()) children_of[fmt::format("words={}", words_text(names))].push_back(key);
    names.clear();
    for (const completion_option& o : c.options) {
      for (const auto* list : {&o.long_names, &o.short_names}) {
        for (const std::string& name : *list) {
          names.push_back(name);
          values_of[o.takes_value ? value_assignment(o.values) : "kind=none"].push_back(
              fmt::format("{}|{}", key, name));
        }
      }
    }
    if (!names.empty()) options_of[fmt::format("words={}", words_text(names))].push_back(key);
    if (c.has_positionals) positional_of[value_assignment(c.positionals)].push_back(key);
  }

  std::string out = fmt::format(
      "# SPDX-License-Identifier: Apache-2.0\n"
      "# bash completion for {0}. Generated by `{0} completions bash` from the program's own\n"
      "# options; regenerate it rather than edit it.\n\n",
      tree.program);
  out += "# Sets child to the subcommand $2 of command $1 (\"preset/show\"), or leaves it empty.\n";
  out += fmt::format("{}_child() {{\n  case \"$1|$2\" in\n{}  esac\n}}\n\n", function,
                     case_arms(child_key));
  out += "# Sets words to command $1's subcommands.\n";
  out += fmt::format("{}_children() {{\n  words=''\n  case \"$1\" in\n{}  esac\n}}\n\n", function,
                     case_arms(children_of));
  out += "# Sets words to command $1's options.\n";
  out += fmt::format("{}_options() {{\n  words=''\n  case \"$1\" in\n{}  esac\n}}\n\n", function,
                     case_arms(options_of));
  out +=
      "# What follows option $2 of command $1: kind=none (a flag), free (anything), words (one of\n"
      "# $words), list (words joined by commas), files or directories. An unknown option is taken for a flag.\n";
  out += fmt::format("{}_value() {{\n  kind=none words=''\n  case \"$1|$2\" in\n{}  esac\n}}\n\n",
                     function, case_arms(values_of));
  out += "# What command $1's positional arguments are, as for options.\n";
  out += fmt::format("{}_positional() {{\n  kind=none words=''\n  case \"$1\" in\n{}  esac\n}}\n",
                     function, case_arms(positional_of));
  return out + replaced(replaced(bash_main, "__NAME__", function), "__PROGRAM__", tree.program);
}

}  // namespace cipherexplain::cli

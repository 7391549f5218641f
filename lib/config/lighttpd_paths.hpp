// SPDX-License-Identifier: Apache-2.0
#pragma once
// Where lighttpd's `include` looks (config_parse_file() in src/configfile.c, 1.4.69): a
// path starting with '/' is taken as it is; one starting with "./" or "../" is relative to
// the working directory (/, where systemd starts lighttpd); any other is relative to the
// directory of the main configuration file (config_read() keeps it for every include, even
// from an included file). The result goes through glob(3) with GLOB_BRACE: "{a,b}" gives
// one pattern per alternative, in order, each globbed (and sorted) on its own; no match is
// an error only when the path has none of "*?[]{}".

#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::detail::lighttpd {

// The path to glob, before the tree resolves it: "/..." stays, "./x" and "../x" go under
// the working directory /, others under `basedir`.
inline std::string include_path(const std::string& written, const std::string& basedir) {
  const bool absolute = !written.empty() && (written[0] == '/' || written[0] == '\\');
  const bool from_cwd = written.starts_with("./") || written.starts_with(".\\") ||
                        written.starts_with("../") || written.starts_with("..\\");
  if (absolute) return written;
  if (from_cwd) return "/" + written;
  if (basedir.empty()) return written;
  return basedir + (basedir.back() == '/' ? "" : "/") + written;
}

// The patterns of GLOB_BRACE's expansion, depth first as glob(3) appends them; at most
// `limit` (the rest are left out).
inline std::vector<std::string> expand_braces(const std::string& pattern,
                                              std::size_t limit = 1024) {
  std::vector<std::string> out;
  std::vector<std::string> todo{pattern};
  while (!todo.empty() && out.size() < limit) {
    std::string p = std::move(todo.back());
    todo.pop_back();
    // The first '{' with its matching '}' and the top-level commas between.
    std::size_t open = std::string::npos, close = std::string::npos;
    std::vector<std::size_t> commas;
    for (std::size_t i = 0; i < p.size() && close == std::string::npos; ++i) {
      if (p[i] != '{') continue;
      int depth = 0;
      commas.clear();
      for (std::size_t j = i; j < p.size(); ++j) {
        if (p[j] == '{')
          ++depth;
        else if (p[j] == '}' && --depth == 0) {
          close = j;
          break;
        } else if (p[j] == ',' && depth == 1) {
          commas.push_back(j);
        }
      }
      if (close != std::string::npos)
        open = i;
      else
        break;  // an unmatched '{' is an ordinary character
    }
    if (open == std::string::npos) {
      out.push_back(std::move(p));
      continue;
    }
    std::vector<std::string> alternatives;
    std::size_t from = open + 1;
    commas.push_back(close);
    for (std::size_t comma : commas) {
      alternatives.push_back(p.substr(0, open) + p.substr(from, comma - from) +
                             p.substr(close + 1));
      from = comma + 1;
    }
    for (auto it = alternatives.rbegin(); it != alternatives.rend(); ++it)
      todo.push_back(std::move(*it));
  }
  return out;
}

[[nodiscard]] inline bool has_glob_chars(std::string_view p) {
  return p.find_first_of("*?[]{}") != std::string_view::npos;
}

}  // namespace cipherexplain::detail::lighttpd

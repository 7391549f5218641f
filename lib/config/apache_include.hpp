// SPDX-License-Identifier: Apache-2.0
#pragma once
// Which files an Apache httpd Include / IncludeOptional reads (server/config.c
// ap_process_fnmatch_configs, server/util.c ap_dir_fnmatch / ap_dir_nofnmatch, 2.4.62).

#include <cipherexplain/config_file.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::detail::apache {

[[nodiscard]] inline bool has_wildcard(std::string_view s) noexcept {
  return s.find_first_of("*?[") != std::string_view::npos;
}

/// Paths compared as lists of components ('/' below every other byte): a directory's files
/// come where the directory sorts among its siblings, as ap_dir_nofnmatch's recursion has it.
[[nodiscard]] inline bool component_less(const std::string& a, const std::string& b) noexcept {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    const int ux = x == '/' ? 0 : static_cast<unsigned char>(x) + 1;
    const int uy = y == '/' ? 0 : static_cast<unsigned char>(y) + 1;
    return ux < uy;
  });
}

/// The files of a directory and of its subdirectories, up to 8 levels down, in httpd's order
/// (dot-files, which httpd also reads, are left out: the tree's glob skips them).
[[nodiscard]] inline std::vector<std::string> directory_files(const config_tree& tree,
                                                              std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  std::vector<std::string> files;
  for (int level = 0; level < 8; ++level) {
    dir += "/*";
    for (std::string& path : tree.glob(dir)) files.push_back(std::move(path));
  }
  std::sort(files.begin(), files.end(), component_less);
  return files;
}

/// The files an include of `pattern` (resolved) reads, in order; `error` says why Include
/// (not IncludeOptional) fails when a wildcard matches nothing. A plain path is returned as
/// it is, to be opened (or found missing) by the caller.
[[nodiscard]] inline std::vector<std::string> include_paths(const config_tree& tree,
                                                            const std::string& pattern,
                                                            bool optional, std::string& error) {
  if (!has_wildcard(pattern)) {
    if (tree.is_directory(pattern)) return directory_files(tree, pattern);
    return {pattern};
  }
  std::vector<std::string> paths = tree.glob(pattern);
  if (!paths.empty() || optional) return paths;
  // As ap_dir_fnmatch words it, about the first component with a wildcard.
  const std::size_t wild = pattern.find_first_of("*?[");
  const std::size_t slash = pattern.rfind('/', wild);
  const std::string dir = slash == std::string::npos ? "."
                          : slash == 0               ? "/"
                                                     : pattern.substr(0, slash);
  const std::size_t from = slash == std::string::npos ? 0 : slash + 1;
  const std::string part = pattern.substr(from, pattern.find('/', wild) - from);
  if (!tree.is_directory(dir)) {
    error =
        "Include/IncludeOptional: Could not open directory " + dir + ": No such file or directory";
  } else {
    error = "Include/IncludeOptional: No matches for the wildcard '" + part + "' in '" + dir +
            "', failing";
  }
  return {};
}

}  // namespace cipherexplain::detail::apache

// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the `servers` tests share: the programs scripts/fetch-debian-servers.py unpacked, a
// throwaway certificate, configuration trees copied into a fresh directory (with their
// @PLACEHOLDERS@ filled in), the reader run on them, and how to describe its result.

#include <cipherexplain/config_file.hpp>

#include "run_process.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cipherexplain::testing {

/// A program from servers.tsv.
struct server_program {
  std::string name, binary, library_path, version;
};

/// The program `name` ("nginx", "apache2", "postconf" ...), or nullopt with `why_not` saying
/// why it cannot be run (not fetched, a library missing).
[[nodiscard]] std::optional<server_program> find_program(const std::string& name,
                                                         std::string& why_not);

struct run_options {
  std::vector<std::string> environment;  ///< NAME=VALUE added to the program's environment
  bool as_nobody = false;                ///< when the tests run as root (PostgreSQL refuses it)
  int timeout_seconds = 30;
};

/// Runs the program with the unpacked libraries (LD_LIBRARY_PATH), under `timeout`.
[[nodiscard]] process_result run_server(const server_program& p,
                                        const std::vector<std::string>& args,
                                        const run_options& options = {});

/// The certificate and key every tree uses (@CERT@, @KEY@, @COMBINED@ for key + certificate):
/// an EC P-256 self-signed certificate made once per process.
struct certificate_files {
  std::string cert, key, combined;
};
[[nodiscard]] const certificate_files& test_certificate();

/// A fresh directory under /tmp that everyone may read (the servers may run as nobody),
/// removed when the object goes unless CIPHEREXPLAIN_KEEP_SERVER_TREES is set.
class work_dir {
 public:
  explicit work_dir(const std::string& what);
  work_dir(const work_dir&) = delete;
  work_dir& operator=(const work_dir&) = delete;
  ~work_dir();
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

/// Copies the files under `from` to `to` (created), replacing in their text @W@ by `to`,
/// @ROOT@ by the unpacked Debian root, @CERT@ / @KEY@ / @COMBINED@ by the test certificate's
/// files, and then (in one pass, the longest first) each key of `more` by its value. Files get mode
/// 0644, directories 0755.
void copy_tree(const std::string& from, const std::string& to,
               const std::map<std::string, std::string>& more = {});
/// `text` with the placeholders copy_tree fills filled, @W@ being `work`.
[[nodiscard]] std::string fill_placeholders(std::string text, const std::string& work);
/// Writes `text` to `path`, creating its directories (mode as copy_tree).
void write_file(const std::string& path, const std::string& text);
[[nodiscard]] std::string read_file(const std::string& path);

/// The directory of the unpacked .debs ("" when not fetched).
[[nodiscard]] std::string debian_root();
/// tests/servers/trees/<server>
[[nodiscard]] std::string trees_dir(const std::string& server);
/// The names of the trees under tests/servers/trees/<server>, sorted.
[[nodiscard]] std::vector<std::string> tree_names(const std::string& server);

/// A tree's TREE file, one statement a line ('#' comments):
///   expect accepted | expect rejected [FILE:LINE]   what the server does with it (FILE
///                        relative to the tree; a check that the tree tests what it is for)
///   from DIR             copy tests/configs/DIR first (a Debian package's files; several
///                        may be given)
///   rewrite /ABS/PATH/ [TO]  in the copied files, that text becomes TO (default: the same
///                        path under the tree; TO may hold @PLACEHOLDERS@; "..." for blanks)
///   copy FROM... TO      copy a file of the tree (as a2enmod or a symlink would enable it);
///                        several are concatenated (as Debian's postinst makes main.cf)
///   main FILE            the main file (default: the server's usual name)
///   tag WORD             what else the test compares for this tree (e.g. "echo")
/// The tree's own files are copied after `from` (and may replace its files).
struct tree_spec {
  std::string name;
  bool accepted = true;
  std::string file;
  unsigned line = 0;
  std::vector<std::string> from;
  std::vector<std::pair<std::string, std::string>> rewrites;
  std::vector<std::vector<std::string>> copies;  ///< sources..., target
  std::string main;
  std::vector<std::string> tags;
  [[nodiscard]] bool has(const std::string& tag) const;
};
[[nodiscard]] tree_spec read_tree_spec(const std::string& server, const std::string& name);
/// The names of the trees of `server` whose TREE has `tag` ("" for all).
[[nodiscard]] std::vector<std::string> trees_tagged(const std::string& server,
                                                    const std::string& tag = {});
/// The names of the trees of `server` the server accepts (TREE says `expect accepted`).
[[nodiscard]] std::vector<std::string> trees_accepted(const std::string& server);
/// Copies the tree into `to` (see tree_spec) and returns the main file's path.
std::string prepare_tree(const tree_spec& spec, const std::string& server, const std::string& to,
                         const std::string& default_main);

/// A tree copied into a fresh directory and read by the reader; `server` is for the test to
/// fill with what the real server said.
struct tree_run {
  tree_run(const std::string& server_name, const std::string& tree, const std::string& default_main,
           config_format format);
  tree_spec spec;
  work_dir dir;
  std::string main;
  config_read_result reader;
  process_result server;
  /// The reader's result and the server's output, for failure messages.
  [[nodiscard]] std::string both() const;
};

/// A parameterized test's name: the tree's name with every other character than letters and
/// digits made '_'.
[[nodiscard]] std::string tree_test_name(const ::testing::TestParamInfo<std::string>& info);

/// The last line a setting's value is written on (its `line` is where the directive starts;
/// servers that join continued lines name the line where it ends).
[[nodiscard]] unsigned last_line(const tls_setting& s);
/// Whether `line` of `file` is one of the lines the setting is written on.
[[nodiscard]] bool written_at(const tls_setting& s, const std::string& file, unsigned line);

/// read_config on the real file system (no root), with the format given.
[[nodiscard]] config_read_result read_with(config_format format, const std::string& main);

/// The reader's result, one line per file, setting and error, for failure messages.
[[nodiscard]] std::string describe(const config_read_result& r);
[[nodiscard]] std::string describe(const process_result& p);

/// Prints `text` when CIPHEREXPLAIN_SERVERS_VERBOSE is set (what was compared, for people).
void show(const std::string& text);

/// Lines of `text`, without their '\n'.
[[nodiscard]] std::vector<std::string> lines_of(const std::string& text);

}  // namespace cipherexplain::testing

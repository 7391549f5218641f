// SPDX-License-Identifier: Apache-2.0
#pragma once
// What every reader shares: the files it has open (their text and line structure), the
// include stack with its limits, the blocks, and how a setting and its value's spans are
// recorded. A reader walks one file's text and calls these; it never opens a file itself.

#include <cipherexplain/config_file.hpp>
#include <cipherexplain/source_text.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain::detail {

/// One file being read: its path (as it is reported), text, and line structure.
struct loaded_file {
  std::string path;
  std::string text;
  line_index lines;
  std::size_t depth = 0;  // includes between it and the main file

  loaded_file(std::string p, std::string t, std::size_t d)
      : path(std::move(p)), text(std::move(t)), lines(text), depth(d) {}
  /// The 1-based line and column (in code points) of a byte offset of `text`.
  [[nodiscard]] file_position position(std::size_t offset) const noexcept;
  /// The directory part of `path` ("" for a bare name, "/" for a file in /).
  [[nodiscard]] std::string directory() const;

 private:
  // The last position asked for: readers ask in increasing order, so counting columns goes
  // on from there instead of from the line start (a file of one long line stays linear).
  mutable std::size_t memo_start_ = 0, memo_offset_ = 0, memo_column_ = 0;
};

/// A value being assembled from pieces of a file and made-up text, with its spans.
class value_builder {
 public:
  explicit value_builder(const loaded_file& file) : file_(&file) {}
  /// Appends file bytes [offset, offset + length) as written.
  void add_file(std::size_t offset, std::size_t length);
  /// Appends text the server made (an expansion), attributed to file byte `origin`.
  void add_made(std::string_view text, std::size_t origin);
  [[nodiscard]] const std::string& value() const noexcept { return value_; }
  [[nodiscard]] bool empty() const noexcept { return value_.empty(); }
  /// The value and its spans, moved into a setting.
  void move_into(tls_setting& s);

 private:
  const loaded_file* file_;
  std::string value_;
  std::vector<value_span> spans_;
  std::size_t last_end_ = 0;  // file offset where the last verbatim piece ended
};

/// The state of one read_config call.
class reading {
 public:
  reading(const config_tree& tree, const config_read_options& options, config_format format);

  [[nodiscard]] const config_tree& tree() const noexcept { return *tree_; }
  [[nodiscard]] config_format format() const noexcept { return result_.format; }

  /// The main file, already read (not under root).
  [[nodiscard]] std::shared_ptr<const loaded_file> open_main(const std::string& path,
                                                             std::string text);
  /// Opens an included file, already resolved; on failure records an error at `from`'s
  /// `offset` (unless `optional`) and returns null. Refuses cycles, depth and count limits.
  [[nodiscard]] std::shared_ptr<const loaded_file> open_included(const std::string& path,
                                                                 const loaded_file& from,
                                                                 std::size_t offset,
                                                                 bool optional = false);
  /// The files a glob pattern (already resolved) matches, or the pattern itself when it has
  /// no wildcard (the reader decides what a pattern that matches nothing means).
  [[nodiscard]] std::vector<std::string> expand(const std::string& pattern) const;
  /// Call when a file opened with open_* is done (the include stack shrinks).
  void close(const loaded_file& file);

  /// Adds a block; returns its index.
  std::int32_t add_block(std::string name, std::int32_t parent, const loaded_file& file,
                         std::size_t offset);
  void rename_block(std::int32_t index, std::string name);
  /// Adds a setting: its directive starts at `offset` of `file`.
  tls_setting& add_setting(const loaded_file& file, std::size_t offset, std::string directive,
                           setting_kind kind, setting_role role, std::int32_t block,
                           value_builder value);
  /// Ranks a setting above others of its kind, role and block whatever the order (nginx
  /// applies ssl_conf_command after ssl_ciphers); the highest rank, then the last, counts.
  void rank(const tls_setting& s, int rank);
  /// Keeps an earlier setting effective when this one adds to it rather than replacing it
  /// (nginx ORs repeated ssl_protocols in one block).
  void accumulate(const tls_setting& s);
  void add_error(const loaded_file& file, std::size_t offset, std::string message);
  void add_file_error(const std::string& path, std::string message);

  /// Marks the settings each later one of the same kind, role and block replaces, and
  /// returns the result.
  [[nodiscard]] config_read_result finish();
  [[nodiscard]] const config_read_result& result() const noexcept { return result_; }
  /// A setting added before, to complete once the reader knows more (setting i of result()).
  [[nodiscard]] tls_setting& setting(std::size_t i) noexcept { return result_.settings[i]; }

 private:
  [[nodiscard]] std::shared_ptr<const loaded_file> load(const std::string& path, std::size_t depth,
                                                        std::string& error);

  const config_tree* tree_;
  config_read_options options_;
  config_read_result result_;
  std::vector<std::string> stack_;  // the files open now, main first
  std::vector<int> ranks_;          // per setting
  std::vector<bool> accumulates_;   // per setting
};

/// Protocol-version names as most servers write them ("TLSv1", "TLSv1.1", "TLSv1.2",
/// "TLSv1.3", "SSLv3"), case-insensitive; nullopt otherwise.
[[nodiscard]] std::optional<std::uint16_t> protocol_by_name(std::string_view name) noexcept;

// One function per format: reads `main` and what it includes into `r`.
void read_nginx(reading& r, const loaded_file& main);
void read_apache(reading& r, const loaded_file& main);
void read_haproxy(reading& r, const loaded_file& main);
void read_postfix_main(reading& r, const loaded_file& main);
void read_postfix_master(reading& r, const loaded_file& main);
void read_dovecot(reading& r, const loaded_file& main);
void read_stunnel(reading& r, const loaded_file& main);
void read_lighttpd(reading& r, const loaded_file& main);
void read_openvpn(reading& r, const loaded_file& main);
void read_mysql(reading& r, const loaded_file& main);
void read_postgresql(reading& r, const loaded_file& main);
void read_openssl_cnf(reading& r, const loaded_file& main);

}  // namespace cipherexplain::detail

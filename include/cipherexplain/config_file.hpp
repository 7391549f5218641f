// SPDX-License-Identifier: Apache-2.0
#pragma once
/// @file
/// The TLS settings of real configuration files (nginx, Apache, HAProxy, Postfix, Dovecot,
/// stunnel, lighttpd, OpenVPN, MySQL/MariaDB, PostgreSQL, openssl.cnf): each with where it is
/// written, its value as the server itself sees it, the block it applies to and whether it is
/// the one that counts there. Files are read through a config_tree, so the same readers work on
/// a copied /etc (`root`), on files in memory (tests, the web page) and on the real system.

#include <cipherexplain/export.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cipherexplain {

/// The formats the readers know. Postfix has two (main.cf and master.cf).
enum class config_format : std::uint8_t {
  nginx,
  apache,
  haproxy,
  postfix_main,
  postfix_master,
  dovecot,
  stunnel,
  lighttpd,
  openvpn,
  mysql,
  postgresql,
  openssl_cnf,
};

/// Every format, in the order above.
[[nodiscard]] CIPHEREXPLAIN_API std::span<const config_format> config_formats() noexcept;
/// "nginx", "apache", "haproxy", "postfix-main", "postfix-master", "dovecot", "stunnel",
/// "lighttpd", "openvpn", "mysql", "postgresql", "openssl-cnf" (what --format-of takes).
[[nodiscard]] CIPHEREXPLAIN_API std::string_view config_format_name(config_format f) noexcept;
/// The software that reads the format: "nginx", "apache", ..., "postfix" for both of
/// Postfix's, "mysql" for MySQL and MariaDB, "openssl" for openssl.cnf.
[[nodiscard]] CIPHEREXPLAIN_API std::string_view config_software(config_format f) noexcept;
/// A format by its name (config_format_name), also "postfix" (main.cf), "mariadb",
/// "httpd", "apache2", "openssl.cnf", "pg". nullopt when unknown.
[[nodiscard]] CIPHEREXPLAIN_API std::optional<config_format> parse_config_format(
    std::string_view name) noexcept;
/// The format of a file from its name and, where the name does not tell, its first bytes
/// (`content` may be a prefix of the file). nullopt when neither tells.
[[nodiscard]] CIPHEREXPLAIN_API std::optional<config_format> detect_config_format(
    std::string_view path, std::string_view content);

/// Columns count characters: every byte starts one but a UTF-8 continuation byte (10xxxxxx)
/// that follows a non-ASCII byte, so a stray continuation byte (invalid UTF-8) after ASCII is
/// a column of its own and every position has exactly one column.
[[nodiscard]] constexpr bool starts_column(char previous, char byte) noexcept {
  return (static_cast<unsigned char>(byte) & 0xC0u) != 0x80u ||
         static_cast<unsigned char>(previous) < 0x80u;
}

/// What a setting sets.
enum class setting_kind : std::uint8_t {
  cipher_list,     ///< a cipher string (SSL_CTX_set_cipher_list)
  ciphersuites,    ///< TLS 1.3 suites (SSL_CTX_set_ciphersuites)
  protocols,       ///< a set of enabled versions (nginx ssl_protocols, Apache SSLProtocol, ...)
  min_protocol,    ///< a lowest version
  max_protocol,    ///< a highest version
  prefer_server,   ///< the server chooses by its own order (SSL_OP_CIPHER_SERVER_PREFERENCE)
  security_level,  ///< SSL_CTX_set_security_level (where a server lets it be set on its own)
};
/// "cipher_list", "ciphersuites", "protocols", "min_protocol", "max_protocol",
/// "prefer_server", "security_level".
[[nodiscard]] CIPHEREXPLAIN_API std::string_view setting_kind_name(setting_kind k) noexcept;

/// Which connections a setting is for: those the server accepts, or those it makes (nginx's
/// proxy_ssl_*, Apache's SSLProxy*, HAProxy's `server` lines, Postfix's smtp_*).
enum class setting_role : std::uint8_t { server, client };
/// "server" or "client".
[[nodiscard]] CIPHEREXPLAIN_API std::string_view setting_role_name(setting_role r) noexcept;

/// Where a run of a setting's value comes from in its file. The value's bytes
/// [value_offset, value_offset + length) are the file's bytes from line:column on when
/// `verbatim`; otherwise they were made by the server (an expanded variable, text the server
/// appends, a grade resolved to its cipher list) and line:column is the text that made them.
struct CIPHEREXPLAIN_API value_span {
  std::uint32_t value_offset = 0;
  std::uint32_t length = 0;
  std::uint32_t line = 0;    ///< 1-based
  std::uint32_t column = 0;  ///< 1-based, in characters (starts_column)
  bool verbatim = true;
  friend bool operator==(const value_span&, const value_span&) = default;
};

/// A block settings apply to: the whole file (`global`, always block 0), an nginx `server`,
/// an Apache `<VirtualHost>`, a Postfix master.cf service, an ini section... Blocks nest:
/// a setting applies to its block and, unless overridden there, to the blocks inside it.
struct CIPHEREXPLAIN_API config_block {
  std::string name;          ///< "global", "http", "server example.com:443", "[mysqld]" ...
  std::int32_t parent = -1;  ///< index into config_read_result::blocks; -1 for global
  std::string file;          ///< where the block starts (empty for global)
  std::uint32_t line = 0;
  friend bool operator==(const config_block&, const config_block&) = default;
};

/// One TLS setting as written and as the server reads it.
struct CIPHEREXPLAIN_API tls_setting {
  config_format format{};
  std::string file;  ///< as given, or as an include resolved it (relative stays relative)
  std::uint32_t line = 0, column = 0;  ///< the directive's first character, 1-based
  /// The directive as written, with what selects the setting: "ssl_ciphers",
  /// "SSLCipherSuite TLSv1.3", "ssl_conf_command Ciphersuites", "bind ... ciphers".
  std::string directive;
  /// The value as the server hands it on: unquoted, continuations joined, comments removed,
  /// variables expanded where the server expands them, and what the server adds added.
  std::string value;
  setting_kind kind{};
  setting_role role = setting_role::server;
  std::int32_t block = 0;  ///< index into config_read_result::blocks
  /// false when a later setting of the same kind and role in the same block replaces it.
  bool effective = true;
  /// Where each part of `value` comes from, in value order, covering all of it.
  std::vector<value_span> spans;
  /// What the value means for the kinds that are not OpenSSL strings, as this server reads
  /// it: protocols -> the enabled versions (protocol_bit::), min/max_protocol -> a version
  /// (version::tlsv1_2 ...), prefer_server -> 0 or 1, security_level -> the level. nullopt
  /// for strings, and when the server refuses the value (an error says so).
  std::optional<std::uint16_t> meaning;
  /// What the server did to the value as written, when it did something (empty otherwise):
  /// "mod_ssl appends :!aNULL:!eNULL:!EXP", "Postfix grade medium: tls_medium_cipherlist".
  std::string note;
  friend bool operator==(const tls_setting&, const tls_setting&) = default;
};

/// Where a setting's value offset is written: the line and column of the value's byte
/// `offset` (for an offset inside a made-up span, that span's origin). {0, 0} without spans.
struct CIPHEREXPLAIN_API file_position {
  std::uint32_t line = 0, column = 0;
  friend bool operator==(const file_position&, const file_position&) = default;
};
[[nodiscard]] CIPHEREXPLAIN_API file_position position_of(const tls_setting& s,
                                                          std::size_t offset) noexcept;

/// Something the server would refuse or the reader could not read: an unterminated quote, a
/// missing include, an unknown protocol name. The rest of the file is still read.
struct CIPHEREXPLAIN_API config_error {
  std::string file;
  std::uint32_t line = 0, column = 0;  ///< 0 when the error is about a whole file
  std::string message;
  friend bool operator==(const config_error&, const config_error&) = default;
};

/// How the readers reach files. Paths inside a configuration are resolved with resolve(),
/// which puts absolute ones under `root` (a copied /etc tree); the paths given to read_config
/// are used as they are.
class CIPHEREXPLAIN_API config_tree {
 public:
  explicit config_tree(std::string root = {}) : root_(std::move(root)) {}
  config_tree(const config_tree&) = default;
  config_tree& operator=(const config_tree&) = default;
  config_tree(config_tree&&) = default;
  config_tree& operator=(config_tree&&) = default;
  virtual ~config_tree() = default;

  /// The file's bytes; nullopt with `error` set ("No such file or directory") when it cannot
  /// be read or is larger than max_file_size.
  [[nodiscard]] virtual std::optional<std::string> read(const std::string& path,
                                                        std::string& error) const = 0;
  /// The regular files whose paths match `pattern`, sorted byte-wise as glob(3) sorts them.
  /// `*`, `?` and `[...]` match within one path component, in any component.
  [[nodiscard]] virtual std::vector<std::string> glob(const std::string& pattern) const = 0;
  /// Whether `path` names a directory (stunnel's and MySQL's include a directory's files).
  [[nodiscard]] virtual bool is_directory(const std::string& path) const = 0;

  /// A path written in a configuration, as a path to open: an absolute one under root(), a
  /// relative one under `base` (a directory, already resolved); "" base leaves it relative.
  [[nodiscard]] std::string resolve(std::string_view written, std::string_view base) const;
  [[nodiscard]] const std::string& root() const noexcept { return root_; }

  /// Files larger than this are refused (memory stays bounded by the largest file).
  static constexpr std::size_t max_file_size = std::size_t{64} << 20;

 private:
  std::string root_;
};

/// The real file system (what the CLI reads).
class CIPHEREXPLAIN_API filesystem_tree final : public config_tree {
 public:
  using config_tree::config_tree;
  [[nodiscard]] std::optional<std::string> read(const std::string& path,
                                                std::string& error) const override;
  [[nodiscard]] std::vector<std::string> glob(const std::string& pattern) const override;
  [[nodiscard]] bool is_directory(const std::string& path) const override;
};

/// Files held in memory, by path (tests, fuzzing, a page that has no file system).
class CIPHEREXPLAIN_API memory_tree final : public config_tree {
 public:
  explicit memory_tree(std::map<std::string, std::string> files, std::string root = {})
      : config_tree(std::move(root)), files_(std::move(files)) {}
  [[nodiscard]] std::optional<std::string> read(const std::string& path,
                                                std::string& error) const override;
  [[nodiscard]] std::vector<std::string> glob(const std::string& pattern) const override;
  [[nodiscard]] bool is_directory(const std::string& path) const override;

 private:
  std::map<std::string, std::string> files_;
};

/// Whether `name` matches the glob(3) `pattern` (`*`, `?`, `[...]`, `[!...]`, `\` escapes);
/// `*` and `?` do not match a leading '.', as in glob(3).
[[nodiscard]] CIPHEREXPLAIN_API bool glob_match(std::string_view pattern,
                                                std::string_view name) noexcept;

/// Everything read from one configuration (its main file and every file it includes).
struct CIPHEREXPLAIN_API config_read_result {
  config_format format{};
  std::vector<config_block> blocks;   ///< [0] is global
  std::vector<tls_setting> settings;  ///< in the order the server reads them
  std::vector<config_error> errors;
  std::vector<std::string> files;  ///< every file read, in reading order
};

struct CIPHEREXPLAIN_API config_read_options {
  std::optional<config_format> format;  ///< nullopt: detect_config_format
  /// Includes deeper than this are refused (nginx and Apache have no limit of their own but
  /// recursion; this keeps a cycle or a runaway tree bounded).
  std::size_t max_include_depth = 32;
  /// At most this many files per configuration.
  std::size_t max_files = 100000;
};

/// Reads the configuration whose main file is `path` (opened as given, not under root).
/// Never throws for bad input: what cannot be read is in `errors`.
[[nodiscard]] CIPHEREXPLAIN_API config_read_result read_config(
    const config_tree& tree, const std::string& path, const config_read_options& options = {});

}  // namespace cipherexplain

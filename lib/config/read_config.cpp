// SPDX-License-Identifier: Apache-2.0
// read_config: opens the main file, tells its format, and hands it to that format's reader.

#include "config/reader_support.hpp"

namespace cipherexplain {

config_read_result read_config(const config_tree& tree, const std::string& path,
                               const config_read_options& options) {
  std::string error;
  std::optional<std::string> text = tree.read(path, error);
  std::optional<config_format> format = options.format;
  if (text && !format) format = detect_config_format(path, *text);
  detail::reading r(tree, options, format.value_or(config_format::nginx));
  if (!text) {
    r.add_file_error(path, "cannot read " + path + ": " + error);
    return r.finish();
  }
  if (!format) {
    r.add_file_error(path, "cannot tell which server reads " + path +
                               " from its name or contents; name it with --format-of");
    return r.finish();
  }
  auto main = r.open_main(path, std::move(*text));
  using F = config_format;
  switch (*format) {
    case F::nginx:
      detail::read_nginx(r, *main);
      break;
    case F::apache:
      detail::read_apache(r, *main);
      break;
    case F::haproxy:
      detail::read_haproxy(r, *main);
      break;
    case F::postfix_main:
      detail::read_postfix_main(r, *main);
      break;
    case F::postfix_master:
      detail::read_postfix_master(r, *main);
      break;
    case F::dovecot:
      detail::read_dovecot(r, *main);
      break;
    case F::stunnel:
      detail::read_stunnel(r, *main);
      break;
    case F::lighttpd:
      detail::read_lighttpd(r, *main);
      break;
    case F::openvpn:
      detail::read_openvpn(r, *main);
      break;
    case F::mysql:
      detail::read_mysql(r, *main);
      break;
    case F::postgresql:
      detail::read_postgresql(r, *main);
      break;
    case F::openssl_cnf:
      detail::read_openssl_cnf(r, *main);
      break;
  }
  r.close(*main);
  return r.finish();
}

}  // namespace cipherexplain

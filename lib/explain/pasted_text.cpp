// SPDX-License-Identifier: Apache-2.0
#include "explain/pasted_text.hpp"

#include "text/ascii.hpp"

#include <fmt/format.h>

#include <array>

namespace cipherexplain::detail {
namespace {

struct directive {
  std::string_view name;
  std::string_view what;  // "an nginx directive"
};

// Directives whose value is an OpenSSL cipher string, as their documentation names them.
constexpr std::array directives{
    // nginx: ngx_http_ssl_module, ngx_stream_ssl_module, ngx_mail_ssl_module; the proxy modules.
    directive{"ssl_ciphers", "an nginx directive"},
    directive{"proxy_ssl_ciphers", "an nginx directive"},
    directive{"grpc_ssl_ciphers", "an nginx directive"},
    directive{"uwsgi_ssl_ciphers", "an nginx directive"},
    // Apache httpd: mod_ssl.
    directive{"SSLCipherSuite", "an Apache directive"},
    directive{"SSLProxyCipherSuite", "an Apache directive"},
    // HAProxy: global section and bind/server keywords.
    directive{"ssl-default-bind-ciphers", "a HAProxy setting"},
    directive{"ssl-default-server-ciphers", "a HAProxy setting"},
    // Postfix: postconf(5).
    directive{"tls_high_cipherlist", "a Postfix parameter"},
    directive{"tls_medium_cipherlist", "a Postfix parameter"},
    directive{"tls_low_cipherlist", "a Postfix parameter"},
    // Dovecot: ssl_cipher_list (2.3).
    directive{"ssl_cipher_list", "a Dovecot setting"},
    // lighttpd: mod_openssl.
    directive{"ssl.cipher-list", "a lighttpd setting"},
    // Exim: tls_require_ciphers.
    directive{"tls_require_ciphers", "an Exim option"},
    // OpenSSL's own configuration (SSL_CONF_cmd): CipherString.
    directive{"CipherString", "an OpenSSL configuration command"},
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The directive's value as the server reads it: after blanks or '=', without a final ';' or
// the quotes around it.
std::string_view value_after(std::string_view source, std::size_t from) {
  std::string_view v = source.substr(from);
  while (!v.empty() && (is_blank(v.front()) || v.front() == '=')) v.remove_prefix(1);
  while (!v.empty() && (is_blank(v.back()) || v.back() == ';')) v.remove_suffix(1);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
    v = v.substr(1, v.size() - 2);
  }
  return v;
}

}  // namespace

std::optional<std::string> pasted_directive_hint(std::string_view source, std::string_view token) {
  if (!source.starts_with(token)) return std::nullopt;
  for (const directive& d : directives) {
    if (!equal_ignoring_case(d.name, token)) continue;
    const std::string_view value = value_after(source, token.size());
    if (value.empty()) {
      return fmt::format("'{}' is the name of {}, not part of the cipher string", token, d.what);
    }
    return fmt::format(
        "'{}' is the name of {}, not part of the cipher string: give only its value, '{}'", token,
        d.what, value);
  }
  return std::nullopt;
}

}  // namespace cipherexplain::detail

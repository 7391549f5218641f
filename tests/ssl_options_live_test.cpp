// SPDX-License-Identifier: Apache-2.0
// The SSL_OP_* table of the linked release (3.0) against its own headers and a fresh context:
// every macro's value, and SSL_CTX_get_options after the calls Python makes.

#include <cipherexplain.hpp>

#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <map>
#include <string>

namespace {

using namespace cipherexplain;

// Every SSL_OP_* macro of the linked headers, by the name the table uses.
const std::map<std::string, std::uint64_t>& header_values() {
  static const std::map<std::string, std::uint64_t> values{
      {"NO_EXTENDED_MASTER_SECRET", static_cast<std::uint64_t>(SSL_OP_NO_EXTENDED_MASTER_SECRET)},
      {"CLEANSE_PLAINTEXT", static_cast<std::uint64_t>(SSL_OP_CLEANSE_PLAINTEXT)},
      {"LEGACY_SERVER_CONNECT", static_cast<std::uint64_t>(SSL_OP_LEGACY_SERVER_CONNECT)},
      {"ENABLE_KTLS", static_cast<std::uint64_t>(SSL_OP_ENABLE_KTLS)},
      {"TLSEXT_PADDING", static_cast<std::uint64_t>(SSL_OP_TLSEXT_PADDING)},
      {"SAFARI_ECDHE_ECDSA_BUG", static_cast<std::uint64_t>(SSL_OP_SAFARI_ECDHE_ECDSA_BUG)},
      {"IGNORE_UNEXPECTED_EOF", static_cast<std::uint64_t>(SSL_OP_IGNORE_UNEXPECTED_EOF)},
      {"ALLOW_CLIENT_RENEGOTIATION", static_cast<std::uint64_t>(SSL_OP_ALLOW_CLIENT_RENEGOTIATION)},
      {"DISABLE_TLSEXT_CA_NAMES", static_cast<std::uint64_t>(SSL_OP_DISABLE_TLSEXT_CA_NAMES)},
      {"ALLOW_NO_DHE_KEX", static_cast<std::uint64_t>(SSL_OP_ALLOW_NO_DHE_KEX)},
      {"DONT_INSERT_EMPTY_FRAGMENTS",
       static_cast<std::uint64_t>(SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS)},
      {"NO_QUERY_MTU", static_cast<std::uint64_t>(SSL_OP_NO_QUERY_MTU)},
      {"COOKIE_EXCHANGE", static_cast<std::uint64_t>(SSL_OP_COOKIE_EXCHANGE)},
      {"NO_TICKET", static_cast<std::uint64_t>(SSL_OP_NO_TICKET)},
      {"CISCO_ANYCONNECT", static_cast<std::uint64_t>(SSL_OP_CISCO_ANYCONNECT)},
      {"NO_SESSION_RESUMPTION_ON_RENEGOTIATION",
       static_cast<std::uint64_t>(SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION)},
      {"NO_COMPRESSION", static_cast<std::uint64_t>(SSL_OP_NO_COMPRESSION)},
      {"ALLOW_UNSAFE_LEGACY_RENEGOTIATION",
       static_cast<std::uint64_t>(SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION)},
      {"NO_ENCRYPT_THEN_MAC", static_cast<std::uint64_t>(SSL_OP_NO_ENCRYPT_THEN_MAC)},
      {"ENABLE_MIDDLEBOX_COMPAT", static_cast<std::uint64_t>(SSL_OP_ENABLE_MIDDLEBOX_COMPAT)},
      {"PRIORITIZE_CHACHA", static_cast<std::uint64_t>(SSL_OP_PRIORITIZE_CHACHA)},
      {"CIPHER_SERVER_PREFERENCE", static_cast<std::uint64_t>(SSL_OP_CIPHER_SERVER_PREFERENCE)},
      {"TLS_ROLLBACK_BUG", static_cast<std::uint64_t>(SSL_OP_TLS_ROLLBACK_BUG)},
      {"NO_ANTI_REPLAY", static_cast<std::uint64_t>(SSL_OP_NO_ANTI_REPLAY)},
      {"NO_SSLv3", static_cast<std::uint64_t>(SSL_OP_NO_SSLv3)},
      {"NO_TLSv1", static_cast<std::uint64_t>(SSL_OP_NO_TLSv1)},
      {"NO_TLSv1_2", static_cast<std::uint64_t>(SSL_OP_NO_TLSv1_2)},
      {"NO_TLSv1_1", static_cast<std::uint64_t>(SSL_OP_NO_TLSv1_1)},
      {"NO_TLSv1_3", static_cast<std::uint64_t>(SSL_OP_NO_TLSv1_3)},
      {"NO_DTLSv1", static_cast<std::uint64_t>(SSL_OP_NO_DTLSv1)},
      {"NO_DTLSv1_2", static_cast<std::uint64_t>(SSL_OP_NO_DTLSv1_2)},
      {"NO_RENEGOTIATION", static_cast<std::uint64_t>(SSL_OP_NO_RENEGOTIATION)},
      {"CRYPTOPRO_TLSEXT_BUG", static_cast<std::uint64_t>(SSL_OP_CRYPTOPRO_TLSEXT_BUG)},
      {"NO_SSL_MASK", static_cast<std::uint64_t>(SSL_OP_NO_SSL_MASK)},
      {"NO_DTLS_MASK", static_cast<std::uint64_t>(SSL_OP_NO_DTLS_MASK)},
      {"ALL", static_cast<std::uint64_t>(SSL_OP_ALL)},
      {"MICROSOFT_SESS_ID_BUG", static_cast<std::uint64_t>(SSL_OP_MICROSOFT_SESS_ID_BUG)},
      {"NETSCAPE_CHALLENGE_BUG", static_cast<std::uint64_t>(SSL_OP_NETSCAPE_CHALLENGE_BUG)},
      {"NETSCAPE_REUSE_CIPHER_CHANGE_BUG",
       static_cast<std::uint64_t>(SSL_OP_NETSCAPE_REUSE_CIPHER_CHANGE_BUG)},
      {"SSLREF2_REUSE_CERT_TYPE_BUG",
       static_cast<std::uint64_t>(SSL_OP_SSLREF2_REUSE_CERT_TYPE_BUG)},
      {"MICROSOFT_BIG_SSLV3_BUFFER", static_cast<std::uint64_t>(SSL_OP_MICROSOFT_BIG_SSLV3_BUFFER)},
      {"MSIE_SSLV2_RSA_PADDING", static_cast<std::uint64_t>(SSL_OP_MSIE_SSLV2_RSA_PADDING)},
      {"SSLEAY_080_CLIENT_DH_BUG", static_cast<std::uint64_t>(SSL_OP_SSLEAY_080_CLIENT_DH_BUG)},
      {"TLS_D5_BUG", static_cast<std::uint64_t>(SSL_OP_TLS_D5_BUG)},
      {"TLS_BLOCK_PADDING_BUG", static_cast<std::uint64_t>(SSL_OP_TLS_BLOCK_PADDING_BUG)},
      {"SINGLE_ECDH_USE", static_cast<std::uint64_t>(SSL_OP_SINGLE_ECDH_USE)},
      {"SINGLE_DH_USE", static_cast<std::uint64_t>(SSL_OP_SINGLE_DH_USE)},
      {"EPHEMERAL_RSA", static_cast<std::uint64_t>(SSL_OP_EPHEMERAL_RSA)},
      {"NO_SSLv2", static_cast<std::uint64_t>(SSL_OP_NO_SSLv2)},
      {"PKCS1_CHECK_1", static_cast<std::uint64_t>(SSL_OP_PKCS1_CHECK_1)},
      {"PKCS1_CHECK_2", static_cast<std::uint64_t>(SSL_OP_PKCS1_CHECK_2)},
      {"NETSCAPE_CA_DN_BUG", static_cast<std::uint64_t>(SSL_OP_NETSCAPE_CA_DN_BUG)},
      {"NETSCAPE_DEMO_CIPHER_CHANGE_BUG",
       static_cast<std::uint64_t>(SSL_OP_NETSCAPE_DEMO_CIPHER_CHANGE_BUG)},
  };
  return values;
}

const catalog& linked() {
  const catalog* c = catalog::find("3.0.19");
  return *c;
}

TEST(ssl_options_live, every_row_of_the_linked_release_matches_its_header) {
  ASSERT_EQ(OPENSSL_VERSION_NUMBER >> 20, 0x300u) << "these tests compare with 3.0's table";
  std::size_t rows = 0;
  for (const ssl_option& o : ssl_options(linked())) {
    ++rows;
    const auto it = header_values().find(std::string(o.name));
    ASSERT_NE(it, header_values().end()) << o.name;
    EXPECT_EQ(o.value, it->second) << o.name;
  }
  EXPECT_EQ(rows, header_values().size());
}

TEST(ssl_options_live, a_fresh_context_and_pythons_calls_give_the_computed_integer) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_method());
  ASSERT_NE(ctx, nullptr);
  EXPECT_EQ(SSL_CTX_get_options(ctx), new_context_options(linked()));
  // What CPython 3.11's _ssl.c sets on every context, then a clear as ssl.py's options setter
  // makes.
  SSL_CTX_set_options(ctx, (SSL_OP_ALL & ~SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS) | SSL_OP_NO_SSLv2 |
                               SSL_OP_NO_SSLv3 | SSL_OP_NO_COMPRESSION |
                               SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_SINGLE_DH_USE |
                               SSL_OP_SINGLE_ECDH_USE);
  SSL_CTX_clear_options(ctx, SSL_OP_NO_TICKET);
  std::string error;
  const auto terms = parse_option_terms(
      "ALL~DONT_INSERT_EMPTY_FRAGMENTS|NO_SSLv2|NO_SSLv3|NO_COMPRESSION|CIPHER_SERVER_PREFERENCE|"
      "SINGLE_DH_USE|SINGLE_ECDH_USE|-NO_TICKET",
      error);
  ASSERT_TRUE(terms) << error;
  EXPECT_EQ(SSL_CTX_get_options(ctx), apply_options(linked(), *terms).value);
  SSL_CTX_free(ctx);
}

}  // namespace

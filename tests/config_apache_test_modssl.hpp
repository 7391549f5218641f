// SPDX-License-Identifier: Apache-2.0
#pragma once
// The Apache reader's cases about mod_ssl's own semantics: SSLCipherSuite's argument forms,
// SSLProtocol's sets, SSLOpenSSLConfCmd, virtual hosts and per-directory contexts. Included
// by config_apache_test.cpp (one source per test target), after its helpers.

namespace cipherexplain {
namespace {

TEST(ApacheReader, VirtualHostsAndWhichSettingCounts) {
  const auto r = read_memory({{"etc/apache2/apache2.conf",
                               "SSLCipherSuite A\n"
                               "SSLOpenSSLConfCmd CipherString B\n"
                               "SSLCipherSuite C\n"
                               "SSLHonorCipherOrder off\n"
                               "<VirtualHost *:443 [::]:443>\n"
                               "  SSLCipherSuite D\n"
                               "  SSLCipherSuite TLSv1.3 TLS_AES_128_GCM_SHA256\n"
                               "  SSLHonorCipherOrder On\n"
                               "</virtualhost>\n"}});
  ASSERT_TRUE(r.errors.empty()) << all_errors(r);
  ASSERT_EQ(r.settings.size(), 7u);
  // SSLOpenSSLConfCmd is applied after SSLCipherSuite whatever the order.
  EXPECT_FALSE(r.settings[0].effective);
  EXPECT_TRUE(r.settings[1].effective);
  EXPECT_EQ(r.settings[1].directive, "SSLOpenSSLConfCmd CipherString");
  EXPECT_EQ(r.settings[1].value, "B:!aNULL:!eNULL:!EXP");
  EXPECT_FALSE(r.settings[2].effective);
  EXPECT_EQ(r.settings[3].meaning, 0);
  const tls_setting& d = r.settings[4];
  EXPECT_EQ(block_name(r, d), "<VirtualHost *:443 [::]:443>");
  // The vhost's command list is the global one followed by its own: B wins there too.
  EXPECT_FALSE(d.effective);
  EXPECT_NE(d.note.find("global SSLOpenSSLConfCmd at etc/apache2/apache2.conf:2"),
            std::string::npos);
  EXPECT_EQ(r.settings[5].kind, setting_kind::ciphersuites);
  EXPECT_TRUE(r.settings[5].effective);
  EXPECT_EQ(r.settings[6].meaning, 1);
  EXPECT_TRUE(r.settings[6].effective);
  EXPECT_EQ(r.blocks[static_cast<std::size_t>(d.block)].line, 5u);
}

TEST(ApacheReader, DirectoryAndProxyContexts) {
  const auto r = read_memory({{"etc/apache2/apache2.conf",
                               "<VirtualHost *:443>\n"
                               " <Location /admin>\n"
                               "  SSLCipherSuite MEDIUM\n"
                               "  SSLCipherSuite TLSv1.3 TLS_AES_128_GCM_SHA256\n"
                               "  SSLProtocol TLSv1.3\n"
                               "  SSLProxyCipherSuite HIGH\n"
                               " </Location>\n"
                               " <Proxy \"balancer://b\">\n"
                               "  SSLProxyProtocol TLSv1.2\n"
                               "  SSLHonorCipherOrder on\n"
                               " </Proxy>\n"
                               "</VirtualHost>\n"}});
  ASSERT_EQ(r.errors.size(), 4u) << all_errors(r);
  EXPECT_EQ(r.errors[0].message, "TLSv1.3 ciphers cannot be set inside a directory context");
  EXPECT_EQ(r.errors[1].message, "SSLProtocol not allowed in <Location> context");
  EXPECT_EQ(r.errors[1].line, 5u);
  EXPECT_EQ(r.errors[2].message, "SSLProxyCipherSuite not allowed in <Location> context");
  EXPECT_EQ(r.errors[3].message, "SSLHonorCipherOrder not allowed in <Proxy> context");
  ASSERT_EQ(r.settings.size(), 2u);
  const tls_setting& a = r.settings[0];
  EXPECT_EQ(block_name(r, a), "<Location /admin>");
  EXPECT_EQ(
      r.blocks[static_cast<std::size_t>(r.blocks[static_cast<std::size_t>(a.block)].parent)].name,
      "<VirtualHost *:443>");
  EXPECT_EQ(a.role, setting_role::server);
  EXPECT_NE(a.note.find("renegotiates"), std::string::npos);
  const tls_setting& b = r.settings[1];
  EXPECT_EQ(block_name(r, b), "<Proxy \"balancer://b\">");
  EXPECT_EQ(b.role, setting_role::client);
  EXPECT_EQ(b.meaning, protocol_bit::tlsv1_2);
}

TEST(ApacheReader, ProtocolSetsAsModSslComputesThem) {
  const auto r = read_memory({{"etc/apache2/apache2.conf",
                               "SSLProtocol TLSv1 +TLSv1.2\n"
                               "SSLProtocol all -TLSv1.1\n"
                               "SSLProtocol all -SSLv3 TLSv1.2\n"
                               "SSLProtocol +SSLv3\n"
                               "SSLProtocol -all\n"
                               "SSLProtocol -SSLv2 tlsv1.3\n"
                               "SSLProxyProtocol TLSv1.4\n"
                               "SSLProtocol SSLv2\n"}});
  ASSERT_EQ(r.errors.size(), 5u) << all_errors(r);
  EXPECT_NE(r.errors[0].message.find("Protocol 'TLSv1.2' overrides already set parameter(s)"),
            std::string::npos);
  EXPECT_EQ(r.errors[0].column, 24u);
  EXPECT_EQ(r.errors[1].message, "SSLv3 not supported by this version of OpenSSL");
  EXPECT_EQ(r.errors[2].message,
            "No SSL protocols available [hint: SSLProtocol] (AH02231, at startup)");
  EXPECT_EQ(r.errors[3].message, "SSLProxyProtocol: Illegal protocol 'TLSv1.4'");
  EXPECT_EQ(r.errors[4].message, "SSLProtocol: SSLv2 is no longer supported");
  ASSERT_EQ(r.settings.size(), 8u);
  // min/max, no holes: only the run down from the highest version is enabled.
  EXPECT_EQ(r.settings[0].meaning, protocol_bit::tlsv1_2);
  EXPECT_NE(r.settings[0].note.find("TLSv1 stay off"), std::string::npos);
  EXPECT_EQ(r.settings[1].meaning, protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
  EXPECT_EQ(r.settings[2].meaning, protocol_bit::tlsv1_2);
  EXPECT_EQ(r.settings[3].meaning, std::nullopt);
  EXPECT_EQ(r.settings[4].meaning, std::nullopt);
  EXPECT_EQ(r.settings[5].meaning, protocol_bit::tlsv1_3);
  EXPECT_EQ(r.settings[6].meaning, std::nullopt);
  // Each SSLProtocol replaces the one before: only the last in the block counts.
  EXPECT_FALSE(r.settings[5].effective);
  EXPECT_TRUE(r.settings[7].effective);
  EXPECT_TRUE(r.settings[6].effective);  // the proxy one is another role
}

TEST(ApacheReader, OpenSslConfCmd) {
  const auto r =
      read_memory({{"etc/apache2/apache2.conf",
                    "SSLOpenSSLConfCmd MinProtocol TLSv1.2\n"
                    "SSLOpenSSLConfCmd maxprotocol tlsv1.3\n"
                    "SSLProtocol all\n"
                    "SSLOpenSSLConfCmd Protocol \"-ALL, TLSv1.2,TLSv1.3\"\n"
                    "SSLOpenSSLConfCmd Options -SessionTicket,ServerPreference\n"
                    "SSLHonorCipherOrder off\n"
                    "SSLOpenSSLConfCmd Ciphersuites TLS_AES_256_GCM_SHA384\n"
                    "SSLCipherSuite TLSv1.3 TLS_CHACHA20_POLY1305_SHA256\n"
                    "SSLOpenSSLConfCmd Curves X25519\n"
                    "SSLOpenSSLConfCmd NoSuchCommand x\n"
                    "SSLOpenSSLConfCmd Options Bogus\n"
                    "SSLOpenSSLConfCmd CipherString\n"
                    "<Directory /x>\nSSLOpenSSLConfCmd CipherString y\n</Directory>\n"}});
  ASSERT_EQ(r.errors.size(), 5u) << all_errors(r);
  EXPECT_NE(r.errors[0].message.find("\"SSLOpenSSLConfCmd maxprotocol tlsv1.3\" fails"),
            std::string::npos);
  EXPECT_EQ(r.errors[1].message, "'NoSuchCommand': invalid OpenSSL configuration command");
  EXPECT_NE(r.errors[2].message.find("an option OpenSSL does not know"), std::string::npos);
  EXPECT_EQ(r.errors[3].message,
            "SSLOpenSSLConfCmd takes two arguments, OpenSSL configuration command");
  EXPECT_EQ(r.errors[4].message, "SSLOpenSSLConfCmd not allowed in <Directory> context");
  ASSERT_EQ(r.settings.size(), 8u);
  EXPECT_EQ(r.settings[0].kind, setting_kind::min_protocol);
  EXPECT_EQ(r.settings[0].meaning, version::tlsv1_2);
  EXPECT_EQ(r.settings[1].kind, setting_kind::max_protocol);
  EXPECT_EQ(r.settings[1].meaning, std::nullopt);
  const tls_setting& p = r.settings[3];
  EXPECT_EQ(p.kind, setting_kind::protocols);
  EXPECT_EQ(p.meaning, protocol_bit::tlsv1_2 | protocol_bit::tlsv1_3);
  // Protocol adds SSL_OP_NO_* flags to SSLProtocol's range: both stay in force.
  EXPECT_TRUE(p.effective);
  EXPECT_TRUE(r.settings[2].effective);
  EXPECT_EQ(r.settings[2].meaning, tls1_to_1_3);
  EXPECT_EQ(r.settings[4].kind, setting_kind::prefer_server);
  EXPECT_EQ(r.settings[4].meaning, 1);
  EXPECT_TRUE(r.settings[4].effective);
  EXPECT_FALSE(r.settings[5].effective);
  EXPECT_TRUE(r.settings[6].effective);
  EXPECT_EQ(r.settings[6].kind, setting_kind::ciphersuites);
  EXPECT_FALSE(r.settings[7].effective);
}

TEST(ApacheReader, ConfCmdProtocolTurnsOffWithinSslProtocolsRange) {
  const auto r = read_memory({{"etc/apache2/apache2.conf",
                               "SSLOpenSSLConfCmd Protocol -TLSv1.3\n"  // before SSLProtocol
                               "SSLProtocol -all +TLSv1.2 +TLSv1.3\n"
                               "<VirtualHost *:443>\n"
                               "SSLOpenSSLConfCmd Protocol -TLSv1.2\n"  // inherits the range
                               "</VirtualHost>\n"}});
  ASSERT_EQ(r.errors.size(), 0u) << all_errors(r);
  ASSERT_EQ(r.settings.size(), 3u);
  EXPECT_EQ(r.settings[0].meaning, protocol_bit::tlsv1_2);
  EXPECT_NE(r.settings[0].note.find("with SSLProtocol's range that leaves TLSv1.2"),
            std::string::npos)
      << r.settings[0].note;
  EXPECT_EQ(r.settings[2].meaning, protocol_bit::tlsv1_3);
}

TEST(ApacheReader, CipherSuiteArgumentForms) {
  const auto r = read_memory({{"etc/apache2/apache2.conf",
                               "SSLCipherSuite SSL HIGH\n"
                               "SSLCipherSuite ssl HIGH\n"
                               "SSLCipherSuite TLSv1.3 A B\n"
                               "SSLCipherSuite \"\" HIGH\n"
                               "SSLCipherSuite TLSv1.3 \"\"\n"}});
  ASSERT_EQ(r.errors.size(), 3u) << all_errors(r);
  EXPECT_EQ(r.errors[0].message, "protocol 'ssl' not supported");
  EXPECT_NE(r.errors[1].message.find("takes 1-2 arguments"), std::string::npos);
  EXPECT_NE(r.errors[2].message.find("takes 1-2 arguments"), std::string::npos);  // "" is none
  ASSERT_EQ(r.settings.size(), 2u);
  EXPECT_EQ(r.settings[0].directive, "SSLCipherSuite SSL");
  EXPECT_EQ(r.settings[0].value, "HIGH:!aNULL:!eNULL:!EXP");
  // An empty second word is no word: the list is "TLSv1.3", an SSL one.
  EXPECT_EQ(r.settings[1].directive, "SSLCipherSuite");
  EXPECT_EQ(r.settings[1].value, "TLSv1.3:!aNULL:!eNULL:!EXP");

  const auto b =
      read_memory({{"bom.conf", "\xef\xbb\xbfSSLCipherSuite X\nSSLCipherSuite Y\n"}}, "bom.conf");
  ASSERT_EQ(b.errors.size(), 1u);
  EXPECT_NE(b.errors[0].message.find("byte order mark"), std::string::npos);
  ASSERT_EQ(b.settings.size(), 1u);
  EXPECT_EQ(b.settings[0].line, 2u);
}

}  // namespace
}  // namespace cipherexplain

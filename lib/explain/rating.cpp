// SPDX-License-Identifier: Apache-2.0
// The rating rules of docs/ratings.md.

#include <cipherexplain/rating.hpp>

#include <algorithm>

namespace cipherexplain {

std::string_view weakness_name(weakness w) noexcept {
  switch (w) {
    case weakness::no_encryption:
      return "no-encryption";
    case weakness::no_authentication:
      return "no-authentication";
    case weakness::export_grade:
      return "export-grade";
    case weakness::rc4:
      return "rc4";
    case weakness::single_des:
      return "single-des";
    case weakness::rc2:
      return "rc2";
    case weakness::md5_mac:
      return "md5-mac";
    case weakness::block_64_bit:
      return "64-bit-block";
    case weakness::no_forward_secrecy:
      return "no-forward-secrecy";
    case weakness::cbc_mode:
      return "cbc-mode";
    case weakness::sha1_mac:
      return "sha1-mac";
    case weakness::short_tag:
      return "short-tag";
    case weakness::dsa_authentication:
      return "dsa-authentication";
    case weakness::small_key:
      return "small-key";
    case weakness::pre_shared_key:
      return "pre-shared-key";
    case weakness::uncommon_cipher:
      return "uncommon-cipher";
  }
  return "";
}

std::string_view rating_name(rating r) noexcept {
  switch (r) {
    case rating::insecure:
      return "insecure";
    case rating::weak:
      return "weak";
    case rating::secure:
      return "secure";
    case rating::recommended:
      return "recommended";
  }
  return "";
}

suite_rating rate(const cipher& s) {
  suite_rating out;
  auto add = [&out](weakness w, rating at_most) {
    out.reasons.push_back(w);
    out.level = std::min(out.level, at_most);
  };
  if (s.table == cipher_table::tls13) {
    // TLS 1.3 suites are all AEAD with ephemeral key exchange; CCM8 has a short tag.
    if (s.enc == enc::aes128ccm8)
      add(weakness::short_tag, rating::weak);
    else if (s.enc == enc::aes128ccm || s.enc == enc::sm4gcm || s.enc == enc::sm4ccm)
      add(weakness::uncommon_cipher, rating::secure);
    else if (s.enc == 0)
      add(weakness::no_encryption, rating::insecure);  // integrity-only suites
    return out;
  }
  if (s.enc == enc::null) add(weakness::no_encryption, rating::insecure);
  if ((s.au & au::null) != 0) add(weakness::no_authentication, rating::insecure);
  if ((s.strength & (strength::export_grade | strength::exp40 | strength::exp56)) != 0) {
    add(weakness::export_grade, rating::insecure);
  }
  if (s.enc == enc::rc4) add(weakness::rc4, rating::insecure);
  if (s.enc == enc::des) add(weakness::single_des, rating::insecure);
  if (s.enc == enc::rc2) add(weakness::rc2, rating::insecure);
  if (s.mac == mac::md5) add(weakness::md5_mac, rating::insecure);

  if (s.enc == enc::des3 || s.enc == enc::idea) add(weakness::block_64_bit, rating::weak);
  const std::uint32_t ephemeral =
      kx::dhe | kx::ecdhe | kx::dhepsk | kx::ecdhepsk | kx::srp | kx::gost18;
  if ((s.kx & ephemeral) == 0) add(weakness::no_forward_secrecy, rating::weak);
  const std::uint32_t cbc = enc::des | enc::des3 | enc::rc2 | enc::idea | enc::aes128 |
                            enc::aes256 | enc::camellia128 | enc::camellia256 | enc::seed;
  if ((s.enc & cbc) != 0) add(weakness::cbc_mode, rating::weak);
  if (s.mac == mac::sha1) add(weakness::sha1_mac, rating::weak);
  if (s.enc == enc::aes128ccm8 || s.enc == enc::aes256ccm8) add(weakness::short_tag, rating::weak);
  if ((s.au & au::dss) != 0) add(weakness::dsa_authentication, rating::weak);
  if (s.strength_bits != 0 && s.strength_bits < 128) add(weakness::small_key, rating::weak);

  const std::uint32_t psk = kx::psk | kx::rsapsk | kx::dhepsk | kx::ecdhepsk | kx::srp;
  if ((s.kx & psk) != 0) add(weakness::pre_shared_key, rating::secure);
  const std::uint32_t uncommon = enc::aria128gcm | enc::aria256gcm | enc::camellia128 |
                                 enc::camellia256 | enc::seed | enc::aes128ccm | enc::aes256ccm |
                                 enc::gost89 | enc::gost8912 | enc::magma | enc::kuznyechik;
  if ((s.enc & uncommon) != 0) add(weakness::uncommon_cipher, rating::secure);
  std::stable_sort(out.reasons.begin(), out.reasons.end());
  return out;
}

rating verdict(std::span<const cipher* const> suites) {
  if (suites.empty()) return rating::insecure;
  rating worst = rating::recommended;
  for (const cipher* s : suites) worst = std::min(worst, rate(*s).level);
  return worst;
}

}  // namespace cipherexplain

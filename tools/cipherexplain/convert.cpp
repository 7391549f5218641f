#include <fmt/format.h>

#include <cctype>
#include <optional>

#include "commands.hpp"
#include "json_writer.hpp"
#include "render.hpp"

namespace cipherexplain::cli {
namespace {

// A code point written as 0xC02F, C02F, 0xC0,0x2F or {0xC0,0x2F} (as openssl ciphers -V shows).
std::optional<std::uint32_t> code_point(std::string_view text) {
  std::string digits;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{' || c == '}' || c == ',' || c == ' ') continue;
    if (c == '0' && i + 1 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X')) {
      ++i;
      continue;
    }
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return std::nullopt;
    digits += c;
  }
  // Two bytes written separately: "0xC0,0x2F" becomes "C02F"; a lone "2F" is 0x002F.
  if (digits.empty() || digits.size() > 4) return std::nullopt;
  return static_cast<std::uint32_t>(std::stoul(digits, nullptr, 16));
}

}  // namespace

int run_convert(const catalog& release, const std::vector<std::string>& names,
                const std::string& format) {
  std::vector<std::pair<std::string, const cipher*>> found;
  bool all_known = true;
  for (const std::string& name : names) {
    const cipher* s = release.find_cipher(name);
    if (s == nullptr) {
      if (const auto cp = code_point(name))
        s = release.find_cipher(std::uint32_t{0x03000000} | *cp);
    }
    all_known = all_known && s != nullptr;
    found.emplace_back(name, s);
  }
  std::string out;
  if (format == "json") {
    json_writer w(out, 2);
    w.begin_array();
    for (const auto& [name, s] : found) {
      w.begin_object();
      w.key("input").value(name);
      w.key("found").value(s != nullptr);
      if (s != nullptr) {
        w.key("name").value(s->name);
        w.key("iana").value(s->stdname);
        w.key("id").value(hex_id(*s));
        w.key("hex").value(hex_code(*s));
        w.key("protocol").value(protocol_name(*s));
      }
      w.end_object();
    }
    w.end_array();
    out += '\n';
  } else {
    std::vector<std::vector<std::string>> rows{
        {"Input", "OpenSSL name", "IANA name", "Code point"}};
    for (const auto& [name, s] : found) {
      if (s == nullptr) {
        rows.push_back({name, fmt::format("not a suite of OpenSSL {}", release.release()), "", ""});
      } else {
        rows.push_back({name, std::string(s->name),
                        s->stdname.empty() ? "-" : std::string(s->stdname), hex_code(*s)});
      }
    }
    out = format_table(rows, {false, false, false, false});
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return all_known ? 0 : 1;
}

}  // namespace cipherexplain::cli

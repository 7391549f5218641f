#include "render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

namespace cipherexplain::cli {
namespace {

// Display width of UTF-8 text: code points, which is right for every name in the catalogs.
std::size_t width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0u) != 0x80u; }));
}

}  // namespace

std::string render_text(const evaluator& release, std::string_view input,
                        const evaluation& result) {
  std::string out;
  const std::string_view name = release.release().release();
  if (result.ok) {
    out +=
        fmt::format("OpenSSL {} accepts the string: {} cipher suites, in order of preference.\n\n",
                    name, result.ciphers.size());
    const std::array<std::string_view, 10> header{
        "#", "OpenSSL name", "IANA name", "ID", "Protocol", "Kx", "Au", "Enc", "Mac", "Bits"};
    std::vector<std::array<std::string, 10>> rows;
    for (std::size_t i = 0; i < result.ciphers.size(); ++i) {
      const cipher& s = *result.ciphers[i];
      rows.push_back({fmt::format("{}", i + 1), std::string(s.name),
                      s.stdname.empty() ? "-" : std::string(s.stdname), hex_id(s),
                      std::string(protocol_name(s)), std::string(kx_name(s)),
                      std::string(au_name(s)), enc_name(s), std::string(mac_name(s)),
                      fmt::format("{}", s.strength_bits)});
    }
    std::array<std::size_t, 10> widths{};
    for (std::size_t c = 0; c < header.size(); ++c) widths[c] = width(header[c]);
    for (const auto& row : rows) {
      for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], width(row[c]));
    }
    auto emit = [&](const auto& cells) {
      std::string line;
      for (std::size_t c = 0; c < cells.size(); ++c) {
        const std::string_view cell = cells[c];
        const std::size_t pad = widths[c] - width(cell);
        // Numbers right-aligned, text left-aligned.
        const bool right = c == 0 || c == 9;
        if (right) line.append(pad, ' ');
        line += cell;
        if (!right && c + 1 < cells.size()) line.append(pad, ' ');
        if (c + 1 < cells.size()) line += "  ";
      }
      out += line;
      out += '\n';
    };
    emit(header);
    for (const auto& row : rows) emit(row);
  } else {
    out += fmt::format("OpenSSL {} rejects the string: SSL_CTX_set_cipher_list returns 0.\n", name);
    if (result.failure == failure_reason::no_cipher_selected) {
      out += result.ciphers.empty()
                 ? "The context's cipher list is replaced by an empty list anyway.\n"
                 : fmt::format(
                       "The context's list is replaced anyway: it keeps only the {} TLS 1.3 "
                       "suites.\n",
                       result.ciphers.size());
    } else {
      out += "The context keeps the cipher list it had before the call.\n";
    }
  }
  if (!result.diagnostics.empty()) out += '\n';
  for (const diagnostic& d : result.diagnostics) out += render(d, input);
  return out;
}

}  // namespace cipherexplain::cli

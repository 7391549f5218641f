#include "commands.hpp"
#include "json_writer.hpp"
#include "render.hpp"

#include <fmt/format.h>

namespace cipherexplain::cli {
namespace {

std::string verdict_line(const std::string& label, const std::string& text, const evaluation& e) {
  return e.ok ? fmt::format("{} '{}': accepted, {} suites\n", label, text, e.ciphers.size())
              : fmt::format("{} '{}': rejected (SSL_CTX_set_cipher_list returns 0)\n", label, text);
}

void names_array(json_writer& w, const std::vector<const cipher*>& suites) {
  w.begin_array();
  for (const cipher* s : suites) w.value(s->name);
  w.end_array();
}

}  // namespace

int run_diff(const evaluator& release, const std::string& a, const std::string& b,
             const std::string& format, const style& colours) {
  const evaluation first = release.evaluate(a);
  const evaluation second = release.evaluate(b);
  static const std::vector<const cipher*> none;
  const list_diff d =
      diff_lists(first.ok ? first.ciphers : none, second.ok ? second.ciphers : none);
  std::string out;
  if (format == "json") {
    json_writer w(out, 2);
    w.begin_object();
    w.key("openssl").value(release.release().release());
    w.key("a").begin_object();
    w.key("input").value(a);
    w.key("ok").value(first.ok);
    w.key("ciphers");
    names_array(w, first.ok ? first.ciphers : none);
    w.end_object();
    w.key("b").begin_object();
    w.key("input").value(b);
    w.key("ok").value(second.ok);
    w.key("ciphers");
    names_array(w, second.ok ? second.ciphers : none);
    w.end_object();
    w.key("added");
    names_array(w, d.added);
    w.key("removed");
    names_array(w, d.removed);
    w.key("moved");
    names_array(w, d.moved);
    w.end_object();
    out += '\n';
  } else {
    out += fmt::format("OpenSSL {}:\n", release.release().release());
    out += verdict_line("A", a, first);
    out += verdict_line("B", b, second);
    out += "\nFrom A to B:\n" + render_list_diff_text(d, colours);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return d.empty() && first.ok == second.ok ? 0 : 1;
}

}  // namespace cipherexplain::cli

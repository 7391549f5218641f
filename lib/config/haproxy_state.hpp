// SPDX-License-Identifier: Apache-2.0
#pragma once
// What HAProxy's parser keeps between lines besides sections: the environment that
// setenv/presetenv/unsetenv/resetenv change (src/cfgparse-global.c) and the .if/.elif/.else/
// .endif nesting of readcfgfile() (src/cfgparse.c), with the conditions the reader can
// evaluate (src/cfgcond.c: an integer term, !negation, defined(NAME)).

#include "config/haproxy_words.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cipherexplain::detail::haproxy {

// The variables the configuration itself sets. The process environment is unknown.
class environment {
 public:
  // A variable's value, "unset" (an empty optional inside), or nullopt: unknown.
  [[nodiscard]] std::optional<std::optional<std::string>> lookup(const std::string& name) const {
    const auto it = vars_.find(name);
    if (it != vars_.end()) return it->second;
    if (cleared_ && !kept_.contains(name)) return std::optional<std::string>();
    return std::nullopt;
  }

  // A global-section line that changes the environment; returns whether it was one, with
  // `error` set when HAProxy refuses it.
  bool apply(const std::vector<word>& w, std::string& error) {
    const std::string& key = w[0].text;
    if (key == "setenv" || key == "presetenv") {
      if (w.size() < 3)
        error = "'" + key + "' expects a name and a value";
      else if (key == "setenv" || !vars_.contains(w[1].text))
        vars_[w[1].text] = w[2].text;
      return true;
    }
    if (key == "unsetenv") {
      if (w.size() < 2) error = "'unsetenv' expects at least one variable name";
      for (std::size_t k = 1; k < w.size(); ++k) vars_[w[k].text] = std::nullopt;
      return true;
    }
    if (key != "resetenv") return false;
    // Everything but the named variables goes; what the reader did not know stays unknown.
    std::map<std::string, std::optional<std::string>> keep;
    kept_.clear();
    for (std::size_t k = 1; k < w.size(); ++k) {
      const auto it = vars_.find(w[k].text);
      if (it != vars_.end())
        keep.insert(*it);
      else
        kept_.insert(w[k].text);
    }
    vars_ = std::move(keep);
    cleared_ = true;
    return true;
  }

 private:
  std::map<std::string, std::optional<std::string>> vars_;  // nullopt: unset
  bool cleared_ = false;                                    // resetenv ran
  std::set<std::string> kept_;                              // unknown names resetenv kept
};

// What cfg_eval_condition() would say where the reader can tell, or nullopt.
inline std::optional<bool> evaluate(const std::vector<word>& w, const environment& env,
                                    std::string& text) {
  bool unknown = false;  // a variable of the process environment decides
  for (std::size_t k = 1; k < w.size(); ++k) {
    text += (k > 1 ? " " : "") + w[k].text;
    unknown = unknown || !w[k].unknown.empty() || w[k].defaulted;
  }
  if (unknown) return std::nullopt;
  std::string_view t = text;
  bool negate = false;
  while (!t.empty() && (t.front() == '!' || t.front() == ' ' || t.front() == '\t')) {
    if (t.front() == '!') negate = !negate;
    t.remove_prefix(1);
  }
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  std::optional<bool> value;
  if (t.empty()) value = false;
  try {
    std::size_t used = 0;
    const long n = std::stol(std::string(t), &used, 0);
    if (used == t.size()) value = n != 0;
  } catch (const std::exception&) {
  }
  if (!value && t.starts_with("defined(") && t.ends_with(")")) {
    if (const auto known = env.lookup(std::string(t.substr(8, t.size() - 9))))
      value = known->has_value();
  }
  if (!value) return std::nullopt;
  return *value != negate;
}

// The .if nesting: which lines are read.
class conditions {
 public:
  [[nodiscard]] bool taking() const { return levels_.empty() || levels_.back().taking; }
  [[nodiscard]] bool open() const { return !levels_.empty(); }

  // A '.' directive; returns an error message ("" when none). `unknown` is set when a
  // condition that decides could not be evaluated (its lines are then read).
  std::string apply(const std::vector<word>& w, const environment& env, std::string& unknown) {
    const std::string& key = w[0].text;
    if (key == ".if") {
      const bool outer = taking();
      levels_.push_back({false, !outer, false});
      if (outer) decide(w, env, unknown);
      return {};
    }
    if (key == ".elif" || key == ".else") {
      if (levels_.empty()) return "lone '" + key + "' with no matching '.if'";
      level& l = levels_.back();
      if (l.else_seen) return "'" + key + "' after '.else' is not permitted";
      if (l.done) {
        l.taking = false;
      } else if (key == ".else") {
        l.taking = l.done = true;
      } else {
        decide(w, env, unknown);
      }
      if (key == ".else") l.else_seen = true;
      return {};
    }
    if (key == ".endif") {
      if (levels_.empty()) return "lone '.endif' with no matching '.if'";
      levels_.pop_back();
      return {};
    }
    if (!taking()) return {};
    if (key == ".alert") return "'.alert': " + (w.size() > 1 ? w[1].text : std::string());
    if (key == ".warning" || key == ".notice" || key == ".diag") return {};
    return "unknown directive '" + key + "'";
  }

 private:
  struct level {
    bool taking = true;  // lines are read
    bool done = false;   // a branch was taken (or an outer level masks this one)
    bool else_seen = false;
  };

  void decide(const std::vector<word>& w, const environment& env, std::string& unknown) {
    std::string text;
    std::optional<bool> value = evaluate(w, env, text);
    if (!value) {
      unknown = "cannot evaluate '" + w[0].text + " " + text +
                "' without HAProxy's environment and build; its lines are read as if it held";
      value = true;
    }
    levels_.back().taking = levels_.back().done = *value;
  }

  std::vector<level> levels_;
};

}  // namespace cipherexplain::detail::haproxy

#include "core/app/rule_selection.hpp"

#include <algorithm>

namespace detgw::app {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

std::optional<Error> RuleSelection::validate(const std::vector<std::string>& known) const {
  auto check = [&](const std::string& code, const std::string& flag) -> std::optional<Error> {
    if (contains(known, code)) return std::nullopt;
    return usage_error(flag + ": unknown rule code \"" + code +
                       "\" (codes look like MRM012, ITG005, HLM005; see docs/rules/)");
  };
  for (const auto& code : disabled)
    if (auto e = check(code, "--disable")) return e;
  for (const auto& code : enabled)
    if (auto e = check(code, "--enable")) return e;
  for (const auto& s : suppressed) {
    auto eq = s.find('=');
    if (eq == std::string::npos || eq + 1 == s.size())
      return usage_error("--suppress \"" + s +
                         "\": expected CODE=PATH, e.g. MRM021=resource_manager.name");
    if (auto e = check(s.substr(0, eq), "--suppress")) return e;
  }
  return std::nullopt;
}

bool RuleSelection::is_enabled(const std::string& code) const {
  return !contains(disabled, code) || contains(enabled, code);
}

bool RuleSelection::is_suppressed(const report::Finding& finding) const {
  for (const auto& s : suppressed) {
    auto eq = s.find('=');
    if (eq == std::string::npos || s.substr(0, eq) != finding.code) continue;
    std::string path = s.substr(eq + 1);
    if (path.size() >= 2 && path.ends_with(".*")) {
      std::string prefix = path.substr(0, path.size() - 2);
      if (finding.path == prefix || finding.path.starts_with(prefix + ".") ||
          finding.path.starts_with(prefix + "["))
        return true;
    } else if (finding.path == path) {
      return true;
    }
  }
  return false;
}

}  // namespace detgw::app

#include "core/rules/rule.hpp"

#include <algorithm>

namespace detgw::rules {

void FindingSink::at_value(const model::Field& where, std::string message, std::string hint,
                           const model::ResourceManager* rm) {
  add(severity_, where, where.value_location(), std::move(message), std::move(hint), rm);
}

void FindingSink::at_key(const model::Field& where, std::string message, std::string hint,
                         const model::ResourceManager* rm) {
  add(severity_, where, where.key_location(), std::move(message), std::move(hint), rm);
}

void FindingSink::at_value(Severity severity, const model::Field& where, std::string message,
                           std::string hint, const model::ResourceManager* rm) {
  add(severity, where, where.value_location(), std::move(message), std::move(hint), rm);
}

void FindingSink::at_key(Severity severity, const model::Field& where, std::string message,
                         std::string hint, const model::ResourceManager* rm) {
  add(severity, where, where.key_location(), std::move(message), std::move(hint), rm);
}

void FindingSink::add(Severity severity, const model::Field& where, SourceLocation location,
                      std::string message, std::string hint, const model::ResourceManager* rm) {
  report::Finding f;
  f.code = std::string(code_);
  f.severity = severity;
  f.message = std::move(message);
  f.hint = std::move(hint);
  const yaml::Path path = where.path();
  f.path = path.dotted();
  f.pointer = path.pointer();
  f.location = std::move(location);
  if (rm) f.rm = rm->effective_name;
  out_.push_back(std::move(f));
}

std::vector<Rule> all_rules() {
  std::vector<Rule> rules;
  for (auto family :
       {structure_rules(), topology_rules(), connection_rules(), gateway_rules(), chart_rules()})
    rules.insert(rules.end(), family.begin(), family.end());
  std::sort(rules.begin(), rules.end(),
            [](const Rule& a, const Rule& b) { return a.code < b.code; });
  return rules;
}

const Rule* find_rule(std::string_view code) {
  static const std::vector<Rule> rules = all_rules();
  for (const Rule& rule : rules)
    if (rule.code == code) return &rule;
  return nullptr;
}

std::vector<report::Finding> run_rules(const model::ConfigModel& model,
                                       const std::vector<Rule>& rules) {
  std::vector<report::Finding> findings;
  for (const Rule& rule : rules) {
    if (!rule.check) continue;
    FindingSink sink(rule.code, rule.severity, findings);
    rule.check(model, sink);
  }
  return findings;
}

}  // namespace detgw::rules

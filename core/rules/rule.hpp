#pragma once
// A rule is a plain function from a model to findings, with its code and default severity.
// Each family lives in one file (mrm_*.cpp, itg.cpp, hlm.cpp) and lists its rules.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/config_model.hpp"
#include "core/report/finding.hpp"

namespace detgw::rules {

using report::Severity;

// Collects the findings of one rule run; knows the rule's code and default severity so a rule
// only says what is wrong and where.
class FindingSink {
 public:
  FindingSink(std::string_view code, Severity severity, std::vector<report::Finding>& out)
      : code_(code), severity_(severity), out_(out) {}

  // A finding about a value (or, when absent, the mapping that lacks it).
  void at_value(const model::Field& where, std::string message, std::string hint = {},
                const model::ResourceManager* rm = nullptr);
  // A finding about a key itself (unknown, duplicate).
  void at_key(const model::Field& where, std::string message, std::string hint = {},
              const model::ResourceManager* rm = nullptr);
  // The same, with a severity other than the rule's default.
  void at_value(Severity severity, const model::Field& where, std::string message,
                std::string hint = {}, const model::ResourceManager* rm = nullptr);
  void at_key(Severity severity, const model::Field& where, std::string message,
              std::string hint = {}, const model::ResourceManager* rm = nullptr);

 private:
  void add(Severity severity, const model::Field& where, SourceLocation location,
           std::string message, std::string hint, const model::ResourceManager* rm);

  std::string_view code_;
  Severity severity_;
  std::vector<report::Finding>& out_;
};

using CheckFn = void (*)(const model::ConfigModel&, FindingSink&);

struct Rule {
  std::string_view code;
  Severity severity;
  std::string_view summary;
  CheckFn check;  // nullptr: the finding comes from outside the rules (HLM012: core/render)
  bool first_install_only = false;  // a check the chart makes only on `helm install`
};

std::span<const Rule> structure_rules();   // MRM001-MRM006: keys, duplicates, types
std::span<const Rule> topology_rules();    // MRM010-MRM017: RMs, names, pools, slots
std::span<const Rule> connection_rules();  // MRM018-MRM026: master address, deprecated keys, enums
std::span<const Rule> gateway_rules();     // ITG
std::span<const Rule> chart_rules();       // HLM

// Every config rule, in code order.
std::vector<Rule> all_rules();
const Rule* find_rule(std::string_view code);

// Runs `rules` over one model; findings come in rule order.
std::vector<report::Finding> run_rules(const model::ConfigModel& model,
                                       const std::vector<Rule>& rules);

}  // namespace detgw::rules

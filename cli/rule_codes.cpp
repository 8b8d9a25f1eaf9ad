#include "cli/rule_codes.hpp"

#include "core/live/live_check.hpp"
#include "core/rules/rule.hpp"

namespace detgw::cli {

std::vector<Candidate> rule_code_candidates(const CompletionContext& context) {
  std::vector<Candidate> out;
  if (context.command && context.command->get_name() == "doctor") {
    for (const auto& check : live::all_live_checks())
      out.push_back({std::string(check.code), std::string(check.title)});
    return out;
  }
  for (const auto& rule : rules::all_rules())
    out.push_back({std::string(rule.code), std::string(rule.summary)});
  return out;
}

void add_rule_code_sources(Completer& completer) {
  auto codes = [](const CompletionContext& context) { return rule_code_candidates(context); };
  completer.values_for("--disable", codes);
  completer.values_for("--enable", codes);
  completer.values_for(
      "--suppress",
      [](const CompletionContext& context) {
        auto out = rule_code_candidates(context);
        for (auto& candidate : out) candidate.value += '=';
        return out;
      },
      kDirectiveNoSpace | kDirectiveNoFileComp);
}

}  // namespace detgw::cli

#include "core/app/lint.hpp"

#include "core/app/chart_render_check.hpp"
#include "core/app/config_input.hpp"
#include "core/app/exit_code.hpp"
#include "core/rules/rule.hpp"

namespace detgw::app {
namespace {

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

CommandResult lint(const LintOptions& options) {
  CommandResult result;
  result.report.tool = "helm multirm lint";
  const auto fail_level = options.strict ? report::Severity::Warning : report::Severity::Error;

  std::vector<std::string> codes;
  const auto rules = rules::all_rules();
  for (const auto& rule : rules) codes.emplace_back(rule.code);
  codes.insert(codes.end(), options.extra_codes.begin(), options.extra_codes.end());
  if (auto bad = options.selection.validate(codes)) {
    result.errors.push_back(*bad);
    result.exit_code = exit_code_for({}, fail_level, result.errors);
    return result;
  }

  auto input = read_config_input(options, result.errors);
  if (!input) {
    note_input_errors(result.report, result.errors);
    result.exit_code = exit_code_for({}, fail_level, result.errors);
    return result;
  }
  auto& documents = input->documents;
  const model::InputShape shape = input->shape;
  for (const auto& doc : documents)
    result.report.inputs.push_back({doc.file, model::to_string(shape)});
  if (documents.empty() && options.values_files.empty())
    result.report.inputs.push_back(
        {options.chart ? *options.chart + "/values.yaml" : kChartDefaultsFile, "values"});
  result.info.push_back("linting as " + model::to_string(shape) + " input");

  std::vector<rules::Rule> selected;
  for (const auto& rule : rules)
    if (options.selection.is_enabled(std::string(rule.code)) &&
        !(options.upgrade && rule.first_install_only))
      selected.push_back(rule);

  std::size_t rms = 0, pools = 0, gateways = 0;
  auto models = build_models(options, documents, shape, result.errors, result.notes);
  for (auto& model : models) {
    model.max_listeners = options.max_listeners;
    rms += model.rms.size();
    pools += model.pool_count();
    gateways += model.gateway_count();
    auto findings = rules::run_rules(model, selected);
    if (shape == model::InputShape::Values && options.chart && options.chart_render &&
        options.selection.is_enabled("HLM012")) {
      auto chart = check_chart_render(options, model, findings, options.upgrade);
      for (auto& f : chart.findings) findings.push_back(std::move(f));
      for (auto& note : chart.notes) result.notes.push_back(std::move(note));
    }
    for (auto& finding : findings)
      if (!options.selection.is_suppressed(finding))
        result.report.findings.push_back(std::move(finding));
  }
  report::sort_findings(result.report.findings);
  result.report.subject_summary = plural(rms, "resource manager") + ", " + plural(pools, "pool") +
                                  ", " + plural(gateways, "gateway");
  note_input_errors(result.report, result.errors);
  result.exit_code = exit_code_for(result.report.findings, fail_level, result.errors);
  return result;
}

}  // namespace detgw::app

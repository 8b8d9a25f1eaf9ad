#include "core/app/render.hpp"

#include "core/app/exit_code.hpp"
#include "core/rules/rule.hpp"

namespace detgw::app {
namespace {

// The chart appends its own kubeconfig_path to each additional RM: when the values set one too,
// the rendered map has the key twice. That is HLM004 (the values' kubeconfig_path is overridden),
// not MRM003 (a duplicate the user wrote).
void chart_duplicates_as_hlm004(std::vector<report::Finding>& findings) {
  for (auto& f : findings) {
    if (f.code != "MRM003") continue;
    const std::string suffix = ".resource_manager.kubeconfig_path";
    if (f.path.rfind("additional_resource_managers[", 0) != 0 || f.path.size() < suffix.size() ||
        f.path.compare(f.path.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    f.code = "HLM004";
    f.severity = report::Severity::Warning;
    f.message =
        "kubeconfig_path is set in the values, but the chart adds its own after it, which wins";
    f.hint = "remove kubeconfig_path from the values; the chart mounts the Secret for you";
  }
}

std::vector<PoolPlacement> placements(const model::ConfigModel& rendered) {
  std::vector<PoolPlacement> out;
  for (const auto& rm : rendered.rms) {
    const std::string cluster = rm.effective_name.empty() ? "default" : rm.effective_name;
    if (rm.implicit_default_pool) out.push_back({"default", cluster, rm.is_root});
    for (const auto& pool : rm.pools)
      if (pool.name.node && pool.name.node->is_scalar())
        out.push_back({std::string(pool.name.node->text), cluster, rm.is_root});
  }
  return out;
}

}  // namespace

RenderResult render(const RenderOptions& options) {
  RenderResult result;
  result.report.tool = "helm multirm render";
  const auto fail_level = options.strict ? report::Severity::Warning : report::Severity::Error;
  const auto finish = [&] {
    report::sort_findings(result.report.findings);
    note_input_errors(result.report, result.errors);
    result.exit_code = exit_code_for(result.report.findings, fail_level, result.errors);
    return result;
  };
  const auto rules = rules::all_rules();
  std::vector<std::string> codes;
  for (const auto& rule : rules) codes.emplace_back(rule.code);
  if (auto bad = options.selection.validate(codes)) {
    result.errors.push_back(*bad);
    return finish();
  }
  std::vector<rules::Rule> selected;
  for (const auto& rule : rules)
    if (options.selection.is_enabled(std::string(rule.code)) && !rule.first_install_only)
      selected.push_back(rule);
  const auto keep = [&](std::vector<report::Finding> findings) {
    for (auto& f : findings)
      if (!options.selection.is_suppressed(f)) result.report.findings.push_back(std::move(f));
  };

  auto input = read_config_input(options, result.errors);
  if (!input) return finish();
  if (input->shape != model::InputShape::Values) {
    std::string message = "render takes Helm values, and the input is ";
    message += model::to_string(input->shape);
    message += " config";
    result.errors.push_back(usage_error(std::move(message)));
    return finish();
  }
  for (const auto& doc : input->documents) result.report.inputs.push_back({doc.file, "values"});
  auto models = build_models(options, input->documents, input->shape, result.errors, result.notes);
  if (models.empty()) return finish();
  auto& values = models.front();
  values.max_listeners = options.max_listeners;

  auto rendered = render::render_master_config(values, options.release);
  if (rendered.yaml.empty()) {
    // The chart refuses these values: say why with the values rules (HLM005, HLM002, ...).
    for (const auto& refusal : rendered.refusals) {
      std::string note = "the chart refuses to render these values: ";
      note += refusal;
      result.notes.push_back(std::move(note));
    }
    auto findings = rules::run_rules(values, selected);
    if (findings.empty()) {
      report::Finding f;
      f.code = "HLM012";
      f.message = "the chart refuses to render these values: ";
      f.message += rendered.refusals.front();
      f.location.file = values.file;
      findings.push_back(std::move(f));
    }
    keep(std::move(findings));
    return finish();
  }
  result.rendered = rendered.yaml;
  auto doc = yaml::load_text(result.rendered, kRenderedFile);
  if (!doc) {
    result.errors.push_back(doc.error());
    return finish();
  }
  result.report.inputs.push_back({kRenderedFile, "master"});
  auto master = model::build_master_model(doc->root, kRenderedFile);
  master.owned.push_back(doc->root);
  master.max_listeners = options.max_listeners;
  auto findings = rules::run_rules(master, selected);
  chart_duplicates_as_hlm004(findings);
  keep(std::move(findings));
  result.pools = placements(master);
  result.report.subject_summary = std::to_string(master.rms.size());
  result.report.subject_summary += " resource managers, ";
  result.report.subject_summary += std::to_string(master.pool_count());
  result.report.subject_summary += " pools";
  return finish();
}

}  // namespace detgw::app

#include "core/app/lint.hpp"

#include "core/app/exit_code.hpp"
#include "core/model/chart_defaults.hpp"
#include "core/rules/rule.hpp"
#include "core/values/merge.hpp"

namespace detgw::app {
namespace {

constexpr const char* kChartDefaultsFile = "<chart defaults>";

std::optional<model::InputShape> forced_shape(InputFormat format) {
  switch (format) {
    case InputFormat::Values:
      return model::InputShape::Values;
    case InputFormat::Master:
      return model::InputShape::Master;
    case InputFormat::Devcluster:
      return model::InputShape::Devcluster;
    case InputFormat::Auto:
      break;
  }
  return std::nullopt;
}

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// Loads the chart defaults: CHART/values.yaml, else the built-in Determined 0.38 defaults.
Expected<yaml::Document> load_chart_defaults(const std::optional<std::string>& chart) {
  if (!chart) return yaml::load_text(model::determined_chart_defaults(), kChartDefaultsFile);
  return yaml::load_file(*chart + "/values.yaml");
}

std::vector<model::ConfigModel> build_models(const LintOptions& options,
                                             std::vector<yaml::Document>& documents,
                                             model::InputShape shape, CommandResult& result) {
  std::vector<model::ConfigModel> models;
  if (shape == model::InputShape::Values) {
    auto defaults = load_chart_defaults(options.chart);
    if (!defaults) {
      result.errors.push_back(defaults.error());
      return models;
    }
    yaml::NodePtr user;
    std::vector<const yaml::Node*> texts;
    for (const auto& doc : documents) {
      user = values::merge_maps(user, doc.root);
      texts.push_back(doc.root.get());
    }
    auto with_flags = values::apply_set_flags(user, options.set_flags);
    if (!with_flags) {
      result.errors.push_back(with_flags.error());
      return models;
    }
    yaml::NodePtr merged = values::coalesce_with_chart(defaults->root, *with_flags);
    const std::string file = documents.empty() ? kChartDefaultsFile : documents.back().file;
    models.push_back(model::build_values_model(merged, file, std::move(texts)));
    models.back().owned.push_back(defaults->root);
    return models;
  }
  for (const auto& doc : documents) {
    if (shape == model::InputShape::Master) {
      models.push_back(model::build_master_model(doc.root, doc.file));
      models.back().owned.push_back(doc.root);
      continue;
    }
    auto stages = model::build_devcluster_models(doc, options.env);
    if (stages.empty())
      result.notes.push_back(doc.file + ": no master stage with a config_file; nothing to lint");
    for (auto& m : stages) {
      m.owned.push_back(doc.root);
      models.push_back(std::move(m));
    }
  }
  return models;
}

}  // namespace

std::optional<InputFormat> parse_input_format(const std::string& name) {
  if (name == "auto") return InputFormat::Auto;
  if (name == "values") return InputFormat::Values;
  if (name == "master") return InputFormat::Master;
  if (name == "devcluster") return InputFormat::Devcluster;
  return std::nullopt;
}

CommandResult lint(const LintOptions& options) {
  CommandResult result;
  result.report.tool = "helm multirm lint";
  const auto fail_level = options.strict ? report::Severity::Warning : report::Severity::Error;

  std::vector<std::string> codes;
  const auto rules = rules::all_rules();
  for (const auto& rule : rules) codes.emplace_back(rule.code);
  if (auto bad = options.selection.validate(codes)) {
    result.errors.push_back(*bad);
    result.exit_code = exit_code_for({}, fail_level, result.errors);
    return result;
  }

  // Read every input first: an unreadable one is reported, the others are still linted.
  std::vector<yaml::Document> documents;
  for (const auto& path : options.values_files) {
    auto doc = yaml::load_file(path);
    if (doc)
      documents.push_back(std::move(*doc));
    else
      result.errors.push_back(doc.error());
  }

  std::optional<model::InputShape> shape = forced_shape(options.input_format);
  if (!shape) {
    for (const auto& doc : documents) {
      const auto detected = model::detect_shape(*doc.root);
      if (shape && *shape != detected) {
        result.errors.push_back(
            usage_error("inputs of one run must have one shape: " + documents.front().file +
                        " is " + model::to_string(*shape) + " but " + doc.file + " is " +
                        model::to_string(detected) + " (use --input-format to force one)"));
        result.exit_code = exit_code_for({}, fail_level, result.errors);
        return result;
      }
      shape = detected;
    }
  }
  if (!shape) shape = model::InputShape::Values;
  if (*shape != model::InputShape::Values && !options.set_flags.empty()) {
    result.errors.push_back(usage_error("--set flags apply to Helm values only, and the input is " +
                                        model::to_string(*shape) + " config"));
    result.exit_code = exit_code_for({}, fail_level, result.errors);
    return result;
  }
  for (const auto& doc : documents)
    result.report.inputs.push_back({doc.file, model::to_string(*shape)});
  if (documents.empty() && options.values_files.empty())
    result.report.inputs.push_back(
        {options.chart ? *options.chart + "/values.yaml" : kChartDefaultsFile, "values"});
  result.notes.push_back("linting as " + model::to_string(*shape) + " input");

  std::vector<rules::Rule> selected;
  for (const auto& rule : rules)
    if (options.selection.is_enabled(std::string(rule.code))) selected.push_back(rule);

  std::size_t rms = 0, pools = 0, gateways = 0;
  const bool some_input_failed = !result.errors.empty();
  if (!(some_input_failed && documents.empty())) {
    auto models = build_models(options, documents, *shape, result);
    for (auto& model : models) {
      model.max_listeners = options.max_listeners;
      rms += model.rms.size();
      pools += model.pool_count();
      gateways += model.gateway_count();
      for (auto& finding : rules::run_rules(model, selected))
        if (!options.selection.is_suppressed(finding))
          result.report.findings.push_back(std::move(finding));
    }
  }
  report::sort_findings(result.report.findings);
  result.report.subject_summary = plural(rms, "resource manager") + ", " + plural(pools, "pool") +
                                  ", " + plural(gateways, "gateway");
  result.exit_code = exit_code_for(result.report.findings, fail_level, result.errors);
  return result;
}

}  // namespace detgw::app

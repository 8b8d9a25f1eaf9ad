#include "core/app/config_input.hpp"

#include <cstdlib>

#include "core/model/chart_defaults.hpp"
#include "core/values/merge.hpp"
#include "core/yaml/scalar.hpp"

namespace detgw::app {
namespace {

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

std::string config_name(InputFormat format) {
  switch (format) {
    case InputFormat::Master:
      return "a master config";
    case InputFormat::Devcluster:
      return "a devcluster config";
    case InputFormat::Values:
    case InputFormat::Auto:
      break;
  }
  return "Helm values";
}

// Helm decodes values into a map and refuses anything else ("cannot unmarshal array into Go
// value of type map[string]interface {}"); the master and devcluster decode into a struct and
// refuse it too. An empty document (or one of comments only) is null: empty values.
Expected<yaml::Document> mapping_at_top(Expected<yaml::Document> doc, InputFormat format) {
  if (!doc) return doc;
  const yaml::Node& root = *doc->root;
  const bool null =
      root.is_null() || (root.is_scalar() && yaml::resolve(root).type == yaml::ScalarType::Null);
  if (root.is_mapping() || null) return doc;
  return input_error("the top level is " + yaml::describe_type(root) + "; " + config_name(format) +
                         " must be a mapping (key: value)",
                     root.location);
}

// Loads the chart defaults: CHART/values.yaml, else the built-in Determined 0.38 defaults.
Expected<yaml::Document> load_chart_defaults(const std::optional<std::string>& chart) {
  if (!chart) return yaml::load_text(model::determined_chart_defaults(), kChartDefaultsFile);
  return mapping_at_top(yaml::load_file(*chart + "/values.yaml"), InputFormat::Values);
}

}  // namespace

std::optional<InputFormat> parse_input_format(const std::string& name) {
  if (name == "auto") return InputFormat::Auto;
  if (name == "values") return InputFormat::Values;
  if (name == "master") return InputFormat::Master;
  if (name == "devcluster") return InputFormat::Devcluster;
  return std::nullopt;
}

std::optional<std::string> process_env(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (!value) return std::nullopt;
  return std::string(value);
}

std::optional<ConfigInput> read_config_input(const ConfigSources& sources,
                                             std::vector<Error>& errors) {
  ConfigInput input;
  const std::size_t errors_before = errors.size();
  const auto keep = [&](Expected<yaml::Document> doc) {
    doc = mapping_at_top(std::move(doc), sources.input_format);
    if (doc)
      input.documents.push_back(std::move(*doc));
    else
      errors.push_back(doc.error());
  };
  for (const auto& path : sources.values_files) keep(yaml::load_file(path));
  for (const auto& [name, text] : sources.inline_values) keep(yaml::load_text(text, name));
  // Helm stops at the first file it cannot read: findings about a merge of the others would
  // describe values no install ever receives.
  if (errors.size() > errors_before) return std::nullopt;
  std::optional<model::InputShape> shape = forced_shape(sources.input_format);
  if (!shape) {
    for (const auto& doc : input.documents) {
      const auto detected = model::detect_shape(*doc.root);
      if (shape && *shape != detected) {
        errors.push_back(
            usage_error("inputs of one run must have one shape: " + input.documents.front().file +
                        " is " + model::to_string(*shape) + " but " + doc.file + " is " +
                        model::to_string(detected) + " (use --input-format to force one)"));
        return std::nullopt;
      }
      shape = detected;
    }
  }
  input.shape = shape.value_or(model::InputShape::Values);
  if (input.shape != model::InputShape::Values && !sources.set_flags.empty()) {
    errors.push_back(usage_error("--set flags apply to Helm values only, and the input is " +
                                 model::to_string(input.shape) + " config"));
    return std::nullopt;
  }
  return input;
}

std::vector<model::ConfigModel> build_models(const ConfigSources& options,
                                             std::vector<yaml::Document>& documents,
                                             model::InputShape shape, std::vector<Error>& errors,
                                             std::vector<std::string>& notes) {
  std::vector<model::ConfigModel> models;
  if (shape == model::InputShape::Values) {
    auto defaults = load_chart_defaults(options.chart);
    if (!defaults) {
      errors.push_back(defaults.error());
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
      errors.push_back(with_flags.error());
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
      notes.push_back(doc.file + ": no master stage with a config_file; nothing to lint");
    for (auto& m : stages) {
      m.owned.push_back(doc.root);
      models.push_back(std::move(m));
    }
  }
  return models;
}

}  // namespace detgw::app

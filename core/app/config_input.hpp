#pragma once
// The inputs of one run read the way `helm multirm lint` reads them: every file loaded, one shape
// for all of them, and the models the master would see (Helm values merged with the chart's
// defaults and the --set flags first). Shared by lint and by the commands that take --values.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model/build.hpp"
#include "core/support/error.hpp"
#include "core/values/strvals.hpp"
#include "core/yaml/loader.hpp"

namespace detgw::app {

enum class InputFormat { Auto, Values, Master, Devcluster };
std::optional<InputFormat> parse_input_format(const std::string& name);

struct ConfigSources {
  std::optional<std::string> chart;       // a chart directory whose values.yaml is the base
  std::vector<std::string> values_files;  // -f, in order; "-" is standard input
  // Documents that are not files yet, read after values_files: {name, YAML text} (add-cluster
  // lints the overlay it is about to write under the overlay's path).
  std::vector<std::pair<std::string, std::string>> inline_values;
  std::vector<values::SetFlag> set_flags;
  InputFormat input_format = InputFormat::Auto;
  model::EnvLookup env;  // for devcluster $VAR expansion
};

// The process's own environment, as ConfigSources::env reads it.
std::optional<std::string> process_env(const std::string& name);

struct ConfigInput {
  std::vector<yaml::Document> documents;  // the files that could be read
  model::InputShape shape = model::InputShape::Values;
};

// `<chart defaults>`: where a value from the built-in chart defaults comes from.
inline constexpr const char* kChartDefaultsFile = "<chart defaults>";

// Reads every file; each one that cannot be read, or whose top level is not a mapping, adds an
// input error. nullopt when the run cannot go on: any input error (after reading all, so each
// is reported), inputs of different shapes, or --set flags on input that is not Helm values
// (usage errors).
std::optional<ConfigInput> read_config_input(const ConfigSources& sources,
                                             std::vector<Error>& errors);

// The models of the input; devcluster files give one per master stage.
std::vector<model::ConfigModel> build_models(const ConfigSources& sources,
                                             std::vector<yaml::Document>& documents,
                                             model::InputShape shape, std::vector<Error>& errors,
                                             std::vector<std::string>& notes);

}  // namespace detgw::app

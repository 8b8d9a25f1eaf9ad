#pragma once
// Running `helm template` on a chart directory with the user's value inputs (offline: template
// never talks to a cluster), and reading why the chart refused when it did.

#include <optional>
#include <string>
#include <vector>

#include "core/model/build.hpp"
#include "core/values/strvals.hpp"

namespace detgw::render {

// `$HELM_BIN` (Helm sets it for plugins), else `helm` on `$PATH`; nullopt when neither exists.
std::optional<std::string> find_helm(const model::EnvLookup& env);

struct HelmTemplateRequest {
  std::string helm;   // path of the helm binary
  std::string chart;  // chart directory
  std::string release = "release-name";
  std::optional<std::string> namespace_;   // --namespace, when HELM_NAMESPACE is set
  std::vector<std::string> values_files;   // -f, in order
  std::vector<values::SetFlag> set_flags;  // in the order Helm applies them
};

// The command line `helm template` runs with (argv[0] is the helm binary).
std::vector<std::string> helm_template_argv(const HelmTemplateRequest& request);

// Why the chart refused: its message, and the template position when helm names one.
struct ChartRefusal {
  std::string message;
  std::string template_file;  // as helm prints it: "<chart name>/templates/x.yaml"; "" if none
  int line = 0;
  int column = 0;
};

// Reads helm's stderr: "Error: execution error at (FILE:L:C): MESSAGE" (required, fail), or any
// other "Error: ..." (template or YAML errors), without the "Use --debug" advice.
ChartRefusal parse_helm_error(const std::string& stderr_text);

struct HelmTemplateResult {
  bool ran = false;       // helm ran (and exited, refusing or not)
  std::string problem;    // why helm could not run, or was stopped (timeout, output cap)
  std::string manifests;  // stdout when the chart rendered
  std::optional<ChartRefusal> refusal;
};

HelmTemplateResult helm_template(const HelmTemplateRequest& request);

}  // namespace detgw::render

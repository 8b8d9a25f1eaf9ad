#include "core/app/chart_render_check.hpp"

#include "core/render/chart_refusal.hpp"
#include "core/render/helm_template.hpp"

namespace detgw::app {
namespace {

// The 0.38.1 chart's first-install password check (skipped by `helm upgrade`, whose `lookup`
// finds the release's database Service; `helm template` never finds it).
bool first_install_refusal(const std::string& message) {
  return message.rfind("An initial password for admin and determined users", 0) == 0 ||
         message.rfind("initialUserPassword must", 0) == 0;
}

}  // namespace

ChartRenderCheck check_chart_render(const ConfigSources& sources, const model::ConfigModel& values,
                                    const std::vector<report::Finding>& already, bool upgrade) {
  ChartRenderCheck check;
  if (!sources.chart) return check;
  const auto helm = render::find_helm(sources.env);
  if (!helm) {
    check.notes.emplace_back(
        "HLM012 skipped: helm not found ($HELM_BIN is unset and there is no helm on PATH)");
    return check;
  }
  for (const auto& file : sources.values_files)
    if (file == "-") {
      check.notes.emplace_back("HLM012 skipped: values from stdin cannot be rendered again");
      return check;
    }
  render::HelmTemplateRequest request;
  request.helm = *helm;
  request.chart = *sources.chart;
  if (sources.env)
    if (auto ns = sources.env("HELM_NAMESPACE"); ns && !ns->empty()) request.namespace_ = *ns;
  request.values_files = sources.values_files;
  request.set_flags = sources.set_flags;
  auto result = render::helm_template(request);
  if (!result.ran) {
    std::string note = "HLM012 skipped: ";
    note += result.problem;
    check.notes.push_back(std::move(note));
    return check;
  }
  if (upgrade && result.refusal && first_install_refusal(result.refusal->message)) {
    // As on `helm upgrade`: render again with a password the check accepts (never shown), to
    // see what else the chart refuses.
    const int index = static_cast<int>(request.set_flags.size()) + 1;
    request.set_flags.push_back(
        {values::SetKind::SetString, "initialUserPassword=Upgrade-check-0", index});
    result = render::helm_template(request);
    if (!result.ran) {
      std::string note = "HLM012 skipped: ";
      note += result.problem;
      check.notes.push_back(std::move(note));
      return check;
    }
  }
  if (!result.refusal) return check;
  for (const auto& finding : already)
    if (!result.refusal->message.empty() &&
        finding.message.find(result.refusal->message) != std::string::npos) {
      std::string note = "the chart refuses these values as ";
      note += finding.code;
      note += " says; HLM012 does not repeat it";
      check.notes.push_back(std::move(note));
      return check;
    }
  check.findings.push_back(render::chart_refusal_finding(*result.refusal, values, *sources.chart));
  return check;
}

}  // namespace detgw::app

#pragma once
// HLM012 for `helm multirm lint CHART`: the same value inputs rendered by `helm template` of the
// chart; a refusal becomes a finding. Skipped (with a note) without helm or with stdin input.

#include <string>
#include <vector>

#include "core/app/config_input.hpp"
#include "core/model/config_model.hpp"
#include "core/report/finding.hpp"

namespace detgw::app {

struct ChartRenderCheck {
  std::vector<report::Finding> findings;
  std::vector<std::string> notes;  // for stderr: skipped, or helm could not run
};

// `values` is the merged values model of `sources` (whose `chart` is set). A refusal whose
// message a finding in `already` quotes (HLM005, HLM011, ... cite the chart) is not repeated.
// With `upgrade`, the chart's first-install password check is passed as `helm upgrade` passes it.
ChartRenderCheck check_chart_render(const ConfigSources& sources, const model::ConfigModel& values,
                                    const std::vector<report::Finding>& already,
                                    bool upgrade = false);

}  // namespace detgw::app

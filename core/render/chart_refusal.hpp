#pragma once
// HLM012: a refusal of the chart (`helm template` failed) as a finding, pointed at the value the
// chart's message names when it names one, else at the template that refused.

#include <string>

#include "core/model/config_model.hpp"
#include "core/render/helm_template.hpp"
#include "core/report/finding.hpp"

namespace detgw::render {

inline constexpr const char* kChartRefusalCode = "HLM012";

// The values path a chart message names ("Values.maxSlotsPerPod", "initialUserPassword",
// "additional_resource_managers, resource_manager...") as a field of the merged values; an
// empty field (no node, no parent) when it names none.
model::Field named_value(const std::string& message, const model::ConfigModel& values);

report::Finding chart_refusal_finding(const ChartRefusal& refusal, const model::ConfigModel& values,
                                      const std::string& chart);

}  // namespace detgw::render

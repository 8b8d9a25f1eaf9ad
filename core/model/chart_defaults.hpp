#pragma once

#include <string_view>

namespace detgw::model {

// The default values of the Determined 0.38 chart (its values.yaml without the comments), used
// when `helm multirm lint` is given no CHART directory.
std::string_view determined_chart_defaults();

}  // namespace detgw::model

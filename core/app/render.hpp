#pragma once
// `helm multirm render`: the merged values → the RM part of the master.yaml the chart renders →
// the master-shape rules over that rendered document.

#include <string>
#include <vector>

#include "core/app/config_input.hpp"
#include "core/app/lint.hpp"
#include "core/app/rule_selection.hpp"
#include "core/render/master_config.hpp"

namespace detgw::app {

struct RenderOptions : ConfigSources {
  render::ReleaseSettings release;
  std::size_t max_listeners = 64;
  bool strict = false;
  RuleSelection selection;
};

// One resource pool of the rendered config and where it runs.
struct PoolPlacement {
  std::string pool;
  std::string cluster;  // the RM's effective cluster name
  bool local = true;    // the master's own cluster (the chart's primary RM)
};

struct RenderResult : CommandResult {
  std::string rendered;  // the RM keys of master.yaml; "" when the chart refuses the values
  std::vector<PoolPlacement> pools;
};

// The file name findings about the rendered document carry.
inline constexpr const char* kRenderedFile = "<rendered master.yaml>";

RenderResult render(const RenderOptions& options);

}  // namespace detgw::app

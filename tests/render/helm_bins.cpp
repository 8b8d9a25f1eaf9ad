#include "tests/render/helm_bins.hpp"

#include <optional>

#include "tests/common/test_support.hpp"

namespace detgw::test {

const std::vector<std::filesystem::path>& lab_helms() {
  static const std::vector<std::filesystem::path> helms = [] {
    std::vector<std::filesystem::path> found;
    auto r = run({(source_dir() / "tests" / "lab" / "build").string(), "--print-bin"});
    std::string dir = r.out;
    while (!dir.empty() && (dir.back() == '\n' || dir.back() == ' ')) dir.pop_back();
    if (r.exit_code != 0 || dir.empty()) return found;
    for (const char* name : {"helm3", "helm4"})
      if (std::filesystem::exists(std::filesystem::path(dir) / name))
        found.push_back(std::filesystem::path(dir) / name);
    return found;
  }();
  return helms;
}

std::optional<std::filesystem::path> determined_chart() {
  auto shared = shared_dir();
  if (!shared) return std::nullopt;
  auto chart = *shared / "fixtures" / "determined" / "chart-0.38.1";
  if (!std::filesystem::exists(chart / "Chart.yaml")) return std::nullopt;
  return chart;
}

}  // namespace detgw::test

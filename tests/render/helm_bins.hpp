#pragma once
// The real helm binaries of the test lab (tests/lab/build --print-bin prints where they are; it
// never builds). Tests that need them say they were skipped when the lab has not been built.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace detgw::test {

// helm3 and helm4 from the lab's bin directory; empty when the lab is not built.
const std::vector<std::filesystem::path>& lab_helms();

// The Determined 0.38.1 chart in ../shared, when present.
std::optional<std::filesystem::path> determined_chart();

}  // namespace detgw::test

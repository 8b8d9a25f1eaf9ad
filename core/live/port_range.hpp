#pragma once
// Choosing a port range for Determined's internal task gateway on a live Gateway.

#include <optional>
#include <set>

namespace detgw::live {

struct PortRange {
  int start = 0;
  int end = 0;  // inclusive
  int size() const { return end - start + 1; }
};

// The lowest range of `size` ports within [lowest, highest] that holds none of `used`, and no
// two ports Contour maps to one Envoy port (p and p + 1023, p in 57536..58558) when `contour`.
// nullopt when no such range exists or size < 2 (the master needs start < end).
std::optional<PortRange> suggest_port_range(const std::set<int>& used, int size,
                                            bool contour = false, int lowest = 32768,
                                            int highest = 65535);

}  // namespace detgw::live

#include "core/live/port_range.hpp"

namespace detgw::live {
namespace {

constexpr int kContourPairLow = 57536, kContourPairHigh = 58558, kContourPairGap = 1023;

bool contour_collision(const PortRange& r) {
  // Some p in the range with p + 1023 also in it, p in 57536..58558.
  const int first = std::max(r.start, kContourPairLow);
  const int last = std::min(r.end - kContourPairGap, kContourPairHigh);
  return first <= last;
}

}  // namespace

std::optional<PortRange> suggest_port_range(const std::set<int>& used, int size, bool contour,
                                            int lowest, int highest) {
  if (size < 2 || lowest < 1 || highest > 65535) return std::nullopt;
  int start = lowest;
  while (start + size - 1 <= highest) {
    const PortRange candidate{start, start + size - 1};
    // The first used port inside the candidate, if any: the next candidate starts past it.
    auto in_range = used.lower_bound(candidate.start);
    if (in_range != used.end() && *in_range <= candidate.end) {
      start = *in_range + 1;
      continue;
    }
    if (contour && contour_collision(candidate)) {
      ++start;
      continue;
    }
    return candidate;
  }
  return std::nullopt;
}

}  // namespace detgw::live

#include "core/support/suggest.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace detgw {
namespace {

std::string fold(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '_' || c == '-') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

std::string closest_key(std::string_view unknown, std::span<const std::string_view> known) {
  if (unknown.size() > 256) return {};
  const std::string folded = fold(unknown);
  std::string best;
  std::size_t best_score = SIZE_MAX;
  for (std::string_view candidate : known) {
    const std::string folded_candidate = fold(candidate);
    std::size_t score = edit_distance(unknown, candidate);
    if (folded == folded_candidate) score = 0;
    // Allow roughly one typo per four characters, at least two.
    const std::size_t allowed = std::max<std::size_t>(2, candidate.size() / 4);
    const bool contains = folded.size() >= 4 && folded_candidate.size() >= 4 &&
                          (folded.find(folded_candidate) != std::string::npos ||
                           folded_candidate.find(folded) != std::string::npos);
    if (score > allowed && !contains) continue;
    if (contains && score > allowed) score = allowed + 1;
    if (score < best_score) {
      best_score = score;
      best = std::string(candidate);
    }
  }
  return best;
}

}  // namespace detgw

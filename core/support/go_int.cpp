#include "core/support/go_int.hpp"

#include <limits>

namespace detgw {

std::optional<std::int64_t> go_parse_int(std::string_view s, int base) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || base < 2 || base > 16) return std::nullopt;
  // |int64 min|: the largest magnitude either sign may reach.
  constexpr std::uint64_t limit =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1;
  const auto b = static_cast<std::uint64_t>(base);
  std::uint64_t value = 0;
  for (const char c : s) {
    std::uint64_t digit = 0;
    if (c >= '0' && c <= '9')
      digit = static_cast<std::uint64_t>(c - '0');
    else if (c >= 'a' && c <= 'f')
      digit = static_cast<std::uint64_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      digit = static_cast<std::uint64_t>(c - 'A' + 10);
    else
      return std::nullopt;
    if (digit >= b) return std::nullopt;
    // Checked before multiplying: an unsigned overflow would wrap into a plausible number.
    if (value > (limit - digit) / b) return std::nullopt;
    value = value * b + digit;
  }
  if (negative)
    return value == limit ? std::numeric_limits<std::int64_t>::min()
                          : -static_cast<std::int64_t>(value);
  if (value == limit) return std::nullopt;
  return static_cast<std::int64_t>(value);
}

}  // namespace detgw

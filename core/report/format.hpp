#pragma once
// Every output format of a findings report. Commands never format findings themselves.

#include <optional>
#include <string>
#include <string_view>

#include "core/report/finding.hpp"

namespace detgw::report {

enum class Format { Text, Json, Yaml, Sarif, Junit, Github };

std::optional<Format> parse_format(std::string_view name);

struct FormatOptions {
  bool color = false;     // ANSI colour in text mode (the caller decides: TTY, NO_COLOR, --color)
  std::string version;    // tool version for json/sarif
};

std::string format_report(const Report& report, Format format, const FormatOptions& options);

}  // namespace detgw::report

#pragma once
// Every output format of a findings report. Commands never format findings themselves.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/report/finding.hpp"

namespace detgw::report {

enum class Format { Text, Json, Yaml, Sarif, Junit, Github };

std::optional<Format> parse_format(std::string_view name);
std::string_view to_string(Format format);
// "text, json, yaml, sarif, junit, github": for --help and usage errors.
std::string_view format_names();

struct FormatOptions {
  bool color = false;   // ANSI colour in text mode (the caller decides: TTY, NO_COLOR, --color)
  std::string version;  // tool version for json/sarif
  // SARIF tool.driver.informationUri (an absolute URI); omitted while empty.
  std::string information_uri;
  // code -> one-line description of the rule (SARIF reportingDescriptor.shortDescription). A code
  // missing here is described by the message of its first finding.
  std::map<std::string, std::string, std::less<>> rule_descriptions;
};

std::string format_report(const Report& report, Format format, const FormatOptions& options);

// One function per format (core/report/format_<name>.cpp), and what they share. Callers use
// format_report; these are here so each format's file stays small and testable on its own.
namespace detail {

std::string format_text(const Report& report, const FormatOptions& options);
// Text output of a report with checks: grouped with ✔/‼/× and a hint per failure.
std::string format_checks_text(const Report& report, const FormatOptions& options);
std::string format_json(const Report& report, const FormatOptions& options);
std::string format_yaml(const Report& report, const FormatOptions& options);
std::string format_sarif(const Report& report, const FormatOptions& options);
std::string format_junit(const Report& report, const FormatOptions& options);
std::string format_github(const Report& report, const FormatOptions& options);

// The report's findings in print order (sort_findings).
std::vector<Finding> sorted_findings(const Report& report);

// Decodes the code point at `pos` and advances past it; an invalid or truncated sequence, an
// overlong form or a surrogate yields U+FFFD and advances one byte.
char32_t next_code_point(std::string_view text, std::size_t& pos);
void append_utf8(std::string& out, char32_t code_point);
// `text` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

// `<command line>`, `<chart defaults>`: a finding's file that is no file on disk.
bool is_pseudo_file(std::string_view file);
// `file:line:column`, omitting the parts that are unknown ("" when the file is unknown).
std::string location_text(const SourceLocation& location);
// A YAML double-quoted scalar holding `text` exactly; non-printable characters escaped.
std::string yaml_quoted(std::string_view text);
// `file:line:column: message` of an input error.
std::string describe(const InputError& error);
// "values.yaml, master.yaml"
std::string input_list(const Report& report);
// Input text made safe for a terminal: no control character reaches it; a line break continues
// at `indent`.
std::string printable(std::string_view text, std::string_view indent);

// ANSI styles for text output, applied only when colour is on.
inline constexpr std::string_view kReset = "\x1b[0m";
inline constexpr std::string_view kBold = "\x1b[1m";
inline constexpr std::string_view kRed = "\x1b[31m";
inline constexpr std::string_view kGreen = "\x1b[32m";
inline constexpr std::string_view kYellow = "\x1b[33m";
inline constexpr std::string_view kCyan = "\x1b[36m";

class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}
  std::string operator()(std::string_view style, std::string_view text) const {
    if (!color_) return std::string(text);
    return std::string(style) + std::string(text) + std::string(kReset);
  }

 private:
  bool color_;
};

}  // namespace detail

}  // namespace detgw::report

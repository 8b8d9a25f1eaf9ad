// format_report and what the formats share: print order, UTF-8 repair, locations.

#include "core/report/format.hpp"

#include <array>
#include <utility>

namespace detgw::report {

namespace {

constexpr std::array<std::pair<std::string_view, Format>, 6> kFormats{{
    {"text", Format::Text},
    {"json", Format::Json},
    {"yaml", Format::Yaml},
    {"sarif", Format::Sarif},
    {"junit", Format::Junit},
    {"github", Format::Github},
}};

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  for (const auto& [text, format] : kFormats) {
    if (text == name) return format;
  }
  return std::nullopt;
}

std::string_view to_string(Format format) {
  for (const auto& [text, candidate] : kFormats) {
    if (candidate == format) return text;
  }
  return "text";
}

std::string_view format_names() { return "text, json, yaml, sarif, junit, github"; }

std::string format_report(const Report& report, Format format, const FormatOptions& options) {
  switch (format) {
    case Format::Text:
      return detail::format_text(report, options);
    case Format::Json:
      return detail::format_json(report, options);
    case Format::Yaml:
      return detail::format_yaml(report, options);
    case Format::Sarif:
      return detail::format_sarif(report, options);
    case Format::Junit:
      return detail::format_junit(report, options);
    case Format::Github:
      return detail::format_github(report, options);
  }
  return detail::format_text(report, options);
}

namespace detail {

std::vector<Finding> sorted_findings(const Report& report) {
  std::vector<Finding> findings = report.findings;
  sort_findings(findings);
  return findings;
}

char32_t next_code_point(std::string_view text, std::size_t& pos) {
  constexpr char32_t kReplacement = 0xFFFD;
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  std::size_t length = 0;
  char32_t code_point = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07, minimum = 0x10000;
  } else {
    ++pos;
    return kReplacement;
  }
  if (pos + length > text.size()) {
    ++pos;
    return kReplacement;
  }
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[pos + k]);
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return kReplacement;
    }
    code_point = (code_point << 6) | (next & 0x3F);
  }
  if (code_point < minimum || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    ++pos;
    return kReplacement;
  }
  pos += length;
  return code_point;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) append_utf8(out, next_code_point(text, pos));
  return out;
}

bool is_pseudo_file(std::string_view file) {
  return file.size() >= 2 && file.front() == '<' && file.back() == '>';
}

std::string location_text(const SourceLocation& location) {
  if (location.file.empty()) return "";
  std::string out = location.file;
  if (location.line > 0) {
    // Piece by piece: `":" + std::to_string(n)` trips GCC 12's false -Wrestrict at -O3.
    out += ':';
    out += std::to_string(location.line);
    if (location.column > 0) {
      out += ':';
      out += std::to_string(location.column);
    }
  }
  return out;
}

std::string describe(const InputError& error) {
  std::string out = location_text(error.location);
  if (!out.empty()) out += ": ";
  out += error.message;
  return out;
}

std::string input_list(const Report& report) {
  std::string out;
  for (const auto& input : report.inputs) {
    if (!out.empty()) out += ", ";
    out += input.file;
  }
  return out;
}

}  // namespace detail

}  // namespace detgw::report

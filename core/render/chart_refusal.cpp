#include "core/render/chart_refusal.hpp"

#include <cctype>

#include "core/model/known_keys.hpp"

namespace detgw::render {
namespace {

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text + " ") {
    if (word_char(c)) {
      current += c;
      continue;
    }
    while (!current.empty() && current.back() == '.') current.pop_back();
    while (!current.empty() && current.front() == '.') current.erase(0, 1);
    if (current.rfind("Values.", 0) == 0) current.erase(0, 7);
    if (!current.empty()) out.push_back(current);
    current.clear();
  }
  return out;
}

std::vector<std::string> segments(const std::string& dotted) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= dotted.size()) {
    auto end = dotted.find('.', start);
    if (end == std::string::npos) end = dotted.size();
    if (end > start) out.push_back(dotted.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool known_top_level(const std::string& key, const model::ConfigModel& values) {
  if (values.root && values.root->is_mapping() && values.root->find_entry(key)) return true;
  return model::find_key(model::chart_top_level_keys(), key, false) != nullptr;
}

// The field at `keys` below the values root: as deep as the values go, then the first missing
// key (pointing at the mapping that lacks it).
model::Field field_at(const std::vector<std::string>& keys, const model::ConfigModel& values) {
  model::Field field;
  field.node = values.root;
  for (const auto& key : keys) {
    model::Field next;
    next.parent = field.node;
    next.set_path(field.path().key(key));
    if (field.node && field.node->is_mapping())
      if (const auto* entry = field.node->find_entry(key)) {
        next.node = entry->value;
        next.entry = entry;
      }
    field = next;
    if (!field.node) break;
  }
  return field;
}

}  // namespace

model::Field named_value(const std::string& message, const model::ConfigModel& values) {
  for (const auto& word : words(message)) {
    auto keys = segments(word);
    if (keys.empty() || keys.front().size() < 2 || !known_top_level(keys.front(), values)) continue;
    return field_at(keys, values);
  }
  return {};
}

report::Finding chart_refusal_finding(const ChartRefusal& refusal, const model::ConfigModel& values,
                                      const std::string& chart) {
  report::Finding finding;
  finding.code = kChartRefusalCode;
  finding.severity = report::Severity::Error;
  finding.message = "the chart refuses to render these values (helm template): ";
  finding.message += refusal.message;
  finding.hint = "fix the value the chart's message names (--no-chart-render skips this check)";
  const model::Field named = named_value(refusal.message, values);
  if (named.node || named.parent) {
    const yaml::Path path = named.path();
    finding.path = path.dotted();
    finding.pointer = path.pointer();
    finding.location = named.value_location();
    return finding;
  }
  // The template that refused: "<chart name>/templates/x.yaml" inside the chart directory.
  finding.location.file = chart;
  if (!refusal.template_file.empty()) {
    const auto slash = refusal.template_file.find('/');
    finding.location.file += '/';
    finding.location.file += slash == std::string::npos ? refusal.template_file
                                                        : refusal.template_file.substr(slash + 1);
    finding.location.line = refusal.line;
    finding.location.column = refusal.column;
  }
  return finding;
}

}  // namespace detgw::render

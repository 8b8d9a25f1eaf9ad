// Values, master or devcluster text through `helm multirm lint`'s whole pipeline: the YAML parsed
// with positions, the shape detected (or forced), the models built, every rule run, and the
// report printed in every format. Nothing runs helm: the chart render check is off.

#include "core/app/lint.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/report/format.hpp"

using namespace detgw;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // Auto-detection is what users get; a forced shape also feeds the builders the wrong kind of
  // document, as --input-format does. The size picks one, so every input keeps one behaviour.
  static constexpr app::InputFormat kFormats[] = {
      app::InputFormat::Auto, app::InputFormat::Auto, app::InputFormat::Values,
      app::InputFormat::Master, app::InputFormat::Devcluster};
  app::LintOptions options;
  options.chart_render = false;
  options.input_format = kFormats[size % std::size(kFormats)];
  options.env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "HOME") return "/home/fuzz";
    return std::nullopt;
  };
  options.inline_values.emplace_back("values.yaml", text);
  const auto result = app::lint(options);

  report::FormatOptions format;
  format.version = "fuzz";
  for (const auto f : {report::Format::Text, report::Format::Json, report::Format::Yaml,
                       report::Format::Sarif, report::Format::Junit, report::Format::Github}) {
    format.color = f == report::Format::Text;
    (void)report::format_report(result.report, f, format);
  }
  return 0;
}

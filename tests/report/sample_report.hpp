#pragma once
// The report every format test prints: all three severities, two real files and a pseudo-file,
// and strings chosen to break naive escaping (quotes, backslashes, line breaks, `%`, `::`, `,`,
// `<`/`&`, YAML indicators, ESC and other control characters, non-ASCII, invalid UTF-8).

#include <string>

#include "core/report/finding.hpp"
#include "core/report/format.hpp"

namespace detgw::report::test {

// Valid UTF-8, but every other kind of trouble.
inline const std::string kNastyMessage =
    "missing \"cluster_name\" \\ in 'east'\nsecond line\r\nthird: 100% sure :: a,b <b>&amp; "
    "- &anchor *alias !tag #comment {x: [y]} — ünïcødé ✓ 日本\ttab \x1b[31mred\x01\x7f end";
inline const std::string kNastyHint = "add `cluster_name: \"east\"` (see ::docs, 50%)";
// Invalid UTF-8 (a lone continuation byte and a truncated sequence) and a NUL.
inline const std::string kBrokenMessage =
    std::string("pool \"gpu\xff\" used twice \xe2\x82") + std::string(1, '\0') + " (nul)";
inline const std::string kBrokenMessageRepaired =
    std::string("pool \"gpu\xEF\xBF\xBD\" used twice \xEF\xBF\xBD\xEF\xBF\xBD") +
    std::string(1, '\0') + " (nul)";

// Print order (file, line, column): C <command line>, D master.yaml, B values.yaml:3, A
// values.yaml:12.
inline Finding finding_a() {
  Finding f;
  f.code = "MRM012";
  f.severity = Severity::Error;
  f.message = kNastyMessage;
  f.hint = kNastyHint;
  f.path = "additional_resource_managers[0].resource_manager";
  f.pointer = "/additional_resource_managers/0/resource_manager";
  f.location = {"values.yaml", 12, 5};
  f.rm = "east";
  return f;
}

inline Finding finding_b() {
  Finding f;
  f.code = "HLM007";
  f.severity = Severity::Warning;
  f.message = "unknown top-level key \"addtional_resource_manager\"";
  f.hint = "did you mean additional_resource_managers?";
  f.path = "addtional_resource_manager";
  f.pointer = "/addtional_resource_manager";
  f.location = {"values.yaml", 3, 1};
  return f;
}

inline Finding finding_c() {
  Finding f;
  f.code = "ITG007";
  f.severity = Severity::Info;
  f.message = "port range 32768-65535 is larger than the listener cap 64";
  f.path = "resource_manager.internal_task_gateway";
  f.pointer = "/resource_manager/internal_task_gateway";
  f.location = {"<command line>", 2, 0};
  f.rm = "default";
  return f;
}

inline Finding finding_d() {
  Finding f;
  f.code = "MRM015";
  f.severity = Severity::Error;
  f.message = kBrokenMessage;
  f.path = "resource_pools[1].pool_name";
  f.pointer = "/resource_pools/1/pool_name";
  f.location = {"master.yaml", 7, 3};
  f.rm = "default";
  return f;
}

inline Report sample_report() {
  Report r;
  r.tool = "helm multirm lint";
  r.inputs = {{"values.yaml", "values"}, {"master.yaml", "master"}};
  r.findings = {finding_a(), finding_b(), finding_c(), finding_d()};  // not in print order
  r.subject_summary = "3 resource managers, 5 pools, 2 gateways";
  return r;
}

inline Report clean_report() {
  Report r;
  r.tool = "helm multirm lint";
  r.inputs = {{"values.yaml", "values"}};
  r.subject_summary = "3 resource managers, 5 pools, 2 gateways";
  return r;
}

// A run whose inputs could not be read: a syntax error, a missing file, a NUL byte on stdin.
inline Report unreadable_report() {
  Report r;
  r.tool = "helm multirm lint";
  r.input_errors = {
      {{"broken.yaml", 2, 1}, "YAML syntax error: end of sequence flow not found"},
      {{"missing.yaml", 0, 0}, "cannot read file: No such file or directory"},
      {{"<stdin>", 1, 3}, "NUL byte in input: not a text file"},
  };
  return r;
}

inline FormatOptions options(bool color = false) {
  FormatOptions o;
  o.color = color;
  o.version = "0.1.0";
  return o;
}

}  // namespace detgw::report::test

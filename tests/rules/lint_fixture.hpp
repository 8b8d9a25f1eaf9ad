#pragma once
// Lints YAML text written in a test and finds findings by code, so each rule test states its
// input, the code, the message and the position it expects. Also holds the assertions the rule
// tests share (a finding's severity, path, position and message; "this input is clean") and the
// base inputs more than one rule test builds on.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/app/lint.hpp"
#include "tests/common/test_support.hpp"

namespace detgw::test {

struct LintRun {
  app::CommandResult result;
  std::string file;  // the path the input was written to

  std::vector<report::Finding> with_code(const std::string& code) const;
  bool has(const std::string& code) const { return !with_code(code).empty(); }
  // The only finding with `code`; fails the test if there is not exactly one.
  report::Finding one(const std::string& code) const;
};

// Writes `yaml` to a temporary file and lints it with `format` ("auto", "values", "master",
// "devcluster"). `env` answers devcluster variable lookups (unset when absent).
// Linted as `--upgrade` (the release exists), so the inputs of the other rules' tests need no
// initialUserPassword; lint_yaml_install lints as a first install, HLM011 included.
LintRun lint_yaml(const std::string& yaml, const std::string& format = "auto",
                  std::vector<std::pair<std::string, std::string>> env = {},
                  std::size_t max_listeners = 64);
LintRun lint_yaml_install(const std::string& yaml, const std::string& format = "auto");

// ---- Assertions --------------------------------------------------------------------------

// Asserts everything a finding says besides its code: severity, path, line, column and a part
// of its message.
void expect_finding(const report::Finding& f, report::Severity severity, const std::string& path,
                    int line, int column, const std::string& message_part);

// No finding at all, no error, and exit 0.
void expect_clean(const LintRun& run);

// How many findings have a code starting with `prefix` ("ITG", "HLM", ...).
std::size_t count_with_prefix(const LintRun& run, const std::string& prefix);

// ---- Base inputs -------------------------------------------------------------------------

// A master config whose root RM (cluster east, pool default) lints clean; lines 1-6.
inline const std::string kMasterRoot = R"(resource_manager:
  type: kubernetes
  cluster_name: east
  max_slots_per_pod: 1
resource_pools:
  - pool_name: default
)";

// The keys of a good additional RM (cluster west) in a master config, indented 6 spaces.
inline const std::string kAdditionalRmBody = R"(      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
      kubeconfig_path: /k
      determined_master_host: h
      determined_master_port: 8080
)";

// The pool list of that additional RM, indented 6 spaces.
inline const std::string kWestPool = "      - pool_name: west\n";

// kMasterRoot plus one additional RM: its `- resource_manager:` at line 8, `rm_body` from
// line 9 (column 7), then `resource_pools:` and `pools`.
std::string master_with_additional(const std::string& rm_body,
                                   const std::string& pools = kWestPool);

// The head of Helm values with additional RMs; the first entry starts at line 3.
inline const std::string kValuesHead = "maxSlotsPerPod: 1\nadditional_resource_managers:\n";

// kValuesHead plus one additional RM: its `- resource_manager:` at line 3, `rm_body` from
// line 4 (column 7), then `resource_pools:` and `pools`.
std::string values_with_additional(const std::string& rm_body,
                                   const std::string& pools = kWestPool);

// The keys of an additional RM (cluster west, secret s/config) in Helm values that does not
// yet say where tasks reach the master (no determined_master_host/port), indented 6 spaces.
inline const std::string kWestValuesRm = R"(      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
      kubeconfig_secret_name: s
      kubeconfig_secret_value: config
)";

// Where tasks of an additional RM reach the master (host h, port 8080), indented 6 spaces;
// kWestValuesRm + kMasterHostPort is a good additional RM in Helm values.
inline const std::string kMasterHostPort =
    "      determined_master_host: h\n      determined_master_port: 8080\n";

// The keys of a good additional RM (cluster east, secret east-kubeconfig/config, master
// 10.0.0.1:8080) in Helm values, indented 6 spaces; after kValuesHead they are lines 4-10.
inline const std::string kEastValuesRmBody = R"(      type: kubernetes
      cluster_name: east
      max_slots_per_pod: 1
      kubeconfig_secret_name: east-kubeconfig
      kubeconfig_secret_value: config
      determined_master_host: 10.0.0.1
      determined_master_port: 8080
)";

// The pool list of that RM, indented 6 spaces.
inline const std::string kEastPool = "      - pool_name: east\n";

}  // namespace detgw::test

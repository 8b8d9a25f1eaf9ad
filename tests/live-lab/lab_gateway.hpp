#pragma once
// The lab's second cluster as the live tests use it: its Gateway projectcontour/contour, reset to
// the seed listener before each test; detsim making allocations the way the master does; the real
// kubectl and kubectl-detgw binaries; lab2's audit log.

#include <rapidjson/document.h>

#include <set>
#include <string>
#include <vector>

#include "tests/common/test_support.hpp"

namespace detgw::test::lab2 {

inline const std::string kContext = "lab2-admin";
inline const std::string kGateway = "projectcontour/contour";

std::string run_dir();
std::string kubeconfig();
// A file in the lab's run directory.
std::string write_file(const std::string& name, const std::string& text);

RunResult kubectl(std::vector<std::string> args, const std::string& context = kContext);
RunResult detsim(std::vector<std::string> args);
// `detsim alloc` of `ports` listeners for allocation `id` in namespace default (range 40000-40999).
RunResult alloc(const std::string& id, int ports, const std::string& leak = {});
// kubectl-detgw with lab2's kubeconfig and context appended.
RunResult plugin(std::vector<std::string> args);

rapidjson::Document parse(const std::string& text);
// The codes of a findings report (doctor -o json).
std::set<std::string> codes(const rapidjson::Document& report);
std::set<std::string> doctor_codes(std::vector<std::string> args);
// Polls doctor until `code` shows (Contour writes status asynchronously); the last result.
std::set<std::string> doctor_until(const std::string& code, std::vector<std::string> args);

// The Gateway as the lab made it: the seed listener only, no annotation; no task objects.
void reset_gateway();
// The Gateway's spec.listeners and metadata.annotations as JSON text, to compare before/after.
std::string gateway_spec_and_annotations();

const rapidjson::Value* listener_at(const rapidjson::Document& status, int port);
// Values with one additional RM `east` whose resource_manager ends with `gateway_block`.
std::string values_with_gateway(const std::string& gateway_block);

// Requests lab2's API server logged from kubectl-detgw (its User-Agent) for one command.
int requests_of(const std::vector<std::string>& args);

}  // namespace detgw::test::lab2

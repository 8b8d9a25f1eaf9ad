#include "core/app/doctor.hpp"

#include "core/app/exit_code.hpp"
#include "core/kube/discovery.hpp"
#include "core/live/live_check.hpp"
#include "core/live/read_snapshot.hpp"

namespace detgw::app {
namespace {

// No usable answer, TLS failure or authentication failure: LIV001. A 403 on what doctor itself
// must read is a plain cluster error (exit 4) without a report.
bool unreachable(const kube::ApiError& error) {
  return error.failure != kube::FailureKind::Status || error.unauthorized();
}

// The cluster did not answer: LIV001, and the run ends with exit 4.
void report_unreachable(const Error& error, CommandResult& result) {
  const auto* check = live::find_live_check("LIV001");
  report::Finding f;
  f.code = "LIV001";
  f.severity = report::Severity::Error;
  f.message = error.describe();
  f.hint =
      "check the kubeconfig context, the network path and the credentials (kubectl detgw version "
      "shows what the flags resolve to)";
  result.report.findings.push_back(std::move(f));
  result.report.checks.push_back({std::string(check->group),
                                  std::string(check->title),
                                  "LIV001",
                                  report::CheckOutcome::Failed,
                                  {}});
  result.errors.push_back(error);
}

}  // namespace

std::vector<std::string> live_check_codes() {
  std::vector<std::string> codes;
  for (const auto& check : live::all_live_checks()) codes.emplace_back(check.code);
  return codes;
}

CommandResult doctor(const DoctorOptions& options) {
  CommandResult result;
  result.report.tool = "kubectl detgw doctor";
  const auto fail_level = options.strict ? report::Severity::Warning : report::Severity::Error;
  auto finish = [&] {
    report::sort_findings(result.report.findings);
    note_input_errors(result.report, result.errors);
    result.exit_code = exit_code_for(result.report.findings, fail_level, result.errors);
    return std::move(result);
  };
  if (auto bad = options.rules.validate(live_check_codes())) {
    result.errors.push_back(*bad);
    return finish();
  }

  auto session = connect(options);
  if (!session) {
    result.errors.push_back(session.error());
    return finish();
  }
  // Reachable first: every other check needs an answer from the API server.
  auto version = kube::server_version(*session->client);
  if (!version) {
    if (unreachable(version.error()))
      report_unreachable(version.error(), result);
    else
      result.errors.push_back(version.error());
    return finish();
  }
  if (auto error = find_targets(*session, options.selection)) {
    result.errors.push_back(*error);
    return finish();
  }
  const bool access = options.pre || !options.as_master.empty();
  std::vector<live::LiveCheck> checks;
  for (const auto& check : live::all_live_checks())
    if (options.rules.is_enabled(std::string(check.code)) && (access || !check.needs_access_review))
      checks.push_back(check);

  // Every target at once: their reads go out together, round by round.
  std::vector<live::SnapshotRequest> requests;
  for (const auto& target : session->targets) {
    live::SnapshotRequest request;
    request.gateway = target.gateway;
    request.expected = target.expected;
    request.tcproute_crd = true;
    request.gateway_class = true;
    request.master_access = access;
    request.master_subject = options.as_master;
    request.task_namespace = target.expected.task_namespace;
    requests.push_back(std::move(request));
  }
  auto snapshots = live::read_gateway_snapshots(*session->client, requests);

  std::string subjects;
  for (std::size_t i = 0; i < session->targets.size(); ++i) {
    const auto& target = session->targets[i];
    auto& snapshot = snapshots[i];
    if (!snapshot) {
      result.errors.push_back(snapshot.error());
      break;
    }
    snapshot->server_version = version->git_version;
    for (const auto& note : snapshot->notes) result.notes.push_back(note);
    const auto table = live::build_listener_table(*snapshot);
    const live::LiveModel model{*snapshot, table, target.rm};
    const std::string suffix =
        session->targets.size() > 1 ? " (gateway " + target.gateway.text() + ")" : "";
    auto run = live::run_live_checks(model, checks, suffix);
    for (auto& f : run.findings)
      if (!options.rules.is_suppressed(f)) result.report.findings.push_back(std::move(f));
    for (auto& c : run.checks) result.report.checks.push_back(std::move(c));
    result.report.inputs.push_back(
        {live::object_name("gateway", target.gateway),
         target.expected.source.empty() ? "live" : "live, " + target.expected.source});
    subjects += (subjects.empty() ? "Gateway " : ", ") + target.gateway.text();
  }
  result.report.subject_summary = subjects + " in " + session->cluster_text();
  return finish();
}

}  // namespace detgw::app

#include "core/live/live_check.hpp"

#include <algorithm>

namespace detgw::live {

void CheckSink::report(std::string message, std::string hint, std::string object,
                       std::string path) {
  report(severity_, std::move(message), std::move(hint), std::move(object), std::move(path));
}

void CheckSink::report(Severity severity, std::string message, std::string hint, std::string object,
                       std::string path) {
  report::Finding f;
  f.code = std::string(code_);
  f.severity = severity;
  f.message = std::move(message);
  f.hint = std::move(hint);
  if (object.empty() && !model_.snapshot.gateway_ref.name.empty())
    object = object_name("gateway", model_.snapshot.gateway_ref);
  f.location.file = std::move(object);
  f.path = std::move(path);
  f.rm = model_.rm;
  out_.push_back(std::move(f));
  if (reported_++ == 0 || severity > worst_) worst_ = severity;
}

report::CheckResult CheckSink::result(std::string_view group, std::string_view title) const {
  report::CheckResult r{std::string(group), std::string(title), std::string(code_),
                        report::CheckOutcome::Passed, detail_};
  if (reported_ > 0) {
    switch (worst_) {
      case Severity::Error:
        r.outcome = report::CheckOutcome::Failed;
        break;
      case Severity::Warning:
        r.outcome = report::CheckOutcome::Warning;
        break;
      case Severity::Info:
        r.outcome = report::CheckOutcome::Info;
        break;
    }
  } else if (!skipped_.empty()) {
    r.outcome = report::CheckOutcome::Skipped;
    r.detail = skipped_;
  } else if (!unknown_.empty()) {
    r.outcome = report::CheckOutcome::Unknown;
    r.detail = unknown_;
  }
  return r;
}

std::vector<LiveCheck> all_live_checks() {
  std::vector<LiveCheck> all;
  for (auto family : {api_checks(), gateway_checks(), capacity_checks(), consistency_checks(),
                      permission_checks()})
    all.insert(all.end(), family.begin(), family.end());
  return all;
}

const LiveCheck* find_live_check(std::string_view code) {
  for (auto family : {api_checks(), gateway_checks(), capacity_checks(), consistency_checks(),
                      permission_checks()})
    for (const auto& check : family)
      if (check.code == code) return &check;
  return nullptr;
}

LiveCheckRun run_live_checks(const LiveModel& model, const std::vector<LiveCheck>& checks,
                             const std::string& group_suffix) {
  LiveCheckRun run;
  for (const auto& check : checks) {
    CheckSink sink(check.code, check.severity, model, run.findings);
    check.check(model, sink);
    run.checks.push_back(sink.result(std::string(check.group) + group_suffix, check.title));
  }
  return run;
}

std::string object_name(std::string_view kind, const ObjectRef& ref) {
  return std::string(kind) + "/" + ref.text();
}

}  // namespace detgw::live

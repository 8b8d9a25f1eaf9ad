#include "kubectl-detgw/capacity_command.hpp"

#include <cstdio>
#include <iostream>

#include "core/app/capacity.hpp"
#include "core/app/exit_code.hpp"
#include "core/report/format.hpp"
#include "core/report/listing.hpp"
#include "kubectl-detgw/confirm.hpp"
#include "kubectl-detgw/listing_output.hpp"

namespace detgw::kubectl_detgw {
namespace {

rapidjson::Value cap(const std::optional<int>& n) {
  return n ? rapidjson::Value(*n) : rapidjson::Value(rapidjson::kNullType);
}

rapidjson::Value info_json(const live::CapacityInfo& info, JsonAllocator& a) {
  rapidjson::Value out(rapidjson::kObjectType);
  out.AddMember("bundleVersion", json_text(info.crd.bundle_version, a), a);
  out.AddMember("channel", json_text(info.crd.channel, a), a);
  out.AddMember("safeUpgradesPolicy",
                info.safe_upgrades_policy ? rapidjson::Value(*info.safe_upgrades_policy)
                                          : rapidjson::Value(rapidjson::kNullType),
                a);
  rapidjson::Value versions(rapidjson::kArrayType);
  for (const auto& v : info.crd.versions) {
    rapidjson::Value version(rapidjson::kObjectType);
    version.AddMember("name", json_text(v.name, a), a);
    version.AddMember("served", v.served, a);
    version.AddMember("storage", v.storage, a);
    version.AddMember("specMaxListeners", cap(v.spec_max_listeners), a);
    version.AddMember("statusMaxListeners", cap(v.status_max_listeners), a);
    versions.PushBack(version, a);
  }
  out.AddMember("versions", versions, a);
  return out;
}

std::string cap_text(const std::optional<int>& n) { return n ? std::to_string(*n) : "-"; }

void print_info(const live::CapacityInfo& info) {
  std::cout << "Gateway API " << (info.crd.bundle_version.empty() ? "?" : info.crd.bundle_version)
            << " (" << (info.crd.channel.empty() ? "?" : info.crd.channel)
            << "); safe-upgrades admission policy: "
            << (!info.safe_upgrades_policy   ? "unknown"
                : *info.safe_upgrades_policy ? "present"
                                             : "absent")
            << "\n";
  std::cout << "VERSION  SERVED  STORAGE  SPEC MAX LISTENERS  STATUS MAX LISTENERS\n";
  for (const auto& v : info.crd.versions) {
    char line[128];
    std::snprintf(line, sizeof line, "%-8s %-7s %-8s %-19s %s", v.name.c_str(),
                  v.served ? "true" : "false", v.storage ? "true" : "false",
                  cap_text(v.spec_max_listeners).c_str(), cap_text(v.status_max_listeners).c_str());
    std::cout << report::detail::printable(line, "") << "\n";
  }
}

}  // namespace

CapacityCommand::CapacityCommand(CLI::App& parent) {
  auto* cmd = parent.add_subcommand("capacity",
                                    "Show the Gateway listener caps of the CRD; raise them safely");
  kube_.add_to(*cmd);
  describe_output(*cmd, {"text", "json", "yaml"});
  cmd->add_option("--set-max-listeners", set_max_listeners_,
                  "Set spec and status listeners maxItems in every served Gateway version")
      ->check(CLI::Range(1, 1000000));
  cmd->add_flag("--probe", probe_,
                "Find the largest cap the API server accepts (server-side dry runs only)");
  cmd->add_flag("--dry-run", dry_run_, "Ask the API server, change nothing");
  cmd->add_flag("--yes", yes_, "Write without asking");
  cmd->footer(
      "--set-max-listeners patches the Gateway CRD (a JSON Patch with tests on every value it\n"
      "replaces) after a server-side dry run; it never deletes the CRD, which would delete\n"
      "every Gateway. A CRD upgrade resets the cap: run it again after one.\n"
      "\n"
      "Examples:\n"
      "  kubectl detgw capacity\n"
      "  kubectl detgw capacity --probe\n"
      "  kubectl detgw capacity --set-max-listeners 128 --dry-run\n"
      "  kubectl detgw capacity --set-max-listeners 128 --yes\n"
      "\n"
      "Exit codes: 0 done, 1 the server refuses the cap, 2 usage error, 4 cluster error.\n");
  cmd->callback([this] { run(); });
}

void CapacityCommand::run() {
  ran_ = true;
  if (!check_output(kube_.output, {"text", "json", "yaml"})) {
    exit_code_ = app::kExitUsage;
    return;
  }
  app::CapacityOptions options;
  options.overrides = kube_.overrides;
  options.logger = kube_.logger();
  options.user_agent = app::user_agent("kubectl-detgw");
  options.set_max_listeners = set_max_listeners_;
  options.probe = probe_;
  options.dry_run = dry_run_;
  const bool yes = yes_;
  options.confirm = [yes](int current, int wanted) {
    return confirm_write(yes, {},
                         "Change the Gateway listener cap from " + std::to_string(current) +
                             " to " + std::to_string(wanted) + " in every served version?");
  };
  auto result = app::capacity(options);
  const bool asked = set_max_listeners_.has_value();
  if (kube_.output != "text" && result.before) {
    rapidjson::Document doc;
    doc.SetObject();
    auto& a = doc.GetAllocator();
    doc.AddMember("cluster", json_text(result.cluster, a), a);
    doc.AddMember("before", info_json(*result.before, a), a);
    if (result.after) doc.AddMember("after", info_json(*result.after, a), a);
    if (result.change) {
      rapidjson::Value change(rapidjson::kObjectType);
      change.AddMember("requested", *set_max_listeners_, a);
      change.AddMember("accepted", result.change->accepted, a);
      change.AddMember("written", result.written, a);
      change.AddMember("refusal", json_text(result.change->refusal, a), a);
      change.AddMember("explanation", json_text(result.change->explanation, a), a);
      doc.AddMember("change", change, a);
    }
    if (result.probed) doc.AddMember("probedMaxListeners", *result.probed, a);
    std::cout << (kube_.output == "json" ? report::listing_json(doc) : report::listing_yaml(doc));
  } else if (result.before) {
    print_info(result.after ? *result.after : *result.before);
    if (asked && result.change) {
      if (!result.change->accepted) {
        const auto& c = *result.change;
        const std::string why = c.explanation.empty() ? "the API server refuses " +
                                                            std::to_string(*set_max_listeners_) +
                                                            " listeners: " + c.refusal
                                                      : c.explanation;
        std::cout << "× " << report::detail::printable(why, "  ") << "\n";
      } else if (result.written) {
        std::cout << "✔ the cap is now " << *set_max_listeners_ << " in every served version\n";
      } else {
        std::cout << "✔ the API server accepts " << *set_max_listeners_
                  << " (dry run: nothing written" << (dry_run_ ? "" : "; run with --yes to write")
                  << ")\n";
      }
    }
    if (result.probed)
      std::cout << "the API server accepts up to " << *result.probed
                << " listeners (server-side dry runs)\n";
  }
  for (const auto& e : result.errors) print_error(e);
  exit_code_ = result.exit_code;
}

}  // namespace detgw::kubectl_detgw

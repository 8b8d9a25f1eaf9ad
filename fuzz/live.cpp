// API JSON through the live Gateway model: the input is one response body, a List whose items
// are the objects `kubectl detgw` reads (Gateway, TCPRoutes, Services, the Gateway API CRDs, the
// GatewayClass; `kubectl get -o json` prints such a List). It is decoded as API answers are,
// parsed by kind into a snapshot, joined into the listener table, and every live check runs.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/kube/api_client.hpp"
#include "core/live/gateway_snapshot.hpp"
#include "core/live/listener_table.hpp"
#include "core/live/live_check.hpp"
#include "core/report/format.hpp"

using namespace detgw;

namespace {

std::string string_at(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject()) return {};
  const auto it = object.FindMember(key);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kube::HttpResponse response;
  response.status = 200;
  response.body.assign(reinterpret_cast<const char*>(data), size);
  auto body = kube::decode_response(response);
  if (!body || !body->IsObject()) return 0;
  const auto items = body->FindMember("items");
  if (items == body->MemberEnd() || !items->value.IsArray()) return 0;

  live::GatewaySnapshot s;
  s.gateway_ref = {"projectcontour", "contour"};
  s.server_version = "v1.34.4";
  s.routes_listed = s.services_listed = true;
  s.tcproute_version = "v1alpha2";
  s.expected = {"values.yaml (RM east)", "10.0.0.1", 32768, 32800, "default"};
  for (const auto& item : items->value.GetArray()) {
    const std::string kind = string_at(item, "kind");
    if (kind == "Gateway") {
      s.gateway = live::parse_gateway(item);
      s.gateway_ref = s.gateway->ref;
    } else if (kind == "TCPRoute") {
      s.routes.push_back(live::parse_tcproute(item));
    } else if (kind == "Service") {
      s.services.push_back(live::parse_service(item));
    } else if (kind == "GatewayClass") {
      s.gateway_class = live::parse_gateway_class(item);
    } else if (kind == "CustomResourceDefinition") {
      auto crd = live::parse_crd(item);
      (crd.name.starts_with("tcproutes.") ? s.tcproute_crd : s.gateway_crd) = std::move(crd);
    }
  }
  (void)live::looks_like_determined_gateway(s.gateway.value_or(live::Gateway{}));
  const auto table = live::build_listener_table(s);
  const live::LiveModel model{s, table, "east"};
  auto run = live::run_live_checks(model, live::all_live_checks());

  report::Report report;
  report.tool = "kubectl detgw doctor";
  report.findings = std::move(run.findings);
  report.checks = std::move(run.checks);
  for (const auto f : {report::Format::Text, report::Format::Json, report::Format::Sarif})
    (void)report::format_report(report, f, {});
  return 0;
}

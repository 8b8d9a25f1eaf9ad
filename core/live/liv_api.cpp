// LIV001, LIV010-LIV012: the API server and the Gateway API CRDs Determined 0.38 needs.

#include <map>
#include <set>

#include "core/live/live_check.hpp"

namespace detgw::live {
namespace {

const std::string kGatewayCrd = "crd/gateways.gateway.networking.k8s.io";
const std::string kTcpRouteCrd = "crd/tcproutes.gateway.networking.k8s.io";

std::string bundle(const Crd& crd) {
  std::string text = crd.bundle_version.empty() ? "unknown bundle" : crd.bundle_version;
  return text + ", " + (crd.channel.empty() ? "unknown channel" : crd.channel);
}

void api_reachable(const LiveModel& m, CheckSink& sink) {
  if (m.snapshot.server_version)
    sink.note("Kubernetes " + *m.snapshot.server_version);
  else
    sink.skip("the server version was not read");
}

void gateway_crd(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.gateway_crd) return sink.unknown("the CRD could not be read");
  const Crd& crd = *m.snapshot.gateway_crd;
  if (!crd.present)
    return sink.report(
        "the Gateway API CRDs are not installed (gateways.gateway.networking.k8s.io does not "
        "exist): "
        "the master cannot add listeners for proxied tasks",
        "install the Gateway API CRDs, experimental channel (TCPRoute v1alpha2): kubectl apply "
        "--server-side -f experimental-install.yaml of a Gateway API release",
        kGatewayCrd);
  if (!crd.serves("v1"))
    return sink.report("the Gateway CRD does not serve v1 (" + bundle(crd) +
                           "): Determined 0.38 reads and updates Gateways through "
                           "gateway.networking.k8s.io/v1",
                       "install Gateway API v1.0.0 or later", kGatewayCrd);
  sink.note(bundle(crd));
}

void tcproute_crd(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.tcproute_crd) return sink.unknown("the CRD could not be read");
  const Crd& crd = *m.snapshot.tcproute_crd;
  const std::string hint =
      "install the experimental channel of the Gateway API (up to v1.6), which serves TCPRoute "
      "v1alpha2; the standard channel has no TCPRoute before v1.6 and serves only v1 from v1.6";
  if (!crd.present)
    return sink.report(
        "the TCPRoute CRD is not installed: the master fails at startup (listing TCPRoutes) and "
        "cannot expose tasks",
        hint, kTcpRouteCrd);
  if (!crd.serves("v1alpha2"))
    return sink.report("TCPRoute v1alpha2 is not served (" + bundle(crd) +
                           (crd.serves("v1") ? ", only v1 is" : "") +
                           "): Determined 0.38 creates TCPRoutes through v1alpha2 and the master "
                           "fails at startup (listing TCPRoutes)",
                       hint, kTcpRouteCrd);
  const auto* v = crd.version("v1alpha2");
  sink.note("v1alpha2 served" + std::string(v && v->deprecated ? ", deprecated" : "") + ", " +
            bundle(crd));
}

std::string cap_text(const std::optional<int>& cap) {
  return cap ? std::to_string(*cap) : "no limit";
}

void listener_caps(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.gateway_crd) return sink.unknown("the CRD could not be read");
  const Crd& crd = *m.snapshot.gateway_crd;
  if (!crd.present) return sink.skip("no Gateway CRD");
  const std::string hint =
      "kubectl detgw capacity --set-max-listeners N sets spec and status caps in every served "
      "version together";
  std::set<std::optional<int>> spec_caps;
  std::string seen;
  for (const auto& v : crd.versions) {
    if (!v.served) continue;
    spec_caps.insert(v.spec_max_listeners);
    seen += (seen.empty() ? "" : ", ") + v.name + " " + cap_text(v.spec_max_listeners);
    if (v.spec_max_listeners != v.status_max_listeners)
      sink.report("Gateway " + v.name + " allows " + cap_text(v.spec_max_listeners) +
                      " listeners in spec but " + cap_text(v.status_max_listeners) +
                      " in status: past the status cap the controller cannot write the "
                      "Gateway's status, which goes stale",
                  hint, kGatewayCrd,
                  "spec.versions[name=" + v.name + "].schema.openAPIV3Schema.properties");
  }
  if (spec_caps.size() > 1)
    sink.report("the served Gateway versions allow different numbers of listeners (" + seen +
                    "): writes through one version are refused where the other accepts them",
                hint, kGatewayCrd, "spec.versions");
  sink.note(seen);
}

constexpr LiveCheck kChecks[] = {
    {"LIV001", Severity::Error, "Kubernetes API", "the API server is reachable", api_reachable},
    {"LIV010", Severity::Error, "Gateway API CRDs",
     "Gateway API CRDs are installed, Gateway v1 served", gateway_crd},
    {"LIV011", Severity::Error, "Gateway API CRDs",
     "TCPRoute v1alpha2 is served (Determined 0.38 uses it)", tcproute_crd},
    {"LIV012", Severity::Warning, "Gateway API CRDs",
     "listener caps agree between spec, status and versions", listener_caps},
};

}  // namespace

std::span<const LiveCheck> api_checks() { return kChecks; }

}  // namespace detgw::live

#pragma once
// The fault tests' own one-cluster lab (tests/lab/up in a directory of their own): they kill
// its API server and raise its listener cap, which the shared lab's tests must never see. Started
// once for the test binary, taken down at its end. Also: a test CA and a certificate for the
// fault-injecting proxy, kubeconfigs that point at the proxy, and the commands under test.

#include <rapidjson/document.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tests/common/test_support.hpp"
#include "tests/faults/fault_injecting_proxy.hpp"

namespace detgw::test::faults {

inline const std::string kContext = "lab1-admin";
inline const std::string kGateway = "projectcontour/contour";

struct FaultLab {
  std::string dir;         // the run dir
  std::string kubeconfig;  // contexts lab1-admin, lab1-viewer, lab1-sa
  std::string pki;         // dir/lab1/pki: ca.crt, admin.crt, admin.key, tokens.csv, ...
  int apiserver_port = 0;
  // The test CA and the proxy's certificate for 127.0.0.1 (made by openssl).
  std::string test_ca, proxy_cert, proxy_key;

  std::string env(const std::string& key) const;  // a value of dir/lab.env
  UpstreamTls upstream(bool admin_certificate = true) const;
};

const FaultLab& lab();

// A kubeconfig (in `dir`) with one context `faulty` for `server`, trusting `ca_file`, whose user
// section is `user_yaml` (indented under `user:`), e.g. "    token: abc\n" or "" for none.
std::string write_kubeconfig(const TempDir& dir, const std::string& server,
                             const std::string& ca_file, const std::string& user_yaml = {});

// The lab behind a fault-injecting proxy, and a kubeconfig that points at the proxy. By default
// the proxy presents the lab's admin certificate upstream; otherwise the user's own credentials
// (`user_yaml`) go through.
class ProxiedLab {
 public:
  explicit ProxiedLab(std::function<Fault(const ProxyRequest&)> fault_for,
                      bool admin_certificate = true, const std::string& user_yaml = {});
  FaultInjectingProxy& proxy() { return proxy_; }
  const std::string& kubeconfig() const { return kubeconfig_; }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  FaultInjectingProxy proxy_;
  std::string kubeconfig_;
};

// A fault plan: the first `times` requests for each method and target get `fault`, later ones
// go through (a command sends its requests concurrently: counted per target, not in order).
std::function<Fault(const ProxyRequest&)> first_attempts(int times, Fault fault);
// How often the proxy saw each method and target ("GET /apis/...").
std::map<std::string, int> attempts_per_target(const FaultInjectingProxy& proxy);

RunResult kubectl(std::vector<std::string> args);
RunResult detsim(std::vector<std::string> args);
// kubectl-detgw with `kubeconfig` (and its current context) appended.
RunResult detgw(std::vector<std::string> args, const std::string& kubeconfig);

// What prune or capacity may write, as the real API server has it now (read with the lab's
// kubectl, not through the proxy): the Gateway's listeners and annotations, the TCPRoutes and
// Services of the namespace, the Gateway CRD's listener caps.
std::string gateway_state(const std::string& ns);
std::string listener_caps();
// Reset the Gateway to its seed listener and no annotations (what `up` made).
void reset_gateway();

// Kills the lab's API server (SIGKILL) and waits until it is gone; false when its pid is not the
// lab's kube-apiserver. Safe to call from the proxy's thread.
bool kill_apiserver();
// Starts it again with its own command line and waits until it is ready.
void restart_apiserver();

rapidjson::Document parse(const std::string& text);
// The output must not carry any credential of the lab (tokens, keys) nor `extra`.
void require_no_credential(const std::string& text, const std::vector<std::string>& extra = {});
// Every credential of the lab: the kubeconfig's users, every *.key file and tokens.csv.
std::vector<std::string> lab_secrets();

}  // namespace detgw::test::faults

#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <fstream>

#include "core/kube/auth_exec.hpp"
#include "core/kube/base64.hpp"
#include "core/kube/kubeconfig_write.hpp"
#include "tests/common/test_support.hpp"
#include "tests/kube/kube_test_util.hpp"

using namespace detgw;
using namespace detgw::kube;
using std::chrono::system_clock;

namespace {

std::string plugin_script(const detgw::test::TempDir& dir, const std::string& body) {
  auto p = dir.write("plugin.sh",
                     "#!/bin/sh\nd=$(dirname \"$0\")\necho x >> \"$d/runs\"\n"
                     "printf '%s' \"$KUBERNETES_EXEC_INFO\" > \"$d/info\"\n"
                     "printf '%s' \"$PLUGIN_ENV\" > \"$d/env\"\n" +
                         body);
  chmod(p.c_str(), 0755);
  return p.string();
}

int runs(const detgw::test::TempDir& dir) {
  std::ifstream in(dir.path() / "runs");
  int n = 0;
  for (std::string l; std::getline(in, l);) ++n;
  return n;
}

RestConfig exec_rest(const std::string& command,
                     const std::string& version = "client.authentication.k8s.io/v1") {
  RestConfig r;
  r.server = "https://127.0.0.1:6443";
  r.ca_data = "PEM";
  r.tls_server_name = "api.internal";
  ExecConfig e;
  e.api_version = version;
  e.command = command;
  e.interactive_mode = "Never";
  e.env = {{"PLUGIN_ENV", "from-kubeconfig"}};
  r.exec = e;
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kube_exec)

BOOST_AUTO_TEST_CASE(parses_exec_credentials_and_rejects_bad_ones) {
  const std::string v1 = "client.authentication.k8s.io/v1";
  auto tok = parse_exec_credential(
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"2030-01-02T03:04:05Z"}})",
      v1);
  KUBE_REQUIRE_OK(tok);
  BOOST_TEST(tok->token == "t");
  BOOST_REQUIRE(tok->expiration);
  BOOST_TEST(system_clock::to_time_t(*tok->expiration) == 1893553445);
  auto cert = parse_exec_credential(
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"C","clientKeyData":"K"}})",
      v1);
  KUBE_REQUIRE_OK(cert);
  BOOST_TEST(!cert->expiration);
  struct Bad {
    std::string json, message;
  };
  for (
      const auto& b : std::vector<Bad>{
          {R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"})",
           "exec plugin didn't return a status field"},
          {R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}})",
           "exec plugin didn't return a token or cert/key pair"},
          {R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientKeyData":"K"}})",
           "exec plugin returned only certificate or key, not both"},
          {R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t"}})",
           "exec plugin is configured to use API version client.authentication.k8s.io/v1, plugin "
           "returned version client.authentication.k8s.io/v1beta1"},
          {"token: t", "decoding stdout"},
      }) {
    auto r = parse_exec_credential(b.json, v1);
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST(r.error().message.find(b.message) != std::string::npos, r.error().message);
    BOOST_TEST((r.error().kind == ErrorKind::Cluster));
  }
}

BOOST_AUTO_TEST_CASE(rfc3339_timestamps) {
  BOOST_TEST(system_clock::to_time_t(*parse_rfc3339("1970-01-01T00:00:10Z")) == 10);
  BOOST_TEST(system_clock::to_time_t(*parse_rfc3339("1970-01-01T01:00:10+01:00")) == 10);
  BOOST_TEST(system_clock::to_time_t(*parse_rfc3339("1970-01-01T00:00:10.999999999Z")) == 10);
  BOOST_TEST(!parse_rfc3339("yesterday"));
  BOOST_TEST(!parse_rfc3339("1970-01-01T00:00:10"));
}

BOOST_AUTO_TEST_CASE(credential_cached_until_expiry_then_rerun) {
  clear_exec_credential_cache();
  detgw::test::TempDir dir;
  auto script = plugin_script(
      dir,
      R"(printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"tok","expirationTimestamp":"2030-01-01T00:00:00Z"}}')");
  auto now = *parse_rfc3339("2029-12-31T23:59:00Z");
  ExecAuthenticator auth(exec_rest(script), Logger{}, [&] { return now; });
  KUBE_REQUIRE_OK(auth.credential());
  KUBE_REQUIRE_OK(auth.credential());
  BOOST_TEST(runs(dir) == 1);
  BOOST_TEST(auth.runs() == 1);
  // Another authenticator for the same plugin and cluster shares the cache.
  ExecAuthenticator twin(exec_rest(script), Logger{}, [&] { return now; });
  KUBE_REQUIRE_OK(twin.credential());
  BOOST_TEST(runs(dir) == 1);
  now = *parse_rfc3339("2030-01-01T00:00:01Z");  // expired
  KUBE_REQUIRE_OK(auth.credential());
  BOOST_TEST(runs(dir) == 2);
  auth.invalidate();  // after a 401
  KUBE_REQUIRE_OK(auth.credential());
  BOOST_TEST(runs(dir) == 3);
  // The plugin got the kubeconfig's env and the exec info (no cluster without provideClusterInfo).
  BOOST_TEST(detgw::test::run({"cat", (dir.path() / "env").string()}).out == "from-kubeconfig");
  BOOST_TEST(
      detgw::test::run({"cat", (dir.path() / "info").string()}).out ==
      R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"interactive":false}})");
}

BOOST_AUTO_TEST_CASE(no_expiry_means_cached_for_the_process) {
  clear_exec_credential_cache();
  detgw::test::TempDir dir;
  auto script = plugin_script(
      dir,
      R"(printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"tok"}}')");
  ExecAuthenticator auth(exec_rest(script, "client.authentication.k8s.io/v1beta1"), Logger{});
  for (int i = 0; i < 5; ++i) KUBE_REQUIRE_OK(auth.credential());
  BOOST_TEST(runs(dir) == 1);
}

BOOST_AUTO_TEST_CASE(exec_info_carries_the_cluster_when_asked) {
  RestConfig r = exec_rest("x");
  r.exec->provide_cluster_info = true;
  auto ext = yaml::make_scalar("v", {});
  const std::string info = exec_info_json(r, false);
  BOOST_TEST(
      info.find(
          R"("cluster":{"server":"https://127.0.0.1:6443","tls-server-name":"api.internal","certificate-authority-data":")" +
          base64_encode("PEM") + "\"}") != std::string::npos,
      info);
}

BOOST_AUTO_TEST_CASE(failures_are_clear) {
  clear_exec_credential_cache();
  RestConfig missing = exec_rest("detgw-definitely-not-installed");
  missing.exec->install_hint = "brew install detgw-helper";
  auto r = ExecAuthenticator(missing, Logger{}).credential();
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().message.find("exec: executable detgw-definitely-not-installed not found") !=
             std::string::npos);
  BOOST_TEST(r.error().message.find("brew install detgw-helper") != std::string::npos);
  detgw::test::TempDir dir;
  auto failing = plugin_script(dir, "echo 'login required' >&2\nexit 3\n");
  auto f = ExecAuthenticator(exec_rest(failing), Logger{}).credential();
  BOOST_REQUIRE(!f.ok());
  BOOST_TEST(f.error().message.find("failed with exit code 3") != std::string::npos,
             f.error().message);
  RestConfig always = exec_rest(failing);
  always.exec->interactive_mode = "Always";
  detgw::test::RunResult dummy;
  (void)dummy;
  if (!isatty(0)) {
    auto a = ExecAuthenticator(always, Logger{}).credential();
    BOOST_REQUIRE(!a.ok());
    BOOST_TEST(a.error().message.find("standard input is not a terminal") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(kube_kubeconfig_write)

BOOST_AUTO_TEST_CASE(minified_flattened_kubeconfig_of_one_context) {
  detgw::test::TempDir dir;
  dir.write("ca.crt", "CA-PEM");
  dir.write("u.crt", "CERT-PEM");
  dir.write("u.key", "KEY-PEM");
  dir.write("tok", "the-token\n");
  auto kc = dir.write("kubeconfig", R"(current-context: other
clusters:
- name: k
  cluster: {server: 'https://k:6443', certificate-authority: ca.crt, tls-server-name: kname}
- name: other-cluster
  cluster: {server: 'https://o:1'}
contexts:
- name: mine
  context: {cluster: k, user: u, namespace: ns1}
- name: other
  context: {cluster: other-cluster, user: other-user}
users:
- name: u
  user: {client-certificate: u.crt, client-key: u.key}
- name: t
  user: {tokenFile: tok}
- name: other-user
  user: {token: other-secret}
)");
  auto config = load_kubeconfig_file(kc.string());
  KUBE_REQUIRE_OK(config);
  auto flat = minify_flatten(*config, "mine");
  KUBE_REQUIRE_OK(flat);
  const std::string text = write_kubeconfig(*flat);
  BOOST_TEST(text.find("other") == std::string::npos, text);
  BOOST_TEST(text.find("current-context: mine") != std::string::npos);
  BOOST_TEST(text.find("certificate-authority-data: " + base64_encode("CA-PEM")) !=
             std::string::npos);
  BOOST_TEST(text.find("client-key-data: " + base64_encode("KEY-PEM")) != std::string::npos);
  BOOST_TEST(text.find("ca.crt") == std::string::npos);
  // It round-trips through our parser and stands alone.
  auto back = parse_kubeconfig(text, "");
  KUBE_REQUIRE_OK(back);
  BOOST_TEST(back->clusters.at("k").certificate_authority_data == "CA-PEM");
  BOOST_TEST(back->clusters.at("k").tls_server_name == "kname");
  BOOST_TEST(back->users.at("u").client_certificate_data == "CERT-PEM");
  BOOST_TEST(back->contexts.at("mine").namespace_ == "ns1");
  // A tokenFile is embedded as the token; a missing context is an error.
  config->contexts["tc"] = Context{"k", "t", "", {}};
  auto tflat = minify_flatten(*config, "tc");
  KUBE_REQUIRE_OK(tflat);
  BOOST_TEST(tflat->users.at("t").token == "the-token");
  BOOST_TEST(tflat->users.at("t").token_file.empty());
  BOOST_TEST(!minify_flatten(*config, "nope").ok());
}

BOOST_AUTO_TEST_SUITE_END()

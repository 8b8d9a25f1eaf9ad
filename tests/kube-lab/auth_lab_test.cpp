// Each authentication method against the real kube-apiserver of the lab.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <ctime>

#include "core/kube/auth_exec.hpp"
#include "core/kube/base64.hpp"
#include "tests/common/test_support.hpp"
#include "tests/kube-lab/lab.hpp"

using namespace detgw;
using namespace detgw::kube;
using namespace detgw::kube::labtest;
using labtest::lab;

namespace {

std::string viewer_token() {
  const std::string csv = read_text(lab().pki + "/tokens.csv");
  return csv.substr(0, csv.find(','));
}

std::string sa_token() { return config_for("lab1-sa").rest.token; }

// An exec plugin that hands out the tokens listed in $dir/tokens, one per run (the last one
// repeats), with `expiry` seconds of validity, and counts its runs in $dir/runs.
std::string write_plugin(const test::TempDir& dir, const std::vector<std::string>& tokens,
                         int expiry_seconds, const std::string& api_version) {
  std::string list;
  for (const auto& t : tokens) list += t + "\n";
  dir.write("tokens", list);
  dir.write("runs", "");
  auto script = dir.write("plugin.sh", R"SH(#!/bin/sh
d=$(dirname "$0")
echo run >> "$d/runs"
n=$(wc -l < "$d/runs")
total=$(wc -l < "$d/tokens")
[ "$n" -gt "$total" ] && n=$total
tok=$(sed -n "${n}p" "$d/tokens")
printf '%s' "$KUBERNETES_EXEC_INFO" > "$d/exec_info"
exp=$(date -u -d "@$(( $(date +%s) + EXPIRY ))" +%Y-%m-%dT%H:%M:%SZ)
echo "plugin stderr passes through" >&2
printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}\n' "APIVERSION" "$tok" "$exp"
)SH");
  {
    std::string text = read_text(script.string());
    text.replace(text.find("EXPIRY"), 6, std::to_string(expiry_seconds));
    text.replace(text.find("APIVERSION"), 10, api_version);
    dir.write("plugin.sh", text);
  }
  chmod(script.c_str(), 0755);
  return script.string();
}

int runs(const test::TempDir& dir) {
  const std::string text = read_text((dir.path() / "runs").string());
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

RestConfig exec_config(const std::string& command, const std::string& api_version,
                       bool provide_cluster_info = false) {
  RestConfig rest = config_for("lab1-admin").rest;
  rest.client_certificate_data.clear();
  rest.client_key_data.clear();
  ExecConfig e;
  e.api_version = api_version;
  e.command = command;
  e.interactive_mode = "Never";
  e.provide_cluster_info = provide_cluster_info;
  rest.exec = e;
  return rest;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kube_lab_auth)

BOOST_AUTO_TEST_CASE(client_certificate_from_kubeconfig_data) {
  auto client = client_for("lab1-admin");
  BOOST_TEST(client->config().has_cert_auth());
  BOOST_TEST(whoami(*client) == "admin");
}

BOOST_AUTO_TEST_CASE(client_certificate_from_files_via_flags) {
  ConfigOverrides o;
  o.client_certificate = lab().pki + "/admin.crt";
  o.client_key = lab().pki + "/admin.key";
  o.certificate_authority = lab().pki + "/ca.crt";
  // The viewer context sends its token and the flags' certificate; the API server's x509
  // authenticator runs before the token authenticator, so the certificate decides.
  auto client = client_for("lab1-viewer", o);
  BOOST_TEST(client->config().client_certificate_file == lab().pki + "/admin.crt");
  BOOST_TEST(whoami(*client) == "admin");
  o.user = "nonexistent-user-is-an-error";
  auto bad = load_client_config([&] {
    ConfigOverrides x = o;
    x.kubeconfig = lab().kubeconfig;
    x.context = "lab1-admin";
    return x;
  }());
  BOOST_TEST(!bad.ok());
  // Files only, through a kubeconfig that references them relative to itself.
  test::TempDir dir;
  std::filesystem::copy(lab().pki + "/admin.crt", dir.path() / "admin.crt");
  std::filesystem::copy(lab().pki + "/admin.key", dir.path() / "admin.key");
  std::filesystem::copy(lab().pki + "/ca.crt", dir.path() / "ca.crt");
  auto kc = dir.write(
      "kubeconfig",
      "current-context: c\ncontexts: [{name: c, context: {cluster: k, user: u}}]\n"
      "clusters: [{name: k, cluster: {server: '" +
          lab().server +
          "', certificate-authority: ca.crt}}]\n"
          "users: [{name: u, user: {client-certificate: admin.crt, client-key: admin.key}}]\n");
  ConfigOverrides files;
  files.kubeconfig = kc.string();
  auto cfg = load_client_config(files);
  BOOST_REQUIRE(cfg.ok());
  auto c = client_for(cfg->rest);
  BOOST_TEST(whoami(*c) == "admin");
}

BOOST_AUTO_TEST_CASE(static_token) {
  auto client = client_for("lab1-viewer");
  BOOST_TEST(client->config().token == viewer_token());
  BOOST_TEST(whoami(*client) == "viewer");
  ConfigOverrides o;
  o.token = sa_token();  // --token overrides the kubeconfig's
  BOOST_TEST(whoami(*client_for("lab1-viewer", o)) == "system:serviceaccount:default:detgw-sa");
}

BOOST_AUTO_TEST_CASE(token_file) {
  test::TempDir dir;
  dir.write("token", viewer_token() + "\n");
  auto kc = dir.write("kubeconfig",
                      "current-context: c\ncontexts: [{name: c, context: {cluster: k, user: u}}]\n"
                      "clusters: [{name: k, cluster: {server: '" +
                          lab().server + "', certificate-authority: " + lab().pki +
                          "/ca.crt}}]\n"
                          "users: [{name: u, user: {tokenFile: token}}]\n");
  ConfigOverrides o;
  o.kubeconfig = kc.string();
  auto cfg = load_client_config(o);
  KUBE_REQUIRE_OK_LAB(cfg);
  BOOST_TEST(cfg->rest.token_file == (dir.path() / "token").string());
  BOOST_TEST(whoami(*client_for(cfg->rest)) == "viewer");
}

BOOST_AUTO_TEST_CASE(service_account_token_and_in_cluster_configuration) {
  BOOST_TEST(whoami(*client_for("lab1-sa")) == "system:serviceaccount:default:detgw-sa");
  // In-cluster: the service-account directory and KUBERNETES_SERVICE_HOST/PORT, no kubeconfig.
  test::TempDir sa;
  sa.write("token", sa_token());
  std::filesystem::copy(lab().pki + "/ca.crt", sa.path() / "ca.crt");
  sa.write("namespace", "kube-system");
  Environment env;
  env.vars["HOME"] = (sa.path() / "no-home").string();
  env.vars["KUBERNETES_SERVICE_HOST"] = "127.0.0.1";
  env.vars["KUBERNETES_SERVICE_PORT"] = lab().port;
  env.service_account_dir = sa.path().string();
  auto cfg = load_client_config({}, env);
  KUBE_REQUIRE_OK_LAB(cfg);
  BOOST_TEST(cfg->identity.in_cluster);
  BOOST_TEST(cfg->identity.namespace_ == "kube-system");
  BOOST_TEST(whoami(*client_for(cfg->rest)) == "system:serviceaccount:default:detgw-sa");
}

BOOST_AUTO_TEST_CASE(impersonation_headers) {
  ConfigOverrides o;
  o.as = "someone-else";
  o.as_groups = {"team-x", "system:authenticated"};
  auto client = client_for("lab1-admin", o);
  auto r =
      client->create("/apis/authentication.k8s.io/v1/selfsubjectreviews",
                     R"({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"})");
  KUBE_REQUIRE_OK_LAB(r);
  BOOST_TEST(json_string(*r, {"status", "userInfo", "username"}) == "someone-else");
  const auto& groups = (*r)["status"]["userInfo"]["groups"];
  BOOST_REQUIRE(groups.IsArray());
  BOOST_TEST(groups.Size() == 2u);
  BOOST_TEST(std::string(groups[0].GetString()) == "team-x");
  // The viewer may not impersonate: a 403 from the server.
  auto denied = client_for("lab1-viewer", o)->get("/api/v1/namespaces/default");
  BOOST_REQUIRE(!denied.ok());
  BOOST_TEST(denied.error().forbidden());
  BOOST_TEST(
      denied.error().message.find("cannot impersonate resource \"users\"") != std::string::npos,
      denied.error().message);
}

BOOST_AUTO_TEST_CASE(exec_plugin_token_cached_until_expiry) {
  // No clock is involved: a credential valid for an hour is reused, one that has already
  // expired when it arrives is asked for again on the next request. (The expiry instant itself
  // is tested with an injected clock in tests/kube.)
  test::TempDir dir;
  for (const std::string version :
       {"client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"}) {
    clear_exec_credential_cache();
    const auto plugin = write_plugin(dir, {sa_token()}, 3600, version);
    auto client = client_for(exec_config(plugin, version, true));
    BOOST_REQUIRE(client->exec());
    BOOST_TEST(whoami(*client) == "system:serviceaccount:default:detgw-sa");
    BOOST_TEST(whoami(*client) == "system:serviceaccount:default:detgw-sa");
    BOOST_TEST(runs(dir) == 1);  // cached
    // KUBERNETES_EXEC_INFO carried the cluster (provideClusterInfo).
    const std::string info = read_text((dir.path() / "exec_info").string());
    BOOST_TEST(info.find("\"server\":\"" + lab().server + "\"") != std::string::npos, info);
    BOOST_TEST(info.find("\"certificate-authority-data\":\"") != std::string::npos);
    BOOST_TEST(info.find("\"interactive\":false") != std::string::npos);
    BOOST_TEST(info.find("\"apiVersion\":\"" + version + "\"") != std::string::npos);

    clear_exec_credential_cache();
    const auto expired = write_plugin(dir, {sa_token()}, -60, version);
    auto again = client_for(exec_config(expired, version, true));
    BOOST_TEST(whoami(*again) == "system:serviceaccount:default:detgw-sa");
    BOOST_TEST(runs(dir) == 1);
    BOOST_TEST(whoami(*again) == "system:serviceaccount:default:detgw-sa");
    BOOST_TEST(runs(dir) == 2);  // expired: the plugin ran again
  }
}

BOOST_AUTO_TEST_CASE(exec_plugin_reexecs_once_on_401) {
  clear_exec_credential_cache();
  test::TempDir dir;
  // First run: a revoked token (valid for an hour, so only a 401 can trigger the re-exec).
  const auto plugin = write_plugin(dir, {"revoked-token-123456", sa_token()}, 3600,
                                   "client.authentication.k8s.io/v1");
  auto client = client_for(exec_config(plugin, "client.authentication.k8s.io/v1"));
  BOOST_TEST(whoami(*client) == "system:serviceaccount:default:detgw-sa");
  BOOST_TEST(runs(dir) == 2);
  BOOST_TEST(whoami(*client) == "system:serviceaccount:default:detgw-sa");
  BOOST_TEST(runs(dir) == 2);
}

BOOST_AUTO_TEST_CASE(exec_plugin_bad_token_twice_is_a_clear_error) {
  clear_exec_credential_cache();
  test::TempDir dir;
  const auto plugin =
      write_plugin(dir, {"bad-token-abcdef"}, 3600, "client.authentication.k8s.io/v1");
  auto client = client_for(exec_config(plugin, "client.authentication.k8s.io/v1"));
  auto r = client->get("/api/v1/namespaces/default");
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(runs(dir) == 2);  // one re-exec, not more
  BOOST_TEST((r.error().kind == ErrorKind::Cluster));
  BOOST_TEST(r.error().unauthorized());
  BOOST_TEST(r.error().message == "You must be logged in to the server (Unauthorized)");
  // kubectl says the same for a bad token.
  auto k = kubectl({"--context=lab1-viewer", "--token=bad-token-abcdef", "get", "ns", "default"});
  BOOST_TEST(k.exit_code != 0);
  BOOST_TEST(k.err.find("error: " + r.error().message) != std::string::npos, k.err);
}

BOOST_AUTO_TEST_CASE(exec_plugin_client_certificate) {
  clear_exec_credential_cache();
  test::TempDir dir;
  const std::string cert = read_text(lab().pki + "/admin.crt");
  const std::string key = read_text(lab().pki + "/admin.key");
  auto escape = [](std::string s) {
    std::string out;
    for (char c : s) out += c == '\n' ? std::string("\\n") : std::string(1, c);
    return out;
  };
  dir.write(
      "cred.json",
      R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"clientCertificateData":")" +
          escape(cert) + R"(","clientKeyData":")" + escape(key) + "\"}}\n");
  auto script = dir.write("plugin.sh", "#!/bin/sh\ncat \"$(dirname \"$0\")/cred.json\"\n");
  chmod(script.c_str(), 0755);
  auto client = client_for(exec_config(script.string(), "client.authentication.k8s.io/v1beta1"));
  BOOST_TEST(whoami(*client) == "admin");
}

BOOST_AUTO_TEST_CASE(exec_plugin_missing_binary_shows_install_hint) {
  clear_exec_credential_cache();
  RestConfig rest = exec_config("detgw-no-such-plugin", "client.authentication.k8s.io/v1");
  rest.exec->install_hint = "Install it with: apt install detgw-no-such-plugin";
  auto client = client_for(rest);
  auto r = client->get("/version");
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().message.find("exec: executable detgw-no-such-plugin not found") !=
             std::string::npos);
  BOOST_TEST(r.error().message.find("Install it with: apt install detgw-no-such-plugin") !=
             std::string::npos);
  BOOST_TEST((r.error().kind == ErrorKind::Cluster));
}

BOOST_AUTO_TEST_CASE(token_auth_skips_the_exec_plugin) {
  clear_exec_credential_cache();
  RestConfig rest = exec_config("detgw-no-such-plugin", "client.authentication.k8s.io/v1");
  rest.token = viewer_token();
  auto client = client_for(rest);
  BOOST_TEST(!client->exec());
  BOOST_TEST(whoami(*client) == "viewer");
}

BOOST_AUTO_TEST_SUITE_END()

#include "core/kube/client_config.hpp"

#include <boost/test/unit_test.hpp>

#include "core/kube/kubeconfig.hpp"
#include "tests/common/test_support.hpp"
#include "tests/kube/kube_test_util.hpp"

using namespace detgw;
using namespace detgw::kube;

namespace {

const char* kTwoContexts = R"(current-context: dev
clusters:
- name: dev-cluster
  cluster: {server: "https://dev:6443", certificate-authority-data: aGVsbG8=, tls-server-name: dev.internal}
- name: prod-cluster
  cluster: {server: "https://prod:6443", insecure-skip-tls-verify: true}
contexts:
- name: dev
  context: {cluster: dev-cluster, user: dev-user, namespace: team-a}
- name: prod
  context: {cluster: prod-cluster, user: prod-user}
users:
- name: dev-user
  user: {token: dev-token, as: someone}
- name: prod-user
  user: {client-certificate-data: aGVsbG8=, client-key-data: aGVsbG8=}
)";

Kubeconfig parse(const char* text) {
  auto c = parse_kubeconfig(text, "");
  BOOST_REQUIRE(c.ok());
  return *c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kube_client_config)

BOOST_AUTO_TEST_CASE(current_context_selects_cluster_user_and_namespace) {
  auto r = resolve_client_config(parse(kTwoContexts), {});
  KUBE_REQUIRE_OK(r);
  BOOST_TEST(r->identity.context == "dev");
  BOOST_TEST(r->identity.cluster == "dev-cluster");
  BOOST_TEST(r->identity.user == "dev-user");
  BOOST_TEST(r->identity.namespace_ == "team-a");
  BOOST_TEST(!r->identity.namespace_explicit);
  BOOST_TEST(r->rest.server == "https://dev:6443");
  BOOST_TEST(r->rest.ca_data == "hello");
  BOOST_TEST(r->rest.tls_server_name == "dev.internal");
  BOOST_TEST(r->rest.token == "dev-token");
  BOOST_TEST(r->rest.impersonate_user == "someone");
}

BOOST_AUTO_TEST_CASE(context_without_namespace_means_default_and_n_wins) {
  ConfigOverrides o;
  o.context = "prod";
  auto r = resolve_client_config(parse(kTwoContexts), o);
  KUBE_REQUIRE_OK(r);
  BOOST_TEST(r->identity.namespace_ == "default");
  BOOST_TEST(r->rest.insecure);
  BOOST_TEST(r->rest.client_key_data == "hello");
  o.namespace_ = "explicit";
  r = resolve_client_config(parse(kTwoContexts), o);
  BOOST_TEST(r->identity.namespace_ == "explicit");
  BOOST_TEST(r->identity.namespace_explicit);
}

BOOST_AUTO_TEST_CASE(flag_overrides_follow_client_go) {
  ConfigOverrides o;
  o.server = "https://other:443";  // clears the kubeconfig tls-server-name
  o.token = "flag-token";
  o.as = "admin";
  o.as_groups = {"g"};
  o.request_timeout = "1m30s";
  auto r = resolve_client_config(parse(kTwoContexts), o);
  KUBE_REQUIRE_OK(r);
  BOOST_TEST(r->rest.server == "https://other:443");
  BOOST_TEST(r->rest.tls_server_name == "");
  BOOST_TEST(r->rest.token == "flag-token");
  BOOST_TEST(r->rest.impersonate_user == "admin");
  BOOST_TEST(r->rest.impersonate_groups.size() == 1u);
  BOOST_TEST(r->rest.timeout.count() == 90000);
  o.tls_server_name = "name";
  r = resolve_client_config(parse(kTwoContexts), o);
  BOOST_TEST(r->rest.tls_server_name == "name");

  // --insecure-skip-tls-verify clears the kubeconfig CA; --certificate-authority clears insecure.
  ConfigOverrides insecure;
  insecure.insecure_skip_tls_verify = true;
  r = resolve_client_config(parse(kTwoContexts), insecure);
  KUBE_REQUIRE_OK(r);
  BOOST_TEST(r->rest.insecure);
  BOOST_TEST(r->rest.ca_data.empty());
  ConfigOverrides ca;
  ca.context = "prod";
  ca.certificate_authority = "/ca.crt";
  r = resolve_client_config(parse(kTwoContexts), ca);
  KUBE_REQUIRE_OK(r);
  BOOST_TEST(!r->rest.insecure);
  BOOST_TEST(r->rest.ca_file == "/ca.crt");

  // --cluster / --user pick other entries than the context names.
  ConfigOverrides mix;
  mix.cluster = "prod-cluster";
  mix.user = "prod-user";
  r = resolve_client_config(parse(kTwoContexts), mix);
  KUBE_REQUIRE_OK(r);
  BOOST_TEST(r->rest.server == "https://prod:6443");
  BOOST_TEST(r->rest.token.empty());
  BOOST_TEST(r->identity.namespace_ == "team-a");
}

BOOST_AUTO_TEST_CASE(client_cert_override_clears_data) {
  ConfigOverrides o;
  o.context = "prod";
  o.client_certificate = "/c.crt";
  o.client_key = "/c.key";
  auto r = resolve_client_config(parse(kTwoContexts), o);
  KUBE_REQUIRE_OK(r);
  BOOST_TEST(r->rest.client_certificate_file == "/c.crt");
  BOOST_TEST(r->rest.client_certificate_data.empty());
  BOOST_TEST(r->rest.client_key_data.empty());
}

BOOST_AUTO_TEST_CASE(configuration_errors_read_like_client_go) {
  ConfigOverrides o;
  o.context = "nope";
  auto r = resolve_client_config(parse(kTwoContexts), o);
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().message ==
             "invalid configuration: [context was not found for specified context: nope, cluster "
             "has no server defined]");
  auto empty = resolve_client_config(Kubeconfig{}, {});
  BOOST_REQUIRE(!empty);
  BOOST_TEST(empty.error().message.find("no configuration has been provided") != std::string::npos);
  auto half = parse_kubeconfig(
      "current-context: c\ncontexts: [{name: c, context: {cluster: k, user: u}}]\n"
      "clusters: [{name: k, cluster: {server: 'https://x'}}]\n"
      "users: [{name: u, user: {client-certificate-data: aGVsbG8=}}]\n",
      "");
  r = resolve_client_config(*half, {});
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().message ==
             "invalid configuration: client-key-data or client-key must be specified for u to use "
             "the clientCert authentication method");
  auto both = parse_kubeconfig(
      "current-context: c\ncontexts: [{name: c, context: {cluster: k}}]\n"
      "clusters: [{name: k, cluster: {server: 'https://x', insecure-skip-tls-verify: true, "
      "certificate-authority: /ca}}]\n",
      "");
  r = resolve_client_config(*both, {});
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().message ==
             "specifying a root certificates file with the insecure flag is not allowed");
  auto v1_no_mode = parse_kubeconfig(
      "current-context: c\ncontexts: [{name: c, context: {cluster: k, user: u}}]\n"
      "clusters: [{name: k, cluster: {server: 'https://x'}}]\n"
      "users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: "
      "x}}}]\n",
      "");
  r = resolve_client_config(*v1_no_mode, {});
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().message ==
             "invalid configuration: interactiveMode must be specified for u to use exec "
             "authentication plugin");
}

BOOST_AUTO_TEST_CASE(removed_auth_providers_name_their_replacement) {
  for (auto [name, replacement] : std::vector<std::pair<std::string, std::string>>{
           {"gcp", "gke-gcloud-auth-plugin"}, {"azure", "kubelogin"}, {"oidc", "kubelogin"}}) {
    auto cfg = parse_kubeconfig(
        "current-context: c\ncontexts: [{name: c, context: {cluster: k, user: u}}]\n"
        "clusters: [{name: k, cluster: {server: 'https://x'}}]\n"
        "users: [{name: u, user: {auth-provider: {name: " +
            name + ", config: {access-token: secret-at}}}}]\n",
        "kc");
    BOOST_REQUIRE(cfg.ok());
    auto r = resolve_client_config(*cfg, {});
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().kind == ErrorKind::Cluster));
    BOOST_TEST(r.error().message.find(replacement) != std::string::npos, r.error().message);
    BOOST_TEST(r.error().message.find("secret-at") == std::string::npos);
  }
  BOOST_TEST(auth_provider_message("gcp").rfind("The gcp auth plugin has been removed.", 0) == 0);
}

BOOST_AUTO_TEST_CASE(token_file_is_read_and_trimmed) {
  test::TempDir dir;
  dir.write("tok", "file-token\n");
  auto kc = dir.write("config",
                      "current-context: c\ncontexts: [{name: c, context: {cluster: k, user: u}}]\n"
                      "clusters: [{name: k, cluster: {server: 'https://x'}}]\n"
                      "users: [{name: u, user: {tokenFile: tok}}]\n");
  ConfigOverrides o;
  o.kubeconfig = kc.string();
  Environment env;
  auto r = load_client_config(o, env);
  KUBE_REQUIRE_OK(r);
  BOOST_TEST(r->rest.token == "file-token");
  BOOST_TEST(r->rest.token_file == (dir.path() / "tok").string());
  o.token = "flag";  // --token clears tokenFile
  r = load_client_config(o, env);
  BOOST_TEST(r->rest.token == "flag");
  BOOST_TEST(r->rest.token_file.empty());
}

BOOST_AUTO_TEST_CASE(request_timeout_parsing) {
  BOOST_TEST(parse_request_timeout("0")->count() == 0);
  BOOST_TEST(parse_request_timeout("")->count() == 0);
  BOOST_TEST(parse_request_timeout("30")->count() == 30000);
  BOOST_TEST(parse_request_timeout("2m")->count() == 120000);
  BOOST_TEST(parse_request_timeout("1.5s")->count() == 1500);
  BOOST_TEST(parse_request_timeout("1h2m3s")->count() == 3723000);
  BOOST_TEST(parse_request_timeout("250ms")->count() == 250);
  auto bad = parse_request_timeout("soon");
  BOOST_REQUIRE(!bad);
  BOOST_TEST((bad.error().kind == ErrorKind::Usage));
  // Longer than Go's time.Duration: an error, never an overflow or an exception.
  for (const char* huge : {"99999999999999999999", "9999999999999h", "1e400s"}) {
    auto too_long = parse_request_timeout(huge);
    BOOST_TEST(!too_long, huge);
  }
  BOOST_TEST(parse_request_timeout("2562047h")->count() > 0);
}

BOOST_AUTO_TEST_CASE(in_cluster_fallback_and_namespace) {
  test::TempDir sa;
  sa.write("token", "sa-token\n");
  sa.write("ca.crt", "CA");
  sa.write("namespace", "pod-ns\n");
  Environment env;
  env.vars["HOME"] = (sa.path() / "nohome").string();
  env.service_account_dir = sa.path().string();
  // Not in a cluster: no configuration at all is an error.
  auto none = load_client_config({}, env);
  BOOST_REQUIRE(!none);
  BOOST_TEST(!in_cluster_possible(env));

  env.vars["KUBERNETES_SERVICE_HOST"] = "10.0.0.1";
  env.vars["KUBERNETES_SERVICE_PORT"] = "443";
  BOOST_TEST(in_cluster_possible(env));
  auto r = load_client_config({}, env);
  KUBE_REQUIRE_OK(r);
  BOOST_TEST(r->identity.in_cluster);
  BOOST_TEST(r->rest.server == "https://10.0.0.1:443");
  BOOST_TEST(r->rest.token == "sa-token");
  BOOST_TEST(r->rest.token_file == sa.path().string() + "/token");
  BOOST_TEST(r->rest.ca_file == sa.path().string() + "/ca.crt");
  BOOST_TEST(r->identity.namespace_ == "pod-ns");
  env.vars["POD_NAMESPACE"] = "from-env";
  BOOST_TEST(load_client_config({}, env)->identity.namespace_ == "from-env");
  ConfigOverrides o;
  o.namespace_ = "flag";
  o.server = "https://override:1";
  r = load_client_config(o, env);
  BOOST_TEST(r->identity.namespace_ == "flag");
  BOOST_TEST(r->rest.server == "https://override:1");
  env.vars["KUBERNETES_SERVICE_HOST"] = "fd00::1";
  BOOST_TEST(load_client_config({}, env)->rest.server == "https://[fd00::1]:443");
}

BOOST_AUTO_TEST_CASE(kubeconfig_wins_over_in_cluster_but_implicit_namespace_is_the_pods) {
  test::TempDir sa;
  sa.write("token", "sa-token");
  sa.write("namespace", "pod-ns");
  auto kc = sa.write("kc",
                     "current-context: c\ncontexts: [{name: c, context: {cluster: k}}, {name: d, "
                     "context: {cluster: k, namespace: default}}]\n"
                     "clusters: [{name: k, cluster: {server: 'https://x'}}]\n");
  Environment env;
  env.service_account_dir = sa.path().string();
  env.vars["KUBERNETES_SERVICE_HOST"] = "10.0.0.1";
  env.vars["KUBERNETES_SERVICE_PORT"] = "443";
  env.vars["KUBECONFIG"] = kc.string();
  auto r = load_client_config({}, env);
  KUBE_REQUIRE_OK(r);
  BOOST_TEST(!r->identity.in_cluster);
  BOOST_TEST(r->rest.server == "https://x");
  BOOST_TEST(r->identity.namespace_ == "pod-ns");
  ConfigOverrides o;
  o.context = "d";  // an explicit "default" in the context stays
  BOOST_TEST(load_client_config(o, env)->identity.namespace_ == "default");
}

BOOST_AUTO_TEST_CASE(helm_environment_becomes_overrides) {
  Environment env;
  env.vars = {{"HELM_NAMESPACE", "rel-ns"},
              {"HELM_KUBECONTEXT", ""},
              {"HELM_KUBETOKEN", "tok"},
              {"HELM_KUBEAPISERVER", "https://api:6443"},
              {"HELM_KUBECAFILE", "/ca.pem"},
              {"HELM_KUBEINSECURE_SKIP_TLS_VERIFY", "true"},
              {"HELM_KUBETLS_SERVER_NAME", "api.internal"},
              {"HELM_KUBEASUSER", "alice"},
              {"HELM_KUBEASGROUPS", "g1,g2"}};
  auto o = overrides_from_helm_env(env);
  BOOST_TEST(o.namespace_ == "rel-ns");
  BOOST_TEST(o.context == "");  // empty: the kubeconfig's current context
  BOOST_TEST(o.token == "tok");
  BOOST_TEST(o.server == "https://api:6443");
  BOOST_TEST(o.certificate_authority == "/ca.pem");
  BOOST_TEST(o.insecure_skip_tls_verify);
  BOOST_TEST(o.tls_server_name == "api.internal");
  BOOST_TEST(o.as == "alice");
  BOOST_TEST((o.as_groups == std::vector<std::string>{"g1", "g2"}));
  BOOST_TEST(o.kubeconfig == "");  // KUBECONFIG goes through the loading rules
  env.vars["HELM_KUBECONTEXT"] = "prod";
  env.vars["HELM_KUBEINSECURE_SKIP_TLS_VERIFY"] = "false";
  o = overrides_from_helm_env(env);
  BOOST_TEST(o.context == "prod");
  BOOST_TEST(!o.insecure_skip_tls_verify);

  // End to end: HELM_KUBECONTEXT picks the context from the KUBECONFIG Helm passed.
  test::TempDir dir;
  auto kc = dir.write("kc", kTwoContexts);
  Environment helm;
  helm.vars = {
      {"KUBECONFIG", kc.string()}, {"HELM_NAMESPACE", "rel"}, {"HELM_KUBECONTEXT", "prod"}};
  auto r = load_client_config(overrides_from_helm_env(helm), helm);
  KUBE_REQUIRE_OK(r);
  BOOST_TEST(r->rest.server == "https://prod:6443");
  BOOST_TEST(r->identity.namespace_ == "rel");
}

BOOST_AUTO_TEST_SUITE_END()

// Differential test: kubeconfig merging and context selection agree with the real kubectl
// (`kubectl config view --minify --raw -o json`) on a corpus of multi-file configurations.
#include <rapidjson/document.h>

#include <boost/test/unit_test.hpp>

#include "core/kube/base64.hpp"
#include "core/kube/client_config.hpp"
#include "core/kube/kubeconfig_merge.hpp"
#include "tests/common/test_support.hpp"
#include "tests/kube-lab/lab.hpp"

using namespace detgw;
using namespace detgw::kube;
using namespace detgw::kube::labtest;
using labtest::lab;

namespace {

struct Case {
  std::string name;
  std::vector<std::pair<std::string, std::string>> files;  // relative path, content
  std::vector<std::string> list;                           // KUBECONFIG entries (relative to dir)
  std::string context;                                     // --context
};

const rapidjson::Value* named(const rapidjson::Value& doc, const char* list, const char* inner) {
  auto it = doc.FindMember(list);
  if (it == doc.MemberEnd() || !it->value.IsArray() || it->value.Empty()) return nullptr;
  auto in = it->value[0].FindMember(inner);
  return in == it->value[0].MemberEnd() ? nullptr : &in->value;
}

std::string field(const rapidjson::Value* v, const char* key) {
  if (!v || !v->IsObject()) return {};
  auto it = v->FindMember(key);
  if (it == v->MemberEnd()) return {};
  if (it->value.IsString()) return it->value.GetString();
  if (it->value.IsBool()) return it->value.GetBool() ? "true" : "false";
  return {};
}

// kubectl config view shows paths as written; kubectl resolves them against the file that
// defined the entry, which is what ours must hold.
std::string as_kubectl_resolves(const std::string& raw, const std::string& origin_file) {
  if (raw.empty() || raw[0] == '/') return raw;
  return (std::filesystem::absolute(origin_file).parent_path() / raw).lexically_normal().string();
}

std::string first_name(const rapidjson::Value& doc, const char* list) {
  auto it = doc.FindMember(list);
  if (it == doc.MemberEnd() || !it->value.IsArray() || it->value.Empty()) return {};
  return field(&it->value[0], "name");
}

void check_case(const Case& c) {
  BOOST_TEST_CONTEXT("case " << c.name) {
    test::TempDir dir;
    for (const auto& [path, text] : c.files) dir.write(path, text);
    std::string list;
    for (const auto& p : c.list) list += (list.empty() ? "" : ":") + (dir.path() / p).string();
    std::vector<std::string> args{"config", "view", "--minify", "--raw", "-o", "json"};
    if (!c.context.empty()) args.push_back("--context=" + c.context);
    auto k = kubectl(args, {"KUBECONFIG=" + list});
    BOOST_REQUIRE_MESSAGE(k.exit_code == 0, k.err);
    rapidjson::Document doc;
    doc.Parse(k.out.c_str());
    BOOST_REQUIRE(!doc.HasParseError());

    Environment env;
    env.vars["KUBECONFIG"] = list;
    auto merged = load_kubeconfig("", env);
    KUBE_REQUIRE_OK_LAB(merged);
    ConfigOverrides o;
    o.context = c.context;
    auto resolved = resolve_client_config(*merged, o);
    KUBE_REQUIRE_OK_LAB(resolved);
    const ConfigIdentity& id = resolved->identity;

    BOOST_TEST(id.context == field(&doc, "current-context"));
    BOOST_TEST(id.context == first_name(doc, "contexts"));
    const auto* ctx = named(doc, "contexts", "context");
    BOOST_TEST(id.cluster == field(ctx, "cluster"));
    BOOST_TEST(id.user == field(ctx, "user"));
    BOOST_TEST(merged->contexts.at(id.context).namespace_ == field(ctx, "namespace"));
    BOOST_TEST(id.namespace_ ==
               (field(ctx, "namespace").empty() ? "default" : field(ctx, "namespace")));

    const auto* cl = named(doc, "clusters", "cluster");
    const ClusterInfo& ours = merged->clusters.at(id.cluster);
    BOOST_TEST(ours.server == field(cl, "server"));
    BOOST_TEST(ours.certificate_authority ==
               as_kubectl_resolves(field(cl, "certificate-authority"), ours.origin.file));
    BOOST_TEST(ours.tls_server_name == field(cl, "tls-server-name"));
    BOOST_TEST((ours.insecure_skip_tls_verify ? "true" : "") ==
               field(cl, "insecure-skip-tls-verify"));
    BOOST_TEST(ours.proxy_url == field(cl, "proxy-url"));

    const auto* us = named(doc, "users", "user");
    const AuthInfo& u = merged->users.at(id.user);
    BOOST_TEST(u.token == field(us, "token"));
    BOOST_TEST(u.token_file == as_kubectl_resolves(field(us, "tokenFile"), u.origin.file));
    BOOST_TEST(u.client_certificate ==
               as_kubectl_resolves(field(us, "client-certificate"), u.origin.file));
    BOOST_TEST(u.client_key == as_kubectl_resolves(field(us, "client-key"), u.origin.file));
    BOOST_TEST(u.as == field(us, "as"));
    std::string exec_command;
    if (us && us->HasMember("exec")) exec_command = field(&(*us)["exec"], "command");
    BOOST_TEST((u.exec ? u.exec->command : "") == as_kubectl_resolves(exec_command, u.origin.file));

    // --flatten embeds the files kubectl itself found: the same bytes as at our paths.
    args.push_back("--flatten");
    auto flat = kubectl(args, {"KUBECONFIG=" + list});
    BOOST_REQUIRE_MESSAGE(flat.exit_code == 0, flat.err);
    rapidjson::Document fdoc;
    fdoc.Parse(flat.out.c_str());
    auto embedded = [&](const std::string& path) {
      return path.empty() ? std::string() : base64_encode(read_text(path));
    };
    BOOST_TEST(field(named(fdoc, "clusters", "cluster"), "certificate-authority-data") ==
               embedded(ours.certificate_authority));
    BOOST_TEST(field(named(fdoc, "users", "user"), "client-certificate-data") ==
               embedded(u.client_certificate));
    BOOST_TEST(field(named(fdoc, "users", "user"), "client-key-data") == embedded(u.client_key));
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kube_lab_kubeconfig_differential)

BOOST_AUTO_TEST_CASE(merging_agrees_with_kubectl) {
  const std::string exec_user =
      "  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
      "      command: ./bin/get-token\n      interactiveMode: Never\n";
  std::vector<Case> corpus = {
      {"first file wins a cluster name; current-context from a later file",
       {{"a/config",
         "clusters:\n- name: k\n  cluster: {server: 'https://a:1'}\nusers:\n- name: u\n  user: "
         "{token: ta}\n"
         "contexts:\n- name: c\n  context: {cluster: k, user: u}\n"},
        {"b/ca.crt", "CA of b"},
        {"b/config",
         "current-context: c\nclusters:\n- name: k\n  cluster: {server: 'https://b:2', "
         "tls-server-name: bn, "
         "certificate-authority: ca.crt}\n"
         "contexts:\n- name: c\n  context: {cluster: other, user: u, namespace: nb}\n"}},
       {"a/config", "b/config"},
       ""},
      {"whole user entry from the first file, not field by field",
       {{"one", "current-context: c\nusers:\n- name: u\n  user: {tokenFile: tok}\n"},
        {"two",
         "users:\n- name: u\n  user: {token: secret-two, as: bob}\nclusters:\n- name: k\n  "
         "cluster: {server: 'https://k:1'}\n"
         "contexts:\n- name: c\n  context: {cluster: k, user: u, namespace: team}\n"},
        {"tok", "file-token\n"}},
       {"one", "two"},
       ""},
      {"relative paths resolve against their own file",
       {{"x/y/config",
         "current-context: c\nclusters:\n- name: k\n  cluster: {server: 'https://k:1', "
         "certificate-authority: ../ca.crt}\n"
         "contexts:\n- name: c\n  context: {cluster: k, user: u}\n"
         "users:\n- name: u\n" +
             exec_user},
        {"x/ca.crt", "CA of x"},
        {"z/config",
         "users:\n- name: u2\n  user: {client-certificate: certs/u.crt, client-key: /abs/u.key}\n"
         "contexts:\n- name: d\n  context: {cluster: k, user: u2}\n"}},
       {"x/y/config", "z/config"},
       ""},
      {"--context picks a context from a later file; missing and duplicate list entries",
       {{"p",
         "current-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\n"
         "clusters:\n- name: k\n  cluster: {server: 'https://k:1'}\nusers:\n- name: u\n  user: "
         "{token: t1}\n"},
        {"q",
         "contexts:\n- name: d\n  context: {cluster: kq, user: uq, namespace: qns}\n"
         "clusters:\n- name: kq\n  cluster: {server: 'https://q:1', insecure-skip-tls-verify: "
         "true, proxy-url: 'http://proxy:3128'}\n"
         "users:\n- name: uq\n  user: {client-certificate: q.crt, client-key: q.key, as: "
         "impersonated}\n"},
        {"q.crt", "cert of q"},
        {"q.key", "key of q"}},
       {"p", "missing", "q", "p"},
       "d"},
      {"empty current-context does not count; a context refers to a cluster of another file",
       {{"e1", "current-context: ''\ncontexts:\n- name: c\n  context: {cluster: far, user: u}\n"},
        {"e2", "users:\n- name: u\n  user: {token: tok2}\n"},
        {"e3",
         "current-context: c\nclusters:\n- name: far\n  cluster: {server: 'https://far:9'}\n"}},
       {"e1", "e2", "e3"},
       ""},
  };
  for (const auto& c : corpus) check_case(c);
}

BOOST_AUTO_TEST_CASE(namespace_resolution_agrees_with_kubectl) {
  // `kubectl config view --minify -o jsonpath` gives the context's namespace; -n wins over it.
  test::TempDir dir;
  auto kc = dir.write(
      "kc",
      "current-context: a\ncontexts:\n- name: a\n  context: {cluster: k, namespace: from-ctx}\n"
      "- name: b\n  context: {cluster: k}\nclusters:\n- name: k\n  cluster: {server: "
      "'https://k:1'}\n");
  for (const std::string ctx : {"a", "b"}) {
    auto k =
        kubectl({"config", "view", "--minify", "--context=" + ctx, "-o", "jsonpath={..namespace}"},
                {"KUBECONFIG=" + kc.string()});
    ConfigOverrides o;
    o.kubeconfig = kc.string();
    o.context = ctx;
    auto ours = load_client_config(o, Environment{});
    KUBE_REQUIRE_OK_LAB(ours);
    BOOST_TEST(ours->identity.namespace_ == (k.out.empty() ? "default" : k.out));
  }
}

BOOST_AUTO_TEST_SUITE_END()

// The API layer against the real kube-apiserver: RBAC errors, pagination, patches, apply,
// dry runs, discovery, access reviews, connection reuse, parallel requests.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <set>
#include <sstream>

#include "core/kube/access_review.hpp"
#include "core/kube/discovery.hpp"
#include "tests/kube-lab/lab.hpp"

using namespace detgw;
using detgw::ErrorKind;
using namespace detgw::kube;
using namespace detgw::kube::labtest;
using labtest::lab;

BOOST_AUTO_TEST_SUITE(kube_lab_api)

BOOST_AUTO_TEST_CASE(viewer_forbidden_reads_like_kubectl) {
  auto viewer = client_for("lab1-viewer");
  auto r = viewer->list(resource_path("gateway.networking.k8s.io", "v1", "gateways", "default"));
  BOOST_REQUIRE(!r.ok());
  const ApiError& e = r.error();
  BOOST_TEST((e.kind == ErrorKind::Cluster));
  BOOST_TEST(e.forbidden());
  BOOST_TEST(e.http_code == 403);
  BOOST_TEST(
      e.message ==
      "Error from server (Forbidden): gateways.gateway.networking.k8s.io is forbidden: User "
      "\"viewer\" cannot list resource \"gateways\" in API group \"gateway.networking.k8s.io\" "
      "in the namespace \"default\"");
  auto k = kubectl(
      {"--context=lab1-viewer", "get", "gateways.gateway.networking.k8s.io", "-n", "default"});
  BOOST_TEST(k.exit_code == 1);
  BOOST_TEST(k.err.find(e.message) != std::string::npos, k.err);
}

BOOST_AUTO_TEST_CASE(not_found_reads_like_kubectl) {
  auto admin = client_for("lab1-admin");
  auto r = admin->get(resource_path("", "v1", "configmaps", "default", "detgw-does-not-exist"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().not_found());
  auto k = kubectl(
      {"--context=lab1-admin", "get", "configmap", "detgw-does-not-exist", "-n", "default"});
  BOOST_TEST(k.err.find(r.error().message) != std::string::npos,
             k.err + " vs " + r.error().message);
  auto raw = admin->get("/apis/no.such.group/v1");
  BOOST_REQUIRE(!raw.ok());
  BOOST_TEST(raw.error().message ==
             "Error from server (NotFound): the server could not find the requested resource");
}

BOOST_AUTO_TEST_CASE(pagination_over_more_than_one_page) {
  auto admin = client_for("lab1-admin");
  ScratchNamespace ns(*admin, "detgw-page");
  for (int i = 0; i < 30; ++i) {
    auto c = admin->create(resource_path("", "v1", "configmaps", ns.name()),
                           R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm-)" +
                               std::to_string(i) + R"(","labels":{"page":"yes"}},"data":{"i":")" +
                               std::to_string(i) + "\"}}");
    KUBE_REQUIRE_OK_LAB(c);
  }
  ListOptions o;
  o.limit = 7;
  auto all = admin->list(resource_path("", "v1", "configmaps", ns.name()), o);
  KUBE_REQUIRE_OK_LAB(all);
  BOOST_TEST(all->list["items"].Size() == 30u);
  BOOST_TEST(all->pages == 5);  // 7+7+7+7+2
  BOOST_TEST(json_string(all->list, {"kind"}) == "ConfigMapList");
  BOOST_TEST(!json_string(all->list, {"metadata", "resourceVersion"}).empty());
  std::set<std::string> names;
  for (const auto& item : all->list["items"].GetArray())
    names.insert(item["metadata"]["name"].GetString());
  BOOST_TEST(names.size() == 30u);
  o.label_selector = "page=yes";
  o.limit = 0;
  auto one = admin->list(resource_path("", "v1", "configmaps", ns.name()), o);
  BOOST_TEST(one->pages == 1);
  BOOST_TEST(one->list["items"].Size() == 30u);
}

BOOST_AUTO_TEST_CASE(json_patch_test_failure_is_a_conflict) {
  auto admin = client_for("lab1-admin");
  ScratchNamespace ns(*admin, "detgw-patch");
  const auto path = resource_path("", "v1", "configmaps", ns.name(), "guarded");
  KUBE_REQUIRE_OK_LAB(admin->create(
      resource_path("", "v1", "configmaps", ns.name()),
      R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"guarded"},"data":{"owner":"a"}})"));
  // A guarded write that matches.
  auto ok = admin->json_patch(path, R"([{"op":"test","path":"/data/owner","value":"a"},)"
                                    R"({"op":"replace","path":"/data/owner","value":"b"}])");
  KUBE_REQUIRE_OK_LAB(ok);
  BOOST_TEST(json_string(*ok, {"data", "owner"}) == "b");
  // The same guard now fails: somebody else changed the object.
  auto stale = admin->json_patch(path, R"([{"op":"test","path":"/data/owner","value":"a"},)"
                                       R"({"op":"remove","path":"/data/owner"}])");
  BOOST_REQUIRE(!stale.ok());
  BOOST_TEST_MESSAGE("failed test op: HTTP " << stale.error().http_code << " "
                                             << stale.error().reason << ": "
                                             << stale.error().message);
  BOOST_TEST(stale.error().conflict());
  BOOST_TEST(stale.error().patch_test_failed);
  BOOST_TEST((stale.error().kind == ErrorKind::Cluster));
  auto now = admin->get(path);
  BOOST_TEST(json_string(*now, {"data", "owner"}) == "b");  // nothing removed
  // A 409 from a stale resourceVersion is a conflict too.
  auto replace =
      admin->replace(path, R"({"metadata":{"name":"guarded","resourceVersion":"1"},"data":{}})");
  BOOST_REQUIRE(!replace.ok());
  BOOST_TEST(replace.error().http_code == 409);
  BOOST_TEST(replace.error().conflict());
}

BOOST_AUTO_TEST_CASE(merge_patch_server_side_apply_and_dry_run) {
  auto admin = client_for("lab1-admin");
  ScratchNamespace ns(*admin, "detgw-apply");
  const auto path = resource_path("", "v1", "configmaps", ns.name(), "applied");
  const std::string obj =
      R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"applied"},"data":{"k":"v1"}})";
  // Dry run: nothing is stored.
  auto dry = admin->apply(path, obj, {"detgw-test", false, DryRun::All});
  KUBE_REQUIRE_OK_LAB(dry);
  BOOST_TEST(admin->get(path).error().not_found());
  auto applied = admin->apply(path, obj, {"detgw-test", false, DryRun::None});
  KUBE_REQUIRE_OK_LAB(applied);
  const auto& mf = (*applied)["metadata"]["managedFields"];
  BOOST_REQUIRE(mf.IsArray());
  BOOST_TEST(std::string(mf[0]["manager"].GetString()) == "detgw-test");
  BOOST_TEST(std::string(mf[0]["operation"].GetString()) == "Apply");
  // Another manager changes the field; applying again conflicts unless forced.
  KUBE_REQUIRE_OK_LAB(admin->merge_patch(path, R"({"data":{"k":"other"}})"));
  auto conflict = admin->apply(path, obj, {"detgw-test", false, DryRun::None});
  BOOST_REQUIRE(!conflict.ok());
  BOOST_TEST(conflict.error().http_code == 409);
  BOOST_TEST(conflict.error().conflict());
  auto forced = admin->apply(path, obj, {"detgw-test", true, DryRun::None});
  KUBE_REQUIRE_OK_LAB(forced);
  BOOST_TEST(json_string(*forced, {"data", "k"}) == "v1");
  auto merge_dry = admin->merge_patch(path, R"({"data":{"k":"dry"}})", DryRun::All);
  BOOST_TEST(json_string(*merge_dry, {"data", "k"}) == "dry");
  BOOST_TEST(json_string(*admin->get(path), {"data", "k"}) == "v1");
  auto invalid = admin->merge_patch(path, R"({"metadata":{"labels":{"bad key!":"x"}}})");
  BOOST_REQUIRE(!invalid.ok());
  BOOST_TEST(invalid.error().reason == "Invalid");
  BOOST_TEST(!invalid.error().conflict());
  BOOST_TEST(
      invalid.error().message.rfind(
          "The ConfigMap \"applied\" is invalid: metadata.labels: Invalid value: \"bad key!\"",
          0) == 0,
      invalid.error().message);
  auto k = kubectl({"--context=lab1-admin", "patch", "configmap", "applied", "-n", ns.name(),
                    "--type=merge", "-p", R"({"metadata":{"labels":{"bad key!":"x"}}})"});
  BOOST_TEST(k.err == invalid.error().message + "\n");  // kubectl: no "error: " for Invalid
}

BOOST_AUTO_TEST_CASE(discovery_agrees_with_kubectl_api_versions) {
  auto admin = client_for("lab1-admin");
  auto gw = served_versions(*admin, "gateway.networking.k8s.io");
  KUBE_REQUIRE_OK_LAB(gw);
  BOOST_REQUIRE(gw->has_value());
  auto k = kubectl({"--context=lab1-admin", "api-versions"});
  std::set<std::string> expected;
  std::istringstream lines(k.out);
  for (std::string l; std::getline(lines, l);)
    if (l.rfind("gateway.networking.k8s.io/", 0) == 0) expected.insert(l.substr(l.find('/') + 1));
  std::set<std::string> got((*gw)->versions.begin(), (*gw)->versions.end());
  BOOST_TEST(got == expected);
  BOOST_TEST(got.count("v1") == 1u);
  auto missing = served_versions(*admin, "no.such.group");
  KUBE_REQUIRE_OK_LAB(missing);
  BOOST_TEST(!missing->has_value());
  auto resources = served_resources(*admin, "gateway.networking.k8s.io", "v1");
  KUBE_REQUIRE_OK_LAB(resources);
  bool gateways = false;
  for (const auto& r : **resources) gateways |= r.name == "gateways" && r.namespaced;
  BOOST_TEST(gateways);
  auto v = server_version(*admin);
  KUBE_REQUIRE_OK_LAB(v);
  BOOST_TEST(v->git_version.rfind("v1.34", 0) == 0, v->git_version);
}

BOOST_AUTO_TEST_CASE(access_reviews) {
  auto admin = client_for("lab1-admin");
  auto viewer = client_for("lab1-viewer");
  ResourceAttributes list_gw{"list", "gateway.networking.k8s.io", "gateways", "", "default", ""};
  auto a = can_i(*admin, list_gw);
  KUBE_REQUIRE_OK_LAB(a);
  BOOST_TEST(a->allowed);
  auto v = can_i(*viewer, list_gw);
  KUBE_REQUIRE_OK_LAB(v);  // any authenticated user may ask about itself
  BOOST_TEST(!v->allowed);
  auto sar = can_subject(*admin, {"viewer", {"system:authenticated"}}, list_gw);
  KUBE_REQUIRE_OK_LAB(sar);
  BOOST_TEST(!sar->allowed);
  auto sa = can_subject(*admin, service_account_subject("default", "detgw-sa"),
                        {"create", "", "selfsubjectaccessreviews", "", "", ""});
  // kubectl auth can-i agrees on the same question.
  auto k = kubectl({"--context=lab1-admin", "auth", "can-i", "list",
                    "gateways.gateway.networking.k8s.io", "-n", "default", "--as=viewer"});
  BOOST_TEST(k.out.find("no") == 0u);
  // The viewer may not create SubjectAccessReviews at all.
  auto forbidden = can_subject(*viewer, {"admin", {}}, list_gw);
  BOOST_REQUIRE(!forbidden.ok());
  BOOST_TEST(forbidden.error().forbidden());
  (void)sa;
}

// Questions sent together (review_all) get the answers they get one by one, in order, a
// refused one included.
BOOST_AUTO_TEST_CASE(access_reviews_in_one_round) {
  auto admin = client_for("lab1-admin");
  ResourceAttributes list_gw{"list", "gateway.networking.k8s.io", "gateways", "", "default", ""};
  ResourceAttributes delete_ns{"delete", "", "namespaces", "", "", ""};
  const Subject viewer{"viewer", {"system:authenticated"}};
  auto answers = review_all(
      *admin, {{nullptr, list_gw}, {&viewer, list_gw}, {nullptr, delete_ns}, {&viewer, delete_ns}});
  BOOST_REQUIRE(answers.size() == 4u);
  for (auto& a : answers) KUBE_REQUIRE_OK_LAB(a);
  BOOST_TEST(answers[0]->allowed);
  BOOST_TEST(!answers[1]->allowed);
  BOOST_TEST(answers[2]->allowed);
  BOOST_TEST(!answers[3]->allowed);
  // The same questions one at a time.
  const bool one_by_one[] = {
      can_i(*admin, list_gw)->allowed, can_subject(*admin, viewer, list_gw)->allowed,
      can_i(*admin, delete_ns)->allowed, can_subject(*admin, viewer, delete_ns)->allowed};
  for (int i = 0; i < 4; ++i) BOOST_TEST(answers[i]->allowed == one_by_one[i], i);
  // The viewer may not ask about others: that answer alone is refused.
  auto as_viewer = client_for("lab1-viewer");
  auto mixed = review_all(*as_viewer, {{nullptr, list_gw}, {&viewer, list_gw}});
  BOOST_REQUIRE(mixed.size() == 2u);
  KUBE_REQUIRE_OK_LAB(mixed[0]);
  BOOST_TEST(!mixed[0]->allowed);
  BOOST_REQUIRE(!mixed[1].ok());
  BOOST_TEST(mixed[1].error().forbidden());
}

BOOST_AUTO_TEST_CASE(connection_reuse_http2_and_parallel_requests) {
  auto admin = client_for("lab1-admin");
  HttpRequest req;
  req.path = "/version";
  auto first = admin->send(req);
  KUBE_REQUIRE_OK_LAB(first);
  auto second = admin->send(req);
  KUBE_REQUIRE_OK_LAB(second);
  BOOST_TEST(second->http_version == 2);
  BOOST_TEST(second->new_connections == 0);  // reused
  // Parallel: N GETs at once vs one after another (one connection, HTTP/2 streams).
  std::vector<std::pair<ApiClient*, std::string>> batch;
  auto viewer = client_for("lab1-viewer");
  for (int i = 0; i < 20; ++i)
    batch.emplace_back(i % 2 ? admin.get() : viewer.get(), "/api/v1/namespaces/default");
  (void)ApiClient::get_all(batch);  // warm: both connections open
  const auto t0 = std::chrono::steady_clock::now();
  auto results = ApiClient::get_all(batch);
  const auto parallel = std::chrono::steady_clock::now() - t0;
  BOOST_REQUIRE_EQUAL(results.size(), 20u);
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (i % 2) {
      BOOST_TEST(results[i].ok());
    } else {
      BOOST_REQUIRE(!results[i].ok());  // the viewer may not get namespaces
      BOOST_TEST(results[i].error().forbidden());
    }
  }
  const auto t1 = std::chrono::steady_clock::now();
  for (auto& [c, p] : batch) (void)c->get(p);
  const auto sequential = std::chrono::steady_clock::now() - t1;
  BOOST_TEST_MESSAGE("20 GETs: parallel "
                     << std::chrono::duration_cast<std::chrono::milliseconds>(parallel).count()
                     << " ms, sequential "
                     << std::chrono::duration_cast<std::chrono::milliseconds>(sequential).count()
                     << " ms");
}

BOOST_AUTO_TEST_CASE(connection_refused_reads_like_kubectl) {
  ConfigOverrides o;
  o.server = "https://127.0.0.1:1";
  auto client = client_for("lab1-admin", o);
  auto r = client->get("/version");
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().kind == ErrorKind::Cluster));
  BOOST_TEST((r.error().failure == FailureKind::Connection));
  BOOST_TEST(r.error().message ==
             "The connection to the server 127.0.0.1:1 was refused - did you specify the right "
             "host or port?");
  auto k =
      kubectl({"--context=lab1-admin", "--server=https://127.0.0.1:1", "get", "--raw", "/version"});
  BOOST_TEST(k.err.find(r.error().message) != std::string::npos, k.err);
}

BOOST_AUTO_TEST_SUITE_END()

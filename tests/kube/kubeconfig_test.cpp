#include "core/kube/kubeconfig.hpp"

#include <boost/test/unit_test.hpp>

#include "core/kube/base64.hpp"
#include "core/kube/kubeconfig_merge.hpp"
#include "tests/common/test_support.hpp"
#include "tests/kube/kube_test_util.hpp"

using namespace detgw;
using namespace detgw::kube;

BOOST_AUTO_TEST_SUITE(kube_kubeconfig)

BOOST_AUTO_TEST_CASE(base64_round_trip_and_rejects_garbage) {
  for (std::string s : {"", "a", "ab", "abc", "abcd", "-----BEGIN CERTIFICATE-----\n\x01\xff"}) {
    auto d = base64_decode(base64_encode(s));
    BOOST_REQUIRE(d);
    BOOST_TEST(*d == s);
  }
  BOOST_TEST(base64_encode("hello") == "aGVsbG8=");
  BOOST_TEST(!base64_decode("aGVsbG8"));  // missing padding
  BOOST_TEST(!base64_decode("a$=="));
  BOOST_TEST(*base64_decode("aGVs\nbG8=") == "hello");
}

BOOST_AUTO_TEST_CASE(parses_all_sections_and_resolves_relative_paths_against_its_file) {
  test::TempDir dir;
  auto path = dir.write("sub/config", R"(apiVersion: v1
kind: Config
current-context: c1
clusters:
- name: k1
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority: ca.crt
    tls-server-name: localhost
    proxy-url: socks5://127.0.0.1:1080
    insecure-skip-tls-verify: false
    extensions:
    - name: client.authentication.k8s.io/exec
      extension:
        audience: demo
- name: k2
  cluster:
    server: https://example:443
    certificate-authority-data: aGVsbG8=
contexts:
- name: c1
  context: {cluster: k1, user: u1, namespace: team}
users:
- name: u1
  user:
    client-certificate: ../certs/u1.crt
    client-key: /abs/u1.key
    tokenFile: tok
    as: alice
    as-groups: [g1, g2]
- name: u2
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./bin/plugin
      args: [get-token]
      env: [{name: A, value: b}]
      interactiveMode: Never
      provideClusterInfo: true
      installHint: install it
- name: u3
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
)");
  auto cfg = load_kubeconfig_file(path.string());
  KUBE_REQUIRE_OK(cfg);
  const std::string base = (dir.path() / "sub").string();
  BOOST_TEST(cfg->current_context == "c1");
  BOOST_TEST(cfg->clusters.at("k1").certificate_authority == base + "/ca.crt");
  BOOST_TEST(cfg->clusters.at("k1").tls_server_name == "localhost");
  BOOST_TEST(cfg->clusters.at("k1").proxy_url == "socks5://127.0.0.1:1080");
  BOOST_REQUIRE(cfg->clusters.at("k1").exec_extension);
  BOOST_TEST(cfg->clusters.at("k1").exec_extension->find("audience")->text == "demo");
  BOOST_TEST(cfg->clusters.at("k2").certificate_authority_data == "hello");
  BOOST_TEST(cfg->contexts.at("c1").namespace_ == "team");
  const auto& u1 = cfg->users.at("u1");
  BOOST_TEST(u1.client_certificate == (dir.path() / "certs/u1.crt").string());
  BOOST_TEST(u1.client_key == "/abs/u1.key");
  BOOST_TEST(u1.token_file == base + "/tok");
  BOOST_TEST(u1.as == "alice");
  BOOST_TEST(u1.as_groups.size() == 2u);
  const auto& e2 = *cfg->users.at("u2").exec;
  BOOST_TEST(e2.command == base + "/bin/plugin");  // has a separator: resolved
  BOOST_TEST(e2.interactive_mode == "Never");
  BOOST_TEST(e2.provide_cluster_info);
  BOOST_TEST(e2.env.at(0).name == "A");
  BOOST_TEST(cfg->users.at("u3").exec->command == "aws");  // PATH lookup: left alone
  BOOST_TEST(cfg->contexts.at("c1").origin.line == 21);
}

BOOST_AUTO_TEST_CASE(errors_carry_file_line_and_column) {
  auto bad_b64 =
      parse_kubeconfig("users:\n- name: u\n  user:\n    client-key-data: '%%%'\n", "k.yaml");
  BOOST_REQUIRE(!bad_b64);
  BOOST_TEST(bad_b64.error().describe() ==
             "k.yaml:4:22: kubeconfig field \"client-key-data\" is not valid base64");
  auto dup =
      parse_kubeconfig("contexts:\n- name: a\n  context: {}\n- name: a\n  context: {}\n", "k.yaml");
  BOOST_REQUIRE(!dup);
  BOOST_TEST(dup.error().describe() == "k.yaml:4:3: duplicate name \"a\" in \"contexts\"");
  auto syntax = parse_kubeconfig("clusters: [\n", "k.yaml");
  BOOST_REQUIRE(!syntax);
  BOOST_TEST(syntax.error().where.file == "k.yaml");
  BOOST_TEST(syntax.error().where.line > 0);
  auto wrong = parse_kubeconfig(
      "clusters:\n- name: a\n  cluster:\n    insecure-skip-tls-verify: maybe\n", "k.yaml");
  BOOST_REQUIRE(!wrong);
  BOOST_TEST(wrong.error().where.line == 4);
}

BOOST_AUTO_TEST_CASE(empty_file_is_an_empty_config) {
  auto cfg = parse_kubeconfig("", "empty");
  BOOST_REQUIRE(cfg);
  BOOST_TEST(cfg->empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(kube_kubeconfig_merge)

BOOST_AUTO_TEST_CASE(file_list_precedence) {
  Environment env;
  env.vars["HOME"] = "/home/me";
  BOOST_TEST(kubeconfig_files("", env).paths == std::vector<std::string>{"/home/me/.kube/config"});
  env.vars["KUBECONFIG"] = "a::b:a:c";
  BOOST_TEST((kubeconfig_files("", env).paths == std::vector<std::string>{"a", "b", "c"}));
  auto explicit_files = kubeconfig_files("x", env);
  BOOST_TEST(explicit_files.paths == std::vector<std::string>{"x"});
  BOOST_TEST(explicit_files.explicit_path);
  env.vars["KUBECONFIG"] = "";  // set but empty: like unset
  BOOST_TEST(kubeconfig_files("", env).paths == std::vector<std::string>{"/home/me/.kube/config"});
}

BOOST_AUTO_TEST_CASE(first_file_to_define_a_name_wins_the_whole_entry) {
  test::TempDir dir;
  auto a = dir.write("a/config", R"(clusters:
- name: shared
  cluster: {server: https://a:1}
users:
- name: u
  user: {token: from-a}
contexts:
- name: ctx
  context: {cluster: shared, user: u}
)");
  auto b = dir.write("b/config", R"(current-context: ctx
clusters:
- name: shared
  cluster: {server: https://b:2, certificate-authority: ca.crt, tls-server-name: bname}
- name: only-b
  cluster: {server: https://b:3, certificate-authority: ca.crt}
users:
- name: u
  user: {token: from-b, as: bob}
contexts:
- name: ctx
  context: {cluster: only-b, user: u, namespace: nsb}
)");
  auto c = dir.write("c/config", "current-context: from-c\n");
  Environment env;
  env.vars["KUBECONFIG"] =
      a.string() + ":" + (dir.path() / "missing").string() + ":" + b.string() + ":" + c.string();
  auto merged = load_kubeconfig("", env);
  KUBE_REQUIRE_OK(merged);
  BOOST_TEST(merged->current_context == "ctx");  // a sets none, b sets it first
  const auto& shared = merged->clusters.at("shared");
  BOOST_TEST(shared.server == "https://a:1");
  BOOST_TEST(shared.tls_server_name == "");  // not merged field-by-field from b
  BOOST_TEST(shared.certificate_authority == "");
  BOOST_TEST(merged->users.at("u").token == "from-a");
  BOOST_TEST(merged->users.at("u").as == "");
  BOOST_TEST(merged->contexts.at("ctx").cluster == "shared");
  BOOST_TEST(merged->clusters.at("only-b").certificate_authority ==
             (dir.path() / "b/ca.crt").string());
  BOOST_TEST(merged->files.size() == 3u);
}

BOOST_AUTO_TEST_CASE(missing_explicit_file_is_an_error_but_missing_list_entries_are_not) {
  Environment env;
  auto missing = load_kubeconfig("/nonexistent/kubeconfig", env);
  BOOST_REQUIRE(!missing);
  BOOST_TEST(missing.error().message == "stat /nonexistent/kubeconfig: no such file or directory");
  std::vector<std::string> lines;
  Logger logger(0, [&](std::string_view l) { lines.emplace_back(l); });
  env.vars["KUBECONFIG"] = "/nonexistent/a:/nonexistent/b";
  auto none = load_kubeconfig("", env, logger);
  BOOST_REQUIRE(none);
  BOOST_TEST(none->empty());
  BOOST_REQUIRE_EQUAL(lines.size(), 1u);
  BOOST_TEST(lines[0] == "Warning: Config not found: /nonexistent/a, /nonexistent/b");
}

BOOST_AUTO_TEST_CASE(an_invalid_file_in_the_list_is_an_error_naming_it) {
  test::TempDir dir;
  auto good = dir.write("good", "current-context: x\n");
  auto bad = dir.write("bad", "clusters: {\n");
  Environment env;
  env.vars["KUBECONFIG"] = good.string() + ":" + bad.string();
  auto r = load_kubeconfig("", env);
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().where.file == bad.string());
  BOOST_TEST((r.error().kind == ErrorKind::Input));
}

BOOST_AUTO_TEST_SUITE_END()

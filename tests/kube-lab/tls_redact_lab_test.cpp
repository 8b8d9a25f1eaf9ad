// TLS verification and redaction of credentials in -v logs, against the real API server.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>

#include "core/kube/auth_exec.hpp"
#include "core/kube/base64.hpp"
#include "tests/common/test_support.hpp"
#include "tests/kube-lab/lab.hpp"

using namespace detgw;
using namespace detgw::kube;
using namespace detgw::kube::labtest;
using labtest::lab;

namespace {

struct Captured {
  std::string text;
  Logger logger(int v) {
    return Logger(v, [this](std::string_view line) {
      text.append(line);
      text += '\n';
    });
  }
};

std::string other_ca(const test::TempDir& dir) {
  auto r =
      test::run({"openssl", "req", "-x509", "-nodes", "-newkey", "ec", "-pkeyopt",
                 "ec_paramgen_curve:P-256", "-keyout", (dir.path() / "other.key").string(), "-out",
                 (dir.path() / "other.crt").string(), "-days", "1", "-subj", "/CN=other-ca"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return (dir.path() / "other.crt").string();
}

// The lines of PEM bodies (base64 rows) of a file: none may appear in a log.
std::vector<std::string> pem_rows(const std::string& pem) {
  std::vector<std::string> rows;
  std::istringstream in(pem);
  for (std::string l; std::getline(in, l);)
    if (!l.empty() && l.rfind("-----", 0) != 0 && l.size() > 16) rows.push_back(l);
  return rows;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kube_lab_tls)

BOOST_AUTO_TEST_CASE(wrong_ca_is_a_clear_tls_error) {
  test::TempDir dir;
  ConfigOverrides o;
  o.certificate_authority = other_ca(dir);
  auto r = client_for("lab1-admin", o)->get("/version");
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().kind == ErrorKind::Cluster));
  BOOST_TEST((r.error().failure == FailureKind::Tls));
  BOOST_TEST(r.error().message.rfind("Unable to connect to the server: tls: failed to verify "
                                     "certificate: x509: certificate signed by unknown authority",
                                     0) == 0,
             r.error().message);
  auto k = kubectl({"--context=lab1-admin", "--certificate-authority=" + o.certificate_authority,
                    "get", "--raw", "/version"});
  BOOST_TEST(k.err.find("Unable to connect to the server: tls: failed to verify certificate: x509: "
                        "certificate signed by unknown authority") != std::string::npos,
             k.err);
}

BOOST_AUTO_TEST_CASE(insecure_skip_verify_works_with_a_warning) {
  Captured log;
  ConfigOverrides o;
  o.insecure_skip_tls_verify = true;
  auto client = client_for("lab1-admin", o, log.logger(0));
  BOOST_TEST(client->config().insecure);
  auto r = client->get("/version");
  KUBE_REQUIRE_OK_LAB(r);
  BOOST_TEST(log.text.find("Warning: the server's certificate will not be verified") == 0u,
             log.text);
  // Without it, the lab's own CA is required: the admin context verifies (no warning).
  Captured quiet;
  KUBE_REQUIRE_OK_LAB(client_for("lab1-admin", {}, quiet.logger(0))->get("/version"));
  BOOST_TEST(quiet.text.empty());
}

BOOST_AUTO_TEST_CASE(tls_server_name_is_used_for_verification) {
  // The URL host 127.0.0.1 and the name "localhost" are both in the serving cert's SANs; a
  // name outside them fails, which shows the name (not the URL host) is what is verified.
  ConfigOverrides good;
  good.tls_server_name = "localhost";
  auto client = client_for("lab1-admin", good);
  BOOST_TEST(client->config().tls_server_name == "localhost");
  KUBE_REQUIRE_OK_LAB(client->get("/version"));
  ConfigOverrides bad;
  bad.tls_server_name = "not-in-the-sans.example";
  auto r = client_for("lab1-admin", bad)->get("/version");
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().failure == FailureKind::Tls));
  BOOST_TEST(r.error().message.find("not valid for the requested host name") != std::string::npos,
             r.error().message);
  // kubectl fails the same way on that name.
  auto k = kubectl({"--context=lab1-admin", "--tls-server-name=not-in-the-sans.example", "get",
                    "--raw", "/version"});
  BOOST_TEST(k.exit_code != 0);
  BOOST_TEST(k.err.find("not-in-the-sans.example") != std::string::npos, k.err);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(kube_lab_redaction)

BOOST_AUTO_TEST_CASE(no_credential_in_any_log_at_any_level) {
  const std::string viewer_token = config_for("lab1-viewer").rest.token;
  const std::string sa_token = config_for("lab1-sa").rest.token;
  const std::string admin_key = read_text(lab().pki + "/admin.key");
  const std::string admin_key_b64 = base64_encode(admin_key);
  const std::string secret_value = "s3cr3t-Secret-Value-for-redaction";
  test::TempDir dir;
  auto plugin = dir.write("plugin.sh",
                          "#!/bin/sh\nprintf "
                          "'{\"apiVersion\":\"client.authentication.k8s.io/"
                          "v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"" +
                              sa_token + "\"}}'\n");
  chmod(plugin.c_str(), 0755);

  for (int v : {0, 4, 6, 7, 8, 9, 10}) {
    BOOST_TEST_CONTEXT("-v=" << v) {
      Captured log;
      auto admin = client_for("lab1-admin", {}, log.logger(v));
      auto viewer = client_for("lab1-viewer", {}, log.logger(v));
      ScratchNamespace ns(*admin, "detgw-redact");
      // A Secret written and read back, a TokenRequest, a forbidden call, an exec plugin.
      KUBE_REQUIRE_OK_LAB(admin->create(
          resource_path("", "v1", "secrets", ns.name()),
          R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"stringData":{"password":")" +
              secret_value + R"("},"data":{"token":")" + base64_encode(secret_value) + "\"}}"));
      KUBE_REQUIRE_OK_LAB(admin->get(resource_path("", "v1", "secrets", ns.name(), "s")));
      KUBE_REQUIRE_OK_LAB(admin->list(resource_path("", "v1", "secrets", ns.name())));
      KUBE_REQUIRE_OK_LAB(admin->create(
          resource_path("", "v1", "serviceaccounts", "default", "detgw-sa") + "/token",
          R"({"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"expirationSeconds":600}})"));
      (void)viewer->get(resource_path("", "v1", "secrets", ns.name()));
      clear_exec_credential_cache();
      RestConfig exec_rest = config_for("lab1-admin").rest;
      exec_rest.client_certificate_data.clear();
      exec_rest.client_key_data.clear();
      exec_rest.exec = ExecConfig{
          "client.authentication.k8s.io/v1", plugin.string(), {}, {}, "", false, "Never", {}};
      BOOST_TEST(whoami(*client_for(exec_rest, log.logger(v))) ==
                 "system:serviceaccount:default:detgw-sa");
      KUBE_REQUIRE_OK_LAB(admin->get("/api/v1/namespaces/default"));
      if (v >= 6)
        BOOST_TEST(log.text.find("GET " + lab().server + "/api/v1/namespaces/default 200 OK in ") !=
                   std::string::npos);
      if (v >= 7) BOOST_TEST(log.text.find("Authorization: Bearer <masked>") != std::string::npos);
      if (v >= 8) {
        BOOST_TEST(log.text.find("Response Body: ") != std::string::npos);
        // The bodies were logged, with the values masked (the checks below are not vacuous).
        BOOST_TEST(log.text.find(R"("stringData":{"password":"<masked>"})") != std::string::npos);
        BOOST_TEST(log.text.find(R"("data":{"token":"<masked>"})") != std::string::npos);
        BOOST_TEST(log.text.find(R"("status":{"token":"<masked>")") != std::string::npos);
      }
      BOOST_TEST(log.text.find(viewer_token) == std::string::npos);
      BOOST_TEST(log.text.find(sa_token) == std::string::npos);
      BOOST_TEST(log.text.find(secret_value) == std::string::npos);
      BOOST_TEST(log.text.find(base64_encode(secret_value)) == std::string::npos);
      BOOST_TEST(log.text.find(admin_key_b64.substr(0, 40)) == std::string::npos);
      for (const auto& row : pem_rows(admin_key))
        BOOST_TEST(log.text.find(row) == std::string::npos);
      // TokenRequest tokens are masked (they are new tokens the log never saw before).
      BOOST_TEST(log.text.find("eyJhbGciOi") == std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(secret_lists_are_masked_at_v8_and_v9) {
  // Keys that are no credential field name (as in a kubeconfig Secret for helm multirm), so
  // only knowing the object is a Secret can mask them. Applied with kubectl, so the
  // last-applied-configuration annotation holds the value too.
  const std::string value = "Lab-Secret-Value-9f3c1e";
  const std::string value_b64 = base64_encode(value);
  auto setup = client_for("lab1-admin");
  ScratchNamespace ns(*setup, "detgw-secretlist");
  test::TempDir dir;
  auto manifest = dir.write("secret.yaml",
                            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: east\n"
                            "  namespace: " +
                                ns.name() + "\nstringData:\n  kubeconfig: " + value +
                                "\ndata:\n  config: " + value_b64 + "\n");
  auto applied = kubectl({"apply", "-f", manifest.string()});
  BOOST_REQUIRE_MESSAGE(applied.exit_code == 0, applied.err);
  for (int v : {8, 9}) {
    BOOST_TEST_CONTEXT("-v=" << v) {
      Captured log;
      auto admin = client_for("lab1-admin", {}, log.logger(v));
      auto list = admin->list(resource_path("", "v1", "secrets", ns.name()));
      KUBE_REQUIRE_OK_LAB(list);
      // The list really carries the value, and its items no kind (what made them slip through).
      BOOST_REQUIRE_EQUAL(list->list["items"].Size(), 1u);
      const auto& item = list->list["items"][0];
      BOOST_TEST(json_string(item, {"data", "config"}) == value_b64);
      BOOST_TEST(!item.HasMember("kind"));
      KUBE_REQUIRE_OK_LAB(admin->get(resource_path("", "v1", "secrets", ns.name(), "east")));
      KUBE_REQUIRE_OK_LAB(admin->get("/api/v1/secrets?labelSelector=&limit=500"));
      BOOST_TEST(log.text.find("\"kind\":\"SecretList\"") != std::string::npos);
      BOOST_TEST(log.text.find(R"("config":"<masked>")") != std::string::npos);
      BOOST_TEST(log.text.find(value) == std::string::npos);
      BOOST_TEST(log.text.find(value_b64) == std::string::npos);
      // Nor the value as the annotation holds it, or its base64 without padding.
      BOOST_TEST(log.text.find(value_b64.substr(0, value_b64.size() - 4)) == std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

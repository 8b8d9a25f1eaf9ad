#include <boost/test/unit_test.hpp>

#include "core/kube/api_client.hpp"
#include "core/kube/auth_exec.hpp"
#include "core/kube/json_depth.hpp"
#include "core/kube/redact.hpp"
#include "core/kube/status_error.hpp"
#include "tests/kube/kube_test_util.hpp"

using namespace detgw;
using namespace detgw::kube;

BOOST_AUTO_TEST_SUITE(kube_redact)

BOOST_AUTO_TEST_CASE(authorization_headers_are_masked) {
  BOOST_TEST(redact_header("Authorization", "Bearer abc.def") == "Bearer <masked>");
  BOOST_TEST(redact_header("authorization", "Basic dXNlcjpwYXNz") == "Basic <masked>");
  BOOST_TEST(redact_header("Authorization", "opaque") == "<masked>");
  BOOST_TEST(redact_header("Impersonate-User", "alice") == "alice");
}

BOOST_AUTO_TEST_CASE(secret_data_and_credential_fields_are_masked_in_json) {
  const std::string secret =
      R"({"kind":"Secret","metadata":{"name":"s","annotations":{"a":"keep"}},"data":{"config":"Y29uZmln","k2":"djI="},"stringData":{"p":"plain"},"type":"Opaque"})";
  const std::string out = redact_json(secret);
  BOOST_TEST(out.find("Y29uZmln") == std::string::npos);
  BOOST_TEST(out.find("plain") == std::string::npos);
  BOOST_TEST(out.find(R"("data":{"config":"<masked>","k2":"<masked>"})") != std::string::npos);
  BOOST_TEST(out.find(R"("a":"keep")") != std::string::npos);
  // A list of Secrets, an ExecCredential, a TokenRequest, a kubeconfig in JSON.
  const std::string list =
      R"({"kind":"SecretList","items":[{"kind":"Secret","data":{"x":"c2VjcmV0"}}]})";
  BOOST_TEST(redact_json(list).find("c2VjcmV0") == std::string::npos);
  BOOST_TEST(
      redact_json(
          R"({"kind":"ExecCredential","status":{"token":"tok-123","clientKeyData":"KEY"}})") ==
      R"({"kind":"ExecCredential","status":{"token":"<masked>","clientKeyData":"<masked>"}})");
  BOOST_TEST(
      redact_json(
          R"({"kind":"TokenRequest","status":{"token":"eyJhbGciOi","expirationTimestamp":"x"}})")
          .find("eyJ") == std::string::npos);
  const std::string kc =
      R"({"users":[{"name":"u","user":{"client-key-data":"S0VZ","token":"t","password":"p","auth-provider":{"config":{"id-token":"i","refresh-token":"r","client-secret":"c"}}}}]})";
  const std::string kc_out = redact_json(kc);
  for (auto s : {"S0VZ", "\"t\"", "\"p\"", "\"i\"", "\"r\"", "\"c\""})
    BOOST_TEST(kc_out.find(s) == std::string::npos, s);
  // A ConfigMap is not a Secret: its data stays readable.
  BOOST_TEST(redact_json(R"({"kind":"ConfigMap","data":{"a":"b"}})") ==
             R"({"kind":"ConfigMap","data":{"a":"b"}})");
  BOOST_TEST(redact_json("not json") == "not json");
}

BOOST_AUTO_TEST_CASE(secret_lists_as_the_api_server_sends_them_are_masked) {
  // List items carry no kind; the list's kind says they are Secrets.
  const std::string list =
      R"({"kind":"SecretList","apiVersion":"v1","metadata":{"resourceVersion":"9"},"items":[{"metadata":{"name":"s","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"stringData\":{\"p\":\"hunter2-plain\"}}\n","keep":"me"}},"data":{"password":"aHVudGVyMg=="},"stringData":{"p":"hunter2-plain"},"type":"Opaque"}]})";
  const std::string out = redact_json(list);
  BOOST_TEST(out.find("aHVudGVyMg") == std::string::npos, out);
  BOOST_TEST(out.find("hunter2") == std::string::npos, out);
  BOOST_TEST(out.find(R"("data":{"password":"<masked>"})") != std::string::npos, out);
  BOOST_TEST(out.find(R"("keep":"me")") != std::string::npos, out);
  BOOST_TEST(out.find(R"("name":"s")") != std::string::npos, out);
  // A Secret anywhere (a watch event, a List of mixed kinds) and its last-applied-configuration.
  const std::string event =
      R"({"type":"ADDED","object":{"kind":"Secret","metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"data\":{\"k\":\"c2VjcmV0LXZhbHVl\"}}"}},"data":{"k":"c2VjcmV0LXZhbHVl"}}})";
  BOOST_TEST(redact_json(event).find("c2VjcmV0LXZhbHVl") == std::string::npos, redact_json(event));
  // ConfigMaps in a ConfigMapList stay readable.
  const std::string maps = R"({"kind":"ConfigMapList","items":[{"data":{"a":"b"}}]})";
  BOOST_TEST(redact_json(maps) == maps);
  // TokenReview spec, ExecCredential status.
  BOOST_TEST(redact_json(R"({"kind":"TokenReview","spec":{"token":"eyJabc.def"}})") ==
             R"({"kind":"TokenReview","spec":{"token":"<masked>"}})");
}

BOOST_AUTO_TEST_CASE(json_that_does_not_parse_is_not_shown) {
  // A SecretList cut off by a dropped connection: it cannot be walked, so nothing of it shows.
  const std::string cut = R"({"kind":"SecretList","items":[{"data":{"password":"aHVudGVy)";
  BOOST_TEST(redact_json(cut) ==
             "<body is not valid JSON, not shown: " + std::to_string(cut.size()) + " bytes>");
  BOOST_TEST(redact_json("  [1, 2") == "<body is not valid JSON, not shown: 7 bytes>");
  BOOST_TEST(redact_json("404 page not found\n") == "404 page not found\n");
}

BOOST_AUTO_TEST_CASE(known_secrets_are_scrubbed_from_any_text) {
  Redactor r;
  r.add_secret("supersecrettoken");
  r.add_secret("abc");  // too short to be a credential: ignored
  BOOST_TEST(r.scrub("x supersecrettoken y supersecrettoken abc") == "x <masked> y <masked> abc");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(kube_status_error)

BOOST_AUTO_TEST_CASE(status_objects_read_like_kubectl) {
  auto forbidden = status_error(
      403,
      R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"gateways.gateway.networking.k8s.io is forbidden: User \"viewer\" cannot list resource \"gateways\" in API group \"gateway.networking.k8s.io\" in the namespace \"default\"","reason":"Forbidden","details":{"group":"gateway.networking.k8s.io","kind":"gateways"},"code":403})");
  BOOST_TEST(
      forbidden.message ==
      "Error from server (Forbidden): gateways.gateway.networking.k8s.io is forbidden: User "
      "\"viewer\" cannot list resource \"gateways\" in API group \"gateway.networking.k8s.io\" "
      "in the namespace \"default\"");
  BOOST_TEST((forbidden.kind == ErrorKind::Cluster));
  BOOST_TEST(forbidden.forbidden());
  BOOST_TEST(forbidden.http_code == 403);

  auto nf = status_error(
      404,
      R"({"kind":"Status","message":"configmaps \"x\" not found","reason":"NotFound","details":{"name":"x","kind":"configmaps"},"code":404})");
  BOOST_TEST(nf.message == "Error from server (NotFound): configmaps \"x\" not found");
  BOOST_TEST(nf.not_found());

  auto unauth = status_error(
      401, R"({"kind":"Status","message":"Unauthorized","reason":"Unauthorized","code":401})");
  BOOST_TEST(unauth.message == "You must be logged in to the server (Unauthorized)");
  BOOST_TEST(status_error(401, "").message == "You must be logged in to the server (Unauthorized)");

  auto conflict = status_error(
      409,
      R"({"kind":"Status","message":"Operation cannot be fulfilled on configmaps \"g\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","code":409})");
  BOOST_TEST(conflict.conflict());
  BOOST_TEST(conflict.message.rfind("Error from server (Conflict): Operation cannot be fulfilled",
                                    0) == 0);

  auto many = status_error(
      429,
      R"({"kind":"Status","message":"Too many requests, please try again later.","reason":"TooManyRequests","details":{"retryAfterSeconds":2},"code":429})");
  BOOST_TEST(many.is("TooManyRequests"));
  BOOST_TEST(many.retry_after_seconds == 2);

  auto timeout = status_error(
      504,
      R"({"kind":"Status","message":"Timeout: request did not complete within requested timeout","reason":"Timeout","code":504})");
  BOOST_TEST(
      timeout.message ==
      "Error from server (Timeout): Timeout: request did not complete within requested timeout");
  auto no_reason = status_error(500, R"({"kind":"Status","message":"boom","code":500})");
  BOOST_TEST(no_reason.message == "Error from server: boom");
}

BOOST_AUTO_TEST_CASE(invalid_reads_like_kubectl) {
  auto one = status_error(
      422,
      R"({"kind":"Status","message":"x","reason":"Invalid","details":{"name":"a","kind":"ConfigMap","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"b\": bad","field":"metadata.labels"},{"reason":"FieldValueInvalid","message":"Invalid value: \"b\": bad","field":"metadata.labels"}]},"code":422})");
  BOOST_TEST(one.message ==
             "The ConfigMap \"a\" is invalid: metadata.labels: Invalid value: \"b\": bad");
  auto two = status_error(
      422,
      R"({"kind":"Status","message":"x","reason":"Invalid","details":{"name":"a","kind":"ConfigMap","causes":[{"message":"m1","field":"f1"},{"message":"m2","field":"f2"}]},"code":422})");
  BOOST_TEST(two.message == "The ConfigMap \"a\" is invalid: \n* f1: m1\n* f2: m2");
  auto bare = status_error(
      422,
      R"({"kind":"Status","message":"the server rejected our request due to an error in our request","reason":"Invalid","details":{},"code":422})");
  BOOST_TEST(
      bare.message ==
      "The request is invalid: the server rejected our request due to an error in our request");
  BOOST_TEST(!bare.conflict());
}

BOOST_AUTO_TEST_CASE(non_status_bodies_get_client_go_generic_messages) {
  BOOST_TEST(status_error(404, "404 page not found\n", "text/plain").message ==
             "Error from server (NotFound): the server could not find the requested resource");
  BOOST_TEST(status_error(503, "").message ==
             "Error from server (ServiceUnavailable): the server is currently unable to handle the "
             "request");
  BOOST_TEST(status_error(502, "bad gateway").message ==
             "Error from server (InternalError): an error on the server (\"bad gateway\") has "
             "prevented the request from succeeding");
  BOOST_TEST(status_error(418, "").message ==
             "Error from server: the server responded with the status code 418 but did not return "
             "more information");
}

BOOST_AUTO_TEST_CASE(connection_errors_read_like_kubectl) {
  auto refused = connection_error(
      FailureKind::Connection, "dial tcp 127.0.0.1:1: connect: connection refused", "127.0.0.1:1");
  BOOST_TEST(refused.message ==
             "The connection to the server 127.0.0.1:1 was refused - did you specify the right "
             "host or port?");
  auto dns = connection_error(FailureKind::Connection, "dial tcp: lookup nowhere: no such host",
                              "nowhere:443");
  BOOST_TEST(dns.message ==
             "Unable to connect to the server: dial tcp: lookup nowhere: no such host");
  BOOST_TEST((dns.kind == ErrorKind::Cluster));
  // Result converts to Expected, keeping the message.
  Result<int> r(dns);
  Expected<int> e = std::move(r);
  BOOST_TEST(e.error().message == dns.message);
}

BOOST_AUTO_TEST_CASE(json_nested_a_million_deep_is_refused_not_a_crash) {
  const std::string deep(1'000'000, '[');
  HttpResponse response;
  response.status = 200;
  response.body = deep;
  auto decoded = decode_response(response);
  BOOST_REQUIRE(!decoded);
  BOOST_TEST(decoded.error().message.find("nests deeper") != std::string::npos);
  BOOST_TEST(redact_json(deep).find('[') == std::string::npos);
  auto credential = parse_exec_credential(deep, "client.authentication.k8s.io/v1");
  BOOST_TEST(!credential);
  auto status = status_error(500, "{" + std::string(500'000, '['), "application/json");
  BOOST_TEST(status.http_code == 500);
  // Brackets inside strings do not nest.
  BOOST_TEST(!json_nesting_exceeds(R"({"a":")" + deep + R"("})"));
  BOOST_TEST(json_nesting_exceeds("[[[", 2));
  BOOST_TEST(!json_nesting_exceeds("[[]][[]]", 2));
}

BOOST_AUTO_TEST_SUITE_END()

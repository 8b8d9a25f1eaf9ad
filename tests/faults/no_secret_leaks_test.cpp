// No secret in any output: every command of both plugins, in every output format, at the most
// verbose level (-v=9 for kubectl detgw, HELM_DEBUG as `helm --debug` sets it for helm multirm),
// with each of the lab's identities (client key, ServiceAccount token, static token). stdout and
// stderr are searched for every token, private key (whole, base64, or one line of its PEM body)
// and password of the lab, and the initialUserPassword given by -f and by --set.

#include <boost/test/unit_test.hpp>

#include "core/kube/base64.hpp"
#include "tests/faults/fault_lab.hpp"

namespace detgw::test::faults {
namespace {

const std::string kFilePassword = "Leak-File-Passw0rd";
const std::string kSetPassword = "Leak-Set-Passw0rd";
const std::string kWeakPassword = "leakweakpassword";  // refused by HLM011: still never shown

// Every secret form the outputs are searched for; how many outputs were searched.
struct Search {
  std::vector<std::string> secrets;
  int outputs = 0;

  void add(const std::string& secret) {
    for (auto& form : secret_forms(secret)) secrets.push_back(form);
  }
  void check(const std::string& what, const RunResult& r) {
    ++outputs;
    BOOST_TEST_INFO(what);
    // Something to search (GitHub annotations of a clean run are rightly nothing).
    if (what.find("-o github") == std::string::npos)
      BOOST_REQUIRE_MESSAGE(!r.out.empty() || !r.err.empty(), what + " printed nothing");
    for (std::size_t i = 0; i < secrets.size(); ++i)
      BOOST_TEST((r.out + r.err).find(secrets[i]) == std::string::npos,
                 what + " prints secret #" + std::to_string(i));
  }
};

std::string joined(const std::vector<std::string>& argv) {
  std::string s;
  for (const auto& a : argv) s += (s.empty() ? "" : " ") + a;
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(no_secret_leaks)

BOOST_AUTO_TEST_CASE(no_command_prints_a_secret_in_any_format_or_log) {
  Search search;
  search.secrets = lab_secrets();
  for (const auto& p : {kFilePassword, kSetPassword, kWeakPassword}) search.add(p);
  // The key and the tokens of three users, the CA's and the SA signer's keys: never vacuous.
  BOOST_REQUIRE(search.secrets.size() >= 12);
  const std::string sa_token = [] {
    auto r = kubectl(
        {"config", "view", "--raw", "-o", "jsonpath={.users[?(@.name==\"lab1-sa\")].user.token}"});
    return r.out;
  }();
  BOOST_REQUIRE(sa_token.size() > 20);

  // kubectl detgw: every command and format, as each identity, and with --token.
  const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> commands = {
      {{"status", "--gateway", kGateway}, {"text", "wide", "json", "yaml"}},
      {{"doctor", "--pre", "--gateway", kGateway},
       {"text", "json", "yaml", "sarif", "junit", "github"}},
      {{"config", "--gateway", kGateway}, {"yaml", "json"}},
      {{"prune", "--gateway", kGateway, "--grace", "0s"}, {"text", "json", "yaml"}},
      {{"capacity"}, {"text", "json", "yaml"}},
      {{"version"}, {"text", "json"}},
  };
  const std::vector<std::vector<std::string>> identities = {
      {"--context", "lab1-admin"},
      {"--context", "lab1-sa"},
      {"--context", "lab1-viewer"},
      {"--context", "lab1-viewer", "--token", sa_token},
  };
  for (const auto& [command, formats] : commands)
    for (const auto& format : formats)
      for (const auto& identity : identities) {
        std::vector<std::string> args = command;
        args.insert(args.end(), {"-o", format, "-v=9"});
        args.insert(args.end(), identity.begin(), identity.end());
        // The label names the token flag, never the token.
        std::string label = joined(args);
        if (const auto at = label.find(sa_token); at != std::string::npos)
          label.replace(at, sa_token.size(), "<token>");
        search.check("kubectl-detgw " + label, detgw(args, lab().kubeconfig));
      }

  // helm multirm: lint and render in every format, add-cluster, lint --live, version.
  TempDir dir;
  kubectl({"create", "namespace", "faults-leaks"});
  const std::vector<std::string> env = {"KUBECONFIG=" + lab().kubeconfig,
                                        "HELM_NAMESPACE=faults-leaks",
                                        "HELM_KUBECONTEXT=", "HELM_DEBUG=true"};
  const auto values = dir.write("values.yaml",
                                "maxSlotsPerPod: 1\n"
                                "initialUserPassword: " +
                                    kFilePassword + "\n");
  auto helm = [&](const std::string& what, std::vector<std::string> args) {
    args.insert(args.begin(), DETGW_HELM_MULTIRM);
    auto r = run(args, {}, env);
    search.check(what + ": " + joined(args), r);
    return r;
  };
  const std::vector<std::string> formats = {"text", "json", "yaml", "sarif", "junit", "github"};
  for (const auto& format : formats) {
    helm("lint", {"lint", "--no-chart-render", "-f", values.string(), "--set",
                  "initialUserPassword=" + kSetPassword, "-o", format});
    // HLM011 about a weak password names the value, never shows it.
    auto weak = helm("lint weak", {"lint", "--no-chart-render", "-f", values.string(), "--set",
                                   "initialUserPassword=" + kWeakPassword, "-o", format});
    BOOST_TEST(weak.exit_code == 1);
    helm("render", {"render", "-f", values.string(), "--set", "initialUserPassword=" + kSetPassword,
                    "-o", format});
  }
  const auto secret_out = (dir.path() / "east-secret.yaml").string();
  const auto values_out = (dir.path() / "east-values.yaml").string();
  auto added = helm("add-cluster", {"add-cluster",
                                    "east",
                                    "-f",
                                    values.string(),
                                    "--cluster-kubeconfig",
                                    lab().kubeconfig,
                                    "--cluster-context",
                                    "lab1-admin",
                                    "--service-account",
                                    "faults-leaks",
                                    "--pool",
                                    "east",
                                    "--max-slots-per-pod",
                                    "1",
                                    "--master-host",
                                    "10.0.0.1",
                                    "--master-port",
                                    "8080",
                                    "--secret-out",
                                    secret_out,
                                    "--values-out",
                                    values_out});
  BOOST_REQUIRE_MESSAGE(added.exit_code == 0, added.err);
  // The Secret carries the new ServiceAccount's token and the admin's key: neither may show.
  const auto secret_yaml = read_file_text(secret_out);
  const auto data_at = secret_yaml.find("config: ");
  BOOST_REQUIRE(data_at != std::string::npos);
  const auto kubeconfig = kube::base64_decode(
      secret_yaml.substr(data_at + 8, secret_yaml.find('\n', data_at) - data_at - 8));
  BOOST_REQUIRE(kubeconfig);
  const auto added_secrets =
      kubeconfig_credentials(dir.write("east-kubeconfig", *kubeconfig).string());
  BOOST_REQUIRE(!added_secrets.empty());
  search.secrets.insert(search.secrets.end(), added_secrets.begin(), added_secrets.end());
  auto applied = kubectl({"apply", "-n", "faults-leaks", "-f", secret_out});
  BOOST_REQUIRE_MESSAGE(applied.exit_code == 0, applied.err);
  for (const auto& format : formats) {
    auto live = helm("lint --live", {"lint", "--live", "--no-chart-render", "-f", values.string(),
                                     "-f", values_out, "-o", format});
    BOOST_TEST(live.exit_code <= 1, live.err);
  }
  helm("version", {"version"});
  BOOST_TEST(search.outputs > 100);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace detgw::test::faults

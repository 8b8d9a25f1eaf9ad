#include "tests/common/test_support.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/kube/base64.hpp"
#include "core/kube/kubeconfig.hpp"

namespace detgw::test {

std::filesystem::path source_dir() { return DETGW_SOURCE_DIR; }

std::optional<std::filesystem::path> shared_dir() {
  if (const char* env = std::getenv("DETGW_SHARED_DIR")) return std::filesystem::path(env);
  auto candidate = source_dir().parent_path() / "shared";
  if (std::filesystem::exists(candidate / "fixtures")) return candidate;
  return std::nullopt;
}

namespace {

std::string drain(int fd) {
  std::string out;
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  return out;
}

}  // namespace

RunResult run(const std::vector<std::string>& argv, const std::string& stdin_text,
              const std::vector<std::string>& env) {
  TempDir io;
  const auto in_path = io.write("stdin", stdin_text);
  const auto out_path = io.path() / "stdout";
  const auto err_path = io.path() / "stderr";
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int in = open(in_path.c_str(), O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    for (const auto& kv : env) putenv(const_cast<char*>(kv.c_str()));
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  int out = open(out_path.c_str(), O_RDONLY);
  result.out = drain(out);
  close(out);
  int err = open(err_path.c_str(), O_RDONLY);
  result.err = drain(err);
  close(err);
  return result;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "detgw-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& content) const {
  auto p = path_ / name;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

std::vector<std::string> secret_forms(const std::string& secret) {
  std::vector<std::string> forms;
  if (secret.size() < 8) return forms;
  forms.push_back(secret);
  forms.push_back(kube::base64_encode(secret));
  for (std::size_t start = 0; start < secret.size();) {
    const auto end = secret.find('\n', start);
    const std::string line = secret.substr(start, end == std::string::npos ? end : end - start);
    if (line.size() > 40 && line.find("-----") == std::string::npos) forms.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return forms;
}

std::vector<std::string> kubeconfig_credentials(const std::string& kubeconfig_path) {
  auto config = kube::load_kubeconfig_file(kubeconfig_path);
  if (!config) throw std::runtime_error("cannot load " + kubeconfig_path);
  std::vector<std::string> secrets;
  for (const auto& [name, user] : config->users)
    for (const auto* s : {&user.token, &user.password, &user.client_key_data})
      for (auto& form : secret_forms(*s)) secrets.push_back(std::move(form));
  return secrets;
}

void reset_lab_gateway(const std::function<RunResult(std::vector<std::string>)>& kubectl,
                       const std::string& wait) {
  auto r =
      kubectl({"-n", "projectcontour", "patch", "gateway", "contour", "--type=json", "-p",
               R"([{"op":"replace","path":"/spec/listeners","value":[{"name":"tcp",)"
               R"("protocol":"TCP","port":52335,"allowedRoutes":{"namespaces":{"from":"All"}}}]},)"
               R"({"op":"replace","path":"/metadata/annotations","value":{}}])"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  for (const char* kind : {"tcproutes.gateway.networking.k8s.io", "services"}) {
    r = kubectl({"delete", kind, "-A", "-l", "determined", wait});
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }
}

std::string lab_env_value(const std::filesystem::path& run_dir, const std::string& key) {
  std::ifstream in(run_dir / "lab.env");
  std::string line;
  const std::string prefix = key + "=";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    std::string value = line.substr(prefix.size());
    if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'')
      value = value.substr(1, value.size() - 2);
    return value;
  }
  return {};
}

std::string read_file_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string yaml_block_after(const std::string& page, const std::string& heading) {
  auto at = page.find(heading);
  if (at == std::string::npos) return {};
  auto open = page.find("```yaml\n", at);
  if (open == std::string::npos) return {};
  open += 8;
  auto close = page.find("```", open);
  return close == std::string::npos ? std::string() : page.substr(open, close - open);
}

}  // namespace detgw::test

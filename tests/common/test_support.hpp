#pragma once
// Small helpers shared by the test rooms: where the sources are, running the built binaries,
// temporary files.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace detgw::test {

std::filesystem::path source_dir();
// ../shared next to the repository, when present (fixture tests run only then).
std::optional<std::filesystem::path> shared_dir();

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `argv` with `stdin_text` on standard input and `env` added to the environment.
RunResult run(const std::vector<std::string>& argv, const std::string& stdin_text = {},
              const std::vector<std::string>& env = {});

// The forms a secret can show in output: itself, its base64, and each line of a PEM body
// (a key cut in lines is still a leak). Nothing for secrets shorter than 8 characters.
std::vector<std::string> secret_forms(const std::string& secret);
// The forms of every token, password and private key of the users of a kubeconfig file.
std::vector<std::string> kubeconfig_credentials(const std::string& kubeconfig_path);

// Puts a lab's Gateway back as tests/lab/up made it: the seed listener only, no annotation, no
// Determined TCPRoutes or Services (deleted with `wait`, kubectl's --wait=true|false).
void reset_lab_gateway(const std::function<RunResult(std::vector<std::string>)>& kubectl,
                       const std::string& wait);

// A value of a lab's RUN_DIR/lab.env (tests/lab/up writes it; quotes removed), "" when unset.
std::string lab_env_value(const std::filesystem::path& run_dir, const std::string& key);

// A file's whole text ("" when it cannot be read).
std::string read_file_text(const std::filesystem::path& path);
// The first ```yaml block after `heading` in a Markdown page, or "" when there is none.
std::string yaml_block_after(const std::string& page, const std::string& heading);

// A directory removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

}  // namespace detgw::test

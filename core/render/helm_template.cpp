#include "core/render/helm_template.hpp"

#include "core/support/subprocess.hpp"

namespace detgw::render {
namespace {

std::string trim(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  text.erase(0, first);
  text.erase(text.find_last_not_of(" \t\r\n") + 1);
  return text;
}

// "templates/x.yaml:23:28" → file, line, column.
void split_position(const std::string& position, ChartRefusal& out) {
  const auto last = position.rfind(':');
  if (last == std::string::npos) return;
  const auto before = position.rfind(':', last - 1);
  if (before == std::string::npos || before == 0) return;
  try {
    out.line = std::stoi(position.substr(before + 1, last - before - 1));
    out.column = std::stoi(position.substr(last + 1));
    out.template_file = position.substr(0, before);
  } catch (const std::exception&) {
    out.line = out.column = 0;
  }
}

}  // namespace

std::optional<std::string> find_helm(const model::EnvLookup& env) {
  if (env) {
    if (auto bin = env("HELM_BIN"); bin && !bin->empty()) {
      const auto found = support::find_executable(*bin, env("PATH").value_or(""));
      if (!found.empty()) return found;
    }
    if (auto path = env("PATH")) {
      const auto found = support::find_executable("helm", *path);
      if (!found.empty()) return found;
    }
  }
  return std::nullopt;
}

std::vector<std::string> helm_template_argv(const HelmTemplateRequest& request) {
  std::vector<std::string> argv = {request.helm, "template", request.release, request.chart};
  if (request.namespace_) {
    argv.emplace_back("--namespace");
    argv.push_back(*request.namespace_);
  }
  for (const auto& file : request.values_files) {
    argv.emplace_back("--values");
    argv.push_back(file);
  }
  for (const auto& flag : request.set_flags) {
    argv.push_back(values::flag_name(flag.kind));
    argv.push_back(flag.expression);
  }
  return argv;
}

ChartRefusal parse_helm_error(const std::string& stderr_text) {
  std::string text = stderr_text;
  if (const auto debug = text.find("\nUse --debug flag"); debug != std::string::npos)
    text.erase(debug);
  if (const auto error = text.find("Error: "); error != std::string::npos) text.erase(0, error + 7);
  text = trim(text);
  ChartRefusal refusal;
  const std::string execution = "execution error at (";
  if (text.rfind(execution, 0) == 0) {
    const auto close = text.find("): ");
    if (close != std::string::npos) {
      split_position(text.substr(execution.size(), close - execution.size()), refusal);
      refusal.message = trim(text.substr(close + 3));
      return refusal;
    }
  }
  refusal.message = text;
  return refusal;
}

HelmTemplateResult helm_template(const HelmTemplateRequest& request) {
  HelmTemplateResult result;
  support::ProcessLimits limits;
  limits.timeout = std::chrono::seconds(60);
  limits.max_output = 32u << 20;
  auto run = support::run_process(helm_template_argv(request), {}, limits);
  if (!run.started) {
    result.problem = run.error;
    return result;
  }
  if (run.timed_out) {
    result.problem = "helm template did not finish within 60 s";
    return result;
  }
  if (run.truncated) {
    result.problem = "helm template printed more than 32 MiB";
    return result;
  }
  result.ran = true;
  if (run.exit_code == 0)
    result.manifests = std::move(run.out);
  else
    result.refusal = parse_helm_error(run.err.empty() ? run.out : run.err);
  return result;
}

}  // namespace detgw::render

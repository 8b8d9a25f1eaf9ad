#pragma once
// Shell completion for both plugins, read off the CLI11 command tree: subcommands, flags with
// their descriptions, and option values (the choices an option lists, or a source registered
// for it, such as the cluster's Gateways). Output follows cobra's `__complete` protocol, which
// kubectl (`kubectl_complete-<plugin>`) and helm (`plugin.complete`) both read from a plugin.

#include <CLI/CLI.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace detgw::cli {

// Cobra's ShellCompDirective bits: the last output line `:<bits>` tells the shell what to do.
enum Directive : int {
  kDirectiveDefault = 0,  // the shell may also complete file names
  kDirectiveError = 1,
  kDirectiveNoSpace = 2,
  kDirectiveNoFileComp = 4,
  kDirectiveFilterDirs = 16,
};

struct Candidate {
  std::string value;
  std::string description;
};

// What the words before the one being completed said.
struct CompletionContext {
  CLI::App* command = nullptr;  // the deepest subcommand named
  // Values of the options given, under every name of the option ("--namespace" and "-n");
  // "true" for a flag.
  std::map<std::string, std::string> values;
  std::string partial;  // the word being completed (for an `--opt=` word, the part after `=`)

  // The last value given for the option called `name` ("--context"), or "".
  std::string value(const std::string& name) const;
};

using ValueSource = std::function<std::vector<Candidate>(const CompletionContext&)>;

struct Completion {
  std::vector<Candidate> candidates;
  int directive = kDirectiveDefault;
};

class Completer {
 public:
  explicit Completer(CLI::App& root) : root_(root) {}

  // Values of the option called `name` (any of its names, in any subcommand) come from `source`.
  void values_for(const std::string& name, ValueSource source,
                  int directive = kDirectiveNoFileComp);

  // `args`: the words after the program name, the last one being completed (may be empty).
  Completion complete(const std::vector<std::string>& args) const;

 private:
  struct Source {
    ValueSource source;
    int directive;
  };
  Completion complete_value(CLI::Option& option, const CompletionContext& context) const;

  CLI::App& root_;
  std::map<std::string, Source> sources_;
};

// Cobra's `__complete` output: `value\tdescription` per line, then `:<directive>`.
std::string render(const Completion& completion, bool descriptions);

// The choices an option states: a CLI::IsMember check, or a description such as
// "text, json or yaml" / "auto|always|never". Empty when it states none.
std::vector<std::string> stated_choices(CLI::Option& option);

// When argv[1] is cobra's `__complete` (or `__completeNoDesc`), prints the completion of the
// remaining words for `root` and returns the exit code; otherwise nullopt. Called before
// parsing, so the words are never seen by CLI11 (they are often incomplete or invalid);
// `configure` registers the value sources of the program.
std::optional<int> complete_if_asked(CLI::App& root, int argc, const char* const* argv,
                                     const std::function<void(Completer&)>& configure);

}  // namespace detgw::cli

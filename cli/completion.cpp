#include "cli/completion.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <iostream>
#include <regex>
#include <string_view>

namespace detgw::cli {
namespace {

bool takes_value(const CLI::Option& option) { return option.get_expected_max() > 0; }

// An option named `name` ("--context", "-n") of `command` or of a command above it.
CLI::Option* find_option(CLI::App* command, const std::string& name) {
  for (CLI::App* app = command; app != nullptr; app = app->get_parent()) {
    if (CLI::Option* option = app->get_option_no_throw(name)) return option;
  }
  return nullptr;
}

bool hidden(const CLI::App& command) { return command.get_group().empty(); }

std::vector<CLI::App*> visible_subcommands(CLI::App& command) {
  return command.get_subcommands([](CLI::App* sub) {
    return !sub->get_name().empty() && !hidden(*sub) && !sub->get_disabled();
  });
}

CLI::App* find_subcommand(CLI::App& command, const std::string& word) {
  for (CLI::App* sub : visible_subcommands(command)) {
    if (sub->check_name(word)) return sub;
  }
  return nullptr;
}

// Options of `command`, including those in its option groups (unnamed subcommands).
void collect_options(CLI::App& command, std::vector<CLI::Option*>& out) {
  for (CLI::Option* option : command.get_options()) out.push_back(option);
  for (CLI::App* group :
       command.get_subcommands([](CLI::App* sub) { return sub->get_name().empty(); }))
    collect_options(*group, out);
}

bool has_positionals(CLI::App& command) {
  std::vector<CLI::Option*> options;
  collect_options(command, options);
  for (const CLI::Option* option : options) {
    if (option->get_positional() && option->get_lnames().empty() && option->get_snames().empty())
      return true;
  }
  return false;
}

std::vector<std::string> names_of(const CLI::Option& option) {
  std::vector<std::string> names;
  for (const auto& name : option.get_lnames()) names.push_back("--" + name);
  for (const auto& name : option.get_snames()) names.push_back("-" + name);
  return names;
}

void remember(CompletionContext& context, const CLI::Option& option, const std::string& value) {
  for (const auto& name : names_of(option)) context.values[name] = value;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

void keep_prefixed(std::vector<Candidate>& candidates, const std::string& prefix) {
  std::erase_if(candidates, [&](const Candidate& c) { return !c.value.starts_with(prefix); });
}

std::vector<std::string> split_choices(const std::string& list) {
  static const std::regex word("[a-z][a-z0-9_-]*");
  std::vector<std::string> out;
  for (std::sregex_iterator it(list.begin(), list.end(), word), end; it != end; ++it) {
    if (it->str() != "or") out.push_back(it->str());
  }
  return out;
}

}  // namespace

std::string CompletionContext::value(const std::string& name) const {
  auto it = values.find(name);
  return it == values.end() ? std::string() : it->second;
}

std::vector<std::string> stated_choices(CLI::Option& option) {
  // A CLI::IsMember check describes itself as "{a,b,c}".
  for (int i = 0;; ++i) {
    CLI::Validator* validator = nullptr;
    try {
      validator = option.get_validator(i);
    } catch (const CLI::OptionNotFound&) {
      break;
    }
    const std::string text = validator->get_description();
    if (text.size() > 2 && text.front() == '{' && text.back() == '}')
      return split_choices(text.substr(1, text.size() - 2));
  }
  // Otherwise only a description that *is* the list ("text, json or yaml", "auto|never"), or
  // whose part after the last ": " is, counts: a free sentence such as "a file or directory"
  // must not turn into choices.
  std::string list = option.get_description();
  if (auto colon = list.rfind(": "); colon != std::string::npos) list = list.substr(colon + 2);
  if (auto paren = list.find(" ("); paren != std::string::npos) list = list.substr(0, paren);
  static const std::regex enumeration(
      "[a-z][a-z0-9_-]*((, [a-z][a-z0-9_-]*)*,? or [a-z][a-z0-9_-]*|(\\|[a-z][a-z0-9_-]*)+)");
  if (!std::regex_match(list, enumeration)) return {};
  return split_choices(list);
}

void Completer::values_for(const std::string& name, ValueSource source, int directive) {
  sources_[name] = Source{std::move(source), directive};
}

Completion Completer::complete_value(CLI::Option& option, const CompletionContext& context) const {
  Completion out;
  for (const auto& name : names_of(option)) {
    auto it = sources_.find(name);
    if (it == sources_.end()) continue;
    out.candidates = it->second.source(context);
    out.directive = it->second.directive;
    keep_prefixed(out.candidates, context.partial);
    return out;
  }
  for (auto& choice : stated_choices(option)) out.candidates.push_back({choice, {}});
  keep_prefixed(out.candidates, context.partial);
  // Without stated choices the value is free text or a path: let the shell complete files.
  out.directive = out.candidates.empty() ? kDirectiveDefault : kDirectiveNoFileComp;
  return out;
}

namespace {

// Where the words before the one being completed leave off.
struct Reading {
  CompletionContext context;
  CLI::Option* pending = nullptr;  // an option whose value is the word being completed
  bool positional_only = false;    // after `--`
};

// Walks `words` as CLI11 would parse them: options (and their values) and subcommands; words
// it does not know are skipped, since a command line being typed is often incomplete.
Reading read_words(CLI::App& root, const std::vector<std::string>& words) {
  Reading r;
  r.context.command = &root;
  for (const std::string& word : words) {
    if (r.pending != nullptr) {
      remember(r.context, *r.pending, word);
      r.pending = nullptr;
    } else if (!r.positional_only && word == "--") {
      r.positional_only = true;
    } else if (!r.positional_only && word.starts_with("--") && word.size() > 2) {
      const auto eq = word.find('=');
      CLI::Option* option = find_option(r.context.command, word.substr(0, eq));
      if (option == nullptr) continue;
      if (!takes_value(*option))
        remember(r.context, *option, "true");
      else if (eq == std::string::npos)
        r.pending = option;
      else
        remember(r.context, *option, word.substr(eq + 1));
    } else if (!r.positional_only && word.starts_with("-") && word.size() > 1) {
      CLI::Option* option = find_option(r.context.command, word.substr(0, 2));
      if (option == nullptr) continue;
      if (!takes_value(*option))
        remember(r.context, *option, "true");
      else if (word.size() == 2)
        r.pending = option;
      else
        remember(r.context, *option, word.substr(word[2] == '=' ? 3 : 2));
    } else if (!r.positional_only) {
      if (CLI::App* sub = find_subcommand(*r.context.command, word)) r.context.command = sub;
    }
  }
  return r;
}

}  // namespace

Completion Completer::complete(const std::vector<std::string>& args) const {
  const std::vector<std::string> before(args.begin(), args.empty() ? args.end() : args.end() - 1);
  Reading reading = read_words(root_, before);
  CompletionContext& context = reading.context;
  CLI::Option* pending = reading.pending;
  const bool positional_only = reading.positional_only;
  const std::string partial = args.empty() ? std::string() : args.back();

  if (pending != nullptr) {
    context.partial = partial;
    return complete_value(*pending, context);
  }
  if (!positional_only && partial.starts_with("--") && partial.find('=') != std::string::npos) {
    const auto eq = partial.find('=');
    const std::string name = partial.substr(0, eq);
    CLI::Option* option = find_option(context.command, name);
    if (option == nullptr || !takes_value(*option)) return {{}, kDirectiveNoFileComp};
    context.partial = partial.substr(eq + 1);
    Completion out = complete_value(*option, context);
    for (auto& candidate : out.candidates) candidate.value = name + "=" + candidate.value;
    return out;
  }

  Completion out;
  if (!positional_only && partial.starts_with("-")) {
    std::vector<CLI::Option*> options;
    collect_options(*context.command, options);
    for (const CLI::Option* option : options) {
      if (option->get_group().empty()) continue;  // hidden
      for (const auto& name : names_of(*option))
        out.candidates.push_back({name, first_line(option->get_description())});
    }
    keep_prefixed(out.candidates, partial);
    out.directive = kDirectiveNoFileComp;
    return out;
  }
  if (!positional_only) {
    for (CLI::App* sub : visible_subcommands(*context.command))
      out.candidates.push_back({sub->get_name(), first_line(sub->get_description())});
    keep_prefixed(out.candidates, partial);
  }
  // A command that takes positional arguments (a chart directory, files) leaves them to the
  // shell's file completion; one that takes none offers only what is listed.
  out.directive = has_positionals(*context.command) ? kDirectiveDefault : kDirectiveNoFileComp;
  return out;
}

std::string render(const Completion& completion, bool descriptions) {
  std::string out;
  for (const auto& candidate : completion.candidates) {
    out += candidate.value;
    if (descriptions && !candidate.description.empty()) {
      out += '\t';
      out += candidate.description;
    }
    out += '\n';
  }
  out += ':';
  out += std::to_string(completion.directive);
  out += '\n';
  return out;
}

std::optional<int> complete_if_asked(CLI::App& root, int argc, const char* const* argv,
                                     const std::function<void(Completer&)>& configure) {
  if (argc < 2) return std::nullopt;
  const std::string_view request = argv[1];
  if (request != "__complete" && request != "__completeNoDesc") return std::nullopt;
  std::vector<std::string> args(argv + 2, argv + argc);
  if (args.empty()) args.emplace_back();
  // Nothing but candidates may reach the terminal, and Helm 4 reads a plugin.complete's stderr
  // as candidates too: warnings of the value sources (an insecure kubeconfig, an exec
  // credential plugin's chatter) go nowhere.
  if (int null = open("/dev/null", O_WRONLY); null >= 0) {
    dup2(null, STDERR_FILENO);
    close(null);
  }
  Completer completer(root);
  if (configure) configure(completer);
  std::cout << render(completer.complete(args), request == "__complete");
  return 0;
}

}  // namespace detgw::cli

#pragma once
// What main needs to know of a subcommand once CLI11 has parsed: whether it ran, and its exit
// code. Each command is a class that registers itself on the root app.

namespace detgw::kubectl_detgw {

class Command {
 public:
  virtual ~Command() = default;
  bool ran() const { return ran_; }
  int exit_code() const { return exit_code_; }

 protected:
  bool ran_ = false;
  int exit_code_ = 0;
};

}  // namespace detgw::kubectl_detgw

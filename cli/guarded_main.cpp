#include "cli/guarded_main.hpp"

#include <exception>
#include <iostream>
#include <new>

namespace detgw::cli {

int guarded_main(int (*run)(int, char**), int argc, char** argv, int failure_exit) {
  try {
    return run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "Error: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << "Error: internal error (please report it): " << e.what() << "\n";
  } catch (...) {
    std::cerr << "Error: internal error (please report it)\n";
  }
  return failure_exit;
}

}  // namespace detgw::cli

#include "core/onboard/private_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace detgw::onboard {
namespace {

Error write_error(const std::string& path, int err) {
  std::string message = "cannot write ";
  message += path;
  message += ": ";
  message += std::strerror(err);
  return input_error(std::move(message), {path, 0, 0});
}

}  // namespace

Expected<bool> write_private_file(const std::string& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return write_error(path, errno);
  if (::fchmod(fd, 0600) != 0) {
    const int err = errno;
    ::close(fd);
    return write_error(path, err);
  }
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return write_error(path, err);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) return write_error(path, errno);
  return true;
}

}  // namespace detgw::onboard

#include "eval/input_file.hpp"

#include <cctype>
#include <cerrno>
#include <string>
#include <system_error>

#include "polysearch/error.hpp"

namespace polysearch::eval::detail {

std::ifstream open_input_file(const std::filesystem::path& path) {
  std::error_code status;
  int error = 0;
  std::ifstream in;
  if (std::filesystem::is_directory(path, status)) {
    error = EISDIR;
  } else {
    errno = 0;
    in.open(path, std::ios::binary);
    if (!in) error = errno != 0 ? errno : ENOENT;
  }
  if (error != 0) {
    std::string reason = std::generic_category().message(error);
    if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(reason[0]));
    throw InputError("cannot read '" + path.string() + "': " + reason, 0);
  }
  return in;
}

}  // namespace polysearch::eval::detail

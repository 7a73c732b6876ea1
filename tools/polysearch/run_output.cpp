#include "run_output.hpp"

#include <cerrno>
#include <iostream>
#include <system_error>

#include "input_files.hpp"
#include "polysearch/error.hpp"

namespace polysearch::cli {

namespace {

bool is_device_or_fifo(const std::string& path) {
  std::error_code ignored;  // a path that does not exist is a file to create
  const auto status = std::filesystem::status(path, ignored);
  return std::filesystem::is_character_file(status) || std::filesystem::is_block_file(status) ||
         std::filesystem::is_fifo(status) || std::filesystem::is_socket(status);
}

}  // namespace

RunOutput::RunOutput(const std::string& path) : path_(path) {
  if (to_stdout()) return;
  if (!is_device_or_fifo(path)) temporary_ = path + ".tmp";
  const std::filesystem::path target =
      temporary_.empty() ? std::filesystem::path(path_) : temporary_;
  file_.open(target, std::ios::binary | std::ios::trunc);
  if (!file_) {
    const std::error_code error(errno, std::generic_category());
    throw Error("cannot write '" + target.string() + "': " + system_message(error));
  }
}

RunOutput::~RunOutput() {
  if (to_stdout() || committed_ || temporary_.empty()) return;
  file_.close();
  std::error_code ignored;  // the run already failed; its error is the one to report
  std::filesystem::remove(temporary_, ignored);
}

std::ostream& RunOutput::stream() { return to_stdout() ? std::cout : file_; }

void RunOutput::commit() {
  if (to_stdout()) {
    std::cout.flush();
    if (!std::cout) throw Error("cannot write the run to standard output");
    return;
  }
  file_.close();
  if (temporary_.empty()) {
    if (!file_) throw Error("cannot write '" + path_ + "': write error");
    committed_ = true;
    return;
  }
  if (!file_) throw Error("cannot write '" + temporary_.string() + "': write error");
  std::error_code error;
  std::filesystem::rename(temporary_, path_, error);
  if (error) {
    throw Error("cannot rename '" + temporary_.string() + "' to '" + path_ +
                "': " + system_message(error));
  }
  committed_ = true;
}

}  // namespace polysearch::cli

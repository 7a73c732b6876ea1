#pragma once
// Where a command writes a run file (run, fuse): standard output, or FILE complete or
// not at all.

#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>

namespace polysearch::cli {

// Standard output for "-", else FILE.tmp renamed to FILE by commit().  A run that is not
// committed (an error, a signal) removes FILE.tmp and leaves FILE as it was.  A FILE that
// is a device or a FIFO (-o /dev/null, a named pipe) is written in place: renaming over
// it would replace /dev/null with a regular file for every program on the machine.
class RunOutput {
 public:
  // Opens FILE.tmp (or FILE in place); throws Error("cannot write '…': <reason>") if it
  // cannot.
  explicit RunOutput(const std::string& path);
  ~RunOutput();
  RunOutput(const RunOutput&) = delete;
  RunOutput& operator=(const RunOutput&) = delete;

  [[nodiscard]] bool to_stdout() const { return path_ == "-"; }
  [[nodiscard]] std::ostream& stream();

  // Flushes standard output, or closes FILE.tmp and renames it to FILE; throws Error
  // when either fails.
  void commit();

 private:
  std::string path_;
  std::filesystem::path temporary_;  // empty when FILE is written in place
  std::ofstream file_;
  bool committed_ = false;
};

}  // namespace polysearch::cli

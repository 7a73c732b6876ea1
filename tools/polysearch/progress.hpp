#pragma once
// A status line on standard error that rewrites itself ("\r…"), for long commands such as
// `index` and `run`.  It is drawn only when enabled (stderr is a terminal and the user did
// not ask for --quiet), first after one interval (a quick command shows none) and then at
// most once per interval, and it is erased before any error or warning line and when the
// command ends, so the lines that stay are the real messages.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace polysearch::cli {

// Whether a progress line may be shown: stderr is a terminal and `quiet` is false.
[[nodiscard]] bool progress_wanted(bool quiet);

class ProgressLine {
 public:
  static constexpr std::chrono::milliseconds kInterval{250};

  explicit ProgressLine(bool enabled);
  ~ProgressLine();  // erases the line
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Whether show() would draw now: enabled, and kInterval since the last drawing (or since
  // construction).  Cheap, so callers test it before building the text.
  [[nodiscard]] bool due() const;

  // Draws `text` over the previous line if due().
  void show(std::string_view text);

  // Erases the line (a no-op when nothing is drawn).
  void clear();

 private:
  void clear_locked();

  const bool enabled_;
  mutable std::mutex mutex_;
  bool shown_ = false;
  std::size_t width_ = 0;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// Erases the progress line being shown, if any: print_error() and print_warning() call it
// so that a message never lands in the middle of the line.
void clear_progress_line();

// "0:07", "12:30", "1:02:03": a duration for an ETA.
[[nodiscard]] std::string format_duration(double seconds);

// "1234 documents, 5678 docs/s, 12.3 MB/s, 42%, ETA 0:15": the progress of reading
// `done_bytes` of `total_bytes` (0: unknown, no percentage or ETA) in `seconds`.
[[nodiscard]] std::string indexing_progress(std::size_t documents, std::uint64_t done_bytes,
                                            std::uint64_t total_bytes, double seconds);

// "123/1190 queries, 456 q/s".
[[nodiscard]] std::string query_progress(std::size_t done, std::size_t total, double seconds);

}  // namespace polysearch::cli

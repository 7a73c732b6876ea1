#include "progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <iostream>

#include "output.hpp"

namespace polysearch::cli {
namespace {

// The line being shown, for clear_progress_line().  Only one command runs per process.
std::atomic<ProgressLine*> g_active{nullptr};

}  // namespace

bool progress_wanted(bool quiet) { return !quiet && ::isatty(STDERR_FILENO) == 1; }

ProgressLine::ProgressLine(bool enabled) : enabled_(enabled) {
  if (enabled_) g_active.store(this);
}

ProgressLine::~ProgressLine() {
  ProgressLine* self = this;
  g_active.compare_exchange_strong(self, nullptr);
  clear();
}

bool ProgressLine::due() const {
  if (!enabled_) return false;
  const std::lock_guard<std::mutex> lock(mutex_);
  return std::chrono::steady_clock::now() - last_ >= kInterval;
}

void ProgressLine::show(std::string_view text) {
  if (!due()) return;
  const std::lock_guard<std::mutex> lock(mutex_);
  const std::string padding(width_ > text.size() ? width_ - text.size() : 0, ' ');
  std::cerr << '\r' << text << padding << std::flush;
  width_ = text.size();
  shown_ = true;
  last_ = std::chrono::steady_clock::now();
}

void ProgressLine::clear() {
  const std::lock_guard<std::mutex> lock(mutex_);
  clear_locked();
}

void ProgressLine::clear_locked() {
  if (!shown_) return;
  std::cerr << '\r' << std::string(width_, ' ') << '\r' << std::flush;
  shown_ = false;
  width_ = 0;
}

void clear_progress_line() {
  if (ProgressLine* line = g_active.load()) line->clear();
}

std::string format_duration(double seconds) {
  const auto total = static_cast<long long>(std::llround(std::max(seconds, 0.0)));
  const long long hours = total / 3600;
  const long long minutes = total / 60 % 60;
  const long long rest = total % 60;
  const auto two = [](long long n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  if (hours > 0) return std::to_string(hours) + ":" + two(minutes) + ":" + two(rest);
  return std::to_string(minutes) + ":" + two(rest);
}

std::string indexing_progress(std::size_t documents, std::uint64_t done_bytes,
                              std::uint64_t total_bytes, double seconds) {
  std::string text = std::to_string(documents) + (documents == 1 ? " document" : " documents");
  if (seconds > 0) {
    text += ", " + fixed(static_cast<double>(documents) / seconds, 0) + " docs/s, " +
            fixed(static_cast<double>(done_bytes) / 1e6 / seconds, 1) + " MB/s";
  }
  if (total_bytes > 0) {
    const std::uint64_t done = std::min(done_bytes, total_bytes);
    text += ", " + std::to_string(done * 100 / total_bytes) + "%";
    if (seconds > 0 && done > 0) {
      const double rate = static_cast<double>(done) / seconds;
      text += ", ETA " + format_duration(static_cast<double>(total_bytes - done) / rate);
    }
  }
  return text;
}

std::string query_progress(std::size_t done, std::size_t total, double seconds) {
  std::string text = std::to_string(done) + "/" + std::to_string(total) + " queries";
  if (seconds > 0) text += ", " + fixed(static_cast<double>(done) / seconds, 0) + " q/s";
  return text;
}

}  // namespace polysearch::cli

#include "stall_watchdog.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <string>
#include <utility>

#include "commands.hpp"
#include "output.hpp"
#include "polysearch/index_writer.hpp"

namespace polysearch::cli {
namespace {

// In the child: check_index()'s verdict written to `fd` (nothing when the index is sound),
// exit 0; exit 1 when there is no verdict (no index yet, or it cannot be read).
[[noreturn]] void check_in_child(const std::filesystem::path& index, int fd, pid_t parent) {
  // Dies with the parent, and keeps no descriptor but `fd`: not the index's write lock.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(1);
  for (const int signal_number : {SIGINT, SIGTERM, SIGALRM}) std::signal(signal_number, SIG_DFL);
  if (fd > 3) ::close_range(3, static_cast<unsigned>(fd) - 1, 0);
  ::close_range(static_cast<unsigned>(fd) + 1, ~0U, 0);
  std::string problem;
  try {
    problem = check_index(index);
  } catch (...) {
    ::_exit(1);
  }
  for (std::size_t done = 0; done < problem.size();) {
    const ssize_t written = ::write(fd, problem.data() + done, problem.size() - done);
    if (written <= 0) ::_exit(1);
    done += static_cast<std::size_t>(written);
  }
  ::_exit(0);
}

}  // namespace

StallWatchdog::StallWatchdog(std::filesystem::path index, std::chrono::milliseconds first_check)
    : index_(std::move(index)), next_check_(first_check) {
  thread_ = std::thread([this] { run(); });
}

StallWatchdog::~StallWatchdog() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_one();
  thread_.join();
}

StallWatchdog::Call::Call(StallWatchdog& watchdog, const char* action) : watchdog_(watchdog) {
  {
    const std::lock_guard<std::mutex> lock(watchdog_.mutex_);
    watchdog_.busy_ = true;
    watchdog_.action_ = action;
    ++watchdog_.call_;
    watchdog_.since_ = std::chrono::steady_clock::now();
  }
  watchdog_.changed_.notify_one();
}

StallWatchdog::Call::~Call() {
  {
    const std::lock_guard<std::mutex> lock(watchdog_.mutex_);
    watchdog_.busy_ = false;
  }
  watchdog_.changed_.notify_one();
}

bool StallWatchdog::still_running(std::uint64_t call) {
  const std::lock_guard<std::mutex> lock(mutex_);
  return busy_ && call_ == call && !stopping_;
}

std::string StallWatchdog::check(std::uint64_t call) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return "";
  const pid_t parent = ::getpid();
  const pid_t child = ::fork();
  if (child == 0) check_in_child(index_, fds[1], parent);
  ::close(fds[1]);
  if (child < 0) {
    ::close(fds[0]);
    return "";
  }
  std::string problem;
  bool complete = false;  // the child's verdict was read to its end
  while (still_running(call)) {
    pollfd ready{fds[0], POLLIN, 0};
    if (::poll(&ready, 1, 100) <= 0) continue;  // every 0.1 s: has the call returned?
    char buffer[512];
    const ssize_t got = ::read(fds[0], buffer, sizeof buffer);
    if (got < 0) break;
    if (got == 0) {
      complete = true;
      break;
    }
    problem.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fds[0]);
  if (!complete) ::kill(child, SIGKILL);  // the call returned, or we are ending
  int status = 0;
  ::waitpid(child, &status, 0);
  const bool verdict = complete && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return verdict ? problem : "";
}

void StallWatchdog::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    if (!busy_) {
      changed_.wait(lock);
      continue;
    }
    const std::uint64_t call = call_;
    const auto due = since_ + next_check_;
    if (std::chrono::steady_clock::now() < due) {
      changed_.wait_until(lock, due);
      continue;
    }
    // A slow but sound index is checked a few times at most: each check starts after
    // twice as long a call as the one before.
    next_check_ *= 2;
    lock.unlock();
    const std::string problem = check(call);
    lock.lock();
    if (!problem.empty() && busy_ && call_ == call && !stopping_) {
      const auto waited = std::chrono::duration_cast<std::chrono::seconds>(
          std::chrono::steady_clock::now() - since_);
      print_error(std::string(action_) + " '" + index_.string() + "': the index is corrupt: " +
                  problem + " (found when Xapian had made no " + "progress for " +
                  std::to_string(waited.count()) + " s); re-index the documents into a new index");
      std::_Exit(kExitDataError);  // the stuck call holds this process; nothing can unwind it
    }
  }
}

}  // namespace polysearch::cli

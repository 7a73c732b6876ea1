#pragma once
// A watchdog for calls into the index that never return.
//
// Xapian 1.4 can loop for ever on a damaged table instead of throwing: a block whose
// directory end (a 2-byte offset in its header, odd when sound) is even sends the binary
// search of GlassTable::find_in_leaf() round and round without narrowing, so `index` spun
// at 100% CPU on such an index.  Nothing cheap tells beforehand: only Xapian's checker
// reads every block header, and it reads the whole index (about 2 s for 230 MB), too much
// for every run.  So the index is checked only when one call into it has run for a while
// (kFirstCheck, then twice as long before each later check), in a child process that is
// killed as soon as the call returns.  Damage found while that same call still runs ends
// the command with one error line and exit 3.  It is damage, not a commit seen half-way:
// this process is the only writer, and until the call returns it does not overwrite the
// last commit, which the checker reads.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

namespace polysearch::cli {

class StallWatchdog {
 public:
  static constexpr std::chrono::seconds kFirstCheck{5};

  explicit StallWatchdog(std::filesystem::path index,
                         std::chrono::milliseconds first_check = kFirstCheck);
  ~StallWatchdog();
  StallWatchdog(const StallWatchdog&) = delete;
  StallWatchdog& operator=(const StallWatchdog&) = delete;

  // Watches one call into the index while it lives.  `action` names it in the message,
  // as IndexError does: "write to index".
  class Call {
   public:
    Call(StallWatchdog& watchdog, const char* action);
    ~Call();
    Call(const Call&) = delete;
    Call& operator=(const Call&) = delete;

   private:
    StallWatchdog& watchdog_;
  };

  // Runs f() as a watched call.
  template <class F>
  decltype(auto) watch(const char* action, F&& f) {
    const Call call(*this, action);
    return f();
  }

 private:
  void run();
  // check_index()'s verdict, from a child process; "" when the index is sound, when there
  // is no verdict, or when call number `call` returned first (the child is then killed).
  std::string check(std::uint64_t call);
  [[nodiscard]] bool still_running(std::uint64_t call);

  std::filesystem::path index_;
  std::chrono::milliseconds next_check_;  // how long a call runs before it is checked
  std::mutex mutex_;                      // guards the members from busy_ to stopping_
  std::condition_variable changed_;
  bool busy_ = false;                            // a call is running
  const char* action_ = "";                      // what it does
  std::uint64_t call_ = 0;                       // the number of calls begun
  std::chrono::steady_clock::time_point since_;  // when the last one began
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace polysearch::cli

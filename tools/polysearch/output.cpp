#include "output.hpp"
#include "polysearch/text.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "progress.hpp"
#include "utf8_text.hpp"

namespace polysearch::cli {

namespace {

// Diagnostics are one line of valid UTF-8 each, even when they quote input (file names,
// nlohmann's "last read" excerpt, which may end inside a character) that holds control
// characters or broken sequences.
std::string one_line(std::string_view message) { return printable(repair_utf8(message)); }

}  // namespace

void print_error(std::string_view message) {
  clear_progress_line();
  std::cerr << "polysearch: error: " << one_line(message) << '\n' << std::flush;
}

void print_warning(std::string_view message) {
  clear_progress_line();
  std::cerr << "polysearch: warning: " << one_line(message) << '\n' << std::flush;
}

bool use_color_on_stdout() {
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || no_color[0] == '\0');
}

HighlightStyle highlight_style(bool color) {
  if (color) return {"\x1b[1m", "\x1b[0m"};
  return {"**", "**"};
}

std::vector<Highlight> normalized_highlights(std::string_view text,
                                             std::vector<Highlight> highlights) {
  for (auto& h : highlights) {
    h.end = std::min(h.end, text.size());
    h.begin = std::min(h.begin, h.end);
  }
  std::sort(highlights.begin(), highlights.end(),
            [](const Highlight& a, const Highlight& b) { return a.begin < b.begin; });
  std::vector<Highlight> merged;
  for (const auto& h : highlights) {
    if (h.begin == h.end) continue;
    if (!merged.empty() && h.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, h.end);
    } else {
      merged.push_back(h);
    }
  }
  return merged;
}

std::string printable(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) c = ' ';
  }
  return out;
}

std::string render_highlighted(std::string_view text, const std::vector<Highlight>& highlights,
                               const HighlightStyle& style) {
  std::string out;
  std::size_t at = 0;
  for (const auto& h : normalized_highlights(text, highlights)) {
    out += printable(text.substr(at, h.begin - at));
    out += style.open;
    out += printable(text.substr(h.begin, h.end - h.begin));
    out += style.close;
    at = h.end;
  }
  out += printable(text.substr(at));
  return out;
}

std::size_t code_point_index(std::string_view text, std::size_t byte) {
  return count_code_points(text.substr(0, std::min(byte, text.size())));
}

Json code_point_ranges(std::string_view text, const std::vector<Highlight>& highlights) {
  Json ranges = Json::array();
  for (const auto& h : normalized_highlights(text, highlights)) {
    ranges.push_back({code_point_index(text, h.begin), code_point_index(text, h.end)});
  }
  return ranges;
}

std::string json_line(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string pad_right(std::string_view text, std::size_t width) {
  std::string out(text);
  const std::size_t used = display_width(text);
  if (used < width) out.append(width - used, ' ');
  return out;
}

std::string pad_left(std::string_view text, std::size_t width) {
  const std::size_t used = display_width(text);
  std::string out = used < width ? std::string(width - used, ' ') : std::string();
  out += text;
  return out;
}

std::string format_table(const std::vector<std::vector<std::string>>& rows,
                         const std::vector<bool>& right_aligned) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) line += "  ";
      const bool right = i < right_aligned.size() && right_aligned[i];
      const bool last = i + 1 == row.size();
      line += right ? pad_left(row[i], widths[i]) : last ? row[i] : pad_right(row[i], widths[i]);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += line;
    out += '\n';
  }
  return out;
}

std::string lowercase_initial(std::string message) {
  const auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (!message.empty() && is_upper(message[0]) && (message.size() == 1 || !is_upper(message[1]))) {
    message[0] = static_cast<char>(message[0] - 'A' + 'a');
  }
  return message;
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

}  // namespace polysearch::cli

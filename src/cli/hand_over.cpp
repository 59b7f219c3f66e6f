#include "cli/hand_over.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/context.h"

namespace chiso::cli {

Result<std::string> publisher_path() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) {
    return make_error(ErrorKind::internal,
                      "không tìm được chiso-publish (không đọc được /proc/self/exe: " + error.message() + ")",
                      "cannot find chiso-publish (cannot read /proc/self/exe: " + error.message() + ")");
  }
  return (self.parent_path() / "chiso-publish").string();
}

int hand_over_to_publisher(char** argv) {
  auto found = publisher_path();
  if (!found) return fail(exit_usage, found.error().message + " / " + found.error().message_en);
  const std::string publisher = *found;
  std::vector<char*> args;
  args.push_back(const_cast<char*>(publisher.c_str()));
  for (char** arg = argv + 1; *arg != nullptr; ++arg) args.push_back(*arg);
  args.push_back(nullptr);
  execv(publisher.c_str(), args.data());
  const std::string why = std::strerror(errno);
  return fail(exit_usage, "không chạy được " + publisher + " (" + why +
                              "); lệnh này cần chiso-publish cài cạnh chiso / cannot run " +
                              publisher + " (" + why +
                              "); this command needs chiso-publish installed beside chiso");
}

}  // namespace chiso::cli

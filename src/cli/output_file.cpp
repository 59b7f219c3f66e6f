#include "cli/output_file.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

namespace chiso::cli {
namespace {

std::string extension_of(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  if (!ext.empty()) ext.erase(0, 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "htm") ext = "html";
  return ext;
}

// Every format a command writes: an extension among these says a format.
bool known_format(const std::string& ext) {
  static const char* const known[] = {"xlsx", "html", "csv", "json", "docx", "pdf", "svg", "png"};
  return std::any_of(std::begin(known), std::end(known),
                     [&](const char* one) { return ext == one; });
}

bool binary_format(const std::string& format) {
  return format == "xlsx" || format == "docx" || format == "pdf" || format == "png";
}

}  // namespace

Result<std::string> output_format(const Context& ctx, const std::string& output,
                                  const std::string& format,
                                  std::initializer_list<const char*> formats) {
  std::string listed;
  for (const char* one : formats) listed += (listed.empty() ? "" : "|") + std::string(one);
  if (output == "-") {
    if (!format.empty()) return format;
    return argument_error("--format", fmt::format("-o - (đầu ra chuẩn) cần --format {}", listed),
                          fmt::format("-o - (standard output) needs --format {}", listed));
  }
  const std::string ext = extension_of(output);
  if (!format.empty()) {
    if (known_format(ext) && ext != format) {
      return argument_error(
          "--format",
          fmt::format("--format {} mâu thuẫn với đuôi tệp {} (.{}); bỏ --format hoặc đổi tên tệp",
                      format, output, ext),
          fmt::format(
              "--format {} disagrees with the file name {} (.{}); drop --format or rename the file",
              format, output, ext));
    }
    return format;
  }
  if (std::none_of(formats.begin(), formats.end(), [&](const char* one) { return ext == one; })) {
    return argument_error(
        "--format",
        fmt::format("không biết định dạng của {}: cần tệp .{} hoặc --format {}", output,
                    listed.substr(0, listed.find('|')), listed),
        fmt::format("cannot tell the format of {}: name a .{} file or use --format {}", output,
                    listed.substr(0, listed.find('|')), listed));
  }
  (void)ctx;
  return ext;
}

Result<OutputFile> OutputFile::open(const Context& ctx, const std::string& output,
                                    const std::string& format) {
  if (output != "-") return OutputFile(output, false);
  if (binary_format(format) && isatty(STDOUT_FILENO)) {
    return argument_error(
        "-o",
        fmt::format(
            "không ghi tệp {} nhị phân ra màn hình; dùng -o TỆP hoặc chuyển hướng (> tệp, | lệnh)",
            format),
        fmt::format("a binary {} file is not written to the terminal; use -o FILE or redirect (> "
                    "file, | command)",
                    format));
  }
  std::error_code error;
  std::string pattern =
      (std::filesystem::temp_directory_path(error) / "chiso-out-XXXXXX.").string() + format;
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = mkstemps(name.data(), static_cast<int>(format.size() + 1));
  if (fd < 0) {
    return make_error(ErrorKind::internal, "không tạo được tệp tạm để ghi ra đầu ra chuẩn",
                      "cannot create a temporary file for the standard output");
  }
  ::close(fd);
  (void)ctx;
  return OutputFile(std::string(name.data()), true);
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : path_(std::move(other.path_)), to_stdout_(other.to_stdout_) {
  other.to_stdout_ = false;
}

OutputFile::~OutputFile() {
  if (to_stdout_) std::remove(path_.c_str());
}

Result<void> OutputFile::finish() {
  if (!to_stdout_) return {};
  std::FILE* in = std::fopen(path_.c_str(), "rb");
  if (!in) {
    return make_error(ErrorKind::internal, "không đọc lại được tệp tạm " + path_,
                      "cannot read the temporary file " + path_ + " back");
  }
  std::vector<char> buffer(std::size_t{1} << 16);
  bool ok = true;
  std::size_t got = 0;
  while (ok && (got = std::fread(buffer.data(), 1, buffer.size(), in)) > 0) {
    ok = std::fwrite(buffer.data(), 1, got, stdout) == got;
  }
  std::fclose(in);
  ok = std::fflush(stdout) == 0 && ok;
  if (!ok) {
    return make_error(ErrorKind::internal, "ghi ra đầu ra chuẩn không được (đã đóng?)",
                      "writing to the standard output failed (closed?)");
  }
  return {};
}

void OutputFile::say_written(const Context& ctx) const {
  if (!to_stdout_) fmt::print("{}", ctx.tr("Đã ghi {}\n", "Wrote {}\n", path_));
}

}  // namespace chiso::cli

// Where a publishing command writes: the file named by -o, or for "-" the
// standard output. The format is the one --format names or the one the
// file's extension says; the two must agree.
#pragma once

#include <initializer_list>
#include <string>

#include "cli/context.h"

namespace chiso::cli {

// The format of `output` for a command that writes one of `formats`:
// `format` when given, else the extension of `output` (case ignored).
// Errors (argument errors, exit 3): "-" without --format; a --format that
// the extension contradicts (--format csv -o x.xlsx); an extension that is
// none of `formats` without --format.
Result<std::string> output_format(const Context& ctx, const std::string& output,
                                  const std::string& format,
                                  std::initializer_list<const char*> formats);

// The file a writer writes to. For "-" a temporary file (with the format's
// extension, which the chart writers go by) whose bytes finish() copies to
// the standard output; a binary format (xlsx, docx, pdf, png) is refused
// when the standard output is a terminal.
class OutputFile {
 public:
  // REQUIRES: `format` from output_format().
  static Result<OutputFile> open(const Context& ctx, const std::string& output,
                                 const std::string& format);
  OutputFile(OutputFile&& other) noexcept;
  OutputFile& operator=(OutputFile&&) = delete;
  ~OutputFile();  // removes the temporary file

  // The path to hand to the writer.
  const std::string& path() const { return path_; }
  bool to_stdout() const { return to_stdout_; }
  // For "-": copies the file written to the standard output. Nothing to do
  // for a named file.
  Result<void> finish();
  // What a person is told once written: "Đã ghi FILE" on stdout for a file,
  // nothing for "-" (the standard output holds the document).
  void say_written(const Context& ctx) const;

 private:
  OutputFile(std::string path, bool to_stdout) : path_(std::move(path)), to_stdout_(to_stdout) {}
  std::string path_;
  bool to_stdout_ = false;
};

}  // namespace chiso::cli

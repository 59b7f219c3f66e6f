// Reading back what the report writers wrote, for the appendix tests: a
// command's output (pdfinfo, pdftotext, python3), a PDF's page count and
// text, and the entries of a DOCX or XLSX (a zip).
#pragma once

#include <zip.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "common/text.h"

namespace chiso::report_test {

// What `command` (a shell command line) writes to its standard output.
inline std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  size_t got = 0;
  while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, got);
  pclose(pipe);
  return out;
}

// The PDF's page count (pdfinfo), -1 when it cannot be read.
inline int pdf_pages(const std::string& path) {
  std::istringstream in(run("pdfinfo '" + path + "'"));
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Pages:", 0) == 0) return std::stoi(line.substr(6));
  }
  return -1;
}

// The PDF's text as laid out (pdftotext -layout), NFC: all of it, or pages
// first…last.
inline std::string pdf_text(const std::string& path, int first = 0, int last = 0) {
  std::string range = first > 0 ? " -f " + std::to_string(first) + " -l " + std::to_string(last) : "";
  return text::to_nfc(run("pdftotext -layout" + range + " '" + path + "' -"));
}

// The names of the zip's entries.
inline std::vector<std::string> zip_names(const std::string& path) {
  std::vector<std::string> names;
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (!archive) return names;
  for (zip_int64_t idx = 0; idx < zip_get_num_entries(archive, 0); ++idx) {
    names.push_back(zip_get_name(archive, static_cast<zip_uint64_t>(idx), 0));
  }
  zip_close(archive);
  return names;
}

// The bytes of the zip's entry `name`, "" when absent.
inline std::string zip_entry(const std::string& path, const std::string& name) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (!archive) return "";
  std::string out;
  zip_stat_t stat;
  if (zip_stat(archive, name.c_str(), 0, &stat) == 0) {
    if (zip_file_t* file = zip_fopen(archive, name.c_str(), 0)) {
      out.resize(stat.size);
      zip_fread(file, out.data(), stat.size);
      zip_fclose(file);
    }
  }
  zip_close(archive);
  return out;
}

// The words of `line` (split at white space).
inline std::vector<std::string> tokens(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

// The line of `text` that contains `needle`, "" when none.
inline std::string line_with(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.find(needle) != std::string::npos) return line;
  }
  return "";
}

}  // namespace chiso::report_test

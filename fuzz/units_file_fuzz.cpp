// The units table file (`units_file` of a plan): the input is written as
// the table beside a fixed plan that names it, and the plan is parsed, so
// the bytes go the way a real units file goes (read_document, then the
// units reader with its header words, kinds and variants).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "plan/plan.h"

namespace {

// tests/plan/fixtures/units-file-plan.toml, shortened.
constexpr std::string_view kPlan = R"(id = "fuzz"
name_vi = "Kế hoạch thử"
title_vi = "KẾT QUẢ"
row_number_headers = ["STT"]
unit_name_headers = ["Cơ quan, đơn vị"]
period_headers = ["Tháng"]
units_file = "units.tsv"

[[groups]]
id = "dossiers"
label_vi = "Hồ sơ"

[[indicators]]
code = "received"
group = "dossiers"
label_vi = "Số hồ sơ tiếp nhận"
kind = "count"
consolidation = "sum"
)";

// The folder of this run (a plain array: no destructor runs before the
// exit handler that removes the folder).
char g_folder[] = "/tmp/chiso-units-fuzz-XXXXXX";

void remove_folder() {
  ::unlink((std::string(g_folder) + "/units.tsv").c_str());
  ::rmdir(g_folder);
}

const char* run_folder() {
  static const bool made = [] {
    if (::mkdtemp(g_folder) == nullptr) std::abort();
    std::atexit(remove_folder);
    return true;
  }();
  (void)made;
  return g_folder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string dir = run_folder();
  const std::string units_path = dir + "/units.tsv";
  std::FILE* out = std::fopen(units_path.c_str(), "wb");
  if (out == nullptr) std::abort();
  if (size > 0 && std::fwrite(data, 1, size, out) != size) std::abort();
  std::fclose(out);
  (void)chiso::parse_plan(kPlan, dir + "/plan.toml");
  return 0;
}

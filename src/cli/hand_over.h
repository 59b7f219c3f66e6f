// Handing a command over to chiso-publish.
//
// `chiso` links only what reading, checking and keeping need, so that it
// starts in a millisecond or two (docs/benchmarks.md). The commands that
// publish — report, chart, trend -o — need cairo, pango and libxlsxwriter and
// are run by chiso-publish, which is built and installed beside chiso and
// takes the same arguments. The hand-over replaces the process (execv): the
// output, the errors and the exit code are chiso-publish's own.
#pragma once

#include <string>

#include "common/result.h"

namespace chiso::cli {

// The path of chiso-publish: the file beside this executable.
Result<std::string> publisher_path();

// Runs chiso-publish (the file beside this executable) with `argv`. Returns
// only when that cannot be done, after saying why on stderr: exit_usage.
int hand_over_to_publisher(char** argv);

}  // namespace chiso::cli

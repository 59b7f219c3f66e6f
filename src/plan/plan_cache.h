// The plan as read, kept on disk for the next run: `chiso` is run again and
// again with the same plan, and reading it (the TOML parser, the units table,
// folding every unit name) is most of the work for a small table and a tenth
// of it for a national one. A valid entry gives the same Plan that load_plan
// would, in a fraction of the time.
//
// An entry is used only when all of these are the same as when it was made:
// the program build (its GNU build id), the plan's absolute path, and the
// content of the plan file and of its units_file (BLAKE2b, the whole bytes).
// An entry that is damaged, cut short or from another build is ignored and
// made again. Writing goes to a temporary file renamed into place, so a
// reader sees a whole entry or none; a cache that cannot be written (no
// HOME, a read-only disk) only costs the time it would have saved.
//
// Where: $CHISO_CACHE_DIR, else $XDG_CACHE_HOME/chiso, else
// $HOME/.cache/chiso. CHISO_CACHE_DIR=off turns the cache off.
#pragma once

#include <string>

#include "common/result.h"
#include "plan/plan.h"

namespace chiso {

// load_plan, through the cache.
Result<Plan> load_plan_cached(const std::string& path);

// The folder the entries go to, "" when the cache is off.
std::string plan_cache_dir();

namespace detail {
// A Plan as bytes (the payload of an entry) and back; decode_plan is false
// for anything that is not one whole, valid encoding. Exposed for tests.
std::string encode_plan(const Plan& plan);
bool decode_plan(std::string_view bytes, Plan& plan);
}  // namespace detail

}  // namespace chiso

// `chiso copy --from A --to B`: a whole chiso database into a new or empty
// one, SQLite or PostgreSQL on either side (store/store_copy.h). Its options
// live with it, so that main.cpp only adds and runs it.
#pragma once

#include <memory>
#include <optional>

#include "cli/context.h"

namespace CLI {
class App;
}  // namespace CLI

namespace chiso::cli {

struct CopyCommand;

// Adds the subcommand `copy` to `app` (after configure_app: cli/arguments.h),
// its help in English when `english`; the result holds its parsed arguments
// after app.parse().
std::shared_ptr<CopyCommand> add_copy_command(CLI::App& app, bool english);

// Runs it if it was parsed: its exit code; none when another command was.
std::optional<int> run_copy_command(Context& ctx, const CopyCommand& command);

}  // namespace chiso::cli

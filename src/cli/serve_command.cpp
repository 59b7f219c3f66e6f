#include <fmt/core.h>

#include <cstdio>

#include "cli/commands.h"
#include "cli/hand_over.h"
#include "server/serve.h"

namespace chiso::cli {

int run_serve(Context& ctx, const ServeArgs& args) {
  server::ServeOptions options;
  if (auto parsed = server::parse_listen(args.listen, &options); !parsed) return ctx.fail(parsed.error(), exit_usage);
  auto plan = ctx.plan();
  if (!plan) return fail(exit_usage, plan.error().message);
  auto publisher = publisher_path();
  if (!publisher) return ctx.fail(publisher.error(), exit_usage);
  options.db_path = ctx.options().db_path;
  options.plan_path = ctx.options().plan_path;
  options.publisher_path = *publisher;
  options.threads = args.threads;
  options.trusted_proxy = args.trusted_proxy;
  options.access_log = args.access_log;
  options.database_wait_seconds = args.wait_for_database;
  auto served = server::serve(options, **plan, ctx.compiled_plan().value(), [&](std::uint16_t port) {
    const bool v6 = options.address.find(':') != std::string::npos;
    fmt::print("{}", ctx.tr("chiso serve: http://{}{}{}:{} (Ctrl-C để dừng)\n", "chiso serve: http://{}{}{}:{} (Ctrl-C stops)\n",
                            v6 ? "[" : "", options.address, v6 ? "]" : "", port));
    std::fflush(stdout);
  });
  if (!served) return ctx.fail(served.error(), exit_usage);
  fmt::print("{}", ctx.say("chiso serve: đã dừng.\n", "chiso serve: stopped.\n"));
  return exit_ok;
}

}  // namespace chiso::cli

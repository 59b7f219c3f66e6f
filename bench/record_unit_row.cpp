// The benchmark of one unit's row recorded (issue 13 §5): the library call a
// page's save makes, service::record_unit_row, timed on its own on a store
// that already holds a history. Not a test; run by bench/bench.py.
//
//   record_unit_row_bench --plan PLAN --db DB --period P [--saves N]
//
// Opens the store and the plan once, as a server does. Each save is a
// different unit of the plan (spread over its whole list), typed as a page
// would send it: the unit's current values read back (untimed), one count
// changed, saved as a draft based on the version read. Only the
// record_unit_row call is timed. Prints one JSON line: the number of saves
// and the median, 90th percentile and largest time per save in milliseconds.
// Exit 1 with a message when anything fails.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "plan/plan_cache.h"
#include "service/check_input.h"
#include "service/unit_row.h"
#include "store/store.h"

namespace {

int fail(const std::string& what) {
  std::fprintf(stderr, "record_unit_row_bench: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string plan_path, db_path, period;
  int saves = 200;
  for (int arg_idx = 1; arg_idx + 1 < argc; arg_idx += 2) {
    std::string name = argv[arg_idx];
    std::string value = argv[arg_idx + 1];
    if (name == "--plan") plan_path = value;
    else if (name == "--db") db_path = value;
    else if (name == "--period") period = value;
    else if (name == "--saves") saves = std::max(1, std::atoi(value.c_str()));
    else return fail("unknown argument " + name);
  }
  if (plan_path.empty() || db_path.empty() || period.empty())
    return fail("usage: record_unit_row_bench --plan PLAN --db DB --period P [--saves N]");

  auto plan = chiso::load_plan_cached(plan_path);
  if (!plan) return fail(plan.error().text(true));
  auto compiled = chiso::service::compile_plan(*plan);
  if (!compiled) return fail(compiled.error().text(true));
  auto store = chiso::open_sqlite_store(db_path);
  if (!store) return fail(store.error().text(true));
  const int changed_idx = plan->indicator_index("online_total");
  if (changed_idx < 0) return fail("the plan has no indicator online_total");

  std::vector<double> save_ms;
  const std::size_t unit_count = plan->units.size();
  for (int save_idx = 0; save_idx < saves; ++save_idx) {
    // Units spread over the list: 7919 is prime, so `saves` distinct units
    // whenever saves <= unit_count.
    const chiso::UnitDef& unit = plan->units[(static_cast<std::size_t>(save_idx) * 7919) % unit_count];
    chiso::service::UnitRowInput input;
    input.period = period;
    input.unit = unit.name;
    chiso::service::UnitRowSave save;
    save.state = chiso::SubmissionState::draft;
    save.provenance.author = "bench";
    save.provenance.page = "/periods/" + period + "/units/" + unit.name;
    auto current = (*store)->load_unit(*plan, period, unit.name);
    if (current) {
      save.based_on_version = current->version;
      for (std::size_t indicator_idx = 0; indicator_idx < plan->indicators.size(); ++indicator_idx) {
        const chiso::Value& value = current->row.values[indicator_idx];
        if (value.state != chiso::ValueState::blank) input.raw_by_code[plan->indicators[indicator_idx].code] = value.raw;
      }
    } else if (current.error().kind != chiso::ErrorKind::not_found) {
      return fail(current.error().text(true));
    }
    // One count typed anew: a change, so a new version is written.
    const double total = current ? current->row.values[static_cast<std::size_t>(changed_idx)].number : 0;
    input.raw_by_code["online_total"] = std::to_string(static_cast<long long>(total) + 1 + save_idx % 7);

    const auto start = std::chrono::steady_clock::now();
    auto saved = chiso::service::record_unit_row(*plan, *compiled, **store, input, save);
    const auto stop = std::chrono::steady_clock::now();
    if (!saved) return fail(unit.name + ": " + saved.error().text(true));
    if (!saved->changed) return fail(unit.name + ": the save changed nothing");
    save_ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
  }
  std::sort(save_ms.begin(), save_ms.end());
  auto at = [&](double share) { return save_ms[static_cast<std::size_t>(share * (save_ms.size() - 1))]; };
  const double median = save_ms.size() % 2 == 1
                            ? save_ms[save_ms.size() / 2]
                            : (save_ms[save_ms.size() / 2 - 1] + save_ms[save_ms.size() / 2]) / 2;
  std::printf("{\"tool\": \"chiso\", \"saves\": %zu, \"median_ms\": %.4f, \"p90_ms\": %.4f, \"max_ms\": %.4f}\n",
              save_ms.size(), median, at(0.9), save_ms.back());
  return 0;
}

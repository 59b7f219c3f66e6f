// The change trail the coordinator browses (issue 16 §3): every value change
// (old → new raw text) and every move of a row's state, across periods, with
// who, when and the page or file it came from.
//
// Computed, not kept: it is Store::history() of every stored period (the
// stored versions' cells compared one version to the next, and the state
// events), merged in time order. A change's id is its place in that whole
// trail, counted from 1: changes are only ever added at the end (a write is
// newer than every change before it), so an id stays the same from one
// request to the next and a client pages with after_id, the id of the last
// change of the page before, in either order (oldest or newest first). A unit's first
// version in a period is listed cell by cell with the old value blank (what
// was first typed, uploaded or imported), unlike `chiso history`, which
// starts from it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "plan/plan.h"
#include "store/store.h"

namespace chiso::service {

struct TrailQuery {
  std::string period;     // as stored; "" = every period
  std::string unit;       // canonical name; "" = every unit
  std::string indicator;  // "" = every indicator (and the state moves)
  std::string user;       // the author; "" = everyone
  std::string from;       // "2025-04-01": changes on or after that day (UTC); "" = from the start
  std::string to;         // changes on or before that day; "" = to now
  // The page goes on after this change in the order asked for: the next
  // older ones when newest_first. 0 = from the start (the oldest, or the
  // newest).
  std::int64_t after_id = 0;
  bool newest_first = false;
  int limit = 100;
};

struct TrailEntry {
  std::int64_t id = 0;
  Change change;
  std::optional<int> unit_id;  // the unit's number in the plan; none for an unregistered unit
  // "web", "upload: FILE" (a file sent to the server), "cli: import FILE".
  std::string source;
  std::string state;  // a state move's new state; "" for a value change
};

struct Trail {
  std::vector<TrailEntry> entries;
  std::int64_t next_after_id = 0;  // 0 = no more
};

// Errors: not found (a period asked for that is not stored), bad input
// (field "from"/"to" not a YYYY-MM-DD day, "limit" outside 1–1000).
Result<Trail> change_trail(const Plan& plan, Store& store, const TrailQuery& query);

inline constexpr int kTrailLimitMax = 1000;

}  // namespace chiso::service

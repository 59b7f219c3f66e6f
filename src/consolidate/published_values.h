// The values a published table shows. Computed shares come from the counts;
// typed shares are kept (in the store and in the findings) and compared, never
// trusted: a derived indicator (one with a `formula`) is published as its
// formula evaluated over the row's counts.
//
// The typed value is kept instead when the formula cannot be evaluated (an
// input is blank or the total is 0) or when one of its inputs has an error
// finding in that row (e.g. 4 full-process services of 1 in total: 400 % would
// be no better than what was typed; the review variant shows the finding).
#pragma once

#include "common/model.h"
#include "plan/plan.h"

namespace chiso {

// Returns `table` with derived values replaced as above. A replaced Value
// keeps its position; its raw text becomes the computed figure formatted with
// number::format (Vietnamese, exactly the indicator's decimals: "59,38").
CheckedTable with_published_values(const Plan& plan, CheckedTable table);

}  // namespace chiso

// The plan as a form draws it: GET /api/plan (service/plan_outline.h).
#include "server/api_detail.h"
#include "service/plan_outline.h"

namespace chiso::server::detail {

Response plan_outline(Call& call) { return ok_json(service::plan_outline_json(*call.shared.plan)); }

}  // namespace chiso::server::detail

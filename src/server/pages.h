// The browser pages of `chiso serve` (issue 16 §3): a table of the paths
// people open, apart from the API's routes (the role-matrix test walks the
// API only). Every page is a static file of web/ whose script asks the API
// for its data, so a page holds nothing secret and needs no session to be
// served: the script sends a person without a session to the login page.
//
//   /              home: the periods (index.html)
//   /dang-nhap     login and the forced password change (login.html)
//   /bieu-mau      a unit's form for a period, ?period=&unit= (form.html)
//   /theo-doi      the coordinator's board of a period, ?period= (board.html)
//   /nhat-ky       the change trail (changes.html)
//   /quan-tri      the administrator's page (admin.html)
//   /static/FILE   scripts, styles and icons (web/FILE, not the pages)
//
// Anything else is the Vietnamese 404 page.
#pragma once

#include <string_view>

#include "server/exchange.h"

namespace chiso::server {

// The answer to GET `raw_path` (no query), outside /api/: the file with its
// ETag and Cache-Control, 304 when `if_none_match` names its ETag, or the
// 404 page.
Response page_response(std::string_view raw_path, std::string_view if_none_match);

}  // namespace chiso::server

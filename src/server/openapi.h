// The OpenAPI 3 document of the API (src/server/openapi.json), compiled into
// the binary by CMake (cmake/embed_text.cmake) and served at
// /api/openapi.json. Each operation's `x-roles` lists who may call it; the
// tests hold it against the route table (api_routes.cpp).
#pragma once

#include <string_view>

namespace chiso::server {

std::string_view openapi_json();

}  // namespace chiso::server

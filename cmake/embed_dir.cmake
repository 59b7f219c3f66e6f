# Writes a C++ file with every file under DIR as one table entry: its path
# under DIR ("js/form.js"), its content type, its bytes and a strong ETag
# (the first 16 hex digits of the bytes' SHA-256, in quotes):
#   cmake -DDIR=src/server/web -DOUTPUT=web_files.cpp -DNAMESPACE=chiso::server -P embed_dir.cmake
# The table is `const EmbeddedFile* embedded_files(std::size_t* count)`
# (server/static_files.h declares it). Bytes go in as hex escapes, so any
# file (an icon as well as a script) is kept exactly.
file(GLOB_RECURSE files RELATIVE "${DIR}" "${DIR}/*")
list(SORT files)
set(types_html "text/html; charset=utf-8")
set(types_css "text/css; charset=utf-8")
set(types_js "text/javascript; charset=utf-8")
set(types_mjs "text/javascript; charset=utf-8")
set(types_json "application/json")
set(types_svg "image/svg+xml")
set(types_png "image/png")
set(types_ico "image/x-icon")
set(types_txt "text/plain; charset=utf-8")
set(body "")
set(entries "")
set(file_idx 0)
foreach(path IN LISTS files)
  get_filename_component(ext "${path}" LAST_EXT)
  string(SUBSTRING "${ext}" 1 -1 ext)
  string(TOLOWER "${ext}" ext)
  if(NOT DEFINED types_${ext})
    message(FATAL_ERROR "${DIR}/${path}: no content type for '.${ext}' (add it to cmake/embed_dir.cmake)")
  endif()
  file(READ "${DIR}/${path}" hex HEX)
  file(SHA256 "${DIR}/${path}" sha)
  string(SUBSTRING "${sha}" 0 16 etag)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  # Pieces of 4,000 bytes: one literal per line, concatenated by the compiler.
  set(pieces "")
  set(offset 0)
  while(offset LESS hex_length)
    string(SUBSTRING "${hex}" ${offset} 8000 piece)
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" piece "${piece}")
    string(APPEND pieces "    \"${piece}\"\n")
    math(EXPR offset "${offset} + 8000")
  endwhile()
  if(pieces STREQUAL "")
    set(pieces "    \"\"\n")
  endif()
  string(APPEND body "constexpr char file_${file_idx}[] =\n${pieces};\n")
  string(APPEND entries "    {\"${path}\", \"${types_${ext}}\", std::string_view(file_${file_idx}, ${size}), \"\\\"${etag}\\\"\"},\n")
  math(EXPR file_idx "${file_idx} + 1")
endforeach()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${DIR} by cmake/embed_dir.cmake; do not edit.\n"
  "#include \"server/static_files.h\"\n\n"
  "namespace ${NAMESPACE} {\n"
  "namespace {\n\n"
  "${body}\n"
  "const EmbeddedFile files[] = {\n${entries}};\n\n"
  "}  // namespace\n\n"
  "const EmbeddedFile* embedded_files(std::size_t* count) {\n"
  "  *count = sizeof files / sizeof files[0];\n"
  "  return files;\n"
  "}\n\n"
  "}  // namespace ${NAMESPACE}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")

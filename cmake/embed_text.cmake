# Writes a C++ file whose function NAME() returns the text of INPUT:
#   cmake -DINPUT=file -DOUTPUT=file.cpp -DNAME=openapi_json -DNAMESPACE=chiso::server -P embed_text.cmake
# The text goes in as a raw string literal, in pieces under the 64 KiB a
# compiler is required to accept in one literal.
file(READ "${INPUT}" text)
set(delimiter "chiso_embed")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw string delimiter )${delimiter}\"")
endif()
string(LENGTH "${text}" length)
set(pieces "")
set(offset 0)
while(offset LESS length)
  string(SUBSTRING "${text}" ${offset} 16000 piece)
  string(APPEND pieces "R\"${delimiter}(${piece})${delimiter}\"\n")
  math(EXPR offset "${offset} + 16000")
endwhile()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/embed_text.cmake; do not edit.\n"
  "#include <string_view>\n\n"
  "namespace ${NAMESPACE} {\n\n"
  "std::string_view ${NAME}() {\n"
  "  static constexpr char text[] =\n${pieces};\n"
  "  return std::string_view(text, sizeof text - 1);\n"
  "}\n\n"
  "}  // namespace ${NAMESPACE}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")

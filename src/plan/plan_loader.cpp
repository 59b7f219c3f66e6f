// Reading a plan file (TOML, docs/plan-format.md) into a Plan, validating
// everything that can be checked without compiling expressions: required
// fields, unknown fields (a typo is an error, not a silently ignored key),
// unique codes and names, known groups, kinds, consolidation methods,
// severities, weights, formulas, targets, and the size limits of
// src/common/limits.h. Expression syntax is check::compile()'s job.
//
// Every error says where: "<file>:<line>:<column>: <entry>.<field>: <what was
// found>; <what was expected>". All errors are collected, not only the first,
// so a plan author fixes the file in one pass.
//
// The units are [[units]] tables or a table file (`units_file`, a spreadsheet
// export read by ingest's read_document); an error in that table names the
// table file, its row and column. A national plan's 10,000 units are kept as
// a table: toml++ parses many [[units]] tables far slower than ingest reads
// the same rows (docs/benchmarks.md has the figures).
//
// The phases, in the order parse_plan() runs them, a file each:
//   1. plan_text.cpp      the text made ASCII for toml++ (AsciiPlanText),
//                         which then parses it (here);
//   2. plan_sections.cpp  top-level fields, groups, unit kinds and unit
//                         groups, indicators (their kinds: grade, score,
//                         index, rank; applies_to names unit kinds);
//   3. plan_units.cpp     the units: [[units]] entries (with their group,
//                         parent and validity: unit_validity.h) or the units
//                         table file;
//   4. plan_sections.cpp  rules, targets and year tables (they name
//                         indicators).
// plan_reader.h has PlanReader, which reads a field and collects every error
// with its place, for all of them.
#include <toml++/toml.h>

#include <string>

#include "common/limits.h"
#include "ingest/document.h"
#include "plan/plan.h"
#include "plan/plan_reader.h"

namespace chiso {

using namespace plan_detail;

Result<Plan> parse_plan(std::string_view toml_text, const std::string& name) {
  if (toml_text.size() > limits::plan_size_bytes_max) {
    return make_error(name + ": the plan file is " + std::to_string(toml_text.size()) +
                      " bytes; at most " + std::to_string(limits::plan_size_bytes_max) +
                      " bytes are allowed");
  }
  AsciiPlanText ascii;
  if (auto prepared = ascii.prepare(toml_text, name); !prepared) return prepared.error();
  toml::table root;
  try {
    root = toml::parse(ascii.text(), name);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    const int line = static_cast<int>(begin.line);
    return make_error(name + ":" + std::to_string(line) + ":" +
                      std::to_string(ascii.original_column(line, static_cast<int>(begin.column))) +
                      ": not valid TOML: " + std::string(error.description()));
  }

  Plan plan;
  plan.source_text = std::string(toml_text);
  PlanReader reader(name, &ascii);
  // Order matters: groups before indicators (group ids), indicators before
  // rules and targets (codes).
  read_top(reader, root, plan);
  read_groups(reader, root, plan);
  read_unit_kinds(reader, root, plan);
  read_unit_groups(reader, root, plan);
  read_indicators(reader, root, plan);
  read_units(reader, root, name, plan);
  read_rules(reader, root, plan);
  read_targets(reader, root, plan);
  read_year_tables(reader, root, plan);
  if (reader.failed()) return reader.error();
  plan.unit_name_keys_hash = unit_names_hash(plan.units);
  return plan;
}

Result<Plan> load_plan(const std::string& path) {
  // read_file_bytes refuses a device or a socket and never waits on a FIFO.
  auto file = read_file_bytes(path);
  if (!file) {
    // read_file_bytes's message begins with the path: said once.
    const std::string& why = file.error().message;
    const bool named = why.rfind(path + ": ", 0) == 0;
    return make_error(
        path + ": cannot open the plan file: " + (named ? why.substr(path.size() + 2) : why));
  }
  return parse_plan((*file)->view(), path);
}

}  // namespace chiso
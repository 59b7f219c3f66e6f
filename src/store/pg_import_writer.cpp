#include "store/pg_import_writer.h"

#include <algorithm>

#include "store/period_order.h"
#include "store/pg_store.h"
#include "store/store_common.h"
#include "store/store_sql.h"

namespace chiso::store_detail {
namespace {

// New versions go to the server as they come, in one COPY that stays open
// (the server stores a piece while the next is made), a piece of this size
// at a time.
constexpr std::size_t copy_piece_bytes = 256 << 10;
// The COPY of versions ends once it has carried so much, and the findings
// that wait follow: the rows it inserted are checked together by the
// references' trigger (pg_schema.cpp, migrations 5 and 6), held in memory
// until then.
constexpr std::size_t copy_statement_bytes = 4 << 20;
constexpr std::size_t version_ids_per_draw_max = 1 << 16;
// The socket's send buffer asked for during an import: a COPY statement's
// worth on its way to the server while the next pieces are made.
constexpr int copy_send_buffer_bytes = 4 << 20;

// In the binary format: the server reads the lengths given, where the text
// format has it look for the end of every field, and no text is escaped.
constexpr const char* version_copy_sql =
    "COPY unit_submission (id, period_id, unit_id, version, state, is_current, source_id, row_number, raw_name, "
    "table_idx, row_idx, col_idx, cells, positions, error_count, warning_count) FROM STDIN (FORMAT binary)";
constexpr int version_copy_fields = 16;

void add_number(std::string& out, std::int64_t value) {
  out += std::to_string(value);
  out += '\t';
}
void add_text(std::string& out, std::string_view text) {
  pg::append_copy_text(out, text);
  out += '\t';
}
void end_line(std::string& out) { out.back() = '\n'; }

// Appends `text` as an element of an array literal ("{…}", read as text[]).
void append_array_text(std::string& array, std::string_view text) {
  array += array.size() > 1 ? ",\"" : "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') array += '\\';
    array += c;
  }
  array += '"';
}

std::string id_array(const std::vector<std::int64_t>& ids) {
  std::string array = "{";
  for (std::size_t id_idx = 0; id_idx < ids.size(); ++id_idx) {
    if (id_idx > 0) array += ',';
    array += std::to_string(ids[id_idx]);
  }
  return array + "}";
}

}  // namespace

void append_finding_copy_line(std::string& out, std::int64_t source_id, std::int64_t version_id,
                              const Finding& finding) {
  add_number(out, source_id);
  if (version_id != 0) {
    add_number(out, version_id);
  } else {
    out += "\\N\t";
  }
  add_text(out, severity_name(finding.severity));
  add_text(out, finding.rule_id);
  add_text(out, finding.unit);
  add_number(out, finding.row);
  add_text(out, finding.indicator);
  add_text(out, finding.message_vi);
  add_text(out, finding.message_en);
  add_text(out, finding.raw);
  add_text(out, finding.expected);
  add_text(out, finding.hint_vi);
  add_text(out, finding.hint_en);
  add_text(out, finding.file);
  add_number(out, finding.pos.table_idx);
  add_number(out, finding.pos.row_idx);
  add_number(out, finding.pos.col_idx);
  add_text(out, finding.period);
  end_line(out);
}

Result<std::unique_ptr<ImportWriter>> PgImportWriter::begin(std::shared_ptr<pg::PgConnection> connection,
                                                            const Plan& plan, const SourceFile& file,
                                                            const ImportOptions& options) {
  std::unique_ptr<PgImportWriter> writer(new PgImportWriter(plan, file, options));
  writer->connection_ = std::move(connection);
  // The server stores one piece of COPY while chiso reads and checks the
  // next: the kernel's default send buffer (about 200 KiB) held too little
  // of it, and each side waited for the other in turn.
  writer->connection_->widen_send_buffer(copy_send_buffer_bytes);
  writer->transaction_ = std::make_unique<pg::PgTransaction>(*writer->connection_);
  if (auto begun = writer->transaction_->begin(); !begun) return begun.error();
  writer->written_at_utc_ = now_utc_iso8601();
  if (auto prepared = writer->prepare(); !prepared) return prepared.error();
  return std::unique_ptr<ImportWriter>(std::move(writer));
}

PgImportWriter::~PgImportWriter() = default;

Result<void> PgImportWriter::prepare() {
  pg::PgConnection& db = *connection_;
  const Plan& plan = plan_;
  plan_sha256_ = compute_store_sha256(plan);
  if (auto inserted = db.prepared("insert_plan", sql::insert_plan,
                                  {param(plan.id), param(plan_sha256_), param(indicator_codes_joined(plan)),
                                   param(plan.source_text)});
      !inserted)
    return inserted.error();
  auto plan_row = db.prepared("plan_id", sql::plan_id, {param(plan_sha256_)});
  if (!plan_row) return plan_row.error();
  auto source = db.prepared(
      "insert_file_source",
      "INSERT INTO source (kind, author, plan_id, file_name, file_sha256, file_size_bytes, created_at_utc) "
      "VALUES ('file', $1, $2, $3, $4, $5, $6) RETURNING id",
      {param(options_.author), param(plan_row->integer(0, 0)), param(file_.name), param(file_.sha256_hex),
       param(static_cast<std::int64_t>(file_.size_bytes)), param(written_at_utc_)});
  if (!source) return source.error();
  source_id_ = source->integer(0, 0);
  // The references' trigger holds the rows of a COPY of versions in memory
  // (its transition table) until the COPY ends: more than the default 4 MB
  // (copy_statement_bytes of versions), which would go to a temporary file.
  if (auto set = db.exec("SET LOCAL work_mem = '16MB'"); !set) return set;
  auto sequence = db.prepared("version_sequence", "SELECT pg_get_serial_sequence('unit_submission', 'id')", {});
  if (!sequence) return sequence.error();
  version_sequence_ = std::string(sequence->text(0, 0));
  auto units = db.prepared("all_units", "SELECT id, name, registered FROM unit", {});
  if (!units) return units.error();
  unit_ids_.reserve(static_cast<std::size_t>(units->rows()));
  for (int row = 0; row < units->rows(); ++row) {
    const std::int64_t id = units->integer(row, 0);
    unit_ids_.emplace(units->text(row, 1), id);
    if (units->integer(row, 2) == 0) unregistered_ids_.insert(id);
  }
  return {};
}

Result<void> PgImportWriter::start_period(ImportPeriod& state) {
  if (auto ended = end_versions_copy(); !ended) return ended.error();
  const std::string& name = state.name;
  pg::PgConnection& db = *connection_;
  // A wait past the session's lock_timeout: the period is another's.
  auto held_by_another = [&](const Error& error) {
    return db.last_sqlstate() == "55P03" ? pg_period_held_error(name, true) : error;
  };
  if (auto inserted = db.prepared("insert_period", sql::insert_period, {param(name), param(period_sort_key(name))});
      !inserted)
    return held_by_another(inserted.error());
  // Locked until the import ends: other writers into the period wait or are
  // refused (pg_store.h), and the saves in flight end before it goes on.
  if (auto locked = db.prepared("lock_period_alone", lock_period_alone, {param(name)}); !locked)
    return held_by_another(locked.error());
  auto row = db.prepared("find_period_locked", std::string(sql::find_period) + " FOR UPDATE", {param(name)});
  if (!row) return row.error();
  const std::int64_t period_id = row->integer(0, 0);
  if (row->text(0, 1) == "locked") return import_locked_error(file_.name, name);
  if (periods_.empty()) {
    // Once the first period's lock is held: an import that waited for
    // another is later than it.
    written_at_utc_ = now_utc_iso8601();
    if (auto stamped = db.prepared("stamp_source", "UPDATE source SET created_at_utc = $2 WHERE id = $1",
                                   {param(source_id_), param(written_at_utc_)});
        !stamped)
      return stamped.error();
  }
  if (!options_.allow_same_file_in_other_period && !file_.sha256_hex.empty()) {
    auto same = db.prepared(
        "same_file_elsewhere",
        "SELECT p.name, bool_or(p.id = $2) OVER () FROM source src JOIN source_period sp ON sp.source_id = src.id "
        "JOIN period p ON p.id = sp.period_id WHERE src.kind = 'file' AND src.file_sha256 = $1 "
        "AND src.id <> $3 ORDER BY p.sort_key LIMIT 1",
        {param(file_.sha256_hex), param(period_id), param(source_id_)});
    if (!same) return same.error();
    // Refused when the file was stored before, but never under this period
    // (a file of several periods imported again is its own periods again).
    if (same->rows() > 0 && same->text(0, 1) != "t") return same_file_error(file_, std::string(same->text(0, 0)), name);
  }
  if (auto linked = db.prepared("source_period",
                                "INSERT INTO source_period (source_id, period_id) VALUES ($1, $2) "
                                "ON CONFLICT DO NOTHING",
                                {param(source_id_), param(period_id)});
      !linked)
    return linked.error();
  state.period_id = period_id;
  auto current = db.prepared("period_current_versions", sql::period_current_versions, {param(period_id)});
  if (!current) return current.error();
  for (int version = 0; version < current->rows(); ++version) {
    ImportCurrent& stored = state.current[current->integer(version, 1)];
    stored.id = current->integer(version, 0);
    stored.version = static_cast<int>(current->integer(version, 2));
    stored.withdrawn = current->text(version, 3) == "withdrawn";
    stored.error_count = static_cast<int>(current->integer(version, 4));
    stored.warning_count = static_cast<int>(current->integer(version, 5));
    stored.cells = current->text(version, 6);
  }
  return {};
}

Result<std::optional<std::int64_t>> PgImportWriter::unit_id(const UnitRow& row) {
  auto known = unit_ids_.find(unit_name_of(row));
  if (known == unit_ids_.end()) return std::optional<std::int64_t>();
  // A name first stored unregistered that the plan now has: registered first.
  if (!row.unit_name.empty() && unregistered_ids_.count(known->second) > 0) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(known->second);
}

Result<void> PgImportWriter::add_units(std::span<const UnitRow* const> rows) {
  if (auto ended = end_versions_copy(); !ended) return ended;
  // The units to add or register, once each, in the order of the file.
  struct NewUnit {
    std::string_view name, kind;
    bool registered = false;
  };
  std::vector<NewUnit> new_units;
  std::unordered_map<std::string_view, std::size_t> unit_idx_by_name;
  for (const UnitRow* row : rows) {
    const bool registered = !row->unit_name.empty();
    std::string_view kind;
    if (registered) {
      // The reader's match when it is this name (a row built otherwise: a
      // search of the plan's units, 10,000 in a national plan).
      int plan_unit_idx = row->unit_idx;
      if (plan_unit_idx < 0 || static_cast<std::size_t>(plan_unit_idx) >= plan_.units.size() ||
          plan_.units[static_cast<std::size_t>(plan_unit_idx)].name != row->unit_name)
        plan_unit_idx = plan_.unit_index(row->unit_name);
      if (plan_unit_idx >= 0) kind = plan_.unit_kind_id(plan_.units[static_cast<std::size_t>(plan_unit_idx)].kind);
    }
    auto [listed, added] = unit_idx_by_name.emplace(unit_name_of(*row), new_units.size());
    if (added) {
      new_units.push_back(NewUnit{unit_name_of(*row), kind, registered});
    } else if (registered && !new_units[listed->second].registered) {
      new_units[listed->second] = NewUnit{unit_name_of(*row), kind, true};
    }
  }
  std::string names = "{", kinds = "{", registered = "{";
  for (const NewUnit& unit : new_units) {
    append_array_text(names, unit.name);
    append_array_text(kinds, unit.kind);
    registered += registered.size() > 1 ? (unit.registered ? ",1" : ",0") : (unit.registered ? "1" : "0");
  }
  // Another import may add the same name at the same moment: then its row;
  // a name stored unregistered that the plan has becomes registered.
  auto inserted = connection_->prepared(
      "insert_units",
      "INSERT INTO unit (name, kind, registered) "
      "SELECT * FROM unnest($1::text[], $2::text[], $3::integer[]) "
      "ON CONFLICT (name) DO UPDATE SET registered = GREATEST(unit.registered, excluded.registered), "
      "kind = CASE WHEN unit.registered = 1 THEN unit.kind ELSE excluded.kind END RETURNING id, name, registered",
      {names + "}", kinds + "}", registered + "}"});
  if (!inserted) return inserted.error();
  for (int row = 0; row < inserted->rows(); ++row) {
    const std::int64_t id = inserted->integer(row, 0);
    unit_ids_.insert_or_assign(std::string(inserted->text(row, 1)), id);
    if (inserted->integer(row, 2) == 0) {
      unregistered_ids_.insert(id);
    } else {
      unregistered_ids_.erase(id);
    }
  }
  return {};
}

Result<std::int64_t> PgImportWriter::next_version_id() {
  if (free_version_ids_.empty()) {
    if (auto ended = end_versions_copy(); !ended) return ended.error();
    // The sequence named once, as a parameter: named in the statement (by
    // pg_get_serial_sequence) it would be looked up again for every id.
    auto drawn = connection_->prepared(
        "draw_version_ids", "SELECT nextval($1::regclass) FROM generate_series(1, $2::integer)",
        {version_sequence_, param(static_cast<std::int64_t>(version_ids_per_draw_))});
    if (!drawn) return drawn.error();
    for (int row = drawn->rows() - 1; row >= 0; --row) free_version_ids_.push_back(drawn->integer(row, 0));
    version_ids_per_draw_ = std::min(version_ids_per_draw_ * 2, version_ids_per_draw_max);
  }
  const std::int64_t id = free_version_ids_.back();
  free_version_ids_.pop_back();
  return id;
}

Result<std::optional<ImportCurrent>> PgImportWriter::read_back(const ImportPeriod& state, std::int64_t unit_id) {
  if (auto flushed = flush(); !flushed) return flushed.error();
  auto earlier = connection_->prepared("import_current_of_unit", sql::import_current_of_unit,
                                       {param(state.period_id), param(unit_id)});
  if (!earlier) return earlier.error();
  if (earlier->rows() == 0) return std::optional<ImportCurrent>();
  return std::optional<ImportCurrent>(read_import_current([&](int col) { return earlier->text(0, col); },
                                                          [&](int col) { return earlier->integer(0, col); }));
}

Result<void> PgImportWriter::clear_current(const ImportCurrent& current) {
  pending_clears_.push_back(current.id);
  return {};
}

Result<void> PgImportWriter::write_version(NewVersion& version) {
  const UnitRow* row = version.row;
  std::string& out = pending_versions_;
  pg::append_binary_row_start(out, version_copy_fields);
  pg::append_binary_bigint(out, version.id);
  pg::append_binary_bigint(out, version.period_id);
  pg::append_binary_bigint(out, version.unit_id);
  pg::append_binary_integer(out, version.version);
  pg::append_binary_text(out, row != nullptr ? "submitted" : "withdrawn");
  pg::append_binary_integer(out, 1);
  pg::append_binary_bigint(out, source_id_);
  pg::append_binary_integer(out, row != nullptr ? row->row_number : 0);
  pg::append_binary_text(out, row != nullptr ? std::string_view(row->raw_name) : std::string_view());
  pg::append_binary_integer(out, row != nullptr ? row->pos.table_idx : 0);
  pg::append_binary_integer(out, row != nullptr ? row->pos.row_idx : 0);
  pg::append_binary_integer(out, row != nullptr ? row->pos.col_idx : 0);
  pg::append_binary_text(out, row != nullptr ? std::string_view(version.cells->cells) : std::string_view("{}"));
  pg::append_binary_text(out, row != nullptr ? std::string_view(version.cells->positions) : std::string_view());
  pg::append_binary_integer(out, version.error_count);
  pg::append_binary_integer(out, version.warning_count);
  if (pending_versions_.size() < copy_piece_bytes) return {};
  return send_versions();
}

Result<void> PgImportWriter::write_finding(std::int64_t version_id, const Finding& finding) {
  append_finding_copy_line(pending_findings_, source_id_, version_id, finding);
  if (pending_findings_.size() < copy_statement_bytes) return {};
  return flush();
}

Result<void> PgImportWriter::send_versions() {
  if (!copying_versions_) {
    if (auto begun = connection_->copy_begin(version_copy_sql); !begun) return begun;
    copying_versions_ = true;
    copied_bytes_ = 0;
    std::string header;
    pg::append_binary_copy_header(header);
    if (auto put = connection_->copy_put(header); !put) return put;
  }
  if (auto put = connection_->copy_put(pending_versions_); !put) return put;
  copied_bytes_ += pending_versions_.size();
  pending_versions_.clear();
  if (copied_bytes_ >= copy_statement_bytes) return end_versions_copy();
  return {};
}

Result<void> PgImportWriter::end_versions_copy() {
  if (!copying_versions_) return {};
  copying_versions_ = false;
  pg::append_binary_copy_trailer(pending_versions_);
  auto put = connection_->copy_put(pending_versions_);
  pending_versions_.clear();
  if (!put) {
    (void)connection_->copy_end();
    return put;
  }
  if (auto ended = connection_->copy_end(); !ended) return ended;
  // Every version is in: the findings that wait follow at once, while the
  // pages of their versions, which their references read and lock, are
  // still in the server's buffers.
  if (!pending_findings_.empty()) {
    if (auto copied = connection_->copy_in(finding_copy_sql, pending_findings_); !copied) return copied;
    pending_findings_.clear();
  }
  return {};
}

Result<void> PgImportWriter::flush() {
  // New versions first: a version this import wrote and then replaced is
  // cleared after it is in; findings name their versions.
  if (!pending_versions_.empty())
    if (auto sent = send_versions(); !sent) return sent;
  if (auto ended = end_versions_copy(); !ended) return ended;
  if (!pending_clears_.empty()) {
    if (auto cleared = connection_->prepared("clear_currents",
                                             "UPDATE unit_submission SET is_current = 0 WHERE id = ANY($1::bigint[])",
                                             {id_array(pending_clears_)});
        !cleared)
      return cleared.error();
    pending_clears_.clear();
  }
  // Findings only (a table's, of no version): no COPY of versions was open.
  if (!pending_findings_.empty()) {
    if (auto copied = connection_->copy_in(finding_copy_sql, pending_findings_); !copied) return copied;
    pending_findings_.clear();
  }
  return {};
}

Result<std::map<std::string, PeriodImport>> PgImportWriter::commit() {
  if (auto ok = usable(); !ok) return ok.error();
  pg::PgConnection& db = *connection_;
  if (auto added = add_waiting_rows(); !added) return fail(added.error()).error();
  if (auto ended = end_versions_copy(); !ended) return fail(ended.error()).error();
  for (const std::string& period : options_.replace_periods) {
    auto found = periods_.find(period);
    if (found == periods_.end()) return fail(nothing_to_replace(file_.name, period)).error();
    ImportPeriod& state = found->second;
    // Withdrawn in the order of their ids (the order first stored).
    const auto absent = state.absent_units();
    std::vector<std::int64_t> unit_ids;
    for (const auto& [unit, version_id] : absent) unit_ids.push_back(unit);
    auto names = db.prepared("unit_names", "SELECT id, name FROM unit WHERE id = ANY($1::bigint[])",
                             {id_array(unit_ids)});
    if (!names) return fail(names.error()).error();
    std::unordered_map<std::int64_t, std::string> name_of;
    for (int row = 0; row < names->rows(); ++row) name_of.emplace(names->integer(row, 0), names->text(row, 1));
    for (const auto& [unit, version_id] : absent)
      if (auto added = add_version(state, unit, name_of[unit], nullptr, nullptr, {}); !added) return fail(added.error()).error();
  }
  if (auto flushed = flush(); !flushed) return fail(flushed.error()).error();
  std::map<std::string, PeriodImport> outcome;
  for (auto& [name, state] : periods_) {
    const bool summary_is_periods = state.finish_outcome();
    if (state.versions_added > 0) {
      if (auto bumped = db.prepared(
              "bump_period", sql::bump_period,
              {param(state.period_id), param(std::int64_t{state.unit_delta}), param(std::int64_t{state.error_delta}),
               param(std::int64_t{state.warning_delta}), param(std::int64_t{state.versions_added}),
               param(std::int64_t{state.versions_added}), param(written_at_utc_), param(file_.name),
               param(std::int64_t{0})});
          !bumped)
        return fail(bumped.error()).error();
    }
    if (summary_is_periods) {
      // Every current unit came from this file: its figures are the period's.
      auto change_count = db.prepared("change_count_by_id", sql::change_count_by_id, {param(state.period_id)});
      if (!change_count) return fail(change_count.error()).error();
      if (auto written = pg_write_summary(db, state.period_id, plan_sha256_, change_count->integer(0, 0), plan_,
                                          *state.summary);
          !written)
        return fail(written.error()).error();
      state.outcome.summary_kept = true;
    }
    outcome.emplace(name, std::move(state.outcome));
  }
  if (auto committed = transaction_->commit(); !committed) return fail(committed.error()).error();
  set_committed();
  return outcome;
}

}  // namespace chiso::store_detail

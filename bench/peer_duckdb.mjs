// The DuckDB peer of the benchmark (@duckdb/node-api from npm): the work a
// data engineer would write in SQL, to compare with `chiso check` / `import`.
//
//   node peer_duckdb.mjs check  FILE [--plan PLAN]
//   node peer_duckdb.mjs import FILE --db DB.duckdb [--plan PLAN] [--period P] [--layout json|rows]
//   node peer_duckdb.mjs trend  --db DB.duckdb
//
// read_csv reads the table as text (tab-separated; title lines, the two-level
// header and the note are the rows whose first cell is not a row number), SQL
// parses Vietnamese numbers (decimal comma, dot thousands) and marks, and runs
// the same checks as bench/peer_pandas.py (see there); `check` works in memory.
// `import` keeps what chiso's store keeps for a file imported into a new
// database (docs/storage.md): the file as a source (name, SHA-256, size,
// author, time), periods and units with ids, per (period, unit) a submission
// (version 1, state submitted, current, its source, row number and raw name)
// with its cells, the findings tied to their submission, and each period's
// city-wide figures. Two layouts of the cells (issue 13 §5), --layout:
//   json  a JSON column per submission, {"code": ["raw", parsed], …} with
//         blank cells left out, as chiso's, and a view submission_value
//         unfolding it into rows (default);
//   rows  typed rows, one per (submission, indicator): raw text and parsed
//         value.
// `trend` reads either layout. Prints one JSON line: rows read and findings
// by rule.
import { DuckDBInstance } from '@duckdb/node-api';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const CODES = ['tthc_shortened', 'days_shortened_avg', 'online_total', 'online_full',
  'online_full_pct', 'online_partial', 'online_partial_pct', 'cashless_pct',
  'first_time_valid_pct', 'meeting_room_has', 'meeting_room_count', 'ddci_connected',
  'ai_answering', 'licence_model', 'commitments_published'];
const COUNTS_DAYS = ['tthc_shortened', 'days_shortened_avg', 'online_total', 'online_full',
  'online_partial', 'meeting_room_count'];
const PERCENTS = ['online_full_pct', 'online_partial_pct', 'cashless_pct', 'first_time_valid_pct'];
const MARKS = ['meeting_room_has', 'ddci_connected', 'ai_answering', 'licence_model',
  'commitments_published'];
const NUMERIC = [...COUNTS_DAYS, ...PERCENTS];

function parseArgs(argv) {
  const args = { command: argv[0], file: null, plan: null, db: null, period: '', layout: 'json' };
  for (let idx = 1; idx < argv.length; idx++) {
    const arg = argv[idx];
    if (arg === '--plan') args.plan = argv[++idx];
    else if (arg === '--db') args.db = argv[++idx];
    else if (arg === '--period') args.period = argv[++idx];
    else if (arg === '--layout') args.layout = argv[++idx];
    else args.file = arg;
  }
  return args;
}

const sqlString = (text) => `'${String(text).replaceAll("'", "''")}'`;

// The file's SHA-256, as chiso keeps it for every source.
function fileSha256(filePath) {
  return crypto.createHash('sha256').update(fs.readFileSync(filePath)).digest('hex');
}

// What chiso's store keeps of an import into a new database (see the top):
// from the temp table `cells` (id, row, name, period, parsed values, raw r_*).
async function store(run, args) {
  const size = fs.statSync(args.file).size;
  await run(`CREATE TABLE source AS SELECT 1 AS id, 'file' AS kind, 'import' AS author,
      ${sqlString(path.basename(args.file))} AS file_name, ${sqlString(fileSha256(args.file))} AS file_sha256,
      ${size} AS file_size_bytes, ${sqlString(new Date().toISOString())} AS created_at_utc`);
  await run(`CREATE TABLE period AS SELECT row_number() OVER (ORDER BY first_row) AS id, name FROM
      (SELECT period AS name, min(row) AS first_row FROM cells GROUP BY period)`);
  await run(`CREATE TABLE unit AS SELECT row_number() OVER (ORDER BY first_row) AS id, name FROM
      (SELECT name, min(row) AS first_row FROM cells GROUP BY name)`);
  const json = args.layout !== 'rows';
  // chiso's cells text: blank cells left out, marks as true/false.
  const cell = (code, value) => `CASE WHEN trim(r_${code}) <> '' THEN '"${code}":[' || to_json(r_${code}) || ','
      || ${value} || ']' END`;
  const cellsJson = `CAST('{' || concat_ws(',', ${[
    ...NUMERIC.map((code) => cell(code, `coalesce(to_json(${code}), 'null')`)),
    ...MARKS.map((code) => cell(code, `CASE ${code} WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE 'null' END`)),
  ].join(',\n      ')}) || '}' AS JSON)`;
  await run(`CREATE TABLE submission AS
    SELECT c.id, p.id AS period_id, u.id AS unit_id, 1 AS version, 'submitted' AS state, true AS is_current,
      1 AS source_id, c.row AS row_number, c.name AS raw_name${json ? `, ${cellsJson} AS cells` : ''}
    FROM cells c JOIN period p ON p.name = c.period JOIN unit u ON u.name = c.name`);
  if (json) {
    await run(`CREATE VIEW submission_value AS
      SELECT p.name AS period, u.name AS unit, s.version, s.state, s.is_current, e.key AS indicator,
        json_extract_string(e.value, '$[0]') AS raw, json_extract(e.value, '$[1]') AS value
      FROM submission s JOIN period p ON p.id = s.period_id JOIN unit u ON u.id = s.unit_id,
        json_each(s.cells) e`);
  } else {
    await run(`CREATE TABLE cell AS
      ${CODES.map((code) => `SELECT id AS submission_id, '${code}' AS indicator, r_${code} AS raw,
        CAST(${code} AS DOUBLE) AS value FROM cells WHERE trim(r_${code}) <> ''`).join('\n      UNION ALL ')}`);
  }
  // Each period's city-wide figures: sums and units reporting per count and
  // share, yes marks per mark.
  await run(`CREATE TABLE summary AS SELECT p.id AS period_id,
      ${NUMERIC.map((code) => `sum(${code}) AS ${code}_sum, count(${code}) AS ${code}_units`).join(', ')},
      ${MARKS.map((code) => `sum(${code}) AS ${code}_yes`).join(', ')}
    FROM cells c JOIN period p ON p.name = c.period GROUP BY p.id`);
}

// The registered unit names of a plan file: its [[units]] name lines.
function planUnits(planPath) {
  const names = [];
  const text = fs.readFileSync(planPath, 'utf8');
  // The units in a table file (docs/plan-format.md): its `name` column.
  const unitsFile = /^units_file\s*=\s*"((?:[^"\\]|\\.)*)"/m.exec(text);
  if (unitsFile) {
    const tablePath = path.join(path.dirname(planPath), JSON.parse(`"${unitsFile[1]}"`));
    const [header, ...rows] = fs.readFileSync(tablePath, 'utf8').split('\n').filter((l) => l.trim());
    const nameIdx = header.replace(/^\uFEFF/, '').split('\t').indexOf('name');
    return rows.map((row) => row.split('\t')[nameIdx]);
  }
  let inUnit = false;
  for (const line of text.split('\n')) {
    const stripped = line.trim();
    if (stripped.startsWith('[')) inUnit = stripped === '[[units]]';
    else if (inUnit) {
      const match = /^name\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(stripped);
      if (match) names.push(JSON.parse(`"${match[1]}"`));
    }
  }
  return names;
}

function hasPeriodColumn(path) {
  const fd = fs.openSync(path, 'r');
  const buf = Buffer.alloc(8192);
  const got = fs.readSync(fd, buf, 0, buf.length, 0);
  fs.closeSync(fd);
  return buf.subarray(0, got).toString('utf8').split('\n')
    .some((line) => line.split('\t')[2] === 'Kỳ báo cáo');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.command === 'import' && fs.existsSync(args.db)) fs.rmSync(args.db);
  const instance = await DuckDBInstance.create(args.command === 'check' ? ':memory:' : args.db);
  const con = await instance.connect();
  const run = (sql) => con.run(sql);
  const rows = async (sql) => (await con.runAndReadAll(sql)).getRowObjects();

  if (args.command === 'trend') {
    // Σ full-process services / Σ online services over the current
    // submissions that have both, per period.
    const [{ n: cellTables }] = await rows(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'cell'");
    const pairs = Number(cellTables) > 0
      ? `SELECT s.period_id, t.value AS total, f.value AS part FROM submission s
           JOIN cell t ON t.submission_id = s.id AND t.indicator = 'online_total'
           JOIN cell f ON f.submission_id = s.id AND f.indicator = 'online_full'
         WHERE s.is_current`
      : `SELECT period_id, TRY_CAST(json_extract(cells, '$.online_total[1]') AS DOUBLE) AS total,
           TRY_CAST(json_extract(cells, '$.online_full[1]') AS DOUBLE) AS part
         FROM submission WHERE is_current`;
    const trend = await rows(`SELECT p.name AS period, 100.0 * SUM(part) / SUM(total) AS online_full_pct,
        COUNT(*) AS units_reporting
      FROM (${pairs}) pair JOIN period p ON p.id = pair.period_id
      WHERE total IS NOT NULL AND part IS NOT NULL GROUP BY p.name ORDER BY p.name`);
    for (const point of trend) {
      console.log(`${point.period}\t${point.online_full_pct}\t${point.units_reporting}`);
    }
    return 0;
  }

  const withPeriod = hasPeriodColumn(args.file);
  const names = ['row', 'name', ...(withPeriod ? ['period'] : []), ...CODES];
  const columns = names.map((name) => `'${name}': 'VARCHAR'`).join(', ');
  await run(`CREATE TEMP TABLE raw AS
    SELECT * FROM read_csv(${sqlString(args.file)}, delim = '\t', header = false,
      quote = '', escape = '', auto_detect = false, null_padding = true,
      strict_mode = false, columns = {${columns}})
    WHERE regexp_full_match(trim(row), '[0-9]+')`);

  const num = (code) => `TRY_CAST(replace(replace(rtrim(trim(replace(${code}, chr(160), '')), '%'),
      '.', ''), ',', '.') AS DOUBLE)`;
  const mark = (code) => `CASE lower(trim(${code})) WHEN 'x' THEN 1.0 WHEN '0' THEN 0.0 END`;
  const periodExpr = withPeriod ? 'period' : sqlString(args.period);
  // One pass parses every cell; `cells` keeps raw (r_*) and parsed columns side by side.
  await run(`CREATE TEMP TABLE cells AS
    SELECT row_number() OVER () AS id, CAST(row AS INTEGER) AS row, trim(name) AS name, ${periodExpr} AS period,
      ${NUMERIC.map((code) => `${num(code)} AS ${code}`).join(', ')},
      ${MARKS.map((code) => `${mark(code)} AS ${code}`).join(', ')},
      ${CODES.map((code) => `${code} AS r_${code}`).join(', ')}
    FROM raw`);

  const rule = (where, id, indicator) => `SELECT id AS submission_id, row, name AS unit, period,
      '${indicator}' AS indicator, '${id}' AS rule, ${indicator ? `r_${indicator}` : 'name'} AS raw
    FROM cells WHERE ${where}`;
  const agrees = (typed, part) => `(abs(${typed} - 100.0 * ${part} / online_total) <= 0.5 + 1e-9
      OR abs(${typed} - floor(100.0 * ${part} / online_total + 1e-9)) < 1e-6
      OR abs(${typed} - floor(1000.0 * ${part} / online_total + 1e-9) / 10) < 1e-6
      OR abs(${typed} - floor(10000.0 * ${part} / online_total + 1e-9) / 100) < 1e-6)`;
  const rules = [
    ...NUMERIC.map((c) => rule(`trim(r_${c}) <> '' AND ${c} IS NULL`, 'value.not_number', c)),
    ...MARKS.map((c) => rule(`trim(r_${c}) <> '' AND ${c} IS NULL`, 'value.not_a_mark', c)),
    ...COUNTS_DAYS.map((c) => rule(`${c} < 0`, 'value.negative', c)),
    ...PERCENTS.map((c) => rule(`${c} < 0 OR ${c} > 100`, 'value.percent_range', c)),
    rule('abs(online_full + online_partial - online_total) > 1e-9', 'online.sum', 'online_total'),
    rule('online_full > online_total', 'online.part_exceeds', 'online_full'),
    rule('online_partial > online_total', 'online.part_exceeds', 'online_partial'),
    // As the plan's policy: shares are checked against the counts only when
    // the counts are consistent (the other part blank or the parts adding up).
    ...[['online_full_pct', 'online_full', 'online_partial'],
      ['online_partial_pct', 'online_partial', 'online_full']]
      .flatMap(([pct, part, other]) => [
        rule(`online_total > 0 AND ${pct} IS NOT NULL AND ${part} IS NOT NULL
          AND ${part} <= online_total
          AND (${other} IS NULL OR abs(online_full + online_partial - online_total) <= 1e-9)
          AND NOT ${agrees(`${pct}`, `${part}`)}`, 'share.agree', pct),
        rule(`online_total = 0 AND ${pct} <> 0`, 'share.zero_total', pct)]),
    rule('(meeting_room_has = 1 AND meeting_room_count = 0) OR (meeting_room_has = 0 AND meeting_room_count > 0)',
      'rooms.mark', 'meeting_room_has'),
    rule('days_shortened_avg > 0 AND NOT coalesce(tthc_shortened > 0, false)', 'days.without_procedures',
      'days_shortened_avg'),
    `SELECT id AS submission_id, row, name AS unit, period, '' AS indicator, 'unit.duplicate' AS rule,
        name AS raw
      FROM (SELECT *, row_number() OVER (PARTITION BY name, period ORDER BY row) AS seen
            FROM cells) WHERE seen > 1`,
  ];
  if (args.plan) {
    const units = planUnits(args.plan);
    await run('CREATE TEMP TABLE registered (name VARCHAR)');
    const appender = await con.createAppender('registered', 'main', 'temp');
    for (const name of units) { appender.appendVarchar(name); appender.endRow(); }
    appender.closeSync();
    rules.push(`SELECT id AS submission_id, row, name AS unit, period, '' AS indicator,
        'unit.unknown' AS rule, name AS raw FROM cells WHERE name NOT IN (SELECT name FROM registered)`);
  }
  await run(`CREATE ${args.command === 'check' ? 'TEMP ' : ''}TABLE findings AS
    ${rules.join('\nUNION ALL\n')}`);
  if (args.command === 'import') {
    await store(run, args);
    await run('CHECKPOINT');
  }

  const [{ n }] = await rows('SELECT count(*) AS n FROM cells');
  const byRule = {};
  for (const { rule: id, n: count } of await rows(
    'SELECT rule, count(*) AS n FROM findings GROUP BY rule ORDER BY rule')) {
    byRule[id] = Number(count);
  }
  console.log(JSON.stringify({ tool: 'duckdb', rows: Number(n), findings: byRule }));
  return Object.keys(byRule).length ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }).catch((err) => {
  console.error(`peer_duckdb: ${err.message}`);
  process.exitCode = 2;
});

// The DuckDB peer of the benchmark (@duckdb/node-api from npm): the work a
// data engineer would write in SQL, to compare with `chiso check` / `import`.
//
//   node peer_duckdb.mjs check  FILE [--plan PLAN]
//   node peer_duckdb.mjs import FILE --db DB.duckdb [--plan PLAN] [--period P]
//   node peer_duckdb.mjs trend  --db DB.duckdb
//
// read_csv reads the table as text (tab-separated; title lines, the two-level
// header and the note are the rows whose first cell is not a row number), SQL
// parses Vietnamese numbers (decimal comma, dot thousands) and marks, and runs
// the same checks as bench/peer_pandas.py (see there). `import` keeps the
// parsed values and the findings in a DuckDB file; `check` works in memory.
// Prints one JSON line: rows read and findings by rule.
import { DuckDBInstance } from '@duckdb/node-api';
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
  const args = { command: argv[0], file: null, plan: null, db: null, period: '' };
  for (let idx = 1; idx < argv.length; idx++) {
    const arg = argv[idx];
    if (arg === '--plan') args.plan = argv[++idx];
    else if (arg === '--db') args.db = argv[++idx];
    else if (arg === '--period') args.period = argv[++idx];
    else args.file = arg;
  }
  return args;
}

const sqlString = (text) => `'${String(text).replaceAll("'", "''")}'`;

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
    const trend = await rows(`SELECT period,
        100.0 * SUM(online_full) / SUM(online_total) AS online_full_pct,
        COUNT(online_total) AS units_reporting
      FROM unit_values GROUP BY period ORDER BY period`);
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
    SELECT CAST(row AS INTEGER) AS row, trim(name) AS name, ${periodExpr} AS period,
      ${NUMERIC.map((code) => `${num(code)} AS ${code}`).join(', ')},
      ${MARKS.map((code) => `${mark(code)} AS ${code}`).join(', ')},
      ${CODES.map((code) => `${code} AS r_${code}`).join(', ')}
    FROM raw`);
  await run(`CREATE ${args.command === 'check' ? 'TEMP ' : ''}TABLE unit_values AS
    SELECT row, name, period, ${CODES.join(", ")} FROM cells`);

  const rule = (where, id, indicator) => `SELECT row, name AS unit, period,
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
    `SELECT row, name AS unit, period, '' AS indicator, 'unit.duplicate' AS rule, name AS raw
      FROM (SELECT *, row_number() OVER (PARTITION BY name, period ORDER BY row) AS seen
            FROM unit_values) WHERE seen > 1`,
  ];
  if (args.plan) {
    const units = planUnits(args.plan);
    await run('CREATE TEMP TABLE registered (name VARCHAR)');
    const appender = await con.createAppender('registered', 'main', 'temp');
    for (const name of units) { appender.appendVarchar(name); appender.endRow(); }
    appender.closeSync();
    rules.push(`SELECT row, name AS unit, period, '' AS indicator, 'unit.unknown' AS rule,
        name AS raw FROM unit_values WHERE name NOT IN (SELECT name FROM registered)`);
  }
  await run(`CREATE ${args.command === 'check' ? 'TEMP ' : ''}TABLE findings AS
    ${rules.join('\nUNION ALL\n')}`);
  if (args.command === 'import') await run('CHECKPOINT');

  const [{ n }] = await rows('SELECT count(*) AS n FROM unit_values');
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

-- wrk: reporters saving their own unit's row (PUT …/units/{unit}), each save
-- based on the version the last one was given, as a page does.
--   CHISO_REPORTERS  a file written by bench/server_bench.py, one reporter a
--                    line: cookie, CSRF token, path, unit name, version, and
--                    the body's text before and after the changing count,
--                    tab-separated.
--   CHISO_PAUSE_MS   optional: each connection waits this long after an
--                    answer before its next save (wrk's delay()), so the
--                    reporters offer a rate instead of saving flat out.
-- Each wrk thread takes every n-th reporter. A reporter has at most one save
-- in flight (connections ≤ reporters per thread), so no save is refused as
-- stale; the answer names the unit and gives the next version. Prints one
-- JSON line at the end with the acknowledged saves (200) and the rest.
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local reporters, by_unit, idle = {}, {}, {}
acknowledged, refused = 0, 0

function init(args)
  local thread_count = tonumber(os.getenv("CHISO_THREADS") or "1")
  local index = 0
  for line in io.lines(os.getenv("CHISO_REPORTERS")) do
    if index % thread_count == id then
      local cookie, csrf, path, unit, version, before, after =
        line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)$")
      local reporter = {cookie = cookie, csrf = csrf, path = path, unit = unit, version = tonumber(version),
                        before = before, after = after, count = 0}
      table.insert(reporters, reporter)
      by_unit[unit] = reporter
      table.insert(idle, reporter)
    end
    index = index + 1
  end
end

local pause_ms = tonumber(os.getenv("CHISO_PAUSE_MS") or "")
if pause_ms then
  function delay()
    return pause_ms
  end
end

-- wrk calls request() once in the first thread to check it, before any
-- connection: that request is never sent, so its reporter stays idle.
local checked = false

function request()
  if not checked then
    checked = true
    if id == 0 then
      local reporter = idle[1]
      return wrk.format("PUT", reporter.path, {["Cookie"] = reporter.cookie}, "{}")
    end
  end
  local reporter = table.remove(idle, 1)
  if reporter == nil then
    -- More connections than reporters: should not happen (see above).
    reporter = reporters[math.random(#reporters)]
  end
  reporter.count = reporter.count + 1
  local body = reporter.before .. (1000 + reporter.count % 1000) .. reporter.after ..
               string.format(', "version": %d}', reporter.version)
  return wrk.format("PUT", reporter.path,
                    {["Cookie"] = reporter.cookie, ["X-CSRF-Token"] = reporter.csrf,
                     ["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  -- The answer's keys are in order: …"state":"draft","unit":NAME,…,"version":N}
  local unit = body:match('"state":"draft","unit":"([^"]*)"')
  local version = body:match('"version":(%d+)}%s*$')
  local reporter = unit and by_unit[unit]
  if status == 200 and reporter and version then
    acknowledged = acknowledged + 1
    reporter.version = tonumber(version)
    table.insert(idle, reporter)
  else
    refused = refused + 1
    if reporter then table.insert(idle, reporter) end
  end
end

function done(summary, latency, requests)
  local acknowledged_total, refused_total = 0, 0
  for _, thread in ipairs(threads) do
    acknowledged_total = acknowledged_total + thread:get("acknowledged")
    refused_total = refused_total + thread:get("refused")
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "acknowledged": %d, "refused": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "connect_errors": %d, "read_errors": %d, "write_errors": %d, ' ..
    '"timeouts": %d, "non_2xx": %d}\n',
    summary.requests, acknowledged_total, refused_total, summary.duration, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max, errors.connect, errors.read, errors.write,
    errors.timeout, errors.status))
end

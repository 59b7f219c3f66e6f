-- wrk: GET of one path with a session cookie (bench/server_bench.py).
--   CHISO_COOKIE   "chiso_session=…" (none: no cookie, e.g. for nginx)
-- Prints one JSON line at the end: requests, duration, latency percentiles
-- (microseconds), errors and non-2xx answers.
local cookie = os.getenv("CHISO_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, ' ..
    '"non_2xx": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, errors.connect, errors.read, errors.write, errors.timeout,
    errors.status))
end

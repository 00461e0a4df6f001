-- What every bench/floor.py run prints at the end, one `key=value` line that floor.py reads.
-- A script that counts something of its own sets `counted` on each thread.
threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local counted = 0
  for _, thread in ipairs(threads) do
    counted = counted + (thread:get("counted") or 0)
  end
  local errors = summary.errors
  io.write(string.format(
    "wrk requests=%d seconds=%.3f non2xx=%d socket_errors=%d p50_us=%d p99_us=%d counted=%d\n",
    summary.requests, summary.duration / 1e6, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(99), counted))
end

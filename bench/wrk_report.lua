-- Used by bench/load_bench.py: `wrk -s bench/wrk_report.lua ...`.
-- wrk's --latency table has no 95th percentile; this prints it (and the error counts) after the run
-- as "bench-report <key> <value>" lines, latencies in microseconds.
done = function(summary, latency, requests)
  for _, p in ipairs({50, 90, 95, 99}) do
    io.write(string.format("bench-report p%d_us %d\n", p, latency:percentile(p)))
  end
  io.write(string.format("bench-report requests %d\n", summary.requests))
  io.write(string.format("bench-report duration_us %d\n", summary.duration))
  local e = summary.errors
  io.write(string.format("bench-report socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("bench-report status_errors %d\n", e.status))
end

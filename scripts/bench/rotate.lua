-- wrk script: one GET path, each request on the next tenant of a list, with
-- that tenant's Host and bearer token. Prints one machine-readable line at
-- the end with throughput and latency percentiles.
--
--   wrk -t2 -c64 -d15s -s rotate.lua http://127.0.0.1:PORT -- TOKENS [PATH]
--
-- TOKENS is a file of "host token [path]" lines (token "-": no Authorization);
-- a line's own path wins over
-- PATH, which defaults to the customer list.

local tenants = {}
local next_index = 0
local path = "/api/v1/customers?limit=20"

local thread_count = 0
function setup(thread)
  thread:set("thread_id", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  local file = args[1]
  if not file then
    error("rotate.lua needs a tokens file: wrk ... -s rotate.lua URL -- FILE")
  end
  if args[2] then
    path = args[2]
  end
  for line in io.lines(file) do
    local host, token, own_path = line:match("^(%S+)%s+(%S+)%s*(%S*)$")
    if host then
      -- A "-" token: an anonymous request (public reads).
      local auth = nil
      if token ~= "-" then
        auth = "Bearer " .. token
      end
      tenants[#tenants + 1] = { host, auth, own_path }
    end
  end
  if #tenants == 0 then
    error("no tenants in " .. file)
  end
  -- Threads start at different places in the list.
  next_index = ((thread_id or 0) * math.floor(#tenants / 2)) % #tenants
end

function request()
  next_index = next_index % #tenants + 1
  local t = tenants[next_index]
  local p = path
  if t[3] ~= "" then
    p = t[3]
  end
  local headers = { ["Host"] = t[1] }
  if t[2] then
    headers["Authorization"] = t[2]
  end
  return wrk.format("GET", p, headers)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "WRK rps=%.1f requests=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f "
      .. "http_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    summary.requests / seconds,
    summary.requests,
    latency:percentile(50) / 1000,
    latency:percentile(90) / 1000,
    latency:percentile(99) / 1000,
    latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout
  ))
end

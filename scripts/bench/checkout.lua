-- wrk script: checks out guest carts from a file of "host cart_id token"
-- lines, each cart once (threads take alternate lines), with the cart's
-- X-Cart-Token and an Idempotency-Key. Prints the same WRK summary line as
-- rotate.lua.
--
--   wrk -t2 -c64 -d15s -s checkout.lua http://127.0.0.1:PORT -- FILE

local lines = {}
local next_index = 0
local step = 2
local thread_count = 0
local body = '{"email":"buyer@bench.example.com","name":"Bench Buyer",'
  .. '"shipping_address":{"line1":"1 Bench Road","city":"Paris","country":"FR"}}'

function setup(thread)
  thread:set("thread_id", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  for line in io.lines(args[1]) do
    local host, cart, token = line:match("^(%S+)%s+(%S+)%s+(%S+)$")
    if host then
      lines[#lines + 1] = { host, cart, token }
    end
  end
  if #lines == 0 then
    error("no carts in " .. args[1])
  end
  next_index = (thread_id or 0) + 1 - step
end

function request()
  next_index = next_index + step
  if next_index > #lines then
    -- Out of fresh carts: repeat (these answer 409 and count as errors).
    next_index = ((thread_id or 0) % step) + 1
  end
  local l = lines[next_index]
  return wrk.format("POST", "/api/v1/carts/" .. l[2] .. "/checkout", {
    ["Host"] = l[1],
    ["Content-Type"] = "application/json",
    ["X-Cart-Token"] = l[3],
    ["Idempotency-Key"] = "bench-" .. l[2],
  }, body)
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

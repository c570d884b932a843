-- wrk: every request a different report (the sample with a counter in the supplier's name),
-- so the service cannot answer from typst's memoisation; prints the latency percentiles and
-- the statuses as one JSON line at the end. Run by bench/serve.py and bench/pdfgenrs.py.
--
--   wrk ... -s bench/serve.lua URL -- REPORT [PATH [CONTENT-TYPE [PAUSE]]]
-- REPORT is YAML or JSON; PATH defaults to /v1/render, CONTENT-TYPE to application/yaml; with
-- PAUSE (ms) each connection waits that long before each request, which caps the rate a
-- connection offers however fast it is answered (an offered load instead of a closed loop).
local report = nil
local path = "/v1/render"
local pause = 0
local counter = 0
local thread_id = 0
local threads = {}
-- Globals, set in each thread's state by setup() and read back by done().
id = 0
statuses = {}

function setup(thread)
    thread_id = thread_id + 1
    thread:set("id", thread_id)
    thread:set("statuses", {})
    table.insert(threads, thread)
end

function init(args)
    local file = assert(io.open(args[1], "rb"))
    report = file:read("*a")
    file:close()
    path = args[2] or path
    wrk.headers["Content-Type"] = args[3] or "application/yaml"
    pause = tonumber(args[4]) or 0
end

function delay()
    return pause
end

function request()
    counter = counter + 1
    local mark = " " .. id .. "-" .. counter
    local body, found = report:gsub("\nsupplier: ([^\n]*)", "\nsupplier: %1" .. mark, 1)
    if found == 0 then
        body = report:gsub('"supplier": "([^"]*)"', '"supplier": "%1' .. mark .. '"', 1)
    end
    return wrk.format("POST", path, nil, body)
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
    local counts = {}
    for _, thread in ipairs(threads) do
        for status, n in pairs(thread:get("statuses")) do
            counts[tostring(status)] = (counts[tostring(status)] or 0) + n
        end
    end
    local parts = {}
    for status, n in pairs(counts) do
        table.insert(parts, string.format('"%s": %d', status, n))
    end
    io.write(string.format(
        '{"requests": %d, "seconds": %f, "errors": %d, "p50_ms": %f, "p99_ms": %f, "statuses": {%s}}\n',
        summary.requests, summary.duration / 1e6,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        latency:percentile(50) / 1e3, latency:percentile(99) / 1e3, table.concat(parts, ", ")))
end

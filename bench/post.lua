-- wrk script: POST the JSON file named by env BODY to the path named by env TARGET_PATH;
-- with env DELAY_MS, each connection waits that long between requests (a fixed, lower load).
wrk.method = "POST"
wrk.path = os.getenv("TARGET_PATH") or "/cds-services/biologic-order-sign"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.body = f:read("*a")
f:close()
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

-- One fixed request, from the environment: METHOD, BODY and HEADERS ("Name: value" lines).
dofile("bench/wrk/report.lua")

wrk.method = os.getenv("METHOD") or "GET"
wrk.body = os.getenv("BODY")
for line in (os.getenv("HEADERS") or ""):gmatch("[^\n]+") do
  local name, value = line:match("^([^:]+):%s*(.*)$")
  wrk.headers[name] = value
end

-- Each request as another player, from a file of bearer tokens (one per line): wrk's path is the
-- request, METHOD the method. For joins: a new player each time until the file runs out.
dofile("bench/wrk/report.lua")

function init(args)
  tokens = {}
  for line in io.lines(args[1]) do table.insert(tokens, line) end
  -- Each thread takes its own slice, so that no two threads send the same player.
  per = math.floor(#tokens / tonumber(args[2]))
  first, n = index * per, 0
end

function request()
  n = n % per + 1
  local headers = {["Authorization"] = "Bearer " .. tokens[first + n]}
  return wrk.format(os.getenv("METHOD") or "GET", nil, headers)
end

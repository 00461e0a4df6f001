-- Each request as another player, from a file of lines "<bearer token>" or "<bearer token> <path>"
-- (the path defaults to wrk's): the thread's players in turn, wrapping around at the end of its
-- slice. METHOD is the method. args: the file, threads.
dofile("bench/wrk/report.lua")

function init(args)
  lines = {}
  for line in io.lines(args[1]) do
    local token, path = line:match("^(%S+)%s*(%S*)$")
    table.insert(lines, {token, path ~= "" and path or nil})
  end
  -- Each thread takes its own slice, so that no two threads send the same player.
  per = math.floor(#lines / tonumber(args[2]))
  first, n = index * per, 0
end

function request()
  n = n % per + 1
  local line = lines[first + n]
  local headers = {["Authorization"] = "Bearer " .. line[1]}
  return wrk.format(os.getenv("METHOD") or "GET", line[2], headers)
end

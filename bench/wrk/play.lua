-- Whole answers on one connection per thread: GET the served question (which starts its clock),
-- POST an answer to it, then the same for the thread's next player. args: session code, a file
-- of bearer tokens (one per line), threads. `counted` is the answers that got a 200.
dofile("bench/wrk/report.lua")

function init(args)
  code = args[1]
  local all = {}
  for line in io.lines(args[2]) do table.insert(all, line) end
  local per = math.floor(#all / tonumber(args[3]))
  tokens = {}
  for i = 1, per do tokens[i] = all[index * per + i] end
  player, pending, counted = 1, nil, 0
end

function request()
  local headers = {["Authorization"] = "Bearer " .. tokens[player]}
  if pending then
    headers["Content-Type"] = "application/json"
    local body = '{"question_id":"' .. pending[1] .. '","choice_id":"' .. pending[2] .. '"}'
    return wrk.format("POST", "/api/sessions/" .. code .. "/answers", headers, body)
  end
  return wrk.format("GET", "/api/sessions/" .. code .. "/question", headers)
end

function response(status, headers, body)
  if pending then
    pending = nil
    if status == 200 then counted = counted + 1 end
    player = player % #tokens + 1
    return
  end
  local question = body:match('"question":{"id":"([^"]+)"')
  local choice = body:match('"choices":%[{"id":"([^"]+)"')
  if status == 200 and question and choice then
    pending = {question, choice}
  else
    player = player % #tokens + 1
  end
end

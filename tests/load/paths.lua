-- wrk script: each request takes the next path from a file (one per line),
-- so a run exercises many different queries, not one cached answer.
-- Usage: wrk ... -s paths.lua URL -- PATHS_FILE
local paths = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  -- Threads start at different places in the list.
  i = math.random(#paths)
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

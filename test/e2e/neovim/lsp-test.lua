-- Headless Neovim (0.7+, built-in LSP, no plugins) as a Pipsight LSP client, configured by the
-- Neovim 0.7 snippet of README.md ("Other editors") (run-neovim-suite.js extracts it to a file):
--   nvim --headless --clean -n -i NONE -u lsp-test.lua
-- $PIPSIGHT_NVIM_CONFIG: the documented snippet; it starts `pipsight lsp --stdio` (a wrapper on
-- PATH) from its BufReadPost autocommand. $PIPSIGHT_NVIM_FILES: JSON { label: { path, codes } };
-- each file is opened and its pushed diagnostics polled until every expected code is there (or
-- the deadline). Hover is requested at each "label:line:character" of $PIPSIGHT_NVIM_HOVERS
-- (0-based, UTF-16). What it saw goes to $PIPSIGHT_NVIM_RESULTS as JSON; the Node test checks it.
local config_file = assert(os.getenv('PIPSIGHT_NVIM_CONFIG'), 'PIPSIGHT_NVIM_CONFIG')
local results_file = assert(os.getenv('PIPSIGHT_NVIM_RESULTS'), 'PIPSIGHT_NVIM_RESULTS')
local files = vim.fn.json_decode((assert(os.getenv('PIPSIGHT_NVIM_FILES'), 'PIPSIGHT_NVIM_FILES')))
local timeout_ms = tonumber(os.getenv('PIPSIGHT_NVIM_TIMEOUT_MS') or '30000')

local version = vim.version()
local results = { nvim = version.major .. '.' .. version.minor .. '.' .. version.patch, files = {}, hovers = {}, errors = {}, server_exits = {}, clients_started = 0 }

local function finish()
  local file = assert(io.open(results_file, 'w'))
  file:write(vim.fn.json_encode(results))
  file:close()
  vim.cmd('qall!')
end

local function split_lines(text)
  local lines = {}
  for line in (text or ''):gmatch('[^\n]+') do table.insert(lines, line) end
  return lines
end

local function has_codes(bufnr, codes)
  local present = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do present[tostring(d.code)] = true end
  for _, code in ipairs(codes) do
    if not present[code] then return false end
  end
  return true
end

local ok, failure = pcall(function()
  -- Instrumentation only: count the clients the snippet starts and record how their servers exit
  -- (the documented config passes no on_exit).
  local start_client = vim.lsp.start_client
  vim.lsp.start_client = function(config)
    results.clients_started = results.clients_started + 1
    config.on_exit = function(code, signal) table.insert(results.server_exits, { code = code, signal = signal }) end
    return start_client(config)
  end
  dofile(config_file)

  local buffers = {}
  for label, spec in pairs(files) do
    vim.cmd('edit ' .. vim.fn.fnameescape(spec.path))
    buffers[label] = vim.api.nvim_get_current_buf()
  end

  for label, spec in pairs(files) do
    local bufnr = buffers[label]
    -- Poll (vim.wait processes events meanwhile) until the expected codes have been pushed.
    vim.wait(timeout_ms, function() return has_codes(bufnr, spec.codes) end, 50)
    local seen = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(seen, { code = d.code, source = d.source, severity = d.severity, message = d.message,
        lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col })
    end
    local roots = {}
    for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do table.insert(roots, client.config.root_dir) end
    results.files[label] = { diagnostics = seen, roots = roots }
  end

  for _, spec in ipairs(split_lines(os.getenv('PIPSIGHT_NVIM_HOVERS'))) do
    local label, line, character = spec:match('^(.*):(%d+):(%d+)$')
    local bufnr = buffers[label]
    local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = tonumber(line), character = tonumber(character) } }
    local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout_ms)
    local value, response_error = vim.NIL, err or vim.NIL
    for _, response in pairs(responses or {}) do
      if response.err then response_error = response.err end
      if response.result and response.result.contents then value = response.result.contents.value or response.result.contents end
    end
    results.hovers[spec] = { value = value, error = response_error }
  end

  local clients = vim.lsp.get_active_clients()
  for _, client in ipairs(clients) do client.stop() end
  vim.wait(5000, function() return #results.server_exits >= #clients end, 50)
end)

if not ok then table.insert(results.errors, tostring(failure)) end
finish()

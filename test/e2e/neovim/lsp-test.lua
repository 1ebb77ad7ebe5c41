-- Headless Neovim (0.7+, built-in LSP, no plugins) as a Pipsight LSP client:
--   nvim --headless --clean -n -i NONE -u lsp-test.lua
-- Starts `node dist/cli.js lsp --stdio`, opens each file named in $PIPSIGHT_NVIM_FILES
-- (newline-separated paths under $PIPSIGHT_NVIM_WORKSPACE), waits for pushed diagnostics,
-- requests hover at each "path:line:character" of $PIPSIGHT_NVIM_HOVERS (0-based, UTF-16),
-- writes what it saw to $PIPSIGHT_NVIM_RESULTS as JSON and quits. The Node test checks it.
local node = os.getenv('PIPSIGHT_NODE') or 'node'
local cli = assert(os.getenv('PIPSIGHT_CLI'), 'PIPSIGHT_CLI')
local workspace = assert(os.getenv('PIPSIGHT_NVIM_WORKSPACE'), 'PIPSIGHT_NVIM_WORKSPACE')
local results_file = assert(os.getenv('PIPSIGHT_NVIM_RESULTS'), 'PIPSIGHT_NVIM_RESULTS')
local timeout_ms = tonumber(os.getenv('PIPSIGHT_NVIM_TIMEOUT_MS') or '30000')

local results = { nvim = tostring(vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch), files = {}, hovers = {}, errors = {} }

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

local ok, failure = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'pipsight',
    cmd = { node, cli, 'lsp', '--stdio' },
    root_dir = workspace,
    workspace_folders = { { uri = vim.uri_from_fname(workspace), name = 'workspace' } },
    on_exit = function(code, signal) results.server_exit = { code = code, signal = signal } end,
  })
  assert(client_id, 'vim.lsp.start_client failed')

  local buffers = {}
  for _, relative in ipairs(split_lines(os.getenv('PIPSIGHT_NVIM_FILES'))) do
    vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/' .. relative))
    local bufnr = vim.api.nvim_get_current_buf()
    buffers[relative] = bufnr
    vim.lsp.buf_attach_client(bufnr, client_id)
  end

  for relative, bufnr in pairs(buffers) do
    -- Poll (vim.wait processes events meanwhile) until the server has pushed diagnostics.
    vim.wait(timeout_ms, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
    local seen = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(seen, { code = d.code, source = d.source, severity = d.severity, message = d.message,
        lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col })
    end
    results.files[relative] = seen
  end

  for _, spec in ipairs(split_lines(os.getenv('PIPSIGHT_NVIM_HOVERS'))) do
    local relative, line, character = spec:match('^(.*):(%d+):(%d+)$')
    local bufnr = buffers[relative]
    local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = tonumber(line), character = tonumber(character) } }
    local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout_ms)
    local response = responses and responses[client_id]
    local value = vim.NIL
    if response and response.result and response.result.contents then
      value = response.result.contents.value or response.result.contents
    end
    results.hovers[spec] = { value = value, error = err or (response and response.err) or vim.NIL }
  end

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return results.server_exit ~= nil end, 50)
end)

if not ok then table.insert(results.errors, tostring(failure)) end
finish()

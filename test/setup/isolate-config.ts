/**
 * Tests never read the machine's own pip.conf, uv.toml or .netrc: code that reads the process
 * environment (the language server, the CLI) sees none. Tests of the config readers pass their
 * own environment objects and files.
 */
process.env.PIP_CONFIG_FILE = '/dev/null';
process.env.UV_NO_CONFIG = '1';
process.env.NETRC = '/dev/null';
for (const name of Object.keys(process.env)) {
  if (/^(PIP_INDEX_URL|PIP_EXTRA_INDEX_URL|UV_INDEX|UV_DEFAULT_INDEX|UV_INDEX_URL|UV_EXTRA_INDEX_URL|VIRTUAL_ENV)$/.test(name)) delete process.env[name];
}

/**
 * `npm run index-server [-- --port 8765 --latency 50 --host 127.0.0.1]`: starts the local index
 * server for manual use and the demo, prints its index URLs, runs until Ctrl-C.
 */
import { startIndexServer } from './server';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
  const server = await startIndexServer({ port: Number(option('--port') ?? 0), latencyMs: Number(option('--latency') ?? 0), host: option('--host') ?? '127.0.0.1' });
  const { pypi, cu124, cpu, private: privateIndex } = server.indexes;
  console.log(`Pipsight local index server on ${server.url}`);
  console.log(`  PyPI-like index (PEP 691 JSON + PEP 503 HTML): ${pypi}`);
  console.log(`  PyTorch CUDA 12.4 index (HTML only):           ${cu124}`);
  console.log(`  PyTorch CPU index (HTML only):                 ${cpu}`);
  console.log(`  Private index (Basic auth alice / s3cret):     ${privateIndex}`);
  console.log(`  PyPI JSON API:                                 ${server.url}/pypi/<name>/json`);
  console.log(`  Faults: POST ${server.url}/_control/fault {"path": "/simple/numpy/", "fault": {"kind": "status", "status": 503}}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Started by a test runner or the demo that was killed outright: do not outlive it.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 1000).unref();
}

void main();

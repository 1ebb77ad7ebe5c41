/**
 * The one undici dispatcher (keep-alive connection pools) every request goes through, with:
 * - proxies: an explicit `proxy` (VS Code `http.proxy`) or HTTPS_PROXY / HTTP_PROXY / NO_PROXY
 *   (either case) from the environment passed in, via undici's EnvHttpProxyAgent;
 * - TLS: `proxyStrictSSL: false` turns certificate checks off (VS Code `http.proxyStrictSSL`);
 *   `caFile` adds PEM certificates. Node reads NODE_EXTRA_CA_CERTS into its default store, but a
 *   `ca` option replaces that store, so when we pass `ca` we include Node's bundled roots and the
 *   NODE_EXTRA_CA_CERTS file ourselves.
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';

export interface NetworkOptions {
  /** Explicit proxy URL (VS Code `http.proxy`); overrides the environment's proxy variables. */
  proxy?: string | null;
  /** false: accept any server certificate (VS Code `http.proxyStrictSSL`). Default true. */
  proxyStrictSSL?: boolean;
  /** PEM file with extra CA certificates (a Pipsight setting). */
  caFile?: string | null;
  /** Environment variables to read proxies and NODE_EXTRA_CA_CERTS from (default: process.env). */
  environment?: Record<string, string | undefined>;
  /** Connection timeout in ms (default 10 s). */
  connectTimeoutMs?: number;
  /** Keep-alive connections per origin (default 16). */
  connectionsPerOrigin?: number;
}

export interface CreatedDispatcher {
  dispatcher: Dispatcher;
  /** Problems such as an unreadable CA file (the dispatcher still works without it). */
  problems: string[];
}

function variable(environment: Record<string, string | undefined>, name: string): string | undefined {
  return environment[name] ?? environment[name.toLowerCase()] ?? undefined;
}

export function createDispatcher(options: NetworkOptions = {}): CreatedDispatcher {
  const environment = options.environment ?? process.env;
  const problems: string[] = [];
  const strict = options.proxyStrictSSL !== false;
  const connect: { timeout: number; rejectUnauthorized: boolean; ca?: string[] } = { timeout: options.connectTimeoutMs ?? 10_000, rejectUnauthorized: strict };
  if (options.caFile) {
    const extra: string[] = [];
    for (const file of [options.caFile, environment.NODE_EXTRA_CA_CERTS]) {
      if (!file) continue;
      try {
        extra.push(readFileSync(file, 'utf8'));
      } catch (error) {
        problems.push(`cannot read CA certificates from ${file}: ${(error as Error).message}`);
      }
    }
    connect.ca = [...rootCertificates, ...extra];
  }
  const poolOptions = { connect, connections: options.connectionsPerOrigin ?? 16, keepAliveTimeout: 30_000 };
  const httpProxy = options.proxy || variable(environment, 'HTTP_PROXY');
  const httpsProxy = options.proxy || variable(environment, 'HTTPS_PROXY');
  if (!httpProxy && !httpsProxy) return { dispatcher: new Agent(poolOptions), problems };
  const dispatcher = new EnvHttpProxyAgent({
    ...poolOptions,
    httpProxy: httpProxy ?? '',
    httpsProxy: httpsProxy ?? '',
    noProxy: variable(environment, 'NO_PROXY') ?? '',
    requestTls: { ca: connect.ca, rejectUnauthorized: strict },
    proxyTls: { ca: connect.ca, rejectUnauthorized: strict },
  });
  return { dispatcher, problems };
}

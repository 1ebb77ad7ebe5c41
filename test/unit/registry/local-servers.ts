/**
 * Small servers of our own on 127.0.0.1 for the registry's security and fault tests: each records
 * the requests (path and headers) and connections it sees; a handler decides the answer. Also: a
 * self-signed certificate made at test time with openssl (null when openssl is missing), a port
 * that refuses connections, and a counter of connection attempts to a port.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import net, { type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RecordedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, server: RecordingServer) => void | Promise<void>;

export interface RecordingServer {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** TCP connections accepted. */
  connections: number;
  close(): Promise<void>;
}

export async function startRecordingServer(handler: Handler, options: { tls?: Certificate } = {}): Promise<RecordingServer> {
  const sockets = new Set<Socket>();
  const state: RecordingServer = { url: '', port: 0, requests: [], connections: 0, close: async () => undefined };
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    state.requests.push({ path: request.url ?? '/', headers: { ...request.headers } });
    void Promise.resolve(handler(request, response, state)).catch(() => response.destroy());
  };
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createHttpServer(listener);
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  state.port = port;
  state.url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  state.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}

/** A TCP server that accepts connections and never writes a byte. */
export async function startSilentServer(): Promise<{ url: string; port: number; connections: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections: () => connections,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 where nothing listens (connections are refused). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Counts connection attempts to `port` (refused ones included) until `stop()` is called. */
export function countConnectAttempts(port: number): { count: () => number; stop(): void } {
  let attempts = 0;
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
    const first = args[0];
    const options = (Array.isArray(first) ? first[0] : first) as { port?: number | string } | number;
    const target = typeof options === 'object' && options !== null ? Number(options.port) : Number(options);
    if (target === port) attempts++;
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  return {
    count: () => attempts,
    stop: () => {
      net.Socket.prototype.connect = original;
    },
  };
}

export interface Certificate {
  key: string;
  cert: string;
  /** The certificate as a file, for the client's `caFile`. */
  caFile: string;
  cleanup(): void;
}

/** A self-signed certificate for 127.0.0.1 made with openssl; null when openssl is not installed. */
export function selfSignedCertificate(): Certificate | null {
  const directory = mkdtempSync(join(tmpdir(), 'pipsight-tls-'));
  const keyFile = join(directory, 'key.pem');
  const certFile = join(directory, 'cert.pem');
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  } catch {
    rmSync(directory, { recursive: true, force: true });
    return null;
  }
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), caFile: certFile, cleanup: () => rmSync(directory, { recursive: true, force: true }) };
}

export const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

/** A minimal PEP 691 project page. */
export function projectJson(name: string, versions: string[] = ['1.0']): string {
  return JSON.stringify({
    meta: { 'api-version': '1.0' },
    name,
    files: versions.map((version) => ({ filename: `${name}-${version}.tar.gz`, url: `${name}-${version}.tar.gz`, hashes: {} })),
  });
}

export const SIMPLE_JSON = 'application/vnd.pypi.simple.v1+json';

/**
 * Tests never touch the network: any socket to a host other than the loopback fails at once with
 * a clear error (instead of a test passing or hanging because a real index happened to answer).
 */
import dns from 'node:dns';
import net from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

function refuse(host: string): Error {
  return new Error(`Tests may not use the network: attempted connection to ${host}. Use the local index server on 127.0.0.1 or a fake.`);
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  const options = (Array.isArray(first) ? first[0] : first) as { host?: string; path?: string } | number | string;
  let host: string | undefined;
  if (typeof options === 'object' && options !== null && !('path' in options && options.path)) host = options.host ?? 'localhost';
  else if (typeof options === 'number') host = typeof args[1] === 'string' ? args[1] : 'localhost';
  if (host !== undefined && !LOOPBACK.has(host)) {
    const error = refuse(host);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname: string, ...rest: unknown[]) {
  const callback = rest[rest.length - 1] as (error: Error | null) => void;
  if (!LOOPBACK.has(hostname)) {
    process.nextTick(() => callback(refuse(hostname)));
    return undefined as unknown as ReturnType<typeof dns.lookup>;
  }
  return (originalLookup as (...a: unknown[]) => unknown)(hostname, ...rest);
} as typeof dns.lookup;

import { Agent, EnvHttpProxyAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { createDispatcher, defaultCacheDirectory } from '../../../server/src/registry';
import { backoffDelay, parseRetryAfter } from '../../../server/src/registry/retry';

describe('dispatcher and helpers', () => {
  it('uses a plain keep-alive Agent without proxies, a proxy agent with them', async () => {
    const plain = createDispatcher({ environment: {} });
    expect(plain.dispatcher).toBeInstanceOf(Agent);
    const proxied = createDispatcher({ environment: { https_proxy: 'http://proxy.example:3128', NO_PROXY: 'localhost' } });
    expect(proxied.dispatcher).toBeInstanceOf(EnvHttpProxyAgent);
    const explicit = createDispatcher({ environment: {}, proxy: 'http://proxy.example:8080', proxyStrictSSL: false });
    expect(explicit.dispatcher).toBeInstanceOf(EnvHttpProxyAgent);
    await Promise.all([plain, proxied, explicit].map((created) => created.dispatcher.close()));
  });

  it('reports an unreadable CA file instead of failing', async () => {
    const created = createDispatcher({ environment: {}, caFile: '/nonexistent/ca.pem' });
    expect(created.problems).toHaveLength(1);
    await created.dispatcher.close();
  });

  it('parses Retry-After and bounds the backoff', () => {
    const now = Date.UTC(2025, 0, 1);
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(new Date(now + 3000).toUTCString(), now)).toBe(3000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(backoffDelay(10, 250, 5000, () => 1)).toBe(5000);
    expect(backoffDelay(1, 250, 5000, () => 0.5)).toBe(250);
  });

  it('puts the CLI cache under XDG_CACHE_HOME or ~/.cache', () => {
    expect(defaultCacheDirectory({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/me')).toBe('/xdg/pipsight');
    expect(defaultCacheDirectory({}, 'linux', '/home/me')).toBe('/home/me/.cache/pipsight');
  });
});

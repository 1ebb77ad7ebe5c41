/**
 * The project's own package index server for tests, benchmarks and the demo (listens on
 * 127.0.0.1, port 0 by default). Three indexes from ./data:
 *   /simple/<name>/            'pypi'           PEP 691 JSON or PEP 503 HTML by Accept (or ?format=)
 *   /whl/cu124/<name>/         'pytorch-cu124'  PEP 503 HTML only, like download.pytorch.org
 *   /whl/cpu/<name>/           'pytorch-cpu'    the same, for the CPU builds
 *   /private/simple/<name>/    'private'        like /simple/, but 401 unless Basic auth matches
 *   /files/<index>/<file>.metadata              PEP 658 core metadata
 *   /pypi/<name>/json                           PyPI JSON API (pypi index only)
 * Pages carry ETag, Last-Modified and Cache-Control (answers 304 to If-None-Match).
 *
 * Faults, per path prefix or for every path ('*'): latency, status (5xx, 429 with Retry-After,
 * any code; optionally only the first N times), timeout (no response), stall (headers, then
 * nothing), malformed body, huge body, redirect loop, redirect elsewhere (e.g. to another server),
 * connection reset. Set them with `setFault()` or over HTTP: POST /_control/fault
 * `{ "path": "/simple/numpy/", "fault": { "kind": "status", "status": 503 } }`, POST /_control/reset.
 * Every request is recorded (`requests`: method, path, headers) so tests can count them and check
 * which Authorization headers arrived where.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { filesOf, loadFixtureProjects, metadataText, normalize, pypiJson, rootHtml, simpleHtml, simpleJson, type FixtureProject } from './fixture-data';

export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; retryAfter?: string; times?: number }
  | { kind: 'timeout' }
  | { kind: 'stall' }
  | { kind: 'malformed'; times?: number }
  | { kind: 'huge'; bytes: number; declareLength?: boolean }
  | { kind: 'redirect-loop' }
  | { kind: 'redirect'; location: string; status?: number }
  | { kind: 'reset'; times?: number };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface IndexServerOptions {
  host?: string;
  port?: number;
  /** Added to every response (ms). */
  latencyMs?: number;
  /** Basic credentials of the private index (default alice / s3cret). */
  privateCredentials?: { username: string; password: string };
  faults?: Record<string, Fault>;
  /** Cache-Control of pages (default 'max-age=600, public', as pypi.org). */
  cacheControl?: string;
  /** Projects served besides ./data, generated in memory (e.g. the benchmark's bench-pkg-000…099). */
  extraProjects?: FixtureProject[];
}

const INDEX_ROUTES: { prefix: string; index: string; htmlOnly: boolean; auth: boolean }[] = [
  { prefix: '/simple/', index: 'pypi', htmlOnly: false, auth: false },
  { prefix: '/whl/cu124/', index: 'pytorch-cu124', htmlOnly: true, auth: false },
  { prefix: '/whl/cpu/', index: 'pytorch-cpu', htmlOnly: true, auth: false },
  { prefix: '/private/simple/', index: 'private', htmlOnly: false, auth: true },
];

const JSON_TYPE = 'application/vnd.pypi.simple.v1+json';
const LAST_MODIFIED = 'Mon, 02 Dec 2024 10:00:00 GMT';

export class IndexServer {
  readonly requests: RecordedRequest[] = [];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly faults = new Map<string, Fault & { used?: number }>();
  private readonly projects: Map<string, Map<string, FixtureProject>>;
  private readonly allProjects: FixtureProject[];
  private baseUrl = '';

  constructor(private readonly options: IndexServerOptions = {}) {
    this.allProjects = [...loadFixtureProjects(), ...(options.extraProjects ?? [])];
    this.projects = new Map();
    for (const project of this.allProjects) {
      if (!this.projects.has(project.index)) this.projects.set(project.index, new Map());
      this.projects.get(project.index)!.set(normalize(project.name), project);
    }
    for (const [path, fault] of Object.entries(options.faults ?? {})) this.setFault(path, fault);
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts listening; resolves to the base URL, e.g. http://127.0.0.1:40123 */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve));
    const address = this.server.address() as AddressInfo;
    this.baseUrl = `http://${address.address}:${address.port}`;
    return this.baseUrl;
  }

  get url(): string {
    return this.baseUrl;
  }

  /** Index URLs of this server. */
  get indexes(): { pypi: string; cu124: string; cpu: string; private: string } {
    return { pypi: `${this.baseUrl}/simple/`, cu124: `${this.baseUrl}/whl/cu124/`, cpu: `${this.baseUrl}/whl/cpu/`, private: `${this.baseUrl}/private/simple/` };
  }

  /** `path` is a path prefix ('/simple/numpy/') or '*' for every path; null fault removes it. */
  setFault(path: string, fault: Fault | null): void {
    if (fault) this.faults.set(path, { ...fault, used: 0 });
    else this.faults.delete(path);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  /** Requests whose path starts with `prefix` (control requests excluded). */
  countRequests(prefix = '/'): number {
    return this.requests.filter((request) => request.path.startsWith(prefix)).length;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private faultFor(path: string): (Fault & { used?: number }) | null {
    let best: [string, Fault & { used?: number }] | null = null;
    for (const entry of this.faults) if ((entry[0] === '*' || path.startsWith(entry[0])) && (!best || entry[0].length > best[0].length)) best = entry;
    if (!best) return null;
    const fault = best[1];
    const limit = 'times' in fault ? fault.times : undefined;
    if (limit !== undefined && (fault.used ?? 0) >= limit) return null;
    fault.used = (fault.used ?? 0) + 1;
    return fault;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path.startsWith('/_control/')) return this.control(request, response, path);
    this.requests.push({ method: request.method ?? 'GET', path: path + url.search, headers: { ...request.headers } });
    const latency = this.options.latencyMs ?? 0;
    if (latency > 0) await delay(latency);
    const fault = this.faultFor(path);
    if (fault && (await this.applyFault(fault, request, response, path))) return;
    this.route(request, response, url, fault?.kind === 'malformed');
  }

  /** Returns true when the fault produced the response. */
  private async applyFault(fault: Fault, request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean> {
    switch (fault.kind) {
      case 'latency':
        await delay(fault.ms);
        return false;
      case 'status':
        response.writeHead(fault.status, { 'content-type': 'text/plain', ...(fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}) });
        response.end(`fault: ${fault.status}\n`);
        return true;
      case 'timeout':
        return true; // never answer; close() destroys the socket
      case 'stall':
        response.writeHead(200, { 'content-type': JSON_TYPE });
        response.flushHeaders();
        response.write('{"meta": {"api-version": "1.1"}, "files": [');
        return true;
      case 'malformed':
        return false;
      case 'huge':
        await writeHuge(response, fault.bytes, fault.declareLength ?? false);
        return true;
      case 'redirect-loop':
        response.writeHead(302, { location: path.endsWith('/') ? path.slice(0, -1) + '-loop/' : path + '/' });
        response.end();
        return true;
      case 'redirect':
        response.writeHead(fault.status ?? 302, { location: fault.location });
        response.end();
        return true;
      case 'reset':
        request.socket.destroy();
        return true;
    }
  }

  private route(request: IncomingMessage, response: ServerResponse, url: URL, malformed: boolean): void {
    const path = url.pathname;
    const jsonApi = /^\/pypi\/([^/]+)\/json\/?$/.exec(path);
    if (jsonApi) {
      const project = this.projects.get('pypi')?.get(normalize(decodeURIComponent(jsonApi[1])));
      if (!project) return notFound(response);
      return this.sendCacheable(request, response, 'application/json', malformed ? '{"info": {"name": ' : pypiJson(project, `${this.baseUrl}/files/pypi/`));
    }
    const file = /^\/files\/([^/]+)\/([^/]+)$/.exec(path);
    if (file) return this.serveFile(request, response, file[1], decodeURIComponent(file[2]));
    for (const route of INDEX_ROUTES) {
      if (!path.startsWith(route.prefix)) continue;
      if (route.auth && !this.authorized(request)) {
        response.writeHead(401, { 'www-authenticate': 'Basic realm="private index"', 'content-type': 'text/plain' });
        response.end('authentication required\n');
        return;
      }
      const rest = path.slice(route.prefix.length);
      const projects = this.projects.get(route.index) ?? new Map<string, FixtureProject>();
      if (rest === '') return this.sendCacheable(request, response, 'text/html', rootHtml([...projects.values()]));
      const name = rest.replace(/\/$/, '');
      if (name.includes('/')) return notFound(response);
      // PEP 503: a non-normalized name redirects to the normalized URL.
      if (normalize(name) !== name || !rest.endsWith('/')) {
        response.writeHead(301, { location: `${route.prefix}${normalize(name)}/${url.search}` });
        response.end();
        return;
      }
      const project = projects.get(name);
      if (!project) return notFound(response);
      const wantsJson = !route.htmlOnly && (url.searchParams.get('format') === JSON_TYPE || prefersJson(request.headers.accept));
      if (wantsJson) {
        const body = malformed ? '{"meta": {"api-version": "1.1"}, "files": [{"filename": ' : simpleJson(project, `${this.baseUrl}/files/${route.index}/`);
        return this.sendCacheable(request, response, JSON_TYPE, body);
      }
      const body = malformed ? '\u0000\u0001 garbage, not a page {[' : simpleHtml(project, `../../${'../'.repeat(route.prefix.split('/').length - 3)}files/${route.index}/`);
      return this.sendCacheable(request, response, route.htmlOnly ? 'text/html' : 'application/vnd.pypi.simple.v1+html', body);
    }
    notFound(response);
  }

  private serveFile(request: IncomingMessage, response: ServerResponse, index: string, filename: string): void {
    const route = INDEX_ROUTES.find((candidate) => candidate.index === index);
    if (route?.auth && !this.authorized(request)) {
      response.writeHead(401, { 'www-authenticate': 'Basic realm="private index"' });
      response.end();
      return;
    }
    if (!filename.endsWith('.metadata')) return notFound(response);
    const wanted = filename.slice(0, -'.metadata'.length);
    for (const project of this.projects.get(index)?.values() ?? []) {
      const found = filesOf(project).find((candidate) => candidate.filename === wanted);
      if (found) return this.sendCacheable(request, response, 'text/plain; charset=utf-8', metadataText(project, found.release), 'max-age=31536000, immutable');
    }
    notFound(response);
  }

  private authorized(request: IncomingMessage): boolean {
    const expected = this.options.privateCredentials ?? { username: 'alice', password: 's3cret' };
    const header = request.headers.authorization ?? '';
    return header === 'Basic ' + Buffer.from(`${expected.username}:${expected.password}`).toString('base64');
  }

  private sendCacheable(request: IncomingMessage, response: ServerResponse, contentType: string, body: string, cacheControl?: string): void {
    const etag = `"${createHash('sha256').update(contentType).update(body).digest('hex').slice(0, 16)}"`;
    const headers = { etag, 'last-modified': LAST_MODIFIED, 'cache-control': cacheControl ?? this.options.cacheControl ?? 'max-age=600, public', vary: 'Accept' };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    response.writeHead(200, { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    response.end(body);
  }

  private control(request: IncomingMessage, response: ServerResponse, path: string): void {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      try {
        if (path === '/_control/fault') {
          const { path: faultPath, fault } = JSON.parse(text) as { path: string; fault: Fault | null };
          this.setFault(faultPath, fault);
        } else if (path === '/_control/reset') {
          this.clearFaults();
          this.clearRequests();
        } else if (path === '/_control/requests') {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify(this.requests.map(({ method, path: requestPath }) => ({ method, path: requestPath }))));
          return;
        } else return notFound(response);
        response.writeHead(204);
        response.end();
      } catch (error) {
        response.writeHead(400, { 'content-type': 'text/plain' });
        response.end(String(error));
      }
    });
  }
}

function prefersJson(accept: string | undefined): boolean {
  if (!accept) return false;
  let jsonQuality = 0;
  let htmlQuality = 0;
  for (const part of accept.split(',')) {
    const [type, ...parameters] = part.trim().split(';').map((piece) => piece.trim());
    const qualityParameter = parameters.find((parameter) => parameter.startsWith('q='));
    const quality = qualityParameter ? Number(qualityParameter.slice(2)) : 1;
    if (type === JSON_TYPE || type === 'application/vnd.pypi.simple.latest+json') jsonQuality = Math.max(jsonQuality, quality);
    if (type === 'text/html' || type === 'application/vnd.pypi.simple.v1+html' || type === '*/*') htmlQuality = Math.max(htmlQuality, quality);
  }
  return jsonQuality > 0 && jsonQuality >= htmlQuality;
}

function notFound(response: ServerResponse): void {
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not found\n');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function writeHuge(response: ServerResponse, bytes: number, declareLength: boolean): Promise<void> {
  response.writeHead(200, { 'content-type': JSON_TYPE, ...(declareLength ? { 'content-length': bytes } : {}) });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let written = 0;
  while (written < bytes && !response.destroyed) {
    const piece = chunk.subarray(0, Math.min(chunk.length, bytes - written));
    written += piece.length;
    if (!response.write(piece)) await new Promise<void>((resolve) => { response.once('drain', resolve); response.once('close', resolve); });
  }
  response.end();
}

/** Starts a server; call `close()` when done. */
export async function startIndexServer(options: IndexServerOptions = {}): Promise<IndexServer> {
  const server = new IndexServer(options);
  await server.start();
  return server;
}

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 that answers harvest requests from recorded fixtures. Tests set
 * each path's answer (status, headers, body); an answer may depend on the query (a page offset) and
 * on the request (method, headers), and may be delayed. It keeps every request and the most it
 * was answering at once (a link checker's politeness is measured there).
 */
export interface FixtureAnswer {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer;
  /** Answer after this long. */
  delayMs?: number;
  /** Answer only once this settles (then after delayMs): a test holds a request open while it looks. */
  ready?: Promise<unknown>;
}
export interface FixtureRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}
export type Answer = FixtureAnswer | ((query: URLSearchParams, request: FixtureRequest) => FixtureAnswer);

export interface FixtureServer {
  origin: string;
  hostPort: string;
  answers: Map<string, Answer>;
  requests: string[];
  /** Every request with its method and headers. */
  log: FixtureRequest[];
  /** The most requests the server was answering at the same time. */
  maxInFlight: () => number;
  stop: () => Promise<void>;
}

export const json = (value: unknown, status = 200): FixtureAnswer => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

export const startFixtureServer = async (): Promise<FixtureServer> => {
  const answers = new Map<string, Answer>();
  const requests: string[] = [];
  const log: FixtureRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fixture');
    const seen: FixtureRequest = { method: request.method ?? 'GET', path: url.pathname + url.search, headers: request.headers };
    requests.push(seen.path);
    log.push(seen);
    const found = answers.get(url.pathname);
    if (!found) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no fixture');
      return;
    }
    const answer = typeof found === 'function' ? found(url.searchParams, seen) : found;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const send = () =>
      setTimeout(() => {
        inFlight--;
        response.writeHead(answer.status ?? 200, answer.headers ?? {}).end(request.method === 'HEAD' ? undefined : answer.body);
      }, answer.delayMs ?? 0);
    if (answer.ready) void answer.ready.then(send, send);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    answers,
    requests,
    log,
    maxInFlight: () => maxInFlight,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};

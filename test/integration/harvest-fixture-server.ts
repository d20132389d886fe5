import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 that answers harvest requests from recorded fixtures. Tests set
 * each path's answer (status, headers, body); an answer may depend on the query (a page offset).
 */
export interface FixtureAnswer {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}
export type Answer = FixtureAnswer | ((query: URLSearchParams) => FixtureAnswer);

export interface FixtureServer {
  origin: string;
  hostPort: string;
  answers: Map<string, Answer>;
  requests: string[];
  stop: () => Promise<void>;
}

export const json = (value: unknown, status = 200): FixtureAnswer => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

export const startFixtureServer = async (): Promise<FixtureServer> => {
  const answers = new Map<string, Answer>();
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fixture');
    requests.push(url.pathname + url.search);
    const found = answers.get(url.pathname);
    if (!found) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no fixture');
      return;
    }
    const answer = typeof found === 'function' ? found(url.searchParams) : found;
    response.writeHead(answer.status ?? 200, answer.headers ?? {}).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    answers,
    requests,
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
};

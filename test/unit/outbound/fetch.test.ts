import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { OutboundHttpError, OutboundRefused, OutboundTimeout, OutboundTooLarge } from '../../../functions/outbound/errors';
import { fetchOutbound, MAX_REDIRECTS, type OutboundOptions } from '../../../functions/outbound/fetch';

/**
 * Real HTTP against servers on loopback only. Refusals are proven to happen before any traffic:
 * a refused literal address creates no client socket at all (node's `net.client.socket`
 * channel), and a refused host name never reaches the server listening where it resolves.
 */

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

interface LocalServer {
  host: string;
  port: number;
  origin: string;
  connections: number;
  requests: IncomingMessage[];
  close(): Promise<void>;
}

const servers: LocalServer[] = [];

const startServer = async (handler: Handler, host = '127.0.0.1'): Promise<LocalServer> => {
  const server = http.createServer((request, response) => {
    local.requests.push(request);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const local: LocalServer = {
    host,
    port,
    origin: `http://${host}:${port}`,
    connections: 0,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', () => {
    local.connections += 1;
  });
  servers.push(local);
  return local;
};

const answer =
  (body: string, status = 200, headers: Record<string, string> = {}): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(body);
  };

/** Options that never read the real environment, so only what a test lists is allowed. */
const only = (allowHosts: string[] = [], extra: OutboundOptions = {}): OutboundOptions => ({ allowHosts, env: {}, ...extra });

const hostPort = (server: LocalServer) => `${server.host}:${server.port}`;

/** Counts client sockets node creates while `run` is in flight. */
const socketsCreatedDuring = async (run: () => Promise<unknown>): Promise<number> => {
  let created = 0;
  const onSocket = () => {
    created += 1;
  };
  subscribe('net.client.socket', onSocket);
  try {
    await run().catch(() => undefined);
  } finally {
    unsubscribe('net.client.socket', onSocket);
  }
  return created;
};

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('outbound fetcher: address checks', () => {
  it.each([
    'http://127.0.0.1/',
    'http://127.0.0.2:8080/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:169.254.169.254]/latest/meta-data/',
    'http://0.0.0.0/',
    'http://[::]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/latest/meta-data/',
    'http://100.64.0.1/',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://172.31.255.254/',
    'http://192.168.0.1/',
    'https://192.168.0.1/',
    'http://[fc00::1]/',
    'http://[fe80::1]/',
    'http://224.0.0.1/',
    'http://[ff02::1]/',
    'http://[2002:7f00:1::]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://2130706433/', // 127.0.0.1 as one number: the URL parser normalises it
    'http://0x7f.1/',
    'http://0251.0376.0251.0376/', // 169.254.169.254 in octal
  ])('refuses %s before creating any socket', async (url) => {
    let error: unknown;
    const sockets = await socketsCreatedDuring(() =>
      fetchOutbound(url, only()).catch((caught) => {
        error = caught;
      }),
    );
    expect(error).toBeInstanceOf(OutboundRefused);
    expect((error as OutboundRefused).reason).toBe('address');
    expect(sockets).toBe(0);
  });

  it('refuses a literal loopback address a server is really listening on, and the server sees nothing', async () => {
    const target = await startServer(answer('{}'), '127.0.0.2');
    await expect(fetchOutbound(`${target.origin}/`, only())).rejects.toMatchObject({ kind: 'refused', reason: 'address' });
    expect(target.connections).toBe(0);
  });

  it('refuses a host name that resolves to loopback, without connecting', async () => {
    const target = await startServer(answer('{}'));
    const error = await fetchOutbound(`http://localhost:${target.port}/`, only()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutboundRefused);
    expect((error as OutboundRefused).message).toMatch(/localhost resolves to 127\.0\.0\.1 is a loopback address/);
    expect(target.connections).toBe(0);
  });

  it('fetches from a loopback host listed in LDX_FETCH_ALLOW_HOSTS, and only that host and port', async () => {
    const target = await startServer(answer('{"ok":true}'));
    const env = { LDX_FETCH_ALLOW_HOSTS: ` other:1, localhost:${target.port} ` };
    const response = await fetchOutbound(`http://localhost:${target.port}/catalog`, { env });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString())).toEqual({ ok: true });
    await expect(fetchOutbound(`http://localhost:${target.port + 1}/`, { env })).rejects.toMatchObject({ reason: 'address' });
    await expect(fetchOutbound(`http://127.0.0.1:${target.port}/`, { env })).rejects.toMatchObject({ reason: 'address' });
    expect(target.requests).toHaveLength(1);
  });

  it('reads LDX_FETCH_ALLOW_HOSTS from the process environment by default', async () => {
    const target = await startServer(answer('{}'));
    const saved = process.env.LDX_FETCH_ALLOW_HOSTS;
    try {
      delete process.env.LDX_FETCH_ALLOW_HOSTS;
      await expect(fetchOutbound(`${target.origin}/`)).rejects.toBeInstanceOf(OutboundRefused);
      process.env.LDX_FETCH_ALLOW_HOSTS = hostPort(target);
      await expect(fetchOutbound(`${target.origin}/`)).resolves.toMatchObject({ status: 200 });
    } finally {
      if (saved === undefined) delete process.env.LDX_FETCH_ALLOW_HOSTS;
      else process.env.LDX_FETCH_ALLOW_HOSTS = saved;
    }
    expect(target.requests).toHaveLength(1);
  });

  it('fetches from a host on the explicit allow-list and names the exchange in User-Agent', async () => {
    const target = await startServer(answer('[]'));
    const response = await fetchOutbound(
      `${target.origin}/data.json`,
      only([hostPort(target)], { headers: { Accept: 'application/json', 'User-Agent': 'other' } }),
    );
    expect(response.body.toString()).toBe('[]');
    expect(target.requests[0].headers['user-agent']).toMatch(/^LondonDataExchange\//);
    expect(target.requests[0].headers.accept).toBe('application/json');
    expect(target.requests[0].rawHeaders.filter((header) => header.toLowerCase() === 'user-agent')).toHaveLength(1);
  });

  it.each([
    ['a literal address', '127.0.0.2', '127.0.0.2'],
    ['a host name resolving to loopback', '127.0.0.1', 'localhost'],
  ])('refuses a redirect from an allowed server to %s that is not listed', async (_label, listenOn, locationHost) => {
    const hidden = await startServer(answer('{"secret":true}'), listenOn);
    const allowed = await startServer(answer('', 302, { location: `http://${locationHost}:${hidden.port}/` }));
    const error = await fetchOutbound(`${allowed.origin}/start`, only([hostPort(allowed)])).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutboundRefused);
    expect((error as OutboundRefused).reason).toBe('address');
    expect(allowed.requests).toHaveLength(1);
    expect(hidden.connections).toBe(0);
  });

  it('refuses a redirect to the cloud metadata address without creating a socket for it', async () => {
    const allowed = await startServer(answer('', 301, { location: 'http://169.254.169.254/latest/meta-data/iam/' }));
    let error: unknown;
    const sockets = await socketsCreatedDuring(() =>
      fetchOutbound(`${allowed.origin}/`, only([hostPort(allowed)])).catch((caught) => {
        error = caught;
      }),
    );
    expect(error).toMatchObject({ kind: 'refused', reason: 'address', url: 'http://169.254.169.254/latest/meta-data/iam/' });
    expect(sockets).toBe(1); // the one to the allowed server
  });

  it('follows a redirect between two listed servers', async () => {
    const second = await startServer(answer('{"page":2}'));
    const first = await startServer(answer('', 307, { location: `${second.origin}/page2` }));
    const response = await fetchOutbound(`${first.origin}/page1`, only([hostPort(first), hostPort(second)]));
    expect(response.url).toBe(`${second.origin}/page2`);
    expect(response.redirects).toEqual([`${second.origin}/page2`]);
    expect(JSON.parse(response.body.toString())).toEqual({ page: 2 });
  });
});

describe('outbound fetcher: schemes, redirects, errors', () => {
  it.each(['file:///etc/passwd', 'ftp://example.org/file', 'gopher://example.org/', 'data:text/plain,hello', 'javascript:alert(1)', 'ws://example.org/'])(
    'refuses the non-http URL %s',
    async (url) => {
      await expect(fetchOutbound(url, only())).rejects.toMatchObject({ kind: 'refused', reason: 'scheme' });
    },
  );

  it('refuses a redirect to a non-http scheme', async () => {
    const allowed = await startServer(answer('', 302, { location: 'file:///etc/passwd' }));
    await expect(fetchOutbound(`${allowed.origin}/`, only([hostPort(allowed)]))).rejects.toMatchObject({ reason: 'scheme' });
  });

  it('refuses URLs carrying credentials and strings that are not URLs', async () => {
    await expect(fetchOutbound('http://user:pass@example.org/', only())).rejects.toMatchObject({ reason: 'credentials-in-url' });
    await expect(fetchOutbound('/relative/path', only())).rejects.toMatchObject({ reason: 'invalid-url' });
  });

  it(`follows at most ${MAX_REDIRECTS} redirects`, async () => {
    const chain = await startServer((request, response) => {
      const left = Number(request.url?.slice(1));
      if (left > 0) response.writeHead(302, { location: `/${left - 1}` }).end();
      else response.writeHead(200).end('arrived');
    });
    const options = only([hostPort(chain)]);
    const five = await fetchOutbound(`${chain.origin}/${MAX_REDIRECTS}`, options);
    expect(five.body.toString()).toBe('arrived');
    expect(five.redirects).toHaveLength(MAX_REDIRECTS);
    chain.requests.length = 0;
    await expect(fetchOutbound(`${chain.origin}/${MAX_REDIRECTS + 1}`, options)).rejects.toMatchObject({ reason: 'too-many-redirects' });
    expect(chain.requests).toHaveLength(MAX_REDIRECTS + 1);
    await expect(fetchOutbound(`${chain.origin}/9`, { ...options, maxRedirects: 50 })).rejects.toMatchObject({ reason: 'too-many-redirects' });
  });

  it('turns a non-success status into OutboundHttpError with the status', async () => {
    const target = await startServer(answer('{"error":"gone"}', 404));
    const error = await fetchOutbound(`${target.origin}/missing`, only([hostPort(target)])).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutboundHttpError);
    expect((error as OutboundHttpError).status).toBe(404);
    expect((error as OutboundHttpError).message).toBe(`${target.origin}/missing answered HTTP 404`);
  });

  it('answers HEAD with the status and headers only (link checks)', async () => {
    const target = await startServer(answer('x'.repeat(1000), 200, { 'content-type': 'text/csv' }));
    const response = await fetchOutbound(`${target.origin}/file.csv`, only([hostPort(target)], { method: 'HEAD' }));
    expect(response.headers['content-type']).toBe('text/csv');
    expect(response.body).toHaveLength(0);
    expect(target.requests[0].method).toBe('HEAD');
  });
});

/**
 * A loopback listener whose connections are never accepted: it listens on a worker thread whose
 * event loop is then blocked, and once its small accept queue is full the kernel drops further
 * connection attempts, so a connect to it hangs as one to an unreachable host does.
 */
const startUnacceptingListener = async (): Promise<{ port: number; stop(): Promise<void> }> => {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const server = require('node:net').createServer();
     server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
       parentPort.postMessage(server.address().port);
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30000);
     });`,
    { eval: true },
  );
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  const fillers = Array.from({ length: 4 }, () => net.connect(port, '127.0.0.1').on('error', () => undefined));
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {
    port,
    stop: async () => {
      for (const filler of fillers) filler.destroy();
      await worker.terminate();
    },
  };
};

describe('outbound fetcher: time and size limits', () => {
  it('times out a connection that is never accepted', async () => {
    const listener = await startUnacceptingListener();
    try {
      const error = await fetchOutbound(`http://127.0.0.1:${listener.port}/`, only([`127.0.0.1:${listener.port}`], { connectTimeoutMs: 300 })).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(OutboundTimeout);
      expect((error as OutboundTimeout).phase).toBe('connect');
    } finally {
      await listener.stop();
    }
  });

  it('times out a server that never sends headers', async () => {
    const silent = await startServer(() => undefined);
    const error = await fetchOutbound(`${silent.origin}/`, only([hostPort(silent)], { headersTimeoutMs: 200 })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutboundTimeout);
    expect((error as OutboundTimeout).phase).toBe('headers');
    expect((error as OutboundTimeout).message).toMatch(/no response headers within 200 ms/);
  });

  it('times out a server that trickles its body', async () => {
    let trickle: NodeJS.Timeout | undefined;
    const slow = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      trickle = setInterval(() => response.write('.'), 50);
      response.on('close', () => clearInterval(trickle));
    });
    const started = Date.now();
    const error = await fetchOutbound(`${slow.origin}/`, only([hostPort(slow)], { totalTimeoutMs: 400 })).catch((caught: unknown) => caught);
    clearInterval(trickle);
    expect(error).toBeInstanceOf(OutboundTimeout);
    expect((error as OutboundTimeout).phase).toBe('total');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a body over the size cap, whether declared, streamed or compressed', async () => {
    const declared = await startServer(answer('x'.repeat(2048)));
    const streamed = await startServer((_request, response) => {
      response.writeHead(200);
      for (let i = 0; i < 8; i += 1) response.write('y'.repeat(512));
      response.end();
    });
    const bomb = await startServer((_request, response) => {
      response.writeHead(200, { 'content-encoding': 'gzip' });
      response.end(gzipSync(Buffer.alloc(10 * 1024 * 1024)));
    });
    for (const server of [declared, streamed, bomb]) {
      const error = await fetchOutbound(`${server.origin}/`, only([hostPort(server)], { maxBytes: 1024 })).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OutboundTooLarge);
      expect((error as OutboundTooLarge).limitBytes).toBe(1024);
    }
  });

  it('fails a body cut short, rather than returning part of it', async () => {
    const cut = await startServer((_request, response) => {
      response.writeHead(200, { 'content-length': '1000' });
      response.write('{"results": [');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    await expect(fetchOutbound(`${cut.origin}/`, only([hostPort(cut)]))).rejects.toMatchObject({ kind: 'network' });
  });

  it('returns a body at the cap, decompressing gzip', async () => {
    const body = JSON.stringify({ padding: 'z'.repeat(1000) });
    const target = await startServer((_request, response) => {
      response.writeHead(200, { 'content-encoding': 'gzip' });
      response.end(gzipSync(body));
    });
    const response = await fetchOutbound(`${target.origin}/`, only([hostPort(target)], { maxBytes: Buffer.byteLength(body) }));
    expect(response.body.toString()).toBe(body);
  });
});

// A loopback HTTP proxy for fault tests: forwards to a target port and can
// be made slow, answer errors, or stop listening (connection refused).
import http from 'node:http';
import { AddressInfo } from 'node:net';

export type ProxyMode =
  /** Forward every request. */
  | { kind: 'forward' }
  /** Forward after a delay (an upstream slower than a client's timeout). */
  | { kind: 'delay'; ms: number }
  /** Answer with this status and a short body, without forwarding. */
  | { kind: 'error'; status: number };

export interface FaultyProxy {
  port: number;
  url: string;
  /** The port requests go to; requests wait until it is set. */
  setTarget(port: number): void;
  setMode(mode: ProxyMode, paths?: RegExp): void;
  /** Stops listening and drops open connections: connection refused. */
  refuse(): Promise<void>;
  /** Listens again on the same port. */
  accept(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the proxy on a free loopback port. `paths` limits a mode other
 * than forward to matching request paths.
 */
export async function startFaultyProxy(target?: number): Promise<FaultyProxy> {
  let mode: ProxyMode = { kind: 'forward' };
  let faultyPaths: RegExp | undefined;
  let setTargetPort!: (port: number) => void;
  let targetPort = new Promise<number>(resolve => {
    setTargetPort = resolve;
  });
  if (target !== undefined) setTargetPort(target);

  const forward = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ) => {
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: await targetPort,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', error => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: the upstream failed: ${error.message}`);
    });
    // The client gave up (its timeout): drop the upstream request too.
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  };

  const server = http.createServer((req, res) => {
    const current =
      !faultyPaths || faultyPaths.test(req.url ?? '')
        ? mode
        : { kind: 'forward' as const };
    if (current.kind === 'error') {
      res.writeHead(current.status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { name: 'Error', message: 'injected by the test proxy' },
        }),
      );
      return;
    }
    if (current.kind === 'delay') {
      const timer = setTimeout(() => forward(req, res), current.ms);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    forward(req, res);
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;

  const stopListening = () =>
    new Promise<void>(resolve => {
      if (!server.listening) {
        resolve();
        return;
      }
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    setTarget(next) {
      setTargetPort(next);
      targetPort = Promise.resolve(next);
    },
    setMode(next, paths) {
      mode = next;
      faultyPaths = paths;
    },
    refuse: stopListening,
    accept: () => listen(port),
    close: stopListening,
  };
}

// A storage origin in front of the simulator's that can hold upload initiates (fal's
// `POST /storage/upload/initiate[-multipart]`) until the test lets them go: the simulator holds a
// submit (`submitFaults.hold`) but has no such hold for uploads. Each process under test gets its
// own FAL_KEY, so the gate can tell whose uploads it saw. Everything else is passed through as is.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Simulator } from '../../../../src/simulator';

export interface UploadGate {
  /** Give as --storage-url. */
  url: string;
  /** Hold every upload initiate from now on (until `release`). */
  hold: boolean;
  /** Upload initiates waiting right now. */
  readonly held: number;
  /** Held initiates whose client went away while waiting (killed): never forwarded. */
  readonly abandoned: number;
  /** Upload initiates seen from the process that uses this key (held or not). */
  seenFrom(key: string): number;
  /** Keys that sent at least one upload initiate. */
  readonly keys: string[];
  /** Forwards every held initiate and stops holding. */
  release(): void;
  close(): Promise<void>;
}

const keyOf = (req: IncomingMessage) => String(req.headers.authorization ?? '').replace(/^Key /, '');

export async function uploadGate(sim: Simulator): Promise<UploadGate> {
  const target = new URL(sim.url);
  const seen = new Map<string, number>();
  let waiting: (() => void)[] = [];
  let abandoned = 0;

  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse) => {
    const up = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      r => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    up.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const initiate = req.method === 'POST' && (req.url ?? '').startsWith('/storage/upload/initiate');
      if (initiate) seen.set(keyOf(req), (seen.get(keyOf(req)) ?? 0) + 1);
      if (!initiate || !gate.hold) {
        forward(req, body, res);
        return;
      }
      const go = () => {
        req.socket.off('close', gone);
        forward(req, body, res);
      };
      const gone = () => {
        waiting = waiting.filter(w => w !== go);
        abandoned++;
      };
      waiting.push(go);
      req.socket.once('close', gone);
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;

  const gate: UploadGate = {
    url: `http://127.0.0.1:${port}`,
    hold: false,
    get held() {
      return waiting.length;
    },
    get abandoned() {
      return abandoned;
    },
    seenFrom: key => seen.get(key) ?? 0,
    get keys() {
      return [...seen.keys()];
    },
    release() {
      gate.hold = false;
      const go = waiting;
      waiting = [];
      go.forEach(g => g());
    },
    async close() {
      waiting = [];
      const closed = new Promise<void>(r => server.close(() => r()));
      server.closeAllConnections();
      await closed;
    },
  };
  return gate;
}

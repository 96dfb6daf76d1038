import { setupServer } from 'msw/node';
import { ReliabilityClient } from '../api/ReliabilityClient';

export const BASE = 'http://localhost:7007/api/reliability';

/** An msw server answering only what each test sets with `server.use`. */
export const server = setupServer();

/** A real client against the msw server. */
export function testClient() {
  return new ReliabilityClient({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
}

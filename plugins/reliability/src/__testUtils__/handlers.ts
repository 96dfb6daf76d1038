import { delay, http, HttpResponse } from 'msw';
import {
  deploymentPage,
  dora,
  gate,
  history,
  ownership,
  runbookDocument,
  runbooks,
  sloSnapshot,
  summary,
} from './fixtures';
import { BASE } from './server';

const ENTITY = `${BASE}/v1/entities/:kind/:namespace/:name`;

/** Every route answering with the payments-api fixtures. */
export function fullHandlers() {
  return [
    http.get(`${ENTITY}/summary`, () => HttpResponse.json(summary())),
    http.get(`${ENTITY}/release-gate`, () => HttpResponse.json(gate)),
    http.get(`${ENTITY}/deployments`, () => HttpResponse.json(deploymentPage)),
    http.get(`${ENTITY}/dora`, () => HttpResponse.json(dora)),
    http.get(`${ENTITY}/ownership`, () => HttpResponse.json(ownership)),
    http.get(`${ENTITY}/runbooks`, () => HttpResponse.json(runbooks)),
    http.get(`${ENTITY}/runbooks/:id`, () =>
      HttpResponse.json(runbookDocument),
    ),
    http.get(`${BASE}/v1/slos/:namespace/:name/history`, ({ params }) =>
      HttpResponse.json(history(`slo:${params.namespace}/${params.name}`)),
    ),
    http.get(`${BASE}/v1/slos/:namespace/:name`, () =>
      HttpResponse.json(sloSnapshot()),
    ),
  ];
}

/** A route that never answers, to see the loading state. */
export function pending(path: string) {
  return http.get(path, async () => {
    await delay('infinite');
    return HttpResponse.json({});
  });
}

/** A route that fails once with a 500, then answers with `body`. */
export function failOnce(path: string, body: () => unknown) {
  let failed = false;
  return http.get(path, () => {
    if (!failed) {
      failed = true;
      return HttpResponse.json(
        {
          error: { name: 'Error', message: 'database is locked' },
          response: { statusCode: 500 },
        },
        { status: 500, statusText: 'Internal Server Error' },
      );
    }
    return HttpResponse.json(body() as any);
  });
}

export { ENTITY };

import { http, HttpResponse } from 'msw';
import {
  entityScorecards,
  leaderboard,
  rollup,
  scorecardList,
  teamRollup,
  trend,
} from './scorecardFixtures';
import { BASE } from './server';

export const SCORECARD = `${BASE}/v1/scorecards/:id`;

/** Every scorecard route answering with the fixtures; records the requests. */
export function scorecardHandlers(requests: URL[] = []) {
  const record = (request: Request) => {
    const url = new URL(request.url);
    requests.push(url);
    return url;
  };
  return [
    http.get(`${BASE}/v1/scorecards`, ({ request }) => {
      record(request);
      return HttpResponse.json(scorecardList());
    }),
    http.get(`${SCORECARD}/leaderboard`, ({ request, params }) => {
      const url = record(request);
      const by = (url.searchParams.get('by') ?? 'team') as 'team';
      return HttpResponse.json({
        ...leaderboard(),
        scorecardId: params.id,
        by,
      });
    }),
    http.get(`${SCORECARD}/rollup`, ({ request }) => {
      const url = record(request);
      return HttpResponse.json(
        url.searchParams.get('scope') === 'team' ? teamRollup() : rollup(),
      );
    }),
    http.get(`${SCORECARD}/trend`, ({ request }) => {
      record(request);
      return HttpResponse.json(trend());
    }),
    http.get(
      `${BASE}/v1/entities/:kind/:namespace/:name/scorecards`,
      ({ request }) => {
        record(request);
        return HttpResponse.json(entityScorecards());
      },
    ),
  ];
}

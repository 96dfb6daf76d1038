// A stand-in for GET /api/reliability/v1/services with generated services,
// answering with the same shape (ServiceReliabilityPage), filters, orders
// and paging as the real route.

const STATUSES = ['exhausted', 'breaching', 'warning', 'healthy', 'no-data'];
const TIERS = ['critical', 'high', 'medium', 'low'];
const SEVERITY = {
  exhausted: 4,
  breaching: 3,
  warning: 2,
  healthy: 1,
  'no-data': 0,
};
const ALERT = { page: 2, ticket: 1, none: 0 };

/** A small deterministic PRNG, so every run sees the same services. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function pick(random, weights) {
  const total = weights.reduce((n, [, w]) => n + w, 0);
  let r = random() * total;
  for (const [value, weight] of weights) {
    r -= weight;
    if (r <= 0) return value;
  }
  return weights[weights.length - 1][0];
}

export function createMockServices(count) {
  const random = prng(42);
  const now = Date.now();
  const rows = Array.from({ length: count }, (_, i) => {
    const name = `svc-${String(i + 1).padStart(4, '0')}`;
    const status = pick(random, [
      ['exhausted', 2],
      ['breaching', 2],
      ['warning', 8],
      ['healthy', 80],
      ['no-data', 8],
    ]);
    const budget = {
      exhausted: -random() * 0.5,
      breaching: random() * 0.1,
      warning: random() * 0.25,
      healthy: 0.25 + random() * 0.75,
      'no-data': null,
    }[status];
    const alertState =
      status === 'warning' && random() < 0.4
        ? pick(random, [
            ['page', 1],
            ['ticket', 2],
          ])
        : 'none';
    const started = now - Math.floor(random() * 14 * 86_400_000);
    return {
      entity: `component:default/${name}`,
      title: `Service ${String(i + 1).padStart(4, '0')}`,
      type: 'service',
      owner: `group:default/team-${(i % 40) + 1}`,
      system: `system:default/system-${(i % 60) + 1}`,
      domain: `domain:default/domain-${(i % 6) + 1}`,
      tier: TIERS[i % TIERS.length],
      lifecycle: 'production',
      sloCount: status === 'no-data' ? 0 : 1 + (i % 3),
      status,
      budgetRemaining: budget,
      alertState,
      stale: random() < 0.01,
      lastDeployment:
        random() < 0.9
          ? {
              id: `deploy-${i}`,
              environment: 'production',
              status: pick(random, [
                ['succeeded', 90],
                ['failed', 5],
                ['rolled_back', 3],
                ['started', 2],
              ]),
              version: `1.${i % 50}.${i % 7}`,
              startedAt: started,
              finishedAt: started + 600_000,
            }
          : undefined,
    };
  });
  const facets = {
    owner: [...new Set(rows.map(r => r.owner))].sort(),
    system: [...new Set(rows.map(r => r.system))].sort(),
    domain: [...new Set(rows.map(r => r.domain))].sort(),
    tier: TIERS,
  };
  const byName = (a, b) => a.title.localeCompare(b.title);
  const byBudget = (a, b) =>
    (a.budgetRemaining ?? Infinity) - (b.budgetRemaining ?? Infinity) ||
    byName(a, b);
  const byRisk = (a, b) =>
    SEVERITY[b.status] - SEVERITY[a.status] ||
    ALERT[b.alertState] - ALERT[a.alertState] ||
    byBudget(a, b);
  const orders = { name: byName, budget: byBudget, risk: byRisk };

  return {
    rows,
    /** One page, for the query string of a request. */
    page(params) {
      const list = key =>
        params
          .getAll(key)
          .flatMap(v => v.split(','))
          .filter(Boolean);
      let result = rows;
      for (const key of ['owner', 'system', 'domain', 'tier']) {
        const values = list(key);
        if (values.length) result = result.filter(r => values.includes(r[key]));
      }
      const statuses = list('status').filter(s => STATUSES.includes(s));
      if (statuses.length)
        result = result.filter(r => statuses.includes(r.status));
      const q = params.get('q')?.toLowerCase();
      if (q) {
        result = result.filter(
          r => r.title.toLowerCase().includes(q) || r.entity.includes(q),
        );
      }
      const order = orders[params.get('order')] ?? byName;
      result = [...result].sort(order);
      const offset = Number(params.get('offset') ?? 0);
      const limit = Math.min(500, Number(params.get('limit') ?? 50));
      return {
        items: result.slice(offset, offset + limit),
        totalCount: result.length,
        offset,
        limit,
        facets,
      };
    },
  };
}

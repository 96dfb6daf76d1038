/**
 * The smallest catalog most backend tests need: team-a owns the service
 * `api`, measured by one ratio SLO on the built-in store
 * (`slo:default/api-availability`, counters `good` and `total`). Tests add
 * documents after it with `---`.
 */
export const API_CATALOG_YAML = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: api }
spec: { type: service, lifecycle: production, owner: team-a }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: api-availability }
spec:
  service: api
  indicator:
    metadata: { name: api-ratio }
    spec:
      ratioMetric:
        counter: false
        good: { metricSource: { type: BuiltIn, spec: { counter: good } } }
        total: { metricSource: { type: BuiltIn, spec: { counter: total } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
`;

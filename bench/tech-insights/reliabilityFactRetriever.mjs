// A Tech Insights fact retriever for the catalog facts of the
// production-readiness scorecard that Tech Insights has no built-in
// retriever for: lifecycle, tier, on-call and escalation contacts (the
// owning group's links, the component's own links, PagerDuty and Opsgenie
// annotations, as the reliability backend reads them), runbooks (its links
// of type runbook and its SLOs' reliability/slo-runbook) and the number of
// SLO entities whose spec.service names the component. It reads the catalog
// the way the built-in retrievers do: a CatalogClient with a plugin token,
// one getEntities per kind.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { CatalogClient } = require('@backstage/catalog-client');
const { DateTime } = require('luxon');

const ON_CALL_LINK_TYPES = new Set(['oncall', 'escalation']);

const lower = value =>
  typeof value === 'string' ? value.toLocaleLowerCase('en-US') : undefined;

/**
 * A lower-case entity ref: `team-1` (with default kind group),
 * `group:team-1` and `group:default/team-1` all give `group:default/team-1`.
 */
function refOf(value, defaultKind, namespace = 'default') {
  if (typeof value !== 'string' || !value) return undefined;
  let kind = defaultKind;
  let rest = value;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    kind = rest.slice(0, colon);
    rest = rest.slice(colon + 1);
  }
  const slash = rest.indexOf('/');
  const ns = slash >= 0 ? rest.slice(0, slash) : namespace;
  const name = slash >= 0 ? rest.slice(slash + 1) : rest;
  return `${lower(kind)}:${lower(ns)}/${lower(name)}`;
}

const linkTypes = entity =>
  (entity?.metadata?.links ?? []).map(l => lower(l.type)).filter(Boolean);

export const reliabilityFactRetriever = {
  id: 'reliabilityFactRetriever',
  version: '0.1.0',
  title: 'Reliability catalog facts',
  description:
    'Lifecycle, tier, runbook links, on-call and escalation contacts and SLO count of a component, from the catalog',
  entityFilter: [{ kind: 'component' }],
  schema: {
    hasLifecycle: { type: 'boolean', description: 'spec.lifecycle is set' },
    tier: {
      type: 'string',
      description: 'reliability/tier in lower case, or untiered',
    },
    runbookCount: {
      type: 'integer',
      description:
        'metadata.links of type runbook, plus the reliability/slo-runbook annotations of its SLOs',
    },
    hasOnCall: {
      type: 'boolean',
      description:
        'An oncall or escalation link on the owning group or the component, or a PagerDuty or Opsgenie annotation',
    },
    hasEscalation: {
      type: 'boolean',
      description: 'An escalation link on the owning group or the component',
    },
    sloCount: {
      type: 'integer',
      description: 'SLO entities whose spec.service names the component',
    },
  },
  async handler({ discovery, auth, entityFilter }) {
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'catalog',
    });
    const catalog = new CatalogClient({ discoveryApi: discovery });
    const [components, groups, slos] = await Promise.all([
      catalog.getEntities(
        {
          filter: entityFilter,
          fields: ['kind', 'metadata', 'spec.lifecycle', 'spec.owner'],
        },
        { token },
      ),
      catalog.getEntities(
        {
          filter: { kind: 'group' },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.links',
          ],
        },
        { token },
      ),
      catalog.getEntities(
        {
          filter: { kind: 'slo' },
          fields: [
            'metadata.namespace',
            'metadata.annotations',
            'spec.service',
          ],
        },
        { token },
      ),
    ]);
    const groupLinks = new Map(
      groups.items.map(g => [
        `group:${lower(g.metadata.namespace ?? 'default')}/${lower(
          g.metadata.name,
        )}`,
        new Set(linkTypes(g)),
      ]),
    );
    const sloCounts = new Map();
    const sloRunbooks = new Map();
    for (const slo of slos.items) {
      const service = refOf(
        slo.spec?.service,
        'component',
        slo.metadata?.namespace,
      );
      if (!service) continue;
      sloCounts.set(service, (sloCounts.get(service) ?? 0) + 1);
      if (slo.metadata?.annotations?.['reliability/slo-runbook']) {
        sloRunbooks.set(service, (sloRunbooks.get(service) ?? 0) + 1);
      }
    }
    const now = DateTime.now();
    return components.items.map(entity => {
      const namespace = entity.metadata.namespace ?? 'default';
      const ref = `component:${lower(namespace)}/${lower(
        entity.metadata.name,
      )}`;
      const annotations = entity.metadata.annotations ?? {};
      const own = linkTypes(entity);
      const ownerLinks =
        groupLinks.get(refOf(entity.spec?.owner, 'group', namespace)) ??
        new Set();
      const tier = lower(annotations['reliability/tier']?.trim());
      return {
        entity: { namespace, kind: entity.kind, name: entity.metadata.name },
        facts: {
          hasLifecycle: Boolean(entity.spec?.lifecycle),
          tier: tier || 'untiered',
          runbookCount:
            own.filter(t => t === 'runbook').length +
            (sloRunbooks.get(ref) ?? 0),
          hasOnCall:
            [...ownerLinks].some(t => ON_CALL_LINK_TYPES.has(t)) ||
            own.some(t => ON_CALL_LINK_TYPES.has(t)) ||
            Boolean(annotations['pagerduty.com/service-id']) ||
            Boolean(annotations['opsgenie.com/team']),
          hasEscalation:
            ownerLinks.has('escalation') || own.includes('escalation'),
          sloCount: sloCounts.get(ref) ?? 0,
        },
        timestamp: now,
      };
    });
  },
};

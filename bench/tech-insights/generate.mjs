// The catalog of the scorecards benchmark (issue 8): 10,000 components in 50
// groups, with the mix of owners, tiers, SLOs, runbooks, on-call links,
// exemptions and deployments that the production-readiness scorecard looks
// at. Deterministic: the same seed writes the same files.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
// The bench helpers of the reliability backend: a seeded PRNG.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { mulberry32 } from '../../plugins/reliability-backend/bench/bulkLoad.mjs';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60_000;

export const DEFAULTS = {
  components: 10_000,
  groups: 50,
  users: 100,
  domains: 10,
  systems: 200,
  perFile: 1_000,
};

const isoDay = ms => new Date(ms).toISOString().slice(0, 10);
const pad = (n, width) => String(n).padStart(width, '0');

/** Picks from `[[weight, value], …]` with `random()`. */
function weighted(random, table) {
  let r = random() * table.reduce((sum, [w]) => sum + w, 0);
  for (const [w, value] of table) {
    r -= w;
    if (r < 0) return value;
  }
  return table[table.length - 1][1];
}

/**
 * Groups: team-0…team-4 are departments, team-5…team-14 areas under a
 * department, team-15…team-49 teams under an area. 85 % have an on-call
 * link, 60 % an escalation link, 90 % a chat link.
 */
function groupDocs(count, users, random) {
  const parentOf = g => {
    if (g < 5) return undefined;
    if (g < 15) return `team-${g % 5}`;
    return `team-${5 + (g % 10)}`;
  };
  const groups = [];
  for (let g = 0; g < count; g++) {
    const links = [];
    if (random() < 0.9) {
      links.push({
        url: `https://chat.acme.example/channels/team-${g}`,
        title: `#team-${g}`,
        type: 'chat',
      });
    }
    const onCall = random() < 0.85;
    if (onCall) {
      links.push({
        url: `https://acme.pagerduty.example/schedules/PT${pad(g, 4)}`,
        title: 'On-call',
        type: 'oncall',
      });
    }
    const escalation = random() < 0.6;
    if (escalation) {
      links.push({
        url: `https://acme.example/escalation/team-${g}`,
        title: 'Escalation policy',
        type: 'escalation',
      });
    }
    groups.push({
      index: g,
      onCall,
      escalation,
      doc: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: {
          name: `team-${g}`,
          title: `Team ${g}`,
          description: `Engineering group ${g}.`,
          ...(links.length ? { links } : {}),
        },
        spec: {
          type: g < 5 ? 'department' : 'team',
          profile: {
            displayName: `Team ${g}`,
            email: `team-${g}@acme.example`,
          },
          ...(parentOf(g) ? { parent: parentOf(g) } : {}),
          children: [],
        },
      },
    });
  }
  for (const group of groups) {
    const parent = group.doc.spec.parent;
    if (parent) {
      groups[Number(parent.slice(5))].doc.spec.children.push(
        group.doc.metadata.name,
      );
    }
  }
  const userDocs = [];
  for (let u = 0; u < users; u++) {
    userDocs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: `user-${u}` },
      spec: {
        profile: { displayName: `User ${u}`, email: `user-${u}@acme.example` },
        memberOf: [`team-${5 + (u % (count - 5))}`],
      },
    });
  }
  return { groups, userDocs };
}

function systemDocs({ domains, systems, groups }) {
  const docs = [];
  for (let d = 0; d < domains; d++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: { name: `domain-${d}`, description: `Business domain ${d}.` },
      spec: { owner: `team-${d % 5}` },
    });
  }
  for (let s = 0; s < systems; s++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: `system-${s}`, description: `System ${s}.` },
      spec: {
        owner: `team-${5 + (s % (groups - 5))}`,
        domain: `domain-${s % domains}`,
      },
    });
  }
  return docs;
}

function sloDoc(name, service, runbook) {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name,
      displayName: `${name} (99.9 %)`,
      ...(runbook
        ? { annotations: { 'reliability/slo-runbook': runbook } }
        : {}),
    },
    spec: {
      service,
      indicator: {
        metadata: { name: `${name}-ratio` },
        spec: {
          ratioMetric: {
            counter: false,
            good: {
              metricSource: { type: 'BuiltIn', spec: { counter: 'good' } },
            },
            total: {
              metricSource: { type: 'BuiltIn', spec: { counter: 'total' } },
            },
          },
        },
      },
      timeWindow: [{ duration: '30d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ displayName: '99.9 %', target: 0.999 }],
    },
  };
}

function runbookMarkdown(name, reviewedAt) {
  const front =
    reviewedAt === undefined
      ? ''
      : `---\ntitle: ${name} runbook\nlast_reviewed: ${isoDay(
          reviewedAt,
        )}\n---\n\n`;
  return `${front}# ${name}\n\n## Symptoms\n\n- The availability SLO burns budget.\n\n## Steps\n\n1. Check the dashboard.\n2. Roll back the last deployment if it correlates.\n3. Page the owning team's escalation contact if it does not recover.\n`;
}

/** Production deployments of one component over the last 90 days. */
function deploymentsOf(ref, random, now, counts) {
  const events = [];
  const n = 1 + Math.floor(random() * 8);
  // 70 % shipped within 30 days; the others last shipped 31–89 days ago.
  const newest = random() < 0.7 ? 1 + random() * 29 : 31 + random() * 58;
  const span = 90 - newest;
  for (let k = 0; k < n; k++) {
    const ageDays = k === 0 ? newest : newest + random() * span;
    const startedAt = Math.round(now - ageDays * DAY);
    const status = weighted(random, [
      [87, 'succeeded'],
      [10, 'failed'],
      [3, 'rolled_back'],
    ]);
    counts[status] = (counts[status] ?? 0) + 1;
    events.push({
      id: `${ref.slice('component:default/'.length)}-d${k}`,
      entity: ref,
      environment: 'production',
      status,
      version: `1.${n - k}.0`,
      startedAt,
      finishedAt: startedAt + Math.round(3 + random() * 20) * MINUTE,
      commitTime: startedAt - Math.round(1 + random() * 48) * 60 * MINUTE,
    });
  }
  return events;
}

/**
 * Writes the catalog under `dir` (`all.yaml`, a Location pointing at the
 * other files, and `runbooks/*.md`) and returns what was written: entity
 * refs, SLO refs, the deployment events to post, and the counts the
 * scorecard should see.
 */
export function generateCatalog(dir, options = {}) {
  const o = { ...DEFAULTS, ...options };
  const now = o.now ?? Date.now();
  const random = mulberry32(o.seed ?? 8);
  fs.mkdirSync(path.join(dir, 'runbooks'), { recursive: true });

  const { groups, userDocs } = groupDocs(o.groups, o.users, random);
  const files = [];
  const writeDocs = (name, docs) => {
    fs.writeFileSync(
      path.join(dir, name),
      docs.map(d => YAML.stringify(d)).join('---\n'),
    );
    files.push(name);
  };
  writeDocs('org.yaml', [...groups.map(g => g.doc), ...userDocs]);
  writeDocs('systems.yaml', systemDocs(o));

  const counts = {
    components: 0,
    byType: {},
    byTier: {},
    byLifecycle: {},
    owners: { team: 0, department: 0, user: 0, missingGroup: 0 },
    description: 0,
    componentsWithSlos: 0,
    slos: 0,
    runbooks: {
      none: 0,
      https: 0,
      markdown: 0,
      markdownFresh: 0,
      markdownNoFrontMatter: 0,
    },
    pagerDutyAnnotation: 0,
    exemptions: 0,
    deployedComponents: 0,
    deployments: {},
  };
  const bump = (table, key) => {
    table[key] = (table[key] ?? 0) + 1;
  };
  const componentRefs = [];
  const sloRefs = [];
  const deployments = [];
  const tierTable = [
    [10, 'critical'],
    [20, 'high'],
    [30, 'medium'],
    [25, 'low'],
    [15, undefined],
  ];
  const fileCount = Math.ceil(o.components / o.perFile);
  for (let f = 0; f < fileCount; f++) {
    const components = [];
    const slos = [];
    for (
      let i = f * o.perFile;
      i < Math.min(o.components, (f + 1) * o.perFile);
      i++
    ) {
      const name = `svc-${i}`;
      const ref = `component:default/${name}`;
      componentRefs.push(ref);
      counts.components++;
      const type = i % 10 === 9 ? 'website' : 'service';
      bump(counts.byType, type);
      const lifecycle = weighted(random, [
        [70, 'production'],
        [20, 'experimental'],
        [10, 'deprecated'],
      ]);
      bump(counts.byLifecycle, lifecycle);
      // Owners: mostly teams, some departments, people, or groups that no
      // longer exist.
      let owner;
      const ownerKind = weighted(random, [
        [90, 'team'],
        [4, 'department'],
        [3, 'user'],
        [3, 'missingGroup'],
      ]);
      counts.owners[ownerKind]++;
      if (ownerKind === 'team')
        owner = `team-${5 + Math.floor(random() * (o.groups - 5))}`;
      else if (ownerKind === 'department')
        owner = `team-${Math.floor(random() * 5)}`;
      else if (ownerKind === 'user')
        owner = `user:default/user-${Math.floor(random() * o.users)}`;
      else owner = `group:default/team-gone-${Math.floor(random() * 20)}`;
      const tier = weighted(random, tierTable);
      bump(counts.byTier, tier ?? 'untiered');

      const annotations = {};
      if (tier) annotations['reliability/tier'] = tier;
      if (random() < 0.1) {
        annotations['pagerduty.com/service-id'] = `P${pad(i, 6)}`;
        counts.pagerDutyAnnotation++;
      }
      const links = [
        {
          url: `https://git.acme.example/acme/${name}`,
          title: 'Repository',
          type: 'repository',
        },
      ];
      // SLOs first: markdown runbooks hang off an SLO.
      let sloSuffixes = [];
      if (random() < 0.6) {
        sloSuffixes =
          random() < 0.25 ? ['availability', 'latency'] : ['availability'];
      }
      // Runbooks, about 70 % in all. The catalog only takes absolute URLs
      // in metadata.links, so a component's own runbook link is a plain
      // https page (no review date). Markdown files next to the catalog,
      // read through the demo's file: URL reader, are named by the
      // `reliability/slo-runbook` annotation of the component's first SLO
      // (a path relative to the SLO's catalog file); reviewed 0–400 days
      // ago, a few without front matter (their file time, set to the same
      // age, counts instead).
      let markdownRunbook;
      let httpsRunbook;
      if (sloSuffixes.length) {
        if (random() < 0.45) {
          markdownRunbook = true;
          httpsRunbook = random() < 0.3;
        } else {
          httpsRunbook = random() < 0.45;
        }
      } else {
        httpsRunbook = random() < 0.7;
      }
      if (httpsRunbook) {
        counts.runbooks.https++;
        links.push({
          url: `https://runbooks.acme.example/${name}`,
          title: 'Runbook',
          type: 'runbook',
        });
      }
      if (markdownRunbook) {
        counts.runbooks.markdown++;
        const ageDays = Math.floor(random() * 400);
        const reviewedAt = now - ageDays * DAY;
        if (ageDays <= 180) counts.runbooks.markdownFresh++;
        const withFrontMatter = random() >= 0.05;
        if (!withFrontMatter) counts.runbooks.markdownNoFrontMatter++;
        const file = path.join(dir, 'runbooks', `${name}.md`);
        fs.writeFileSync(
          file,
          runbookMarkdown(name, withFrontMatter ? reviewedAt : undefined),
        );
        fs.utimesSync(file, new Date(reviewedAt), new Date(reviewedAt));
      }
      if (!httpsRunbook && !markdownRunbook) counts.runbooks.none++;
      if (random() < 0.04) {
        counts.exemptions++;
        annotations['reliability/scorecard-exemptions'] = weighted(random, [
          [
            1,
            `has-runbook: runbook is being written (until ${isoDay(
              now + 60 * DAY,
            )})`,
          ],
          [1, 'has-slo: batch job, no user-facing SLO'],
          [
            1,
            `deployed-recently: frozen for the audit (until ${isoDay(
              now - 10 * DAY,
            )})`,
          ],
          [
            1,
            `change-failure-rate: migrating the deploy pipeline (until ${isoDay(
              now + 30 * DAY,
            )}); runbook-fresh: rewrite planned`,
          ],
        ]);
      }
      const hasDescription = random() < 0.85;
      if (hasDescription) counts.description++;
      const metadata = {
        name,
        ...(random() < 0.5 ? { title: `Service ${i}` } : {}),
        ...(hasDescription
          ? { description: `Service number ${i} of the Acme Shop.` }
          : {}),
        ...(random() < 0.6 ? { tags: [i % 2 ? 'java' : 'typescript'] } : {}),
        ...(Object.keys(annotations).length ? { annotations } : {}),
        links,
      };
      components.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata,
        spec: {
          type,
          lifecycle,
          owner,
          ...(random() < 0.8
            ? { system: `system-${Math.floor(random() * o.systems)}` }
            : {}),
        },
      });

      if (sloSuffixes.length) counts.componentsWithSlos++;
      sloSuffixes.forEach((suffix, k) => {
        const sloName = `${name}-${suffix}`;
        slos.push(
          sloDoc(
            sloName,
            name,
            k === 0 && markdownRunbook ? `./runbooks/${name}.md` : undefined,
          ),
        );
        sloRefs.push(`slo:default/${sloName}`);
        counts.slos++;
      });
      if (random() < 0.85) {
        counts.deployedComponents++;
        deployments.push(
          ...deploymentsOf(ref, random, now, counts.deployments),
        );
      }
    }
    writeDocs(`components-${pad(f, 2)}.yaml`, components);
    if (slos.length) writeDocs(`slos-${pad(f, 2)}.yaml`, slos);
  }
  fs.writeFileSync(
    path.join(dir, 'all.yaml'),
    YAML.stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
      metadata: { name: 'scorecards-bench' },
      spec: { targets: files.map(f => `./${f}`) },
    }),
  );
  counts.groups = groups.length;
  counts.groupsWithOnCall = groups.filter(g => g.onCall).length;
  counts.groupsWithEscalation = groups.filter(g => g.escalation).length;
  counts.users = userDocs.length;
  counts.deploymentEvents = deployments.length;
  return {
    catalogFile: path.join(dir, 'all.yaml'),
    files: ['all.yaml', ...files],
    componentRefs,
    sloRefs,
    deployments,
    counts,
    entityCount:
      1 +
      groups.length +
      userDocs.length +
      o.domains +
      o.systems +
      counts.components +
      counts.slos,
  };
}

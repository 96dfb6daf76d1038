import { ConflictError } from '@backstage/errors';
import {
  Deployment,
  DeploymentBudgetImpact,
  DeploymentMarker,
  DeploymentRecord,
} from '@reliability-kit/plugin-reliability-common';
import { Knex } from 'knex';
import { ParsedDeployment } from './parseDeploymentEvents';

const TABLE = 'deployments';
const ROWS_PER_STATEMENT = 500;
const PENDING_IMPACT: DeploymentBudgetImpact = {
  state: 'pending',
  likelyCausedBurn: false,
  slos: [],
};

/**
 * Status order for merging updates: a late `started` never overwrites an
 * outcome, and `rolled_back` overrides `succeeded`. Updates of equal rank
 * replace each other (the last one received wins).
 */
const rank = (column: string) =>
  `(case ${column} when 'started' then 0 when 'rolled_back' then 2 else 1 end)`;
const incomingWins = `${rank('excluded.status')} >= ${rank(`${TABLE}.status`)}`;
const mergedFinishedAt = `(case when ${incomingWins} then coalesce(excluded.finished_at, ${TABLE}.finished_at) else ${TABLE}.finished_at end)`;
const mergedDeployedAt = `coalesce(${mergedFinishedAt}, excluded.started_at)`;

const COLUMNS = [
  'id',
  'entity_ref',
  'environment',
  'status',
  'version',
  'commit_sha',
  'strategy',
  'canary_steps',
  'pipeline_url',
  'started_at',
  'finished_at',
  'commit_time',
  'updated_at',
  'deployed_at',
] as const;

// One statement with the same upsert syntax on PostgreSQL and SQLite. The
// WHERE keeps an id from moving to another entity or environment: such rows
// are not returned and the caller reports a conflict.
const UPDATES = [
  `status = case when ${incomingWins} then excluded.status else ${TABLE}.status end`,
  `finished_at = ${mergedFinishedAt}`,
  `deployed_at = ${mergedDeployedAt}`,
  `impact = case when ${mergedDeployedAt} = ${TABLE}.deployed_at then ${TABLE}.impact else null end`,
  ...[
    'version',
    'commit_sha',
    'strategy',
    'canary_steps',
    'pipeline_url',
    'commit_time',
  ].map(c => `${c} = coalesce(excluded.${c}, ${TABLE}.${c})`),
  `started_at = excluded.started_at`,
  `updated_at = excluded.updated_at`,
].join(', ');
const UPSERT_TAIL = `on conflict (id) do update set ${UPDATES} where ${TABLE}.entity_ref = excluded.entity_ref and ${TABLE}.environment = excluded.environment returning id`;

type Row = Record<(typeof COLUMNS)[number] | 'impact', any>;

function toRow(d: ParsedDeployment, now: number): Omit<Row, 'impact'> {
  return {
    id: d.id,
    entity_ref: d.entity,
    environment: d.environment,
    status: d.status,
    version: d.version ?? null,
    commit_sha: d.commit ?? null,
    strategy: d.strategy ?? null,
    canary_steps: d.canarySteps ? JSON.stringify(d.canarySteps) : null,
    pipeline_url: d.pipelineUrl ?? null,
    started_at: d.startedAt,
    finished_at: d.finishedAt ?? null,
    commit_time: d.commitTime ?? null,
    updated_at: now,
    deployed_at: d.finishedAt ?? d.startedAt,
  };
}

const optional = <T>(value: T | null | undefined) =>
  value === null || value === undefined ? undefined : value;
const optionalNumber = (value: unknown) =>
  value === null || value === undefined ? undefined : Number(value);

function fromRow(row: Row): Deployment {
  const deployment: Deployment = {
    id: row.id,
    entity: row.entity_ref,
    environment: row.environment,
    status: row.status,
    version: optional(row.version),
    commit: optional(row.commit_sha),
    strategy: optional(row.strategy),
    canarySteps: row.canary_steps ? JSON.parse(row.canary_steps) : undefined,
    startedAt: Number(row.started_at),
    finishedAt: optionalNumber(row.finished_at),
    commitTime: optionalNumber(row.commit_time),
    pipelineUrl: optional(row.pipeline_url),
    updatedAt: Number(row.updated_at),
    impact: row.impact ? JSON.parse(row.impact) : PENDING_IMPACT,
  };
  for (const key of Object.keys(deployment) as Array<keyof Deployment>) {
    if (deployment[key] === undefined) delete deployment[key];
  }
  return deployment;
}

/** Splits a batch into rounds with each id at most once per round. */
function rounds(deployments: ParsedDeployment[]): ParsedDeployment[][] {
  const result: ParsedDeployment[][] = [];
  const seen = new Map<string, number>();
  for (const d of deployments) {
    const round = seen.get(d.id) ?? 0;
    seen.set(d.id, round + 1);
    (result[round] ??= []).push(d);
  }
  return result;
}

/** Deployments in the plugin's database. */
export class DeploymentStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Inserts or updates deployments by id, atomically. Throws a ConflictError,
   * storing nothing, when an id already belongs to another entity or
   * environment.
   */
  async upsert(
    deployments: ParsedDeployment[],
    now: number,
  ): Promise<{ created: number; updated: number }> {
    const isPostgres = this.knex.client.config.client === 'pg';
    // PostgreSQL tells inserted from updated rows itself (xmax is 0 for a
    // fresh row), exact under concurrent writers; SQLite serialises write
    // transactions, so looking first is exact there.
    const returning = isPostgres
      ? `${UPSERT_TAIL}, (xmax = 0) as inserted`
      : UPSERT_TAIL;
    return this.knex.transaction(async tx => {
      const existing = isPostgres
        ? undefined
        : await this.existingIds(tx, deployments);
      let created = 0;
      for (const round of rounds(deployments)) {
        for (let i = 0; i < round.length; i += ROWS_PER_STATEMENT) {
          const chunk = round.slice(i, i + ROWS_PER_STATEMENT);
          const rows = chunk.map(d => toRow(d, now));
          const values = rows
            .map(() => `(${COLUMNS.map(() => '?').join(', ')})`)
            .join(', ');
          const written = await tx.raw(
            `insert into ${TABLE} (${COLUMNS.join(
              ', ',
            )}) values ${values} ${returning}`,
            rows.flatMap(row => COLUMNS.map(c => row[c])),
          );
          const returned: Array<{ id: string; inserted?: boolean }> =
            Array.isArray(written) ? written : written.rows;
          if (returned.length !== chunk.length) {
            const ok = new Set(returned.map(r => r.id));
            const clash = chunk.find(d => !ok.has(d.id))!;
            throw new ConflictError(
              `Deployment ${clash.id} already exists for another entity or environment; use a new id`,
            );
          }
          created += existing
            ? chunk.filter(d => !existing.has(d.id) && existing.add(d.id))
                .length
            : returned.filter(r => r.inserted).length;
        }
      }
      return { created, updated: deployments.length - created };
    });
  }

  private async existingIds(
    tx: Knex.Transaction,
    deployments: ParsedDeployment[],
  ): Promise<Set<string>> {
    const ids = [...new Set(deployments.map(d => d.id))];
    const existing = new Set<string>();
    for (let i = 0; i < ids.length; i += ROWS_PER_STATEMENT) {
      const rows = await tx(TABLE)
        .select('id')
        .whereIn('id', ids.slice(i, i + ROWS_PER_STATEMENT));
      rows.forEach(r => existing.add(r.id));
    }
    return existing;
  }

  async get(id: string): Promise<Deployment | undefined> {
    const row = await this.knex(TABLE).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  /** Newest first, optionally in one environment. */
  async page(
    entityRef: string,
    options: { environment?: string; offset: number; limit: number },
  ): Promise<{ items: Deployment[]; totalCount: number }> {
    const base = () => {
      const query = this.knex(TABLE).where({ entity_ref: entityRef });
      if (options.environment)
        query.andWhere({ environment: options.environment });
      return query;
    };
    const [rows, [{ n }]] = await Promise.all([
      base()
        .select()
        .orderBy([
          { column: 'deployed_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .offset(options.offset)
        .limit(options.limit),
      base().count({ n: '*' }),
    ]);
    return { items: rows.map(fromRow), totalCount: Number(n) };
  }

  /** The latest deployment of each entity and environment pair. */
  async latest(
    entityRefs: string[],
    perEnvironment = true,
  ): Promise<Deployment[]> {
    if (entityRefs.length === 0) return [];
    const partition = perEnvironment ? 'entity_ref, environment' : 'entity_ref';
    const result: Deployment[] = [];
    for (let i = 0; i < entityRefs.length; i += ROWS_PER_STATEMENT) {
      const refs = entityRefs.slice(i, i + ROWS_PER_STATEMENT);
      const ranked = this.knex(TABLE)
        .select(
          '*',
          this.knex.raw(
            `row_number() over (partition by ${partition} order by deployed_at desc, id desc) as rn`,
          ),
        )
        .whereIn('entity_ref', refs);
      const rows = await this.knex
        .select('*')
        .from(ranked.as('ranked'))
        .where('rn', 1)
        .orderBy('environment');
      result.push(...rows.map(fromRow));
    }
    return result;
  }

  /** Deployments deployed in `[from, to)`, oldest first, for DORA. */
  async records(
    entityRefs: string[],
    range: { from: number; to: number; environment?: string },
  ): Promise<Map<string, DeploymentRecord[]>> {
    const byEntity = new Map<string, DeploymentRecord[]>(
      entityRefs.map(ref => [ref, []]),
    );
    for (let i = 0; i < entityRefs.length; i += ROWS_PER_STATEMENT) {
      const query = this.knex(TABLE)
        .select(
          'entity_ref',
          'id',
          'environment',
          'status',
          'started_at',
          'finished_at',
          'commit_time',
        )
        .whereIn('entity_ref', entityRefs.slice(i, i + ROWS_PER_STATEMENT))
        .andWhere('deployed_at', '>=', range.from)
        .andWhere('deployed_at', '<', range.to)
        .orderBy('deployed_at');
      if (range.environment) query.andWhere({ environment: range.environment });
      for (const row of await query) {
        byEntity.get(row.entity_ref)?.push({
          id: row.id,
          environment: row.environment,
          status: row.status,
          startedAt: Number(row.started_at),
          finishedAt: optionalNumber(row.finished_at),
          commitTime: optionalNumber(row.commit_time),
        });
      }
    }
    return byEntity;
  }

  /** Chart markers for deployments of some entities in `[from, to)`. */
  async markers(
    entityRefs: string[],
    range: { from: number; to: number },
  ): Promise<DeploymentMarker[]> {
    if (entityRefs.length === 0) return [];
    const rows = await this.knex(TABLE)
      .select(
        'id',
        'entity_ref',
        'environment',
        'status',
        'version',
        'deployed_at',
        'impact',
      )
      .whereIn('entity_ref', entityRefs)
      .andWhere('deployed_at', '>=', range.from)
      .andWhere('deployed_at', '<', range.to)
      .orderBy('deployed_at');
    return rows.map(row => {
      const impact: DeploymentBudgetImpact | undefined = row.impact
        ? JSON.parse(row.impact)
        : undefined;
      const marker: DeploymentMarker = {
        id: row.id,
        entity: row.entity_ref,
        environment: row.environment,
        at: Number(row.deployed_at),
        status: row.status,
        likelyCausedBurn: impact?.likelyCausedBurn ?? false,
      };
      if (row.version) marker.version = row.version;
      return marker;
    });
  }

  /**
   * Deployments whose hour after has passed and whose impact is not computed,
   * newest first.
   */
  async pendingImpacts(options: {
    until: number;
    limit: number;
  }): Promise<Deployment[]> {
    const rows = await this.knex(TABLE)
      .select()
      .whereNull('impact')
      .andWhere('deployed_at', '<=', options.until)
      .orderBy('deployed_at', 'desc')
      .limit(options.limit);
    return rows.map(fromRow);
  }

  /**
   * Stores an impact, unless the deployment moved in the meantime (an update
   * changed when it happened, and reset its impact).
   */
  async saveImpact(
    id: string,
    deployedAt: number,
    impact: DeploymentBudgetImpact,
  ): Promise<void> {
    await this.knex(TABLE)
      .where({ id, deployed_at: deployedAt })
      .update({ impact: JSON.stringify(impact) });
  }
}

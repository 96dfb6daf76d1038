import { AuthService, UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  ANNOTATION_SLO_RUNBOOK,
  RELATION_MEASURED_BY,
  SLO_KIND,
  SCORECARD_FACTS as F,
  ScorecardFactValue,
} from '@reliability-kit/plugin-reliability-common';
import { ScorecardFactProvider } from '@reliability-kit/plugin-reliability-node';
import { CatalogReads } from '../../service/uncompressedCatalog';
import { RunbookReader } from '../../runbooks/RunbookReader';
import { mapLimit } from './mapLimit';
import { RunbookMemo } from './RunbookMemo';

const DAY = 86_400_000;

/** Above this many entities, SLOs are listed rather than named. */
const LIST_SLOS_ABOVE = 100;

/**
 * The SLO entities measuring `entities` that name a runbook, by lower-case
 * ref. For a
 * run over many entities, one list of the SLOs with the runbook annotation
 * (a fraction of all SLOs); for a few entities, their SLOs by ref.
 */
async function slosOf(
  entities: Entity[],
  catalog: CatalogReads,
  auth: AuthService,
): Promise<Map<string, Entity>> {
  const refs = [
    ...new Set(
      entities.flatMap(e =>
        (e.relations ?? [])
          .filter(r => r.type === RELATION_MEASURED_BY)
          .map(r => r.targetRef),
      ),
    ),
  ];
  if (refs.length === 0) return new Map();
  const credentials = await auth.getOwnServiceCredentials();
  // Whole entities: the catalog passes them through without parsing.
  const items =
    entities.length > LIST_SLOS_ABOVE
      ? (
          await catalog.getEntities(
            {
              filter: {
                kind: SLO_KIND,
                [`metadata.annotations.${ANNOTATION_SLO_RUNBOOK}`]:
                  CATALOG_FILTER_EXISTS,
              },
            },
            { credentials },
          )
        ).items
      : (await catalog.getEntitiesByRefs({ entityRefs: refs }, { credentials }))
          .items;
  const found = new Map<string, Entity>();
  for (const item of items) {
    if (item) found.set(stringifyEntityRef(item).toLowerCase(), item);
  }
  return found;
}

/**
 * The scorecards' own runbook reader: a run over thousands of runbooks must
 * not evict the pages people are reading from the shared cache. It always
 * asks again (review dates are kept by {@link runbookFacts} for its TTL),
 * but keeps each runbook's ETag, within 32 MiB of markdown in all, so that
 * asking again is a conditional request: an SCM answers 304 Not Modified
 * and GitHub does not count it against the rate limit.
 */
export function scorecardRunbookReader(
  urlReader: UrlReaderService,
): RunbookReader {
  return new RunbookReader(urlReader, { ttlMs: 0, maxEntries: 50_000 });
}

/**
 * Facts from the entity's runbooks (`metadata.links` of type runbook, and
 * the `reliability/slo-runbook` of its SLOs): how many, and days since the most recent review of a markdown one (front
 * matter, else the file's last change). Review dates are remembered per URL
 * for `ttlMs`, so a run over thousands of services reads each file once an
 * hour, not every run; reads go through the backend's URL reader, which only
 * reaches allowed hosts.
 */
export function runbookFacts(
  reader: RunbookReader,
  options: {
    catalog: CatalogReads;
    auth: AuthService;
    ttlMs: number;
    concurrency?: number;
  },
): ScorecardFactProvider {
  const reviewed = new Map<
    string,
    { at: number; lastReviewed: number | null }
  >();
  const readReview = async (url: string, now: number) => {
    const read = await reader.read(url);
    const lastReviewed = read.ok
      ? read.runbook.lastReviewed ?? read.lastModifiedAt ?? null
      : null;
    if (reviewed.size > 100_000) reviewed.clear();
    reviewed.set(url, { at: now, lastReviewed });
    return lastReviewed;
  };
  const runbooks = new RunbookMemo();

  return {
    id: 'reliability.runbooks',
    facts: [
      { id: F.runbookCount, title: 'Runbooks', type: 'number' },
      {
        id: F.runbookDaysSinceReview,
        title: 'Days since a runbook was reviewed',
        type: 'number',
      },
    ],
    async retrieve({ entities, now }) {
      const slos = await slosOf(entities, options.catalog, options.auth);
      const found = entities.map(entity => {
        const own = (entity.relations ?? []).flatMap(r => {
          const slo =
            r.type === RELATION_MEASURED_BY
              ? slos.get(r.targetRef.toLowerCase())
              : undefined;
          return slo ? [slo] : [];
        });
        return runbooks.of(entity, own);
      });
      // Review dates: remembered ones, then the others read, each URL once.
      const dates = new Map<string, number | null>();
      const toRead = new Set<string>();
      for (const url of found.flatMap(f => f.markdown)) {
        const known = reviewed.get(url);
        if (known && now - known.at < options.ttlMs) {
          dates.set(url, known.lastReviewed);
        } else {
          toRead.add(url);
        }
      }
      await mapLimit([...toRead], options.concurrency ?? 16, async url => {
        dates.set(url, await readReview(url, now));
      });
      const result = new Map<string, Record<string, ScorecardFactValue>>();
      entities.forEach((entity, i) => {
        const { count, markdown } = found[i];
        let latest: number | null = null;
        for (const url of markdown) {
          const date = dates.get(url) ?? null;
          if (date !== null && (latest === null || date > latest)) {
            latest = date;
          }
        }
        result.set(stringifyEntityRef(entity), {
          [F.runbookCount]: count,
          [F.runbookDaysSinceReview]:
            latest === null
              ? null
              : Math.max(0, Math.floor((now - latest) / DAY)),
        });
      });
      return result;
    },
  };
}

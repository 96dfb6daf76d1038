/**
 * A runbook of an entity: answer item of
 * `GET /api/reliability/v1/entities/:kind/:namespace/:name/runbooks`.
 *
 * @public
 */
export interface RunbookInfo {
  /** Stable id within the entity, for `.../runbooks/:id`. */
  id: string;
  title: string;
  /** Absolute URL; relative links are resolved against the entity's source location. */
  url: string;
  /** An entity link of type runbook, or the runbook annotation of one of its SLOs. */
  source: 'entity-link' | 'slo-annotation';
  /** The SLO whose annotation named it. */
  slo?: string;
  /** Markdown read through the URL reader, or a link left to the browser. */
  format: 'markdown' | 'link';
  /** Epoch ms of the last review; undefined when unknown. */
  lastReviewed?: number;
  lastReviewedSource?: 'front-matter' | 'file-change';
  /** Against the configured maximum age; unknown for plain links and failed reads. */
  freshness: 'fresh' | 'stale' | 'unknown';
  /** Why the markdown could not be read. */
  error?: string;
  /**
   * What is wrong with a runbook that was read, such as a front matter
   * `last_reviewed` that is not a date; it is still shown.
   */
  warnings?: string[];
}

/**
 * The runbooks of an entity.
 *
 * @public
 */
export interface RunbookList {
  entity: string;
  /** A runbook not reviewed within this many days is stale. */
  maxAgeDays: number;
  items: RunbookInfo[];
}

/**
 * One runbook with its markdown: answer of `.../runbooks/:id`.
 *
 * @public
 */
export interface RunbookDocument extends RunbookInfo {
  /** The markdown body, front matter removed. Render it without raw HTML. */
  markdown: string;
}

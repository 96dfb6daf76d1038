import Button from '@material-ui/core/Button';
import Link from '@material-ui/core/Link';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import ScheduleIcon from '@material-ui/icons/Schedule';
import { MarkdownContent } from '@backstage/core-components';
import type {
  RunbookInfo,
  RunbookList as RunbookListData,
} from '@reliability-kit/plugin-reliability-common';
import { useEffect, useRef, useState } from 'react';
import { useReliabilityData } from '../../hooks/useReliabilityData';
import { formatDate } from '../common/format';
import { httpUrl, markdownImageUri, markdownLinkUri } from '../common/safeUrl';
import { RUNBOOK_SNIPPET } from '../common/snippets';
import {
  EmptyState,
  ErrorState,
  Loaded,
  LoadingSkeleton,
} from '../common/states';
import { ToneLabel } from '../common/StatusLabel';

const FRESHNESS = {
  fresh: { label: 'Fresh', tone: 'ok', Icon: CheckCircleIcon },
  stale: { label: 'Stale', tone: 'warning', Icon: ScheduleIcon },
  unknown: {
    label: 'Review date unknown',
    tone: 'neutral',
    Icon: HelpOutlineIcon,
  },
} as const;

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', padding: 0, margin: 0 },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  title: { flex: '1 1 200px' },
  doc: {
    marginTop: theme.spacing(2),
    padding: theme.spacing(2),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  docHeader: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

function reviewedText(r: RunbookInfo): string {
  if (!r.lastReviewed) return 'never reviewed';
  const how = r.lastReviewedSource === 'file-change' ? 'changed' : 'reviewed';
  return `last ${how} ${formatDate(r.lastReviewed)}`;
}

/** One markdown runbook, rendered without any HTML it contains. */
export function RunbookDocumentView(props: {
  entityRef: string;
  runbook: RunbookInfo;
  onClose: () => void;
}) {
  const { entityRef, runbook } = props;
  const classes = useStyles();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const doc = useReliabilityData(
    api => api.getRunbook(entityRef, runbook.id),
    [entityRef, runbook.id],
  );
  useEffect(() => {
    headingRef.current?.focus();
  }, [runbook.id]);
  return (
    <section className={classes.doc} aria-labelledby={`runbook-${runbook.id}`}>
      <div className={classes.docHeader}>
        <Typography
          variant="h6"
          component="h3"
          id={`runbook-${runbook.id}`}
          tabIndex={-1}
          ref={headingRef}
        >
          {runbook.title}
        </Typography>
        <div>
          {httpUrl(runbook.url) && (
            <Link
              href={httpUrl(runbook.url)}
              target="_blank"
              rel="noopener noreferrer"
            >
              Open source
            </Link>
          )}
          <Button
            size="small"
            onClick={props.onClose}
            style={{ marginLeft: 8 }}
          >
            Close
          </Button>
        </div>
      </div>
      {doc.loading && <LoadingSkeleton lines={6} />}
      {doc.error && (
        <ErrorState
          title="Could not load the runbook"
          error={doc.error}
          onRetry={doc.retry}
        />
      )}
      {doc.value &&
        (doc.value.error ? (
          <Typography color="error">{doc.value.error}</Typography>
        ) : (
          // CommonMark without rehype-raw: HTML in the markdown shows as
          // text, never as elements. Links other than http(s), mailto: and
          // tel: become text (Backstage's Link throws on script URLs, which
          // would take the whole view down).
          <MarkdownContent
            content={doc.value.markdown}
            dialect="common-mark"
            transformLinkUri={markdownLinkUri}
            transformImageUri={markdownImageUri}
          />
        ))}
    </section>
  );
}

/** A link to open the runbook, or why there is none. */
function LinkOrWhy(props: { url: string }) {
  const href = httpUrl(props.url);
  if (!href) {
    return (
      <Typography variant="caption" color="error">
        The link is not an http(s) URL
      </Typography>
    );
  }
  return (
    <Link href={href} target="_blank" rel="noopener noreferrer">
      Open link
    </Link>
  );
}

/** The runbooks with freshness; a markdown one opens in place. */
export function RunbookListView(props: {
  entityRef: string;
  list: RunbookListData;
  /** The YAML to show when there is none; a runbook link by default. */
  emptySnippet?: string;
}) {
  const { entityRef, list } = props;
  const classes = useStyles();
  const [open, setOpen] = useState<RunbookInfo | undefined>();
  const openerRefs = useRef(new Map<string, HTMLButtonElement | null>());
  if (!list.items.length) {
    return (
      <EmptyState
        title="No runbooks"
        description="Link the runbook on-call engineers follow. A markdown file in the repository opens rendered here; its front matter's last-reviewed date tells whether it is fresh."
        yaml={props.emptySnippet ?? RUNBOOK_SNIPPET}
      />
    );
  }
  return (
    <div>
      <ul className={classes.list} aria-label="Runbooks">
        {list.items.map(r => (
          <li key={r.id} className={classes.item}>
            <div className={classes.title}>
              <Typography variant="body1">{r.title}</Typography>
              <Typography variant="caption" color="textSecondary">
                {r.slo
                  ? `for ${r.slo.replace(/^slo:(default\/)?/, '')} · `
                  : ''}
                {reviewedText(r)}
              </Typography>
            </div>
            <ToneLabel
              presentation={FRESHNESS[r.freshness]}
              text={
                r.freshness === 'stale'
                  ? `Stale (over ${list.maxAgeDays} days)`
                  : undefined
              }
            />
            {r.format === 'markdown' && !r.error ? (
              <Button
                size="small"
                variant="outlined"
                ref={el => {
                  openerRefs.current.set(r.id, el);
                }}
                onClick={() => setOpen(r)}
                aria-pressed={open?.id === r.id}
              >
                Open runbook
              </Button>
            ) : (
              <LinkOrWhy url={r.url} />
            )}
            {r.error && (
              <Typography variant="caption" color="error">
                {r.error}
              </Typography>
            )}
          </li>
        ))}
      </ul>
      {open && (
        <RunbookDocumentView
          entityRef={entityRef}
          runbook={open}
          onClose={() => {
            const id = open.id;
            setOpen(undefined);
            openerRefs.current.get(id)?.focus();
          }}
        />
      )}
    </div>
  );
}

/** Loads the entity's runbooks. */
export function Runbooks(props: { entityRef: string; emptySnippet?: string }) {
  const list = useReliabilityData(
    api => api.listRunbooks(props.entityRef),
    [props.entityRef],
  );
  return (
    <Loaded
      state={list}
      errorTitle="Could not load the runbooks"
      skeleton={{ lines: 3 }}
    >
      {value => (
        <RunbookListView
          entityRef={props.entityRef}
          list={value}
          emptySnippet={props.emptySnippet}
        />
      )}
    </Loaded>
  );
}

import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import FileCopyIcon from '@material-ui/icons/FileCopyOutlined';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import Skeleton from '@material-ui/lab/Skeleton';
import { ResponseError } from '@backstage/errors';
import { ReactNode, useState } from 'react';
import { formatRelative } from './format';

const useStyles = makeStyles(theme => ({
  snippet: {
    position: 'relative',
    margin: theme.spacing(1, 0, 0),
    padding: theme.spacing(1.5, 6, 1.5, 1.5),
    background: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    whiteSpace: 'pre',
    overflowX: 'auto',
  },
  copy: {
    position: 'absolute',
    top: theme.spacing(0.5),
    right: theme.spacing(0.5),
  },
  empty: {
    padding: theme.spacing(1, 0),
  },
}));

/** True for a 404 from the backend: the route or the data is missing. */
export function isNotFound(error: unknown): boolean {
  return ResponseError.is(error) && error.response.status === 404;
}

/** An error in one line: status and the backend's message when it has one. */
export function errorMessage(error: Error): string {
  if (ResponseError.is(error)) {
    return `${error.response.status} ${error.response.statusText}: ${
      error.body?.error?.message ?? error.message
    }`;
  }
  return error.message;
}

/** What went wrong, and a button to try again. */
export function ErrorState(props: {
  error: Error;
  title?: string;
  onRetry: () => void;
}) {
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={props.onRetry}>
          Retry
        </Button>
      }
    >
      <AlertTitle>
        {props.title ?? 'Could not load reliability data'}
      </AlertTitle>
      {errorMessage(props.error)}
    </Alert>
  );
}

/** Data older than this is called stale even when the backend does not say so. */
export const STALE_AFTER_MS = 15 * 60_000;

/** Whether data evaluated at `evaluatedAt` should be shown as stale. */
export function isStale(
  data: { stale?: boolean; evaluatedAt?: number },
  now = Date.now(),
): boolean {
  return (
    !!data.stale ||
    (data.evaluatedAt !== undefined && now - data.evaluatedAt > STALE_AFTER_MS)
  );
}

/** Says the numbers are old, since when, and why if known. */
export function StaleBanner(props: {
  evaluatedAt?: number;
  error?: string;
  what?: string;
}) {
  const { evaluatedAt, error, what = 'These numbers' } = props;
  return (
    <Alert severity="warning" role="status">
      <AlertTitle>Stale data</AlertTitle>
      {what} may be out of date
      {evaluatedAt ? `: last evaluated ${formatRelative(evaluatedAt)}` : ''}.
      {error ? ` The last evaluation failed: ${error}` : ''}
    </Alert>
  );
}

/** A copyable code block for the YAML an adopter has to add. */
export function YamlSnippet(props: { yaml: string; label?: string }) {
  const classes = useStyles();
  const [copied, setCopied] = useState(false);
  return (
    <pre className={classes.snippet} aria-label={props.label ?? 'YAML snippet'}>
      <code>{props.yaml}</code>
      <Tooltip title={copied ? 'Copied' : 'Copy to clipboard'}>
        <IconButton
          size="small"
          className={classes.copy}
          aria-label="Copy snippet"
          onClick={() => {
            window.navigator.clipboard
              ?.writeText(props.yaml)
              .then(() => setCopied(true))
              .catch(() => setCopied(false));
          }}
        >
          <FileCopyIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </pre>
  );
}

/** Nothing to show yet: what to add to catalog-info.yaml to get it. */
export function EmptyState(props: {
  title: string;
  description: ReactNode;
  yaml?: string;
  file?: string;
}) {
  const classes = useStyles();
  return (
    <div className={classes.empty}>
      <Typography variant="subtitle1" component="p">
        <strong>{props.title}</strong>
      </Typography>
      <Typography variant="body2" color="textSecondary" component="div">
        {props.description}
      </Typography>
      {props.yaml && (
        <>
          <Typography variant="body2" style={{ marginTop: 8 }}>
            Add to <code>{props.file ?? 'catalog-info.yaml'}</code>:
          </Typography>
          <YamlSnippet yaml={props.yaml} />
        </>
      )}
    </div>
  );
}

/**
 * The three states of loaded data in one place: skeleton while loading,
 * the error with a retry, then the content.
 */
export function Loaded<T>(props: {
  state: { loading: boolean; error?: Error; value?: T; retry: () => void };
  errorTitle: string;
  skeleton?: { lines?: number; height?: number };
  children: (value: T) => ReactNode;
}) {
  const { state } = props;
  if (state.loading) return <LoadingSkeleton {...props.skeleton} />;
  if (state.error) {
    return (
      <ErrorState
        title={props.errorTitle}
        error={state.error}
        onRetry={state.retry}
      />
    );
  }
  return state.value === undefined ? null : <>{props.children(state.value)}</>;
}

/** Grey placeholder lines while loading, announced to screen readers. */
export function LoadingSkeleton(props: { lines?: number; height?: number }) {
  const { lines = 3, height } = props;
  return (
    <div role="progressbar" aria-label="Loading" aria-busy="true">
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton
          key={i}
          variant={height ? 'rect' : 'text'}
          height={height}
          width={i === lines - 1 && !height ? '60%' : '100%'}
          style={height ? { marginBottom: 8 } : undefined}
        />
      ))}
    </div>
  );
}

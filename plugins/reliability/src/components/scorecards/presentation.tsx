import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import EmojiEventsIcon from '@material-ui/icons/EmojiEvents';
import NotInterestedIcon from '@material-ui/icons/NotInterested';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import type {
  ScorecardAppliesTo,
  ScorecardCheckStatus,
  ScorecardInfo,
} from '@reliability-kit/plugin-reliability-common';
import type { ComponentType } from 'react';
import { formatPercent } from '../common/format';
import { Tone, ToneLabel } from '../common/StatusLabel';

/**
 * How often the backend grades every entity by default
 * (`reliability.scorecards.schedule.frequency`, one hour), for the "not
 * evaluated yet" texts.
 */
export const EVALUATION_INTERVAL_MINUTES = 60;

interface Presentation {
  label: string;
  tone: Tone;
  Icon: ComponentType<{ fontSize?: 'inherit' }>;
}

export const CHECK_STATUS: Record<ScorecardCheckStatus, Presentation> = {
  pass: { label: 'Pass', tone: 'ok', Icon: CheckCircleIcon },
  fail: { label: 'Fail', tone: 'error', Icon: CancelIcon },
  exempt: { label: 'Exempt', tone: 'warning', Icon: VerifiedUserIcon },
  'not-applicable': {
    label: 'Not applicable',
    tone: 'neutral',
    Icon: NotInterestedIcon,
  },
};

/** A check's outcome as icon and word. */
export function CheckStatusLabel(props: { status: ScorecardCheckStatus }) {
  return <ToneLabel presentation={CHECK_STATUS[props.status]} />;
}

// Well-known level names get their metal; others a blue ramp by rank.
const METALS: Record<string, string> = {
  bronze: '#a0643a',
  silver: '#7d8a96',
  gold: '#b8860b',
  platinum: '#4f7f8f',
};
const RAMP = ['#9ecae1', '#6baed6', '#3182bd', '#08519c', '#08306b'];

/**
 * The colour of a level: its metal for bronze, silver, gold and platinum,
 * a blue of rising depth otherwise; grey for "no level" (index -1).
 */
export function levelColor(
  theme: Theme,
  level: { id?: string | null; index: number; count: number },
): string {
  if (level.index < 0 || !level.id) return theme.palette.text.disabled;
  const metal = METALS[level.id.toLocaleLowerCase('en-US')];
  if (metal) return metal;
  const step =
    level.count <= 1
      ? RAMP.length - 1
      : Math.round((level.index / (level.count - 1)) * (RAMP.length - 1));
  return RAMP[step];
}

/** Title of a level by id, from a scorecard; the id when unknown. */
export function levelTitle(
  scorecard: Pick<ScorecardInfo, 'levels'> | undefined,
  levelId: string | null,
): string {
  if (!levelId) return 'No level';
  return scorecard?.levels.find(l => l.id === levelId)?.title ?? levelId;
}

const useStyles = makeStyles(theme => ({
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    padding: theme.spacing(0.25, 1),
    borderRadius: 12,
    border: '2px solid',
    fontWeight: 600,
    whiteSpace: 'nowrap',
    lineHeight: 1.4,
  },
  small: { padding: theme.spacing(0, 0.75), fontSize: '0.8125rem' },
  bar: {
    display: 'flex',
    height: 12,
    borderRadius: 6,
    overflow: 'hidden',
    background: theme.palette.action.hover,
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 1.5),
    margin: theme.spacing(0.5, 0, 0),
    padding: 0,
    listStyle: 'none',
  },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: 2,
    marginRight: theme.spacing(0.5),
  },
}));

/**
 * The level an entity reached, as a badge with an icon and its title
 * ("No level" when it reached none).
 */
export function LevelBadge(props: {
  scorecard?: Pick<ScorecardInfo, 'levels'>;
  levelId: string | null;
  levelIndex: number;
  size?: 'small' | 'medium';
  stale?: boolean;
}) {
  const { scorecard, levelId, levelIndex, size = 'medium' } = props;
  const theme = useTheme();
  const classes = useStyles();
  const color = levelColor(theme, {
    id: levelId,
    index: levelIndex,
    count: scorecard?.levels.length ?? 3,
  });
  const title = levelTitle(scorecard, levelIndex < 0 ? null : levelId);
  const Icon = levelIndex < 0 ? RemoveCircleOutlineIcon : EmojiEventsIcon;
  return (
    <span
      className={`${classes.badge} ${size === 'small' ? classes.small : ''}`}
      style={{ borderColor: color }}
      data-testid="level-badge"
      data-level={levelId ?? ''}
    >
      <Icon fontSize="inherit" style={{ color }} aria-hidden />
      {title}
      {props.stale ? ' (stale)' : ''}
    </span>
  );
}

/** The levels of a scorecard, "no level" first, with their colours. */
export function levelLegend(
  theme: Theme,
  scorecard: Pick<ScorecardInfo, 'levels'> | undefined,
  count: number,
) {
  return Array.from({ length: count }, (_, i) => {
    const level = scorecard?.levels[i - 1];
    return {
      title: i === 0 ? 'No level' : level?.title ?? `Level ${i}`,
      color: levelColor(theme, {
        id: i === 0 ? null : level?.id ?? `level-${i}`,
        index: i - 1,
        count: count - 1,
      }),
    };
  });
}

/**
 * How many entities reached each level, as one stacked bar with a legend
 * that says the numbers in words.
 */
export function LevelDistribution(props: {
  scorecard?: Pick<ScorecardInfo, 'levels'>;
  levelCounts: number[];
  label: string;
  legend?: boolean;
}) {
  const { levelCounts, scorecard, legend = true } = props;
  const theme = useTheme();
  const classes = useStyles();
  const total = levelCounts.reduce((a, b) => a + b, 0);
  const parts = levelLegend(theme, scorecard, levelCounts.length).map(
    (p, i) => ({ ...p, count: levelCounts[i] }),
  );
  const text = total
    ? parts
        .filter(p => p.count)
        .map(p => `${p.count} ${p.title}`)
        .join(', ')
    : 'no entities';
  return (
    <div>
      <div
        className={classes.bar}
        role="img"
        aria-label={`${props.label}: ${text}`}
      >
        {parts.map(p =>
          p.count ? (
            <div
              key={p.title}
              style={{
                width: `${(p.count / total) * 100}%`,
                background: p.color,
              }}
              title={`${p.title}: ${p.count}`}
            />
          ) : null,
        )}
      </div>
      {legend && (
        <ul className={classes.legend} aria-hidden>
          {parts.map(p => (
            <li key={p.title}>
              <Typography variant="caption">
                <span
                  className={classes.swatch}
                  style={{ background: p.color }}
                />
                {p.title} {p.count}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A 0..1 score as a percentage; "–" without one. */
export function formatScore(score: number | null | undefined): string {
  return formatPercent(score, 0);
}

function either(values: string[] | undefined, what: string) {
  if (!values?.length) return undefined;
  const shown = values.map(v => (v === '*' ? 'any' : v));
  const list =
    shown.length === 1
      ? shown[0]
      : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
  return `${what} ${list}`;
}

/**
 * Which entities a scorecard grades, in words: "components of type service
 * or website".
 */
export function describeAppliesTo(appliesTo: ScorecardAppliesTo): string {
  const kinds = appliesTo.kind?.length
    ? appliesTo.kind
        .map(k => (k === '*' ? 'entities' : `${k.toLocaleLowerCase('en-US')}s`))
        .join(' and ')
    : 'entities';
  const parts = [
    either(appliesTo.type, 'of type'),
    either(appliesTo.tier, 'with tier'),
    either(appliesTo.lifecycle, 'in lifecycle'),
    ...Object.entries(appliesTo.filter ?? {}).map(([path, wanted]) => {
      const list = Array.isArray(wanted) ? wanted : [wanted];
      return list.includes('*')
        ? `with ${path} set`
        : either(list, `with ${path}`);
    }),
  ].filter(Boolean);
  return [kinds, ...parts].join(' ');
}

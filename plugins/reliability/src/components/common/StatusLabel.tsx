import { makeStyles, Theme } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import NotificationsActiveIcon from '@material-ui/icons/NotificationsActive';
import NotificationsNoneIcon from '@material-ui/icons/NotificationsNone';
import BlockIcon from '@material-ui/icons/Block';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import type {
  ReleaseGateDecision,
  ServiceAlertState,
  SloStatus,
} from '@reliability-kit/plugin-reliability-common';
import type { ComponentType } from 'react';

/** Meaning, colour and icon stay together: colour never stands alone. */
export type Tone = 'ok' | 'warning' | 'error' | 'neutral';

interface Presentation {
  label: string;
  tone: Tone;
  Icon: ComponentType<{ fontSize?: 'inherit' }>;
}

export const SLO_STATUS: Record<SloStatus, Presentation> = {
  healthy: { label: 'Healthy', tone: 'ok', Icon: CheckCircleIcon },
  warning: { label: 'Warning', tone: 'warning', Icon: ReportProblemIcon },
  breaching: { label: 'Breaching', tone: 'error', Icon: ErrorIcon },
  exhausted: { label: 'Budget exhausted', tone: 'error', Icon: BlockIcon },
  'no-data': { label: 'No data', tone: 'neutral', Icon: HelpOutlineIcon },
};

export const ALERT_STATE: Record<ServiceAlertState, Presentation> = {
  page: { label: 'Paging', tone: 'error', Icon: NotificationsActiveIcon },
  ticket: { label: 'Ticket', tone: 'warning', Icon: NotificationsActiveIcon },
  none: { label: 'No alert', tone: 'ok', Icon: NotificationsNoneIcon },
};

export const GATE_DECISION: Record<
  ReleaseGateDecision['decision'],
  Presentation
> = {
  allow: { label: 'May ship', tone: 'ok', Icon: CheckCircleIcon },
  warn: { label: 'Ship with care', tone: 'warning', Icon: ReportProblemIcon },
  block: { label: 'Release blocked', tone: 'error', Icon: BlockIcon },
};

export function toneColor(theme: Theme, tone: Tone): string {
  switch (tone) {
    case 'ok':
      return theme.palette.status?.ok ?? theme.palette.success.main;
    case 'warning':
      return theme.palette.status?.warning ?? theme.palette.warning.main;
    case 'error':
      return theme.palette.status?.error ?? theme.palette.error.main;
    default:
      return theme.palette.text.secondary;
  }
}

// Static classes per tone: function-valued styles would build a style
// sheet per instance, which is slow in tables of many rows.
const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontWeight: 500,
    whiteSpace: 'nowrap',
  },
  icon: { display: 'inline-flex', fontSize: '1.1em' },
  ok: { color: toneColor(theme, 'ok') },
  warning: { color: toneColor(theme, 'warning') },
  error: { color: toneColor(theme, 'error') },
  neutral: { color: theme.palette.text.secondary },
}));

/** An icon in the tone's colour followed by the label in text. */
export function ToneLabel(props: {
  presentation: Presentation;
  text?: string;
}) {
  const { presentation, text } = props;
  const classes = useStyles();
  const { Icon, tone } = presentation;
  return (
    <span
      className={`${classes.root} ${tone === 'neutral' ? classes.neutral : ''}`}
      data-tone={tone}
    >
      <span className={`${classes.icon} ${classes[tone]}`} aria-hidden>
        <Icon fontSize="inherit" />
      </span>
      {text ?? presentation.label}
    </span>
  );
}

/** The status of an SLO or service, as icon and text. */
export function SloStatusLabel(props: { status: SloStatus }) {
  return <ToneLabel presentation={SLO_STATUS[props.status]} />;
}

/** The alert state of an SLO or service, as icon and text. */
export function AlertStateLabel(props: { state: ServiceAlertState }) {
  return <ToneLabel presentation={ALERT_STATE[props.state]} />;
}

import AutorenewIcon from '@material-ui/icons/Autorenew';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HourglassEmptyIcon from '@material-ui/icons/HourglassEmpty';
import ReplayIcon from '@material-ui/icons/Replay';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import StarIcon from '@material-ui/icons/Star';
import TrendingDownIcon from '@material-ui/icons/TrendingDown';
import TrendingFlatIcon from '@material-ui/icons/TrendingFlat';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import type {
  CanaryStep,
  DeploymentStatus,
  DoraBand,
} from '@reliability-kit/plugin-reliability-common';
import type { Tone } from '../common/StatusLabel';
import type { ComponentType } from 'react';

type Presentation = {
  label: string;
  tone: Tone;
  Icon: ComponentType<{ fontSize?: 'inherit' }>;
};

export const DEPLOYMENT_STATUS: Record<DeploymentStatus, Presentation> = {
  started: { label: 'In progress', tone: 'neutral', Icon: AutorenewIcon },
  succeeded: { label: 'Succeeded', tone: 'ok', Icon: CheckCircleIcon },
  failed: { label: 'Failed', tone: 'error', Icon: ErrorIcon },
  rolled_back: { label: 'Rolled back', tone: 'warning', Icon: ReplayIcon },
};

export const CANARY_STEP: Record<CanaryStep['status'], Presentation> = {
  pending: { label: 'Pending', tone: 'neutral', Icon: HourglassEmptyIcon },
  running: { label: 'Running', tone: 'neutral', Icon: AutorenewIcon },
  passed: { label: 'Passed', tone: 'ok', Icon: CheckCircleIcon },
  failed: { label: 'Failed', tone: 'error', Icon: ErrorIcon },
  aborted: { label: 'Aborted', tone: 'warning', Icon: RemoveCircleOutlineIcon },
};

export const DORA_BAND: Record<DoraBand, Presentation> = {
  elite: { label: 'Elite', tone: 'ok', Icon: StarIcon },
  high: { label: 'High', tone: 'ok', Icon: TrendingUpIcon },
  medium: { label: 'Medium', tone: 'warning', Icon: TrendingFlatIcon },
  low: { label: 'Low', tone: 'error', Icon: TrendingDownIcon },
};

export const NO_BAND: Presentation = {
  label: 'No data',
  tone: 'neutral',
  Icon: RemoveCircleOutlineIcon,
};

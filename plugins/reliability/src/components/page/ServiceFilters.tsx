import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import type {
  ServiceReliabilityPage,
  SloStatus,
} from '@reliability-kit/plugin-reliability-common';
import { useEffect, useState } from 'react';
import { shortRef } from '../common/format';
import { SLO_STATUS } from '../common/StatusLabel';
import { AT_RISK_STATUSES, ServiceQueryState } from './useServiceQuery';

const ALL_STATUSES: SloStatus[] = [
  'exhausted',
  'breaching',
  'warning',
  'healthy',
  'no-data',
];

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 150, maxWidth: 260 },
}));

function MultiSelect(props: {
  id: string;
  label: string;
  values: string[];
  options: string[];
  format?: (v: string) => string;
  onChange: (values: string[]) => void;
}) {
  const classes = useStyles();
  const format = props.format ?? ((v: string) => v);
  const options = [...new Set([...props.options, ...props.values])];
  return (
    <FormControl className={classes.select} size="small">
      <InputLabel id={`${props.id}-label`}>{props.label}</InputLabel>
      <Select
        labelId={`${props.id}-label`}
        id={props.id}
        multiple
        value={props.values}
        onChange={e => props.onChange(e.target.value as string[])}
        renderValue={selected => (selected as string[]).map(format).join(', ')}
      >
        {options.map(o => (
          <MenuItem key={o} value={o}>
            {format(o)}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** Filters by owner, system, domain, tier, status and text. */
export function ServiceFilters(props: {
  state: ServiceQueryState;
  facets?: ServiceReliabilityPage['facets'];
  onChange: (change: Partial<ServiceQueryState>) => void;
}) {
  const { state, facets, onChange } = props;
  const classes = useStyles();
  const [text, setText] = useState(state.q);
  useEffect(() => setText(state.q), [state.q]);
  // Ask the server once typing pauses, not on every key.
  useEffect(() => {
    if (text === state.q) return undefined;
    const timer = setTimeout(() => onChange({ q: text }), 300);
    return () => clearTimeout(timer);
  }, [text, state.q, onChange]);
  const statuses = state.view === 'at-risk' ? AT_RISK_STATUSES : ALL_STATUSES;
  const filtered =
    state.owner.length +
      state.system.length +
      state.domain.length +
      state.tier.length +
      state.status.length >
      0 || state.q;
  return (
    <div className={classes.root} role="search" aria-label="Filter services">
      <TextField
        id="reliability-search"
        label="Search services"
        size="small"
        value={text}
        onChange={e => setText(e.target.value)}
      />
      <MultiSelect
        id="reliability-filter-owner"
        label="Owner"
        values={state.owner}
        options={facets?.owner ?? []}
        format={shortRef}
        onChange={owner => onChange({ owner })}
      />
      <MultiSelect
        id="reliability-filter-system"
        label="System"
        values={state.system}
        options={facets?.system ?? []}
        format={shortRef}
        onChange={system => onChange({ system })}
      />
      <MultiSelect
        id="reliability-filter-domain"
        label="Domain"
        values={state.domain}
        options={facets?.domain ?? []}
        format={shortRef}
        onChange={domain => onChange({ domain })}
      />
      <MultiSelect
        id="reliability-filter-tier"
        label="Tier"
        values={state.tier}
        options={facets?.tier ?? []}
        onChange={tier => onChange({ tier })}
      />
      <MultiSelect
        id="reliability-filter-status"
        label="Status"
        values={state.status}
        options={statuses}
        format={s => SLO_STATUS[s as SloStatus]?.label ?? s}
        onChange={status => onChange({ status: status as SloStatus[] })}
      />
      {filtered && (
        <Button
          size="small"
          onClick={() =>
            onChange({
              owner: [],
              system: [],
              domain: [],
              tier: [],
              status: [],
              q: '',
            })
          }
        >
          Clear filters
        </Button>
      )}
    </div>
  );
}

import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import ChatIcon from '@material-ui/icons/Chat';
import EmailIcon from '@material-ui/icons/Email';
import PhoneInTalkIcon from '@material-ui/icons/PhoneInTalk';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import NotificationsActiveIcon from '@material-ui/icons/NotificationsActive';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import Alert from '@material-ui/lab/Alert';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ContactType,
  OwnershipInfo,
} from '@reliability-kit/plugin-reliability-common';
import { ComponentType, Fragment } from 'react';
import { useReliabilityData } from '../../hooks/useReliabilityData';
import { OWNER_SNIPPET } from '../common/snippets';
import { EmptyState, Loaded } from '../common/states';

const CONTACT_ICON: Record<ContactType, ComponentType> = {
  email: EmailIcon,
  chat: ChatIcon,
  oncall: PhoneInTalkIcon,
  escalation: TrendingUpIcon,
  pagerduty: NotificationsActiveIcon,
  opsgenie: NotificationsActiveIcon,
};

const CONTACT_LABEL: Record<ContactType, string> = {
  email: 'E-mail',
  chat: 'Chat',
  oncall: 'On-call',
  escalation: 'Escalation',
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
};

const useStyles = makeStyles(theme => ({
  chain: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(0.5, 0, 1),
  },
  problems: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
}));

/** Owner, parent chain, contacts and ownership problems. */
export function OwnershipView(props: { info: OwnershipInfo }) {
  const { info } = props;
  const classes = useStyles();
  const { owner } = info;
  if (!owner) {
    return (
      <EmptyState
        title="No owner"
        description="Name the team that owns this entity, and give the team chat, on-call and escalation links."
        yaml={OWNER_SNIPPET}
      />
    );
  }
  return (
    <div>
      <Typography variant="subtitle1" component="p">
        {owner.exists ? (
          <EntityRefLink entityRef={owner.ref} title={owner.title} />
        ) : (
          <span>{owner.title ?? owner.ref} (not in the catalog)</span>
        )}{' '}
        <Typography variant="body2" color="textSecondary" component="span">
          {owner.kind === 'group' ? 'team' : 'person'}
          {owner.memberCount !== undefined
            ? `, ${owner.memberCount} member${
                owner.memberCount === 1 ? '' : 's'
              }`
            : ''}
        </Typography>
      </Typography>
      {owner.parents.length > 0 && (
        <nav aria-label="Parent teams">
          <ol className={classes.chain}>
            {[...owner.parents].reverse().map((p, i) => (
              <Fragment key={p.ref}>
                <li>
                  <EntityRefLink entityRef={p.ref} title={p.title} />
                </li>
                {i < owner.parents.length - 1 && <li aria-hidden>›</li>}
              </Fragment>
            ))}
            <li aria-hidden>›</li>
            <li>{owner.title ?? owner.ref}</li>
          </ol>
        </nav>
      )}
      {info.contacts.length > 0 ? (
        <List dense disablePadding aria-label="Contacts">
          {info.contacts.map(c => {
            const Icon = CONTACT_ICON[c.type] ?? ChatIcon;
            return (
              <ListItem
                key={`${c.type}-${c.url}`}
                button
                component="a"
                href={c.url}
                target={c.url.startsWith('mailto:') ? undefined : '_blank'}
                rel="noopener"
              >
                <ListItemIcon>
                  <Icon />
                </ListItemIcon>
                <ListItemText
                  primary={c.title}
                  secondary={`${CONTACT_LABEL[c.type] ?? c.type}${
                    c.source === 'entity' ? ' (from the entity)' : ''
                  }`}
                />
              </ListItem>
            );
          })}
        </List>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No contacts.
        </Typography>
      )}
      {info.problems.length > 0 && (
        <div className={classes.problems} aria-label="Ownership problems">
          {info.problems.map(p => (
            <Alert
              key={p.code}
              severity="warning"
              icon={<ReportProblemIcon fontSize="inherit" />}
            >
              {p.message}
            </Alert>
          ))}
        </div>
      )}
    </div>
  );
}

/** Loads and shows who owns the entity and how to reach them. */
export function Ownership(props: { entityRef: string }) {
  const info = useReliabilityData(
    api => api.getOwnership(props.entityRef),
    [props.entityRef],
  );
  return (
    <Loaded
      state={info}
      errorTitle="Could not load the ownership"
      skeleton={{ lines: 4 }}
    >
      {value => <OwnershipView info={value} />}
    </Loaded>
  );
}

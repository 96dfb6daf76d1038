import {
  Entity,
  parseEntityRef,
  RELATION_CHILD_OF,
  RELATION_HAS_MEMBER,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_OPSGENIE_TEAM,
  ANNOTATION_PAGERDUTY_SERVICE_ID,
  linksOfType,
  OwnerContact,
  OwnerGroupRef,
  OwnershipInfo,
  OwnershipProblem,
  parseOpsgenieTeamAnnotation,
  parsePagerDutyServiceIdAnnotation,
  RELIABILITY_LINK_TYPES,
} from '@reliability-kit/plugin-reliability-common';

/** Where the on-call annotations link to. */
export interface OnCallBaseUrls {
  pagerDutyBaseUrl: string;
  opsgenieBaseUrl: string;
}

/** Parent chains longer than this are cut (a guard, not a real limit). */
export const MAX_PARENT_DEPTH = 20;

const CONTACT_LINK_TYPES = [
  RELIABILITY_LINK_TYPES.chat,
  RELIABILITY_LINK_TYPES.oncall,
  RELIABILITY_LINK_TYPES.escalation,
] as const;

/** Contacts that reach someone who is on call. */
export const ON_CALL_TYPES: ReadonlySet<string> = new Set([
  'oncall',
  'escalation',
  'pagerduty',
  'opsgenie',
]);

function toRef(value: string, defaultKind: string, defaultNamespace?: string) {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace }),
    );
  } catch {
    return undefined;
  }
}

/**
 * The target of a relation the catalog made from a spec field, else the
 * field itself, read the way the catalog reads it (a group in the entity's
 * namespace unless it says otherwise).
 */
function relationOrSpecRef(
  entity: Entity,
  relation: string,
  field: string,
): string | undefined {
  const found = entity.relations?.find(r => r.type === relation);
  if (found) return found.targetRef;
  const value = entity.spec?.[field];
  return typeof value === 'string' && value.trim()
    ? toRef(value.trim(), 'group', entity.metadata.namespace)
    : undefined;
}

/** The owner ref of an entity: its `ownedBy` relation, else `spec.owner`. */
export function ownerRefOf(entity: Entity): string | undefined {
  return relationOrSpecRef(entity, RELATION_OWNED_BY, 'owner');
}

/** The parent ref of a group: its `childOf` relation, else `spec.parent`. */
export function parentRefOf(group: Entity): string | undefined {
  return relationOrSpecRef(group, RELATION_CHILD_OF, 'parent');
}

/**
 * Entity refs compare case-insensitively, as in the catalog. `toLowerCase`
 * is the locale-independent Unicode mapping (what `toLocaleLowerCase('en-US')`
 * gives) without a trip through ICU, which shows in runs over 10,000
 * entities.
 */
export function refKey(ref: string): string {
  return ref.toLowerCase();
}

/**
 * The parent groups of a group, nearest first, from groups keyed by
 * {@link refKey}. Stops at a missing group, at a cycle and at
 * {@link MAX_PARENT_DEPTH}.
 */
export function parentChain(
  group: Entity,
  groups: ReadonlyMap<string, Entity>,
): Entity[] {
  const chain: Entity[] = [];
  const seen = new Set([refKey(stringifyEntityRef(group))]);
  let ref = parentRefOf(group);
  while (ref && !seen.has(refKey(ref)) && chain.length < MAX_PARENT_DEPTH) {
    const parent = groups.get(refKey(ref));
    if (!parent) break;
    seen.add(refKey(ref));
    chain.push(parent);
    ref = parentRefOf(parent);
  }
  return chain;
}

/** Direct members: `hasMember` relations and `spec.members`, counted once. */
export function memberCountOf(group: Entity): number {
  const members = new Set(
    (group.relations ?? [])
      .filter(r => r.type === RELATION_HAS_MEMBER)
      .map(r => r.targetRef),
  );
  const listed = group.spec?.members;
  if (Array.isArray(listed)) {
    for (const member of listed) {
      const ref =
        typeof member === 'string'
          ? toRef(member, 'user', group.metadata.namespace)
          : undefined;
      if (ref) members.add(ref);
    }
  }
  return members.size;
}

function titleOf(entity: Entity): string | undefined {
  const profile = entity.spec?.profile as { displayName?: unknown } | undefined;
  const displayName =
    typeof profile?.displayName === 'string' ? profile.displayName : undefined;
  return entity.metadata.title ?? displayName;
}

function emailOf(entity: Entity): string | undefined {
  const profile = entity.spec?.profile as { email?: unknown } | undefined;
  const email = typeof profile?.email === 'string' ? profile.email.trim() : '';
  return /^[^\s@]+@[^\s@]+$/.test(email) ? email : undefined;
}

/** Only links a browser may follow safely: no javascript:, data: and the like. */
function isSafeContactUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url);
}

function linkContacts(
  entity: Entity,
  source: OwnerContact['source'],
): OwnerContact[] {
  return CONTACT_LINK_TYPES.flatMap(type =>
    linksOfType(entity.metadata.links, type)
      .filter(link => isSafeContactUrl(link.url))
      .map(link => ({
        type,
        title: link.title ?? type,
        url: link.url,
        source,
      })),
  );
}

function annotationContacts(
  entity: Entity,
  urls: OnCallBaseUrls,
): OwnerContact[] {
  const annotations = entity.metadata.annotations ?? {};
  const contacts: OwnerContact[] = [];
  const pagerDuty = annotations[ANNOTATION_PAGERDUTY_SERVICE_ID];
  if (pagerDuty !== undefined) {
    const parsed = parsePagerDutyServiceIdAnnotation(pagerDuty);
    if (parsed.ok) {
      contacts.push({
        type: 'pagerduty',
        title: `PagerDuty service ${parsed.value}`,
        url: `${urls.pagerDutyBaseUrl}/service-directory/${parsed.value}`,
        source: 'entity',
      });
    }
  }
  const opsgenie = annotations[ANNOTATION_OPSGENIE_TEAM];
  if (opsgenie !== undefined) {
    const parsed = parseOpsgenieTeamAnnotation(opsgenie);
    if (parsed.ok) {
      // Opsgenie team pages are addressed by team ID, which the annotation
      // does not carry; the teams list is one search away from it.
      contacts.push({
        type: 'opsgenie',
        title: `Opsgenie team ${parsed.value}`,
        url: `${urls.opsgenieBaseUrl}/teams/list`,
        source: 'entity',
      });
    }
  }
  return contacts;
}

/**
 * The owner as the catalog has it: its kind (from the ref), the owner
 * entity when it exists and is a group or user, and the contacts it gives
 * (its links, its email).
 */
export function ownerSide(
  ownerRef: string,
  owner: Entity | undefined,
): { kind: string; found?: Entity; contacts: OwnerContact[] } {
  const kind = parseEntityRef(ownerRef).kind.toLowerCase();
  const found = owner && ['group', 'user'].includes(kind) ? owner : undefined;
  if (!found) return { kind, contacts: [] };
  const email = emailOf(found);
  return {
    kind,
    found,
    contacts: [
      ...linkContacts(found, 'owner'),
      ...(email
        ? [
            {
              type: 'email' as const,
              title: email,
              url: `mailto:${email}`,
              source: 'owner' as const,
            },
          ]
        : []),
    ],
  };
}

/** The contacts an entity gives itself: its links and on-call annotations. */
export function entityContacts(
  entity: Entity,
  urls: OnCallBaseUrls,
): OwnerContact[] {
  return [
    ...linkContacts(entity, 'entity'),
    ...annotationContacts(entity, urls),
  ];
}

/** What {@link buildOwnershipInfo} needs, already read from the catalog. */
export interface OwnershipInput {
  entity: Entity;
  /** The owner entity; undefined when the catalog has none. */
  owner?: Entity;
  /** The owner's parent groups, nearest first. */
  parents: Entity[];
  urls: OnCallBaseUrls;
}

/**
 * Who owns an entity, how to reach them, and what is wrong with that, from
 * entities already read from the catalog.
 */
export function buildOwnershipInfo(input: OwnershipInput): OwnershipInfo {
  const { entity, owner, parents, urls } = input;
  const entityRef = stringifyEntityRef(entity);
  const ownerRef = ownerRefOf(entity);
  const problems: OwnershipProblem[] = [];

  let info: OwnershipInfo['owner'] = null;
  let ownerContacts: OwnerContact[] = [];
  if (!ownerRef) {
    problems.push({
      code: 'owner-missing',
      message: `${entityRef} has no owner: set spec.owner to the team that runs it, such as group:default/payments.`,
    });
  } else {
    const side = ownerSide(ownerRef, owner);
    const { kind, found } = side;
    ownerContacts = side.contacts;
    info = {
      ref: ownerRef,
      kind: kind === 'user' ? 'user' : 'group',
      exists: Boolean(found),
      title: found && titleOf(found),
      email: found && emailOf(found),
      memberCount: found && kind === 'group' ? memberCountOf(found) : undefined,
      parents: found
        ? parents.map(
            (group): OwnerGroupRef => ({
              ref: stringifyEntityRef(group),
              title: titleOf(group),
            }),
          )
        : [],
    };
    if (!found) {
      problems.push({
        code: 'owner-not-found',
        message:
          kind === 'group' || kind === 'user'
            ? `The owner ${ownerRef} of ${entityRef} is not in the catalog: register that ${kind}, or set spec.owner to a team that exists.`
            : `The owner ${ownerRef} of ${entityRef} is a ${kind}, not a group: set spec.owner to the team that runs it.`,
      });
    } else if (info.kind === 'user') {
      problems.push({
        code: 'owner-is-user',
        message: `${entityRef} is owned by the person ${ownerRef}, not a team: set spec.owner to their team so that ownership survives people changing roles.`,
      });
    } else if (info.memberCount === 0) {
      problems.push({
        code: 'team-has-no-members',
        message: `The owning team ${ownerRef} has no members: list them in its spec.members, or add the team to the users' spec.memberOf.`,
      });
    }
  }

  const contacts = dedupe([...ownerContacts, ...entityContacts(entity, urls)]);

  if (!contacts.some(c => ON_CALL_TYPES.has(c.type))) {
    const where = info?.exists && info.kind === 'group' ? info.ref : entityRef;
    problems.push({
      code: 'no-oncall-contact',
      message: `Nobody can be paged for ${entityRef}: add a link of type oncall or escalation to ${where}, or a pagerduty.com/service-id or opsgenie.com/team annotation to ${entityRef}.`,
    });
  }

  return { entity: entityRef, owner: info, contacts, problems };
}

function dedupe(contacts: OwnerContact[]): OwnerContact[] {
  const seen = new Set<string>();
  return contacts.filter(c => {
    const key = `${c.type} ${c.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

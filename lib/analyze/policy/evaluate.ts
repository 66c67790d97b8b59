import type { PermissionRequest, RequestResource } from '../../model/permission-request.js';
import type { ParsedPolicy, Statement } from './statements.js';
import { actionMatches, type Match, resourceMatch } from './wildcard.js';

/**
 * IAM's evaluation logic for the identity-based policies of one role and its permissions boundary, within its
 * own account (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html):
 * an explicit Deny in any policy wins; otherwise the identity policies must Allow and, when there is a
 * boundary, so must the boundary (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html);
 * otherwise the request is implicitly denied. A request that names several resources is allowed only when
 * each one is.
 *
 * What a statement cannot settle here (a Condition, a resource pattern that covers some of the resources, a
 * policy variable, an unreadable document) counts both ways: the request is evaluated once with every such
 * statement applying where it denies and not where it allows (the least that is allowed), once the other way
 * round (the most). When the two answers differ, the verdict is `undecidable`, with the statements that made
 * the difference: the role then needs a simulation. So the evaluator never answers "allowed" when a statement
 * it could not settle might deny.
 *
 * Not seen here (nothing in an account's IAM says): service control and resource control policies
 * (AWS Organizations), session policies, and resource-based policies.
 */

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export type ActionVerdict =
  | { decision: Decision /** The Deny statement, for an explicit deny. */; deniedBy?: string }
  | { decision: 'undecidable'; because: readonly string[] };

/** A role's policies: its inline and attached managed policies, and its permissions boundary if it has one. */
export type PolicySet = { identity: readonly ParsedPolicy[]; boundary?: ParsedPolicy };

type Bound = { decision: Decision; deniedBy?: string };

/** How sure the evaluator is that a statement applies to one action on one resource. */
type Applicability = { statement: Statement; applies: Match };

const anyOf = (matches: readonly Match[]): Match =>
  matches.includes('yes') ? 'yes' : matches.every((m) => m === 'no') ? 'no' : 'maybe';
const negate = (match: Match): Match => (match === 'yes' ? 'no' : match === 'no' ? 'yes' : 'maybe');

/**
 * A pattern against the `*` of an action without resource-level permissions: only `*` matches it. The
 * Resource element's documentation also says such actions "apply to all resources in that service", so a
 * pattern for every resource of the action's service (`arn:aws:ec2:*:*:*`, `arn:aws:ec2:eu-west-1:111:*`)
 * is left undecided rather than taken as not matching; one naming a resource type does not match.
 */
function patternMatch(pattern: string, resource: RequestResource, service: string): Match {
  const match = resourceMatch(pattern, resource);
  if (match !== 'no' || resource.kind !== 'arn' || resource.arn !== '*') return match;
  const segments = pattern.split(':');
  const serviceSegment = segments[2];
  // The resource part (segments 6 on) is only `*`; or, cut short, the last segment is a `*` that runs on.
  const resourcePart = segments.length > 5 ? segments.slice(5).join(':') : (segments.at(-1) ?? '');
  const wholeService =
    serviceSegment !== undefined && actionMatches(serviceSegment, service) && /^\*+$/.test(resourcePart);
  return wholeService ? 'maybe' : 'no';
}

function applicability(statement: Statement, action: string, resource: RequestResource): Match {
  const named = statement.actions.patterns.some((pattern) => actionMatches(pattern, action));
  if (named === statement.actions.not) return 'no';
  const service = action.slice(0, action.indexOf(':'));
  const hit = anyOf(statement.resources.patterns.map((pattern) => patternMatch(pattern, resource, service)));
  const applies = statement.resources.not ? negate(hit) : hit;
  return applies === 'no' ? 'no' : statement.conditional ? 'maybe' : applies;
}

/** An unreadable policy may say anything: it stands for an Allow and a Deny that might both apply. */
function statementsOf(policy: ParsedPolicy): readonly Statement[] {
  if ('statements' in policy) return policy.statements;
  const unknown = { not: false, patterns: ['*'] };
  const common = { source: policy.unreadable, actions: unknown, resources: unknown, conditional: true };
  return [
    { ...common, effect: 'Allow' },
    { ...common, effect: 'Deny' },
  ];
}

/** One policy type's answer (the identity policies together, or the boundary) at one bound. */
function boundOf(applicable: readonly Applicability[], pessimistic: boolean): Bound {
  const counts = (a: Applicability) => a.applies === 'yes' || (a.applies === 'maybe' && !pessimistic);
  const denies = (a: Applicability) => a.applies === 'yes' || (a.applies === 'maybe' && pessimistic);
  const deny = applicable.find((a) => a.statement.effect === 'Deny' && denies(a));
  if (deny) return { decision: 'explicitDeny', deniedBy: deny.statement.source };
  return applicable.some((a) => a.statement.effect === 'Allow' && counts(a))
    ? { decision: 'allowed' }
    : { decision: 'implicitDeny' };
}

/** Deny in any part wins; allowed only when every part allows. */
function combine(bounds: readonly Bound[]): Bound {
  const deny = bounds.find((b) => b.decision === 'explicitDeny');
  if (deny) return deny;
  return bounds.every((b) => b.decision === 'allowed')
    ? { decision: 'allowed' }
    : { decision: 'implicitDeny' };
}

export type CompiledPolicySet = { identity: readonly Statement[]; boundary?: readonly Statement[] };

/** The statements of a policy set, read once and evaluated for as many requests as needed. */
export function compile(set: PolicySet): CompiledPolicySet {
  const identity = set.identity.flatMap(statementsOf);
  return set.boundary === undefined ? { identity } : { identity, boundary: statementsOf(set.boundary) };
}

function verdictOf(set: CompiledPolicySet, request: PermissionRequest): ActionVerdict {
  const least: Bound[] = [];
  const most: Bound[] = [];
  const undecided = new Set<string>();
  for (const resource of request.resources) {
    const parts = set.boundary === undefined ? [set.identity] : [set.identity, set.boundary];
    const applicable = parts.map((statements) =>
      statements
        .map((statement) => ({ statement, applies: applicability(statement, request.action, resource) }))
        .filter((a) => a.applies !== 'no'),
    );
    for (const part of applicable)
      for (const a of part) if (a.applies === 'maybe') undecided.add(a.statement.source);
    least.push(combine(applicable.map((part) => boundOf(part, true))));
    most.push(combine(applicable.map((part) => boundOf(part, false))));
  }
  const lower = combine(least);
  const upper = combine(most);
  if ((lower.decision === 'allowed') !== (upper.decision === 'allowed'))
    return { decision: 'undecidable', because: [...undecided].sort() };
  // Both bounds agree on allowed or not; a denial is named by the most favourable bound, which holds for sure.
  return upper.deniedBy === undefined
    ? { decision: upper.decision }
    : { decision: upper.decision, deniedBy: upper.deniedBy };
}

/** The verdict for each request's action (one request per action). */
export function evaluateRequests(
  set: CompiledPolicySet,
  requests: readonly PermissionRequest[],
): Map<string, ActionVerdict> {
  return new Map(requests.map((request) => [request.action, verdictOf(set, request)]));
}

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

/**
 * What is known of one statement, per action: whether it names it, and its answer per request resource. Roles
 * share their managed policies' statements, so a large account asks each of those the same few questions many
 * times; the resources are shared too (lib/analyze/policy/lambda-eni-use.ts builds them once per profile).
 */
type Known = { named: Map<string, boolean>; answers: Map<string, WeakMap<RequestResource, Match>> };
const knowledge = new WeakMap<Statement, Known>();

function knownOf(statement: Statement): Known {
  let known = knowledge.get(statement);
  if (known === undefined) {
    known = { named: new Map(), answers: new Map() };
    knowledge.set(statement, known);
  }
  return known;
}

/** Whether a statement names the action (Action) or leaves it out (NotAction). */
function names(statement: Statement, known: Known, action: string): boolean {
  let named = known.named.get(action);
  if (named === undefined) {
    let listed = false;
    for (const pattern of statement.actions.patterns) if (actionMatches(pattern, action)) listed = true;
    named = listed !== statement.actions.not;
    known.named.set(action, named);
  }
  return named;
}

/** A Resource of `*`: the statement covers every resource (the AWS managed policies' usual form). */
const coversEverything = (statement: Statement) =>
  !statement.resources.not && statement.resources.patterns.includes('*');

function applicability(statement: Statement, action: string, resource: RequestResource): Match {
  const known = knownOf(statement);
  if (!names(statement, known, action)) return 'no';
  if (coversEverything(statement)) return statement.conditional ? 'maybe' : 'yes';
  let answers = known.answers.get(action);
  if (answers === undefined) {
    answers = new WeakMap();
    known.answers.set(action, answers);
  }
  let match = answers.get(resource);
  if (match === undefined) {
    match = resourceApplicability(statement, action, resource);
    answers.set(resource, match);
  }
  return match;
}

function resourceApplicability(statement: Statement, action: string, resource: RequestResource): Match {
  const service = action.slice(0, action.indexOf(':'));
  let hit: Match = 'no';
  for (const pattern of statement.resources.patterns) {
    const match = patternMatch(pattern, resource, service);
    if (match === 'yes') {
      hit = 'yes';
      break;
    }
    if (match === 'maybe') hit = 'maybe';
  }
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

/** One policy type's answers (the identity policies together, or the boundary): the least and the most allowed. */
type Bounds = { least: Bound; most: Bound };

const ALLOWED: Bound = { decision: 'allowed' };
const IMPLICIT: Bound = { decision: 'implicitDeny' };

function boundsOf(
  statements: readonly Statement[],
  action: string,
  resource: RequestResource,
  undecided: Set<string>,
): Bounds {
  let denies: Statement | undefined;
  let mightDeny: Statement | undefined;
  let allows = false;
  let mightAllow = false;
  for (const statement of statements) {
    const applies = applicability(statement, action, resource);
    if (applies === 'no') continue;
    if (applies === 'maybe') undecided.add(statement.source);
    if (statement.effect === 'Deny') {
      if (applies === 'yes') denies ??= statement;
      else mightDeny ??= statement;
    } else if (applies === 'yes') allows = true;
    else mightAllow = true;
  }
  const leastDeny = denies ?? mightDeny;
  return {
    least: leastDeny ? { decision: 'explicitDeny', deniedBy: leastDeny.source } : allows ? ALLOWED : IMPLICIT,
    most: denies
      ? { decision: 'explicitDeny', deniedBy: denies.source }
      : allows || mightAllow
        ? ALLOWED
        : IMPLICIT,
  };
}

/** Deny in any part wins; allowed only when every part allows. */
function combine(a: Bound, b: Bound): Bound {
  if (a.decision === 'explicitDeny') return a;
  if (b.decision === 'explicitDeny') return b;
  return a.decision === 'allowed' && b.decision === 'allowed' ? ALLOWED : IMPLICIT;
}

export type CompiledPolicySet = { identity: readonly Statement[]; boundary?: readonly Statement[] };

/** The statements of a policy set, read once and evaluated for as many requests as needed. */
export function compile(set: PolicySet): CompiledPolicySet {
  const identity = set.identity.flatMap(statementsOf);
  return set.boundary === undefined ? { identity } : { identity, boundary: statementsOf(set.boundary) };
}

/** A number per statement object, for the memo keys below. */
const statementIds = new WeakMap<Statement, number>();
let nextStatementId = 0;

function idOf(statement: Statement): number {
  let id = statementIds.get(statement);
  if (id === undefined) {
    id = nextStatementId;
    nextStatementId += 1;
    statementIds.set(statement, id);
  }
  return id;
}

/** The statements that name at least one of the actions, in order: the only ones that can apply to the requests. */
function naming(statements: readonly Statement[], actions: readonly string[]): Statement[] {
  const result: Statement[] = [];
  for (const statement of statements) {
    const known = knownOf(statement);
    if (actions.some((action) => names(statement, known, action))) result.push(statement);
  }
  return result;
}

function evaluateVerdict(set: CompiledPolicySet, request: PermissionRequest): ActionVerdict {
  const undecided = new Set<string>();
  let lower: Bound = ALLOWED;
  let upper: Bound = ALLOWED;
  for (const resource of request.resources) {
    const identity = boundsOf(set.identity, request.action, resource, undecided);
    const boundary =
      set.boundary === undefined ? undefined : boundsOf(set.boundary, request.action, resource, undecided);
    lower = combine(lower, boundary ? combine(identity.least, boundary.least) : identity.least);
    upper = combine(upper, boundary ? combine(identity.most, boundary.most) : identity.most);
  }
  if ((lower.decision === 'allowed') !== (upper.decision === 'allowed'))
    return { decision: 'undecidable', because: [...undecided].sort() };
  // Both bounds agree on allowed or not; a denial is named by the most favourable bound, which holds for sure.
  return upper.deniedBy === undefined
    ? { decision: upper.decision }
    : { decision: upper.decision, deniedBy: upper.deniedBy };
}

/**
 * Verdicts by request list and by the statements that name its actions. Roles built by CDK or SAM differ only
 * in statements about other services (the function's own table or queue), so the thousands of execution roles
 * of a large account share a few answers for the ENI actions: each is worked out once. The request lists are
 * shared per network profile (lib/analyze/policy/lambda-eni-use.ts), so the memo lives as long as they do.
 */
const verdictsByRequests = new WeakMap<
  readonly PermissionRequest[],
  Map<string, ReadonlyMap<string, ActionVerdict>>
>();

/** The verdict for each request's action (one request per action). */
export function evaluateRequests(
  set: CompiledPolicySet,
  requests: readonly PermissionRequest[],
): ReadonlyMap<string, ActionVerdict> {
  const actions = requests.map((request) => request.action);
  const identity = naming(set.identity, actions);
  const boundary = set.boundary === undefined ? undefined : naming(set.boundary, actions);
  // No boundary (`-`) differs from a boundary that names none of the actions (empty: nothing allowed).
  const key = `${identity.map(idOf).join(',')}|${boundary === undefined ? '-' : boundary.map(idOf).join(',')}`;
  let byStatements = verdictsByRequests.get(requests);
  if (byStatements === undefined) {
    byStatements = new Map();
    verdictsByRequests.set(requests, byStatements);
  }
  let verdicts = byStatements.get(key);
  if (verdicts === undefined) {
    const relevant: CompiledPolicySet = boundary === undefined ? { identity } : { identity, boundary };
    verdicts = new Map(requests.map((request) => [request.action, evaluateVerdict(relevant, request)]));
    byStatements.set(key, verdicts);
  }
  return verdicts;
}

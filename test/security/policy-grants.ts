/**
 * A synthesized template read as IAM would: every identity policy of every role, flattened to one
 * (role, action, resource) per allowed pair, and every role's trust policy. Shared by the policy tests of the
 * auditor stack (deployed-policy.test.ts) and of the fan-out and member-role stacks (fanout-policy.test.ts).
 * Over-approximates rather than misses: `NotAction` reads as every action, `NotResource` as every resource.
 */
import { CfnElement, type Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';

/** What every IAM action looks like that only reads. */
export const READ = /^[a-z0-9-]+:(Describe|List|Get|Simulate|BatchGet|Head)[A-Za-z0-9]*$/;

/** X-Ray's write actions support no resource-level permissions: `*` is the only resource they take. */
export const STAR_ONLY_WRITES: ReadonlySet<string> = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
]);

export interface Statement {
  Effect: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export interface Grant {
  /** Who holds it, for messages: the role's logical id, or `<policy> (<roles>)` for a separate policy. */
  role: string;
  /** The logical ids of the roles it applies to (a `Ref` to each), or the role names as given. */
  roles: string[];
  action: string;
  resource: string;
}

export interface Trust {
  /** The role's logical id. */
  role: string;
  action: string;
  /** `Service:states.amazonaws.com`, `AWS:arn:<AWS::Partition>:iam::111111111111:root`, `AWS:*`, ... */
  principal: string;
  /** Every condition, `Operator key=value` with the values as text. */
  conditions: string[];
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/**
 * A CloudFormation value as text: `<Logical>` for a Ref, `<Logical.Arn>` for a GetAtt, joins joined,
 * `split(:,<X>)[6]` for a Select of a Split.
 */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(text).join(',');
  if (typeof value === 'object' && value !== null) {
    const ref = Reflect.get(value, 'Ref');
    if (typeof ref === 'string') return `<${ref}>`;
    const getAtt: unknown = Reflect.get(value, 'Fn::GetAtt');
    if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
    const join: unknown = Reflect.get(value, 'Fn::Join');
    if (Array.isArray(join)) {
      const [separator, parts] = join as [string, unknown[]];
      return parts.map(text).join(separator);
    }
    const select: unknown = Reflect.get(value, 'Fn::Select');
    if (Array.isArray(select)) return `${text(select[1])}[${text(select[0])}]`;
    const split: unknown = Reflect.get(value, 'Fn::Split');
    if (Array.isArray(split)) return `split(${text(split[0])},${text(split[1])})`;
  }
  return JSON.stringify(value);
}

export const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const resourcesOf = (template: Template): Resources =>
  (template.toJSON() as { Resources: Resources }).Resources;

/** The logical id a `Roles` entry names (`{ Ref: id }`), or its text. */
const roleIdOf = (value: unknown): string => {
  const ref = typeof value === 'object' && value !== null ? Reflect.get(value, 'Ref') : undefined;
  return typeof ref === 'string' ? ref : text(value);
};

/** Every allowed (role, action, resource) of the template: inline role policies, policies, managed policies. */
export function grantsOf(template: Template): { grants: Grant[]; managedPolicyArns: string[] } {
  const grants: Grant[] = [];
  const managedPolicyArns: string[] = [];
  const add = (role: string, roles: string[], statements: Statement[]) => {
    for (const statement of statements) {
      if (statement.Effect !== 'Allow') continue;
      const actions = statement.NotAction === undefined ? list(statement.Action) : ['*'];
      const resources = statement.NotResource === undefined ? list(statement.Resource) : ['*'];
      for (const action of actions)
        for (const resource of resources) grants.push({ role, roles, action, resource: text(resource) });
    }
  };
  for (const [id, resource] of Object.entries(resourcesOf(template))) {
    const properties = resource.Properties ?? {};
    if (resource.Type === 'AWS::IAM::Role') {
      for (const policy of list(properties.Policies as { PolicyDocument: { Statement: Statement[] } }[]))
        add(id, [id], list(policy.PolicyDocument.Statement));
      managedPolicyArns.push(...list(properties.ManagedPolicyArns).map(text));
    }
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
      const document = properties.PolicyDocument as { Statement: Statement | Statement[] };
      const roles = list(properties.Roles).map(roleIdOf);
      add(
        `${id} (${list(properties.Roles).map(text).join(',') || 'unattached'})`,
        roles,
        list(document.Statement),
      );
    }
    if (resource.Type === 'AWS::IAM::RolePolicy') {
      const document = properties.PolicyDocument as { Statement: Statement | Statement[] };
      const role = roleIdOf(properties.RoleName);
      add(`${id} (${text(properties.RoleName)})`, [role], list(document.Statement));
    }
  }
  return { grants, managedPolicyArns };
}

/** Every allowed (role, action, principal) of every role's trust policy, with its conditions. */
export function trustOf(template: Template): Trust[] {
  const trusts: Trust[] = [];
  for (const [id, resource] of Object.entries(resourcesOf(template))) {
    if (resource.Type !== 'AWS::IAM::Role') continue;
    const document = resource.Properties?.AssumeRolePolicyDocument as { Statement: Statement | Statement[] };
    for (const statement of list(document.Statement)) {
      if (statement.Effect !== 'Allow') continue;
      const principal = statement.Principal;
      const principals =
        typeof principal === 'object' && principal !== null
          ? Object.entries(principal).flatMap(([kind, values]) =>
              list(values as unknown).map((value) => `${kind}:${text(value)}`),
            )
          : [`AWS:${text(principal)}`];
      const conditions = Object.entries(statement.Condition ?? {}).flatMap(([operator, entries]) =>
        Object.entries(entries).flatMap(([key, values]) =>
          list(values as unknown).map((value) => `${operator} ${key}=${text(value)}`),
        ),
      );
      const actions = statement.NotAction === undefined ? list(statement.Action) : ['*'];
      for (const action of actions)
        for (const p of principals) trusts.push({ role: id, action, principal: p, conditions });
    }
  }
  return trusts;
}

/** The logical id of a construct's CloudFormation resource (a Role, a Bucket, a Function...). */
export function logicalId(stack: Stack, construct: IConstruct): string {
  const resource = construct.node.defaultChild;
  if (!(resource instanceof CfnElement))
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return stack.getLogicalId(resource);
}

/** `s` as a regular expression matching exactly itself. */
export const literal = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern matching exactly `action resource`. */
export const exact = (action: string, resource: string): RegExp =>
  new RegExp(`^${literal(action)} ${literal(resource)}$`);

/** Wildcard actions, and writes on `*` (those of `starOnly` aside): `role: action resource` for each. */
export function wildcardWrites(
  grants: readonly Grant[],
  starOnly: ReadonlySet<string> = STAR_ONLY_WRITES,
): string[] {
  return grants
    .filter(
      (g) =>
        g.action.includes('*') || (g.resource === '*' && !READ.test(g.action) && !starOnly.has(g.action)),
    )
    .map((g) => `${g.role}: ${g.action} ${g.resource}`);
}

/** Writes no pattern of `allowed` covers. */
export function writesOutside(grants: readonly Grant[], allowed: readonly RegExp[]): string[] {
  return grants
    .filter(
      (g) => !READ.test(g.action) && !allowed.some((pattern) => pattern.test(`${g.action} ${g.resource}`)),
    )
    .map((g) => `${g.role}: ${g.action} ${g.resource}`);
}

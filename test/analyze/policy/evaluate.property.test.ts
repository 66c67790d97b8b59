/**
 * The evaluator never guesses: for random policy sets (conditions, NotAction, NotResource, wildcards,
 * boundaries, unreadable documents) its decided answers hold in every world a statement it could not settle
 * leaves open. A world fixes whether each Condition holds, what an unreadable policy says, which network
 * interface Lambda touches, and how IAM reads a wildcard where the documentation leaves room (a `*` crossing
 * colons or not, a case difference, an EC2-wide pattern for a Describe action). The worlds are checked with an
 * evaluator of their own, written from the evaluation-logic page without the one under test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, evaluateRequests } from '../../../lib/analyze/policy/evaluate.js';
import { parsePolicy } from '../../../lib/analyze/policy/statements.js';
import { LAMBDA_ENI_ACTIONS, lambdaEniRequests } from '../../../lib/model/lambda-eni-actions.js';

const SCOPE = { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' };
const SUBNETS = ['subnet-a', 'subnet-b'];
const GROUPS = ['sg-1'];

const ACTIONS = [
  '*',
  'ec2:*',
  'ec2:*NetworkInterface*',
  'ec2:Create*',
  'ec2:DeleteNetworkInterface',
  'EC2:describe*',
  'ec2:?ssignPrivateIpAddresses',
  'ec2:*Instances',
  's3:*',
];
const RESOURCES = [
  '*',
  'arn:aws:ec2:*:*:*',
  'arn:aws:ec2:*',
  'arn:aws:EC2:*:*:*',
  'arn:aws:ec2:eu-west-1:123456789012:network-interface/*',
  'arn:aws:ec2:*:*:network-interface/eni-abc',
  'arn:aws:ec2:eu-west-1:*:*/eni-abc',
  'arn:*:ec2:*:*:network-interface/*',
  'arn:aws:ec2:*:*:subnet/subnet-a',
  'arn:aws:ec2:*:*:subnet/*',
  'arn:aws:ec2:*:*:security-group/sg-?',
  'arn:aws:ec2:*:network-interface/*',
  'arn:aws:s3:::bucket/*',
];

type GenStatement = {
  Effect: 'Allow' | 'Deny';
  actions: string[];
  notAction: boolean;
  resources: string[];
  notResource: boolean;
  conditional: boolean;
};
type GenPolicy = { unreadable: true } | { unreadable: false; statements: GenStatement[] };

const statement: fc.Arbitrary<GenStatement> = fc.record({
  Effect: fc.constantFrom('Allow' as const, 'Deny' as const),
  actions: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 3 }),
  notAction: fc.constantFrom(false, false, true),
  resources: fc.uniqueArray(fc.constantFrom(...RESOURCES), { minLength: 1, maxLength: 3 }),
  notResource: fc.boolean(),
  conditional: fc.boolean(),
});
const policy: fc.Arbitrary<GenPolicy> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .array(statement, { minLength: 1, maxLength: 3 })
      .map((statements) => ({ unreadable: false as const, statements })),
  },
  { weight: 1, arbitrary: fc.constant({ unreadable: true as const }) },
);
const policySet = fc.record({
  identity: fc.array(policy, { minLength: 0, maxLength: 3 }),
  boundary: fc.option(policy, { nil: undefined }),
});

function documentOf(p: GenPolicy): unknown {
  if (p.unreadable) return 'not a policy';
  return {
    Version: '2012-10-17',
    Statement: p.statements.map((s) => ({
      Effect: s.Effect,
      [s.notAction ? 'NotAction' : 'Action']: s.actions,
      [s.notResource ? 'NotResource' : 'Resource']: s.resources,
      ...(s.conditional ? { Condition: { Bool: { 'aws:ViaAWSService': 'true' } } } : {}),
    })),
  };
}

// --- the worlds' own evaluator ---------------------------------------------------------------------------

type Reading = { crossColons: boolean; ignoreCase: boolean; describeMeansService: boolean };
type World = {
  reading: Reading;
  /** Whether the n-th conditional statement (in generation order) holds. */
  conditions: boolean[];
  /** What the n-th unreadable policy says. */
  unreadable: ('nothing' | 'allow' | 'deny' | 'both')[];
  interfaceId: string;
};

function globRegex(pattern: string, reading: Reading): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i] ?? '';
    const endsSegment = i + 1 === pattern.length || pattern[i + 1] === ':';
    if (c === '*') source += reading.crossColons || endsSegment ? '.*' : '[^:]*';
    else if (c === '?') source += reading.crossColons ? '.' : '[^:]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, reading.ignoreCase ? 'is' : 's');
}

function resourceHit(pattern: string, arn: string, service: string, reading: Reading): boolean {
  if (globRegex(pattern, reading).test(arn)) return true;
  if (arn !== '*' || !reading.describeMeansService) return false;
  // "Applies to all resources in that service": a pattern that matches any resource of the service.
  const anyResource = `arn:aws:${service}:eu-west-1:123456789012:some-type/some-id`;
  return (
    globRegex(pattern, reading).test(anyResource) &&
    globRegex(pattern, reading).test(`arn:aws:${service}:us-east-1:999999999999:x`)
  );
}

type Effective = { effect: 'Allow' | 'Deny'; applies: (action: string, arn: string) => boolean };

function effectiveStatements(
  policies: readonly GenPolicy[],
  world: World,
  counter: { c: number; u: number },
): Effective[] {
  const out: Effective[] = [];
  for (const p of policies) {
    if (p.unreadable) {
      const says = world.unreadable[counter.u++] ?? 'both';
      if (says === 'allow' || says === 'both') out.push({ effect: 'Allow', applies: () => true });
      if (says === 'deny' || says === 'both') out.push({ effect: 'Deny', applies: () => true });
      continue;
    }
    for (const s of p.statements) {
      const holds = s.conditional ? (world.conditions[counter.c++] ?? true) : true;
      if (!holds) continue;
      out.push({
        effect: s.Effect,
        applies: (action, arn) => {
          const named = s.actions.some((a) =>
            globRegex(a, { ...world.reading, crossColons: true, ignoreCase: true }).test(action),
          );
          if (named === s.notAction) return false;
          const service = action.split(':')[0] ?? '';
          const hit = s.resources.some((r) => resourceHit(r, arn, service, world.reading));
          return hit !== s.notResource;
        },
      });
    }
  }
  return out;
}

function worldAllows(
  set: { identity: GenPolicy[]; boundary?: GenPolicy | undefined },
  world: World,
  action: string,
): boolean {
  const counter = { c: 0, u: 0 };
  const identity = effectiveStatements(set.identity, world, counter);
  const boundary =
    set.boundary === undefined ? undefined : effectiveStatements([set.boundary], world, counter);
  const request = lambdaEniRequests(SCOPE, SUBNETS, GROUPS).find((r) => r.action === action);
  if (request === undefined) throw new Error(action);
  return request.resources.every((resource) => {
    const arn = resource.kind === 'arn' ? resource.arn : `${resource.prefix}${world.interfaceId}`;
    const parts = boundary === undefined ? [identity] : [identity, boundary];
    if (parts.some((part) => part.some((s) => s.effect === 'Deny' && s.applies(action, arn)))) return false;
    return parts.every((part) => part.some((s) => s.effect === 'Allow' && s.applies(action, arn)));
  });
}

function countOf(set: { identity: GenPolicy[]; boundary?: GenPolicy | undefined }) {
  const all = [...set.identity, ...(set.boundary ? [set.boundary] : [])];
  return {
    conditions: all.reduce(
      (n, p) => n + (p.unreadable ? 0 : p.statements.filter((s) => s.conditional).length),
      0,
    ),
    unreadable: all.filter((p) => p.unreadable).length,
  };
}

const world = (conditions: number, unreadable: number): fc.Arbitrary<World> =>
  fc.record({
    reading: fc.record({
      crossColons: fc.boolean(),
      ignoreCase: fc.boolean(),
      describeMeansService: fc.boolean(),
    }),
    conditions: fc.array(fc.boolean(), { minLength: conditions, maxLength: conditions }),
    unreadable: fc.array(
      fc.constantFrom('nothing' as const, 'allow' as const, 'deny' as const, 'both' as const),
      {
        minLength: unreadable,
        maxLength: unreadable,
      },
    ),
    interfaceId: fc.constantFrom('eni-abc', 'eni-0123456789abcdef0', 'eni-xyz'),
  });

describe('evaluateRequests never guesses', () => {
  it('answers "allowed" only when every world allows, and a denial only when none does', () => {
    fc.assert(
      fc.property(
        policySet.chain((set) => {
          const { conditions, unreadable } = countOf(set);
          return fc.tuple(
            fc.constant(set),
            fc.array(world(conditions, unreadable), { minLength: 8, maxLength: 8 }),
          );
        }),
        ([set, worlds]) => {
          const compiled = compile({
            identity: set.identity.map((p, i) => parsePolicy(`p${i}`, documentOf(p))),
            ...(set.boundary === undefined
              ? {}
              : { boundary: parsePolicy('boundary', documentOf(set.boundary)) }),
          });
          const verdicts = evaluateRequests(compiled, lambdaEniRequests(SCOPE, SUBNETS, GROUPS));
          for (const action of LAMBDA_ENI_ACTIONS) {
            const verdict = verdicts.get(action);
            if (verdict === undefined || verdict.decision === 'undecidable') continue;
            for (const w of worlds)
              expect(worldAllows(set, w, action), `${action} in ${JSON.stringify(w)}`).toBe(
                verdict.decision === 'allowed',
              );
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

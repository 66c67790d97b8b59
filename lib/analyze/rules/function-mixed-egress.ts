import type { RuleResult } from '../../model/finding.js';
import { verdictWords } from '../egress/describe.js';
import type { VerdictKind } from '../egress/path.js';
import type { UsedSubnet } from '../egress/subnets.js';
import type { AddressFamily } from '../egress/targets.js';
import { judgeEachFunction, subnetEvidence, unknownReasons, versionsNote } from '../function-egress.js';
import { type FunctionVerdict, functionResult } from '../function-result.js';
import { judgeEachProvider } from '../provider-egress.js';
import { providerLabel } from '../provider-result.js';
import type { Rule } from '../rule.js';

const FAMILIES: readonly AddressFamily[] = ['ipv4', 'ipv6'];

export const functionMixedEgress: Rule = {
  id: 'function-mixed-egress',
  title: 'VPC function whose subnets reach the internet differently (mixed egress)',
  severity: 'high',
  severities: ['high'],
  section: 'routing',
  finds:
    'a function whose subnets end differently (internet in one, none or a dead end in another): invocations ' +
    'behave differently by subnet',
  resourceType: 'function',
  requires: ['functions', 'subnets', 'routeTables', 'natGateways', 'internetGateways'],
  risk:
    'Lambda places each execution environment in any of the configured subnets. When their egress paths end ' +
    'differently (one reaches the internet, another is public, isolated or dropped on the way), some invocations ' +
    'reach the internet and others time out: an intermittent failure that is hard to trace.',
  remediation:
    "Give every subnet of the function's configuration the same way out: private subnets whose default routes go " +
    'to NAT gateways (one per AZ), or only isolated subnets with VPC endpoints.',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html',
  ],
  capacityProviders: 'providers',
  evaluate({ index, snapshot }) {
    return [
      ...judgeEachFunction(
        index,
        (fn, configurations): RuleResult =>
          functionResult(
            fn,
            mixedVerdict(
              fn.name,
              configurations.map((c) => ({ who: `${fn.name}${versionsNote(fn, c.versions)}`, ...c })),
            ),
          ),
      ),
      // A provider is one configuration: every function on it runs on its instances, in its subnets.
      ...judgeEachProvider(snapshot, index, (network, used) => {
        const who = providerLabel(network);
        return mixedVerdict(who, [{ who, versions: [], egress: { used } }]);
      }),
    ];
  },
};

interface Configuration {
  /** Who runs in it, for the message: "orders-api (version 4)". */
  who: string;
  versions: string[];
  egress: { used: UsedSubnet[] };
}

// Each configuration on its own: versions run in their own subnets, so only a mix within one varies.
function mixedVerdict(name: string, configurations: readonly Configuration[]): FunctionVerdict {
  const evidence = {
    configurations: configurations.map((c) => ({
      versions: c.versions,
      subnets: c.egress.used.map(subnetEvidence),
    })),
  };
  let unresolved = false;
  for (const configuration of configurations) {
    for (const family of FAMILIES) {
      const paths = configuration.egress.used.flatMap((s) => s.paths.filter((p) => p.family === family));
      const known = paths.filter((p) => p.verdict.kind !== 'unknown');
      if (known.length < paths.length) unresolved = true;
      const kinds = [...new Set(known.map((p) => p.verdict.kind))];
      if (kinds.length < 2) continue;
      const byKind = kinds.map((kind: VerdictKind) => {
        const ids = known.filter((p) => p.verdict.kind === kind).map((p) => p.subnetId);
        return `${verdictWords(kind)}: ${ids.join(', ')}`;
      });
      return {
        status: 'fail',
        message:
          `${configuration.who} ends differently across its subnets ` +
          `(${family === 'ipv4' ? 'IPv4' : 'IPv6'}: ${byKind.join('; ')}): invocations behave differently ` +
          'depending on the subnet Lambda picks.',
        evidence,
      };
    }
  }
  if (unresolved)
    return {
      status: 'unknown',
      message: `Cannot tell whether ${name}'s subnets share one way out: ${unknownReasons(configurations.flatMap((c) => c.egress.used))}.`,
      evidence,
    };
  return {
    status: 'pass',
    message: `Each configuration of ${name} ends the same way in all its subnets.`,
    evidence,
  };
}

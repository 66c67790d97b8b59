import type { RuleResult } from '../../model/finding.js';
import type { EgressClass } from '../../model/routing.js';
import {
  classesOf,
  egressRouteEvidence,
  noSubnetResult,
  unknownReasons,
  variantEgress,
  versionsNote,
} from '../function-egress.js';
import { functionResult } from '../function-result.js';
import type { Rule } from '../rule.js';

export const functionMixedEgress: Rule = {
  id: 'function-mixed-egress',
  title: 'VPC function whose subnets route differently (mixed egress)',
  severity: 'high',
  severities: ['high'],
  section: 'routing',
  finds: 'a function whose subnets route differently: invocations behave differently by subnet',
  resourceType: 'function',
  requires: ['functions', 'subnets', 'routeTables', 'natGateways', 'internetGateways'],
  risk:
    'Lambda places each execution environment in any of the configured subnets. When their default routes differ ' +
    '(one through a NAT gateway, another public, isolated or blackholed), some invocations reach the internet ' +
    'and others time out: an intermittent failure that is hard to trace.',
  remediation:
    "Give every subnet of the function's configuration the same egress path: private subnets whose default routes " +
    'go to NAT gateways (one per AZ), or only isolated subnets with VPC endpoints.',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html',
  ],
  evaluate({ index }) {
    return index.vpcFunctions.map((fn): RuleResult => {
      // Judge each configuration: versions run in their own subnets, so only a mix within one configuration varies.
      const variants = variantEgress(fn, index);
      if (variants.every((v) => v.subnets.length === 0)) return noSubnetResult(fn);
      const configurations = variants.map(({ versions, subnets }) => {
        const known = subnets.filter((s) => s.egress !== 'unknown');
        return { versions, subnets, classes: classesOf(known), hasUnknown: known.length < subnets.length };
      });
      const evidence = {
        configurations: configurations.map((c) => ({
          versions: c.versions,
          subnets: c.subnets.map(egressRouteEvidence),
        })),
      };
      const mixed = configurations.filter((c) => c.classes.length > 1);
      const [first] = mixed;
      if (first) {
        const byClass = first.classes.map((cls: EgressClass) => {
          const ids = first.subnets.filter((s) => s.egress === cls).map((s) => s.subnetId);
          return `${cls}: ${ids.join(', ')}`;
        });
        return functionResult(fn, {
          status: 'fail',
          message:
            `${fn.name}${versionsNote(fn, first.versions)} mixes egress paths across its subnets ` +
            `(${byClass.join('; ')}): invocations behave differently depending on the subnet Lambda picks.`,
          evidence,
        });
      }
      const unresolved = configurations.filter((c) => c.hasUnknown);
      if (unresolved.length > 0) {
        return functionResult(fn, {
          status: 'unknown',
          message: `Cannot tell whether ${fn.name}'s subnets share one egress path. ${unknownReasons(unresolved.flatMap((c) => c.subnets))}`,
          evidence,
        });
      }
      return functionResult(fn, {
        status: 'pass',
        message: `Each configuration of ${fn.name} has one egress path (${configurations.map((c) => c.classes.join('')).join(', ')}).`,
        evidence,
      });
    });
  },
};

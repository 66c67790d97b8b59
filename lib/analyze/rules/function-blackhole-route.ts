import type { RuleResult } from '../../model/finding.js';
import {
  egressClassEvidence,
  egressEvidence,
  functionSubnetEgress,
  noSubnetResult,
  unknownReasons,
  versionsNote,
  versionsUsingAny,
} from '../function-egress.js';
import { functionResult } from '../function-result.js';
import type { Rule } from '../rule.js';

export const functionBlackholeRoute: Rule = {
  id: 'function-blackhole-route',
  title: 'VPC function in a subnet whose default route is a blackhole',
  severity: 'high',
  severities: ['high'],
  section: 'routing',
  finds: 'a default route in blackhole state, or to a NAT gateway that is deleted, failed or missing',
  resourceType: 'function',
  requires: ['functions', 'subnets', 'routeTables', 'natGateways', 'internetGateways'],
  risk:
    'The default route points at a NAT gateway or internet gateway that was deleted, failed or detached: traffic ' +
    'leaving the VPC is dropped silently, so calls to the internet and to public AWS endpoints time out.',
  remediation:
    "Point the subnet's default route (0.0.0.0/0) at an available NAT gateway in the same Availability Zone, or " +
    'move the function (and any published versions still using the subnet) to subnets that route correctly.',
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html',
  ],
  evaluate({ index }) {
    return index.vpcFunctions.map((fn): RuleResult => {
      const subnets = functionSubnetEgress(fn, index);
      if (subnets.length === 0) return noSubnetResult(fn);
      const blackholed = subnets.filter((s) => s.egress === 'blackhole');
      if (blackholed.length > 0) {
        const versions = versionsUsingAny(
          fn,
          blackholed.map((s) => s.subnetId),
        );
        // Subnets sharing a route table share the broken route: say it once per table.
        const byRoute = new Map<string, { table: string; detail: string; ids: string[] }>();
        for (const subnet of blackholed) {
          const table = subnet.routeTableId ?? 'unknown';
          const group = byRoute.get(`${table} ${subnet.detail}`);
          if (group) group.ids.push(subnet.subnetId);
          else
            byRoute.set(`${table} ${subnet.detail}`, {
              table,
              detail: subnet.detail,
              ids: [subnet.subnetId],
            });
        }
        const details = [...byRoute.values()].map(
          (g) => `${g.ids.join(', ')} (route table ${g.table}): ${g.detail}`,
        );
        return functionResult(fn, {
          status: 'fail',
          message:
            `${fn.name}${versionsNote(fn, versions)} runs in subnet${blackholed.length === 1 ? '' : 's'} whose ` +
            `default route goes nowhere; traffic leaving the VPC is dropped. ${details.join(' ')}`,
          evidence: { versions, subnets: blackholed.map(egressEvidence) },
        });
      }
      if (subnets.some((s) => s.egress === 'unknown')) {
        return functionResult(fn, {
          status: 'unknown',
          message: `Cannot tell whether ${fn.name}'s default routes work. ${unknownReasons(subnets)}`,
          evidence: { subnets: subnets.map(egressEvidence) },
        });
      }
      return functionResult(fn, {
        status: 'pass',
        message: `No subnet of ${fn.name} has a blackholed default route.`,
        evidence: { subnets: subnets.map(egressClassEvidence) },
      });
    });
  },
};

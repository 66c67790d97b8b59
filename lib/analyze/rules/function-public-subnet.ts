import type { RuleResult } from '../../model/finding.js';
import {
  firstHopUnknown,
  isPublicSubnetPath,
  isRouteUnknown,
  judgeEachFunction,
  subnetEvidence,
  subnetsWith,
  subnetWithRouteTable,
  unknownReasons,
  verdictEvidence,
  versionsNote,
  versionsUsingAny,
} from '../function-egress.js';
import { functionResult } from '../function-result.js';
import { providerPublicSubnet } from '../provider-checks.js';
import type { Rule } from '../rule.js';

export const functionPublicSubnet: Rule = {
  id: 'function-public-subnet',
  title: 'VPC function in a public subnet (no internet access)',
  severity: 'high',
  severities: ['high'],
  section: 'routing',
  finds:
    'a function in a subnet routed to an internet gateway: Lambda ENIs never get public IPs, so it has ' +
    'no (IPv4) internet',
  resourceType: 'function',
  capacityProviders: 'providers',
  requires: ['functions', 'subnets', 'routeTables', 'natGateways', 'internetGateways'],
  risk:
    'Lambda network interfaces get private IP addresses only, never a public one: in a subnet whose default route ' +
    'goes to an internet gateway the function cannot reach the internet or public AWS endpoints over IPv4 at all, ' +
    'and calls time out. A subnet can be public only through its VPC main route table, which is easy to miss.',
  remediation:
    'Move the function to private subnets whose default route (0.0.0.0/0) goes to a NAT gateway in the same ' +
    'Availability Zone, or to subnets with VPC endpoints for the AWS services it calls.',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html',
  ],
  evaluate({ index, snapshot }) {
    const functions = judgeEachFunction(index, (fn, configurations, subnets): RuleResult => {
      const publicSubnets = subnetsWith(subnets, isPublicSubnetPath);
      if (publicSubnets.length > 0) {
        const ids = [...new Set(publicSubnets.map((s) => s.subnet.subnetId))];
        const versions = versionsUsingAny(configurations, ids);
        // A subnet in several configurations is described once.
        const described = ids.flatMap((id) => {
          const used = publicSubnets.find((s) => s.subnet.subnetId === id);
          return used === undefined ? [] : [subnetWithRouteTable(used)];
        });
        return functionResult(fn, {
          status: 'fail',
          message:
            `${fn.name}${versionsNote(fn, versions)} uses public subnet${ids.length === 1 ? '' : 's'} ` +
            `${described.join(', ')}: its default route goes to an internet gateway and Lambda ENIs get no ` +
            'public IP, so invocations there have no IPv4 internet access.' +
            (publicSubnets.some((s) => s.subnet.ipv4.hops[0]?.viaMainTable)
              ? " A subnet without an explicit association uses the VPC's main route table, and that one is public."
              : ''),
          evidence: { versions, subnets: publicSubnets.map(subnetEvidence) },
        });
      }
      const unknown = subnets.filter((s) => firstHopUnknown(s.subnet.ipv4));
      if (unknown.length > 0) {
        return functionResult(fn, {
          status: 'unknown',
          message: `Cannot tell whether ${fn.name}'s subnets are public: ${unknownReasons(unknown, (p) => p.family === 'ipv4' && isRouteUnknown(p))}.`,
          evidence: { subnets: subnets.map(subnetEvidence) },
        });
      }
      return functionResult(fn, {
        status: 'pass',
        message: `None of ${fn.name}'s subnets routes straight to an internet gateway.`,
        evidence: { subnets: subnets.map(verdictEvidence) },
      });
    });
    return [...functions, ...providerPublicSubnet(snapshot, index)];
  },
};

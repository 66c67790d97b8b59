import type { RuleResult } from '../../model/finding.js';
import {
  egressClassEvidence,
  egressEvidence,
  functionSubnetEgress,
  noSubnetResult,
  subnetWithTable,
  unknownReasons,
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
    'no internet',
  resourceType: 'function',
  capacityProviders: 'providers',
  requires: ['functions', 'subnets', 'routeTables', 'natGateways', 'internetGateways'],
  risk:
    'Lambda network interfaces get private IP addresses only, never a public one: in a subnet whose default route ' +
    'goes to an internet gateway the function cannot reach the internet or public AWS endpoints at all, and calls ' +
    'time out. A subnet can be public only through its VPC main route table, which is easy to miss.',
  remediation:
    'Move the function to private subnets whose default route (0.0.0.0/0) goes to a NAT gateway in the same ' +
    'Availability Zone, or to subnets with VPC endpoints for the AWS services it calls.',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html#RouteTables',
  ],
  evaluate({ index, snapshot }) {
    const functions = index.vpcFunctions.map((fn): RuleResult => {
      const subnets = functionSubnetEgress(fn, index);
      if (subnets.length === 0) return noSubnetResult(fn);
      const publicSubnets = subnets.filter((s) => s.egress === 'public');
      if (publicSubnets.length > 0) {
        const versions = versionsUsingAny(
          fn,
          publicSubnets.map((s) => s.subnetId),
        );
        return functionResult(fn, {
          status: 'fail',
          message:
            `${fn.name}${versionsNote(fn, versions)} uses public subnet${publicSubnets.length === 1 ? '' : 's'} ` +
            `${publicSubnets.map(subnetWithTable).join(', ')}: its default route goes to an internet ` +
            'gateway and Lambda ENIs get no public IP, so invocations there have no internet access.' +
            (publicSubnets.some((s) => s.viaMainTable)
              ? " A subnet without an explicit association uses the VPC's main route table, and that one is public."
              : ''),
          evidence: { versions, subnets: publicSubnets.map(egressEvidence) },
        });
      }
      if (subnets.some((s) => s.egress === 'unknown')) {
        return functionResult(fn, {
          status: 'unknown',
          message: `Cannot tell whether ${fn.name}'s subnets are public. ${unknownReasons(subnets)}`,
          evidence: { subnets: subnets.map(egressEvidence) },
        });
      }
      return functionResult(fn, {
        status: 'pass',
        message: `None of ${fn.name}'s subnets routes to an internet gateway.`,
        evidence: { subnets: subnets.map(egressClassEvidence) },
      });
    });
    return [...functions, ...providerPublicSubnet(snapshot, index)];
  },
};

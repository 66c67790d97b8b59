import { hasFunctionUsers } from '../../model/demand.js';
import type { RuleResult, Severity } from '../../model/finding.js';
import { demandFor } from '../demand.js';
import { capacityText, percent, subnetEvidence, subnetVerdict } from '../demand-evidence.js';
import type { Rule } from '../rule.js';

/** Graded by how much of the demand does not fit: a subnet with room for nothing is the worst. */
export function shortfallSeverity(demand: number, capacity: number): Severity {
  const short = (demand - capacity) / demand;
  if (short >= 0.5) return 'high';
  if (short >= 0.2) return 'medium';
  return 'low';
}

export const subnetEniCapacity: Rule = {
  id: 'subnet-eni-capacity',
  title: 'Subnet cannot hold its projected ENI demand (legacy sizing formula)',
  severity: 'medium',
  severities: ['high', 'medium', 'low'],
  grading: 'by shortfall',
  section: 'demand',
  finds: 'a subnet whose free IPs plus the Lambda ENIs in it cannot hold its projected legacy demand',
  resourceType: 'subnet',
  requires: ['functions', 'subnets', 'metrics'],
  risk:
    "The Lambda VPC guide sizes a subnet for projected peak concurrency × memory GB / 1.5 GB ENIs. Today's " +
    'Hyperplane ENIs are shared, so this is a planning margin rather than a hard limit, but a subnet short of it ' +
    'has no room to grow: a new security-group combination, an ENI beyond 65,000 connections or another ' +
    'service in the subnet needs a free IP, and without one Lambda fails to create the ENI.',
  remediation:
    'Give the functions larger subnets (add a subnet with a bigger CIDR to their VPC configuration, or a ' +
    'secondary VPC CIDR), spread them over more subnets, or free IPs held by other interfaces in the subnet.',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/foundation-networking.html',
  ],
  evaluate({ snapshot, index, settings }) {
    const view = demandFor(snapshot, settings, index);
    // The functions' subnets: one only capacity providers use is capacity-provider-subnet-capacity's.
    return view.model.subnets.filter(hasFunctionUsers).map((subnet): RuleResult => {
      const base = { resourceType: 'subnet' as const, resourceId: subnet.subnetId };
      const evidence = subnetEvidence(subnet, view);
      const where = `${subnet.subnetId} (${subnet.availabilityZone}, ${subnet.cidrBlock ?? 'CIDR unknown'})`;
      const sizes = `projected legacy demand ${subnet.legacyDemand} ENIs against ${subnet.capacity} (${capacityText(subnet)})`;
      const verdict = subnetVerdict(subnet, 1);
      if (verdict.status === 'fail') {
        const short = subnet.legacyDemand - subnet.capacity;
        return {
          ...base,
          status: 'fail',
          severity: shortfallSeverity(subnet.legacyDemand, subnet.capacity),
          message: `${where}: ${sizes}: ${short} short (${percent(short / subnet.legacyDemand)} of the demand).`,
          evidence,
        };
      }
      if (verdict.status === 'unknown') {
        return {
          ...base,
          status: 'unknown',
          message: `${where}: ${sizes}; cannot tell: ${verdict.why}.`,
          evidence,
        };
      }
      return { ...base, status: 'pass', message: `${where}: ${sizes}.`, evidence };
    });
  },
};

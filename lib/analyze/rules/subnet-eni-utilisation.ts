import { hasFunctionUsers } from '../../model/demand.js';
import type { RuleResult } from '../../model/finding.js';
import { demandFor } from '../demand.js';
import { capacityText, percent, subnetEvidence, subnetVerdict } from '../demand-evidence.js';
import type { Rule } from '../rule.js';

export const subnetEniUtilisation: Rule = {
  id: 'subnet-eni-utilisation',
  title: 'Subnet near its ENI capacity at projected peak (legacy sizing formula)',
  severity: 'low',
  severities: ['low'],
  section: 'demand',
  finds:
    'a subnet whose projected legacy demand uses more than 80% of that capacity but still fits it (beyond it, ' +
    "the subnet is `subnet-eni-capacity`'s finding alone)",
  resourceType: 'subnet',
  requires: ['functions', 'subnets', 'metrics'],
  risk:
    'At projected peak the legacy sizing formula would use most of the free IPs of the subnet: the next ' +
    'traffic increase, new function or other service in it can exhaust the subnet.',
  remediation:
    'Plan more IP space before it runs out: add a larger subnet to the functions, or move other interfaces out ' +
    'of this one. Lower the threshold or headroom only if the projection is known to be pessimistic.',
  docs: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html'],
  evaluate({ snapshot, index, settings }) {
    const view = demandFor(snapshot, settings, index);
    const threshold = settings.subnetUtilisationThreshold;
    // The functions' subnets: one only capacity providers use is capacity-provider-subnet-capacity's. One whose
    // demand exceeds its capacity is subnet-eni-capacity's (a failure, or unknown without its Lambda ENIs): a
    // second, low finding that it is "near" its capacity would only repeat it.
    const judged = view.model.subnets.filter(
      (subnet) => hasFunctionUsers(subnet) && subnet.legacyDemand <= subnet.capacity,
    );
    return judged.map((subnet): RuleResult => {
      const base = { resourceType: 'subnet' as const, resourceId: subnet.subnetId };
      const evidence = { ...subnetEvidence(subnet, view), threshold };
      const used = subnet.utilisation === null ? 'more than all' : `${percent(subnet.utilisation)}`;
      const sizes =
        `projected legacy demand ${subnet.legacyDemand} ENIs uses ${used} of ${subnet.capacity} ` +
        `(${capacityText(subnet)}); threshold ${percent(threshold)}`;
      const verdict = subnetVerdict(subnet, threshold);
      if (verdict.status === 'fail') {
        return { ...base, status: 'fail', message: `${subnet.subnetId}: ${sizes}.`, evidence };
      }
      if (verdict.status === 'unknown') {
        return {
          ...base,
          status: 'unknown',
          message: `${subnet.subnetId}: ${sizes}; cannot tell: ${verdict.why}.`,
          evidence,
        };
      }
      return { ...base, status: 'pass', message: `${subnet.subnetId}: ${sizes}.`, evidence };
    });
  },
};

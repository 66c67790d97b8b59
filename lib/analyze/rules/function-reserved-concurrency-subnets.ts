import type { RuleResult } from '../../model/finding.js';
import { demandFor } from '../demand.js';
import { capacityText, LEGACY_FORMULA, plural } from '../demand-evidence.js';
import { legacyEnis, perSubnet } from '../demand-formula.js';
import { functionResult } from '../function-result.js';
import { mapDefined } from '../lists.js';
import type { Rule } from '../rule.js';

export const functionReservedConcurrencySubnets: Rule = {
  id: 'function-reserved-concurrency-subnets',
  title: "VPC function's reserved concurrency exceeds what its subnets can hold (legacy sizing formula)",
  severity: 'medium',
  severities: ['medium'],
  section: 'demand',
  finds: 'a function whose reserved concurrency, sized the same way, overflows one of its subnets',
  resourceType: 'function',
  requires: ['functions', 'functionDetails', 'subnets'],
  risk:
    'Reserved concurrency promises the function that many concurrent executions. Sized with the Lambda VPC ' +
    "guide's formula and spread over its subnets, that promise needs more IPs than at least one subnet has, " +
    'even before any other function uses it: the capacity the reservation pays for is not there.',
  remediation:
    'Add subnets (or larger ones) to the function, free IPs in the short subnet, or lower the reservation to ' +
    'what the subnets can hold.',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
  ],
  evaluate({ snapshot, index, settings }) {
    const view = demandFor(snapshot, settings, index);
    return index.vpcFunctions.map((fn): RuleResult => {
      const demand = view.functionByName.get(fn.name);
      if (demand === undefined || !demand.reservedConcurrencyKnown) {
        return functionResult(fn, {
          status: 'unknown',
          message: `${fn.name}: its reserved concurrency was not collected (GetFunction failed for it).`,
          evidence: {},
        });
      }
      const reserved = demand.reservedConcurrency;
      if (reserved === null) {
        return functionResult(fn, {
          status: 'pass',
          message: `${fn.name} has no reserved concurrency.`,
          evidence: { reservedConcurrency: null },
        });
      }
      const enis = legacyEnis(reserved, demand.memorySize, settings.legacyDivisorGb);
      const share = perSubnet(enis, demand.subnetIds.length);
      const subnets = mapDefined(demand.subnetIds, (id) => view.subnetById.get(id));
      const evidence = {
        reservedConcurrency: reserved,
        memorySize: demand.memorySize,
        divisorGb: settings.legacyDivisorGb,
        formula: LEGACY_FORMULA,
        legacyEnis: enis,
        enisPerSubnet: share,
        subnets: subnets.map((s) => ({
          subnetId: s.subnetId,
          freeIps: s.freeIps,
          lambdaEnisInUse: s.lambdaEnisInUse ?? 'not collected',
          capacity: s.capacity,
        })),
        missingSubnets: demand.missingSubnetIds,
      };
      const sizing = `reserved concurrency ${reserved} at ${demand.memorySize} MB needs ${plural(enis, 'ENI')}`;
      if (share === null) {
        return functionResult(fn, {
          status: 'unknown',
          message: `${fn.name}: ${sizing}, but none of its subnets was found.`,
          evidence,
        });
      }
      const short = subnets.filter((s) => share > s.capacity);
      const certain = short.filter((s) => s.lambdaEnisInUse !== null);
      const spread = `${sizing}, ${share} in each of ${plural(subnets.length, 'subnet')}`;
      if (certain.length > 0) {
        const names = certain.map((s) => `${s.subnetId} holds ${s.capacity} (${capacityText(s)})`).join('; ');
        return functionResult(fn, { status: 'fail', message: `${fn.name}: ${spread}; ${names}.`, evidence });
      }
      if (short.length > 0) {
        return functionResult(fn, {
          status: 'unknown',
          message:
            `${fn.name}: ${spread}; ${short.map((s) => s.subnetId).join(', ')} has fewer free IPs, and the ` +
            'Lambda ENIs whose IPs would add to them were not collected.',
          evidence,
        });
      }
      return functionResult(fn, {
        status: 'pass',
        message: `${fn.name}: ${spread}; every subnet holds that.`,
        evidence,
      });
    });
  },
};

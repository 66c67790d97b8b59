import type { RuleResult } from '../../model/finding.js';
import { functionResult } from '../function-result.js';
import { mapDefined } from '../lists.js';
import { providerMultiAz } from '../provider-checks.js';
import type { Rule } from '../rule.js';
import { sortedUnique } from '../snapshot-index.js';

export const functionMultiAz: Rule = {
  id: 'function-multi-az',
  title: 'VPC function spans too few Availability Zones',
  severity: 'medium',
  severities: ['medium'],
  section: 'configuration',
  finds:
    'a VPC function (or a published version), or a capacity provider, whose subnets span fewer than 2 AZs',
  resourceType: 'function',
  capacityProviders: 'providers',
  requires: ['functions', 'subnets'],
  risk:
    'Lambda runs a VPC function only in the Availability Zones of its subnets. With one AZ, an outage of that ' +
    'zone stops the function entirely.',
  remediation:
    'Configure at least one subnet in each of two or more Availability Zones (AWS recommends one per AZ).',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-5',
  ],
  evaluate({ index, settings, snapshot }) {
    const functions = index.vpcFunctions.map((fn): RuleResult => {
      // Judge each distinct configuration: an old version pinned to one AZ is still a single-AZ deployment.
      const variants = fn.variants.map((variant) => {
        const unknownSubnets = variant.subnetIds.filter((id) => !index.subnetById.has(id));
        const zones = sortedUnique(
          mapDefined(variant.subnetIds, (id) => index.subnetById.get(id)?.AvailabilityZone),
        );
        return { versions: variant.versions, subnetIds: variant.subnetIds, zones, unknownSubnets };
      });
      const evidence = {
        minimum: settings.minAvailabilityZones,
        configurations: variants.map((v) => ({
          versions: v.versions,
          subnets: v.subnetIds,
          availabilityZones: v.zones,
        })),
        recommendation: 'AWS recommends at least one subnet in each Availability Zone the VPC uses.',
      };
      const short = variants.filter((v) => v.zones.length < settings.minAvailabilityZones);
      const failing = short.filter((v) => v.unknownSubnets.length === 0);
      if (failing.length > 0) {
        const worst = failing.reduce((a, b) => (a.zones.length <= b.zones.length ? a : b));
        return functionResult(fn, {
          status: 'fail',
          message:
            `${fn.name} runs in ${worst.zones.length} Availability Zone${worst.zones.length === 1 ? '' : 's'} ` +
            `(${worst.zones.join(', ') || 'none'}) for version${worst.versions.length === 1 ? '' : 's'} ` +
            `${worst.versions.join(', ')}; at least ${settings.minAvailabilityZones} needed.`,
          evidence,
        });
      }
      if (short.length > 0) {
        const missing = sortedUnique(short.flatMap((v) => v.unknownSubnets));
        return functionResult(fn, {
          status: 'unknown',
          message: `Cannot tell the Availability Zones of ${fn.name}: subnet(s) ${missing.join(', ')} not found.`,
          evidence,
        });
      }
      return functionResult(fn, {
        status: 'pass',
        message: `${fn.name} spans enough Availability Zones.`,
        evidence,
      });
    });
    return [...functions, ...providerMultiAz(snapshot, index, settings)];
  },
};

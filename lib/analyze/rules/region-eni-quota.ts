import { describeQuota } from '../../model/demand.js';
import type { RuleResult } from '../../model/finding.js';
import { demandFor } from '../demand.js';
import { percent, plural } from '../demand-evidence.js';
import type { Rule } from '../rule.js';

export const regionEniQuota: Rule = {
  id: 'region-eni-quota',
  title: 'Region near its network interface quota',
  severity: 'high',
  severities: ['critical', 'high'],
  grading: 'critical at 100%',
  section: 'demand',
  finds:
    'ENIs of every kind in the region, plus Lambda ENIs still to create, above 80% of "Network ' +
    'interfaces per Region" (`vpc` `L-DF5E4CA3`, default 5,000)',
  resourceType: 'account',
  requires: ['functions', 'subnets', 'networkInterfaces'],
  risk:
    'Every ENI in the region, of every kind (instances, load balancers, NAT gateways, endpoints, EKS pods, ' +
    'Lambda), counts against "Network interfaces per Region". At the quota Lambda cannot create a Hyperplane ' +
    'ENI, and neither can any other service: deployments and scaling fail across the account.',
  remediation:
    'Delete unused ENIs (orphaned Lambda ENIs first), consolidate security groups so functions share ENIs, or ' +
    'request an increase of Amazon VPC quota L-DF5E4CA3 in Service Quotas.',
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-enis',
    'https://docs.aws.amazon.com/lambda/latest/dg/foundation-networking.html',
  ],
  evaluate({ snapshot, index, settings }) {
    const { model } = demandFor(snapshot, settings, index);
    const { region } = model;
    const quota = model.parameters.networkInterfacesPerRegion;
    const threshold = settings.quotaUtilisationThreshold;
    const base = { resourceType: 'account' as const, resourceId: snapshot.meta.accountId };
    const evidence = {
      region: snapshot.meta.region,
      networkInterfaces: region.networkInterfaces,
      byInterfaceType: snapshot.networkInterfaceCounts?.byInterfaceType ?? null,
      missingLambdaEnis: region.hyperplane.missingEnis,
      projectedNetworkInterfaces: region.projectedNetworkInterfaces,
      quota,
      threshold,
    };
    const missing = region.hyperplane.missingEnis;
    if (region.projectedNetworkInterfaces === null || region.utilisation === null || missing === null) {
      return [
        {
          ...base,
          status: 'unknown',
          message: `${snapshot.meta.region}: the region's network interfaces were not counted.`,
          evidence,
        },
      ];
    }
    const sizes =
      `${region.projectedNetworkInterfaces} network interfaces (${region.networkInterfaces} present + ` +
      `${plural(missing, 'Lambda ENI')} still to create) of the regional quota ${describeQuota(quota)}: ` +
      `${percent(region.utilisation)}, threshold ${percent(threshold)}`;
    const result: RuleResult =
      region.utilisation > threshold
        ? {
            ...base,
            status: 'fail',
            ...(region.utilisation >= 1 ? { severity: 'critical' as const } : {}),
            message: `${snapshot.meta.region}: ${sizes}.`,
            evidence,
          }
        : { ...base, status: 'pass', message: `${snapshot.meta.region}: ${sizes}.`, evidence };
    return [result];
  },
};

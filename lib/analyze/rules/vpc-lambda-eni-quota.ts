import { describeQuota } from '../../model/demand.js';
import type { RuleResult } from '../../model/finding.js';
import { demandFor } from '../demand.js';
import { percent } from '../demand-evidence.js';
import type { Rule } from '../rule.js';

export const vpcLambdaEniQuota: Rule = {
  id: 'vpc-lambda-eni-quota',
  title: "VPC near Lambda's per-VPC ENI quota (Hyperplane ENIs)",
  severity: 'high',
  severities: ['critical', 'high'],
  grading: 'critical at 100%',
  section: 'demand',
  finds:
    "a VPC whose Hyperplane ENIs (present plus still to create) exceed 80% of Lambda's per-VPC quota " +
    '(`L-9FEE3D26`, default 500)',
  resourceType: 'vpc',
  requires: ['functions', 'subnets', 'networkInterfaces'],
  risk:
    'Lambda creates one Hyperplane ENI per distinct (subnet, security-group set) across all functions and ' +
    'versions. At the "Elastic network interfaces per VPC" quota Lambda cannot create another: deploying a ' +
    'function with a new combination fails (ENILimitReachedException) and its invocations fail.',
  remediation:
    'Share security groups between functions (one set per tier rather than one per function), delete orphaned ' +
    'Lambda ENIs and old versions that pin unused combinations, or request a quota increase (Service Quotas, ' +
    'Lambda, L-9FEE3D26).',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/foundation-networking.html',
  ],
  evaluate({ snapshot, index, settings }) {
    const view = demandFor(snapshot, settings, index);
    const quota = view.model.parameters.lambdaEnisPerVpc;
    const threshold = settings.quotaUtilisationThreshold;
    return view.model.vpcs.map((vpc): RuleResult => {
      const base = { resourceType: 'vpc' as const, resourceId: vpc.vpcId };
      const { hyperplane } = vpc;
      const evidence = {
        combinations: hyperplane.combinations,
        existingLambdaEnis: hyperplane.existingEnis,
        missingLambdaEnis: hyperplane.missingEnis,
        projectedLambdaEnis: hyperplane.projectedEnis,
        quota,
        threshold,
        legacyDemand: vpc.legacyDemand,
      };
      if (hyperplane.projectedEnis === null || hyperplane.utilisation === null) {
        return { ...base, status: 'unknown', message: `${vpc.vpcId}: Lambda ENIs not collected.`, evidence };
      }
      const sizes =
        `${hyperplane.projectedEnis} Lambda ENIs (${hyperplane.existingEnis} present + ${hyperplane.missingEnis} ` +
        `still to create for ${hyperplane.combinations} combinations in use) of the per-VPC quota ` +
        `${describeQuota(quota)}: ${percent(hyperplane.utilisation)}, threshold ${percent(threshold)}`;
      if (hyperplane.utilisation > threshold) {
        return {
          ...base,
          status: 'fail',
          ...(hyperplane.utilisation >= 1 ? { severity: 'critical' as const } : {}),
          message: `${vpc.vpcId}: ${sizes}.`,
          evidence,
        };
      }
      return { ...base, status: 'pass', message: `${vpc.vpcId}: ${sizes}.`, evidence };
    });
  },
};

import type { RuleResult } from '../../model/finding.js';
import type { EndpointSummary } from '../egress.js';
import {
  egressClassEvidence,
  egressEvidence,
  noSubnetResult,
  unknownReasons,
  type VariantEgress,
  variantEgress,
  versionsNote,
} from '../function-egress.js';
import { functionResult } from '../function-result.js';
import { flatMapList } from '../lists.js';
import type { Rule } from '../rule.js';

/** The tag value that says a function needs the internet; compared without regard to case. */
export const INTERNET_TAG_VALUE = 'internet';

function endpointList(endpoints: readonly EndpointSummary[] | null): string {
  if (endpoints === null) return 'VPC endpoints were not collected';
  // DescribeVpcEndpoints answers `available`; the API reference spells the enum `Available`.
  const usable = endpoints.filter((e) => (e.state ?? 'available').toLowerCase() === 'available');
  if (usable.length === 0) return 'the VPC has no VPC endpoints';
  const names = usable.map((e) =>
    e.type.toLowerCase() === 'gateway' ? `${e.service} (gateway)` : e.service,
  );
  return `VPC endpoints: ${[...new Set(names)].sort().join(', ')}`;
}

/** Every configuration's subnets and the endpoints an isolated one can reach: a failed or unknown check's evidence. */
function isolationEvidence(
  tagKey: string,
  configurations: readonly VariantEgress[],
  endpoints: readonly EndpointSummary[] | null,
) {
  return {
    tagKey,
    configurations: configurations.map((c) => ({
      versions: c.versions,
      subnets: c.subnets.map(egressEvidence),
    })),
    endpoints,
  };
}

export const functionIsolated: Rule = {
  id: 'function-isolated',
  title: 'VPC function with no route out of its VPC (high when tagged as needing the internet)',
  severity: 'high',
  severities: ['high', 'info'],
  grading: 'high when tagged',
  section: 'routing',
  finds:
    'a function with no route out of its VPC; high when tagged `lambda-vpc-audit:egress=internet`; ' +
    'lists the VPC endpoints',
  resourceType: 'function',
  requires: ['functions', 'subnets', 'routeTables', 'natGateways', 'internetGateways'],
  risk:
    'None of the subnets has a default route: the function reaches only its VPC and the AWS services that have ' +
    'VPC endpoints there. That is a sound design for a function that needs nothing else; for one that calls the ' +
    'internet or an AWS service without an endpoint, every such call times out.',
  remediation:
    'If the function needs the internet, move it to private subnets routed through a NAT gateway; if it only calls ' +
    'AWS services, add VPC endpoints for each of them. Tag functions that need the internet ' +
    '(lambda-vpc-audit:egress=internet by default) so that the audit can tell the two apart.',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html',
    'https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html',
  ],
  evaluate({ index, settings }) {
    return index.vpcFunctions.map((fn): RuleResult => {
      const configurations = variantEgress(fn, index);
      if (configurations.every((c) => c.subnets.length === 0)) return noSubnetResult(fn);
      const subnets = flatMapList(configurations, (c) => c.subnets);
      const isolated = configurations.filter(
        (c) => c.subnets.length > 0 && c.subnets.every((s) => s.egress === 'none'),
      );
      const endpoints = isolated[0]?.subnets[0]?.endpoints ?? null;
      if (isolated.length === 0) {
        if (configurations.some((c) => c.subnets.some((s) => s.egress === 'unknown'))) {
          return functionResult(fn, {
            status: 'unknown',
            message: `Cannot tell whether ${fn.name} has a route out of its VPC. ${unknownReasons(subnets)}`,
            evidence: isolationEvidence(settings.internetTagKey, configurations, endpoints),
          });
        }
        return functionResult(fn, {
          status: 'pass',
          message: `${fn.name} has a default route out of its VPC.`,
          evidence: { subnets: subnets.map(egressClassEvidence) },
        });
      }
      // Built only here: a function with a way out (the usual case) passes with the short evidence above.
      const evidence = isolationEvidence(settings.internetTagKey, configurations, endpoints);
      const versions = isolated.flatMap((c) => c.versions);
      const where = `${fn.name}${versionsNote(fn, versions)} has no default route in any of its subnets`;
      const reach = `it reaches only its VPC and ${endpointList(endpoints)}`;
      const tags = fn.detail?.Tags;
      if (tags === undefined || tags === null) {
        return functionResult(fn, {
          status: 'unknown',
          // Unread tags might hold the internet tag: judged at the severity it would have.
          severity: 'high',
          message: `${where}; ${reach}. Its tags could not be read, so whether it needs the internet is unknown.`,
          evidence,
        });
      }
      const tagged = tags[settings.internetTagKey]?.trim().toLowerCase() === INTERNET_TAG_VALUE;
      if (tagged) {
        return functionResult(fn, {
          status: 'fail',
          severity: 'high',
          message: `${where}, yet it is tagged ${settings.internetTagKey}=${INTERNET_TAG_VALUE}: it cannot reach the internet; ${reach}.`,
          evidence,
        });
      }
      return functionResult(fn, {
        status: 'fail',
        severity: 'info',
        message: `${where}: ${reach}.`,
        evidence,
      });
    });
  },
};

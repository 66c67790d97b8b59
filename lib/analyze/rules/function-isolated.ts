import type { RuleResult } from '../../model/finding.js';
import type { Snapshot } from '../../model/snapshot.js';
import { callable, type EndpointSummary, type UsedSubnet } from '../egress/subnets.js';
import {
  type ConfigurationEgress,
  isRouteUnknown,
  judgeEachFunction,
  subnetEvidence,
  subnetsWith,
  unknownReasons,
  verdictEvidence,
  versionsNote,
} from '../function-egress.js';
import { type FunctionVerdict, functionResult } from '../function-result.js';
import { judgeEachProvider } from '../provider-egress.js';
import { providerLabel } from '../provider-result.js';
import type { Rule } from '../rule.js';
import type { SnapshotIndex } from '../snapshot-index.js';

/** The tag value that says a function needs the internet; compared without regard to case. */
export const INTERNET_TAG_VALUE = 'internet';

function endpointList(endpoints: readonly EndpointSummary[] | null): string {
  if (endpoints === null) return 'VPC endpoints were not collected';
  const usable = endpoints.filter(callable);
  if (usable.length === 0) return 'the VPC has no VPC endpoints';
  const names = usable.map((e) =>
    e.type.toLowerCase() === 'gateway' ? `${e.service} (gateway)` : e.service,
  );
  return `VPC endpoints: ${[...new Set(names)].sort().join(', ')}`;
}

const isolatedSubnet = (used: UsedSubnet): boolean =>
  used.paths.every((p) => p.routeVerdict.kind === 'isolated');

/** A configuration whose every subnet has no default route for what it sends. */
function isolatedConfiguration(configuration: ConfigurationEgress): boolean {
  return configuration.egress.used.length > 0 && configuration.egress.used.every(isolatedSubnet);
}

/** The `::/0` routes of subnets whose functions do not send IPv6: a way out someone meant, which they cannot use. */
function unusedIpv6Routes(configurations: readonly ConfigurationEgress[]): string[] {
  return [
    ...new Set(
      configurations.flatMap((c) =>
        c.egress.used
          .filter(
            (s) =>
              s.paths.every((p) => p.family === 'ipv4') && s.subnet.ipv6.routeVerdict.kind !== 'isolated',
          )
          .flatMap((s) =>
            s.subnet.ipv6.hops[0]?.route
              ? [`${s.subnet.subnetId}: ::/0 via ${s.subnet.ipv6.hops[0].route.targetId}`]
              : [],
          ),
      ),
    ),
  ];
}

export const functionIsolated: Rule = {
  id: 'function-isolated',
  title: 'VPC function with no route out of its VPC (high when it is meant to get out)',
  severity: 'high',
  severities: ['high', 'info'],
  grading: 'high when tagged or when its subnets have a default route it cannot use',
  section: 'routing',
  finds:
    'a function (or capacity provider) with no default route for what it sends; high when tagged ' +
    '`lambda-vpc-audit:egress=internet` (a provider: any function on it) or when its subnets route only IPv6 ' +
    '(`::/0`) and it does not send IPv6; lists the VPC endpoints',
  resourceType: 'function',
  requires: ['functions', 'subnets', 'routeTables', 'natGateways', 'internetGateways'],
  risk:
    'None of the subnets has a default route the function can use: it reaches only its VPC and the AWS services ' +
    'that have VPC endpoints there. That is a sound design for a function that needs nothing else; for one that ' +
    'calls the internet or an AWS service without an endpoint, every such call times out. A function without ' +
    'Ipv6AllowedForDualStack sends IPv4 only, so subnets whose only way out is ::/0 give it none.',
  remediation:
    'If the function needs the internet, move it to private subnets routed through a NAT gateway (or, for IPv6 ' +
    'only, turn on Ipv6AllowedForDualStack); if it only calls AWS services, add VPC endpoints for each of them. Tag ' +
    'functions that need the internet (lambda-vpc-audit:egress=internet by default) so that the audit can tell ' +
    'the two apart.',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/API_VpcConfig.html',
    'https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html',
  ],
  capacityProviders: 'providers',
  evaluate({ index, settings, snapshot }) {
    const functions = judgeEachFunction(index, (fn, configurations, subnets): RuleResult => {
      const isolated = configurations.filter(isolatedConfiguration);
      if (isolated.length === 0) {
        const unknown = subnetsWith(subnets, isRouteUnknown);
        if (unknown.length > 0)
          return functionResult(fn, {
            status: 'unknown',
            message: `Cannot tell whether ${fn.name} has a route out of its VPC: ${unknownReasons(unknown, isRouteUnknown)}.`,
            evidence: { subnets: subnets.map(subnetEvidence) },
          });
        return functionResult(fn, {
          status: 'pass',
          message: `${fn.name} has a default route out of its VPC.`,
          evidence: { subnets: subnets.map(verdictEvidence) },
        });
      }
      const vpcId = isolated[0]?.egress.used[0]?.subnet.vpcId;
      const endpoints = vpcId ? index.egress.endpoints(vpcId) : null;
      const unusable = unusedIpv6Routes(isolated);
      const evidence = {
        tagKey: settings.internetTagKey,
        configurations: isolated.map((c) => ({
          versions: c.versions,
          subnets: c.egress.used.map(subnetEvidence),
        })),
        unusableIpv6Routes: unusable,
        endpoints,
      };
      const versions = isolated.flatMap((c) => c.versions);
      const where = `${fn.name}${versionsNote(fn, versions)} has no default route it can use in any of its subnets`;
      const reach = `it reaches only its VPC and ${endpointList(endpoints)}`;
      if (unusable.length > 0) {
        return functionResult(fn, {
          status: 'fail',
          severity: 'high',
          message:
            `${where}: they route only IPv6 (${unusable.join('; ')}), and it does not send IPv6 ` +
            `(Ipv6AllowedForDualStack is off), so it has no internet; ${reach}.`,
          evidence,
        });
      }
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
    return [...functions, ...providersIsolated(snapshot, index, settings.internetTagKey)];
  },
};

/**
 * A capacity provider with no IPv4 default route: its functions reach only the VPC and its endpoints. A provider
 * carries no tags of its own; its functions do, so it is judged as they would be: high when any function on it is
 * tagged to need the internet, unknown (at high) when some function's tags could not be read, else info. Whether
 * the instances send IPv6 is not documented, so subnets that route only `::/0` make it unknown, not a failure.
 */
function providersIsolated(snapshot: Snapshot, index: SnapshotIndex, tagKey: string): RuleResult[] {
  return judgeEachProvider(snapshot, index, (network, subnets): FunctionVerdict => {
    const label = providerLabel(network);
    if (!subnets.every(isolatedSubnet)) {
      const unknown = subnetsWith(subnets, isRouteUnknown);
      if (unknown.length > 0)
        return {
          status: 'unknown',
          message: `Cannot tell whether ${label} has a route out of its VPC: ${unknownReasons(unknown, isRouteUnknown)}.`,
          evidence: { subnets: subnets.map(subnetEvidence) },
        };
      return {
        status: 'pass',
        message: `${label} has a default route out of its VPC.`,
        evidence: { subnets: subnets.map(verdictEvidence) },
      };
    }
    const vpcId = subnets[0]?.subnet.vpcId;
    const endpoints = vpcId ? index.egress.endpoints(vpcId) : null;
    const configuration: ConfigurationEgress = {
      versions: [],
      subnetIds: network.subnetIds,
      ipv6AllowedForDualStack: false,
      egress: { used: subnets, deleted: [] },
    };
    const unusable = unusedIpv6Routes([configuration]);
    const evidence = {
      tagKey,
      subnets: subnets.map(subnetEvidence),
      unusableIpv6Routes: unusable,
      endpoints,
    };
    const where = `${label} has no IPv4 default route in any of its subnets`;
    const reach = `its functions reach only its VPC and ${endpointList(endpoints)}`;
    if (unusable.length > 0)
      return {
        status: 'unknown',
        severity: 'high',
        message:
          `${where}: they route only IPv6 (${unusable.join('; ')}), and whether Lambda's managed instances send ` +
          `IPv6 is not documented; over IPv4 ${reach}.`,
        evidence,
      };
    const tagsOf = (name: string) => snapshot.functionDetails?.[name]?.Tags;
    const tagged = network.functionNames.filter(
      (name) => tagsOf(name)?.[tagKey]?.trim().toLowerCase() === INTERNET_TAG_VALUE,
    );
    if (tagged.length > 0)
      return {
        status: 'fail',
        severity: 'high',
        message:
          `${where}, yet ${tagged.join(', ')} on it ${tagged.length === 1 ? 'is' : 'are'} tagged ` +
          `${tagKey}=${INTERNET_TAG_VALUE}: they cannot reach the internet; ${reach}.`,
        evidence,
      };
    const unread = network.functionNames.filter(
      (name) => tagsOf(name) === undefined || tagsOf(name) === null,
    );
    if (unread.length > 0)
      return {
        status: 'unknown',
        // Unread tags might hold the internet tag: judged at the severity it would have.
        severity: 'high',
        message: `${where}; ${reach}. The tags of ${unread.join(', ')} could not be read, so whether they need the internet is unknown.`,
        evidence,
      };
    return { status: 'fail', severity: 'info', message: `${where}: ${reach}.`, evidence };
  });
}

import type { EgressPath } from '../egress/path.js';
import type { UsedSubnet } from '../egress/subnets.js';
import {
  type EgressSubject,
  isRouteUnknown,
  pathList,
  stopOf,
  subnetEvidence,
  subnetsWith,
  unknownReasons,
  verdictEvidence,
} from '../function-egress.js';
import type { FunctionVerdict } from '../function-result.js';
import { judgeFunctionsAndProviders } from '../provider-egress.js';
import type { Rule } from '../rule.js';

const isBlackholed = (path: EgressPath) => stopOf(path) === 'blackhole';

export const functionBlackholeRoute: Rule = {
  id: 'function-blackhole-route',
  title: 'VPC function whose egress path ends in a blackhole',
  severity: 'high',
  severities: ['high'],
  section: 'routing',
  finds:
    "a default route on the path (the subnet's or a NAT's, firewall's, ...) in blackhole state, or to a target " +
    'that is deleted, failed, detached or gone (NAT gateway, NAT instance, peering, transit gateway attachment)',
  resourceType: 'function',
  requires: ['functions', 'subnets', 'routeTables', 'natGateways', 'internetGateways'],
  risk:
    'A route on the way out points at a NAT gateway, instance, gateway or attachment that was deleted, failed or ' +
    'detached: traffic leaving the VPC is dropped silently, so calls to the internet and to public AWS endpoints ' +
    'time out.',
  remediation:
    'Point the route at an available target (for a function subnet, a NAT gateway in the same Availability Zone), ' +
    'or move the function (and any published versions still using the subnet) to subnets that route correctly.',
  docs: [
    'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html',
  ],
  capacityProviders: 'providers',
  evaluate({ index, snapshot }) {
    return judgeFunctionsAndProviders(snapshot, index, blackholeVerdict);
  },
};

function blackholeVerdict(subject: EgressSubject, subnets: UsedSubnet[]): FunctionVerdict {
  const blackholed = subnetsWith(subnets, isBlackholed);
  if (blackholed.length > 0) {
    const ids = [...new Set(blackholed.map((s) => s.subnet.subnetId))];
    const { who, evidence } = subject.using(ids);
    return {
      status: 'fail',
      message:
        `${who} runs in subnet${ids.length === 1 ? '' : 's'} whose way out goes nowhere; traffic leaving the ` +
        `VPC is dropped: ${pathList(blackholed, isBlackholed)}.`,
      evidence: { ...evidence, subnets: blackholed.map(subnetEvidence) },
    };
  }
  const unknown = subnetsWith(subnets, isRouteUnknown);
  if (unknown.length > 0)
    return {
      status: 'unknown',
      message: `Cannot tell whether ${subject.name}'s routes lead anywhere: ${unknownReasons(unknown, isRouteUnknown)}.`,
      evidence: { subnets: subnets.map(subnetEvidence) },
    };
  return {
    status: 'pass',
    message: `No route on ${subject.name}'s egress paths is a blackhole.`,
    evidence: { subnets: subnets.map(verdictEvidence) },
  };
}

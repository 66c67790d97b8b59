import type { EgressPath } from '../egress/path.js';
import type { UsedSubnet } from '../egress/subnets.js';
import {
  type EgressSubject,
  isPublicSubnetPath,
  isUnknown,
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

/** A default route that leads nowhere near the internet; public subnets and blackholes have rules of their own. */
const noInternet = (path: EgressPath): boolean => {
  const stop = stopOf(path);
  return stop !== null && stop !== 'blackhole' && !isPublicSubnetPath(path);
};
const leavesBeyondView = (path: EgressPath): boolean => path.verdict.kind === 'beyond';

export const functionNoInternetPath: Rule = {
  id: 'function-no-internet-path',
  title: 'VPC function whose default route cannot reach the internet',
  severity: 'high',
  severities: ['high', 'info'],
  grading: 'unknown at info beyond a transit gateway or VPN',
  section: 'routing',
  finds:
    'a function whose default route exists but cannot reach the internet: peering, a private NAT gateway, a ' +
    'firewall endpoint straight to an internet gateway, a NAT instance stopped or with source/destination check ' +
    'on, a NAT without a way out, a network ACL blocking HTTPS or its replies, a loop (the hop that stops it is ' +
    'named); unknown at info when it leaves through a transit gateway or VPN, beyond which this account cannot see',
  resourceType: 'function',
  requires: ['functions', 'subnets', 'routeTables', 'natGateways', 'internetGateways'],
  risk:
    'The subnet has a default route, so someone meant the function to get out, but the path AWS follows ends before ' +
    "the internet: a peering connection never carries traffic on to the peer VPC's gateways, an internet gateway " +
    'drops traffic from private addresses (a private NAT gateway, or a firewall endpoint with no NAT after it), a ' +
    'NAT instance must run with source/destination checking off and a public address, and network ACLs are ' +
    'stateless. Calls to the internet and to public AWS endpoints time out.',
  remediation:
    'Follow the path in the finding to the hop that stops it and fix that hop: route the subnet (or the firewall ' +
    "endpoint's subnet) through a public NAT gateway whose subnet routes to the internet gateway; start the NAT " +
    'instance, turn its source/destination check off and give it an Elastic IP; allow outbound TCP 443 and inbound ' +
    'TCP 1024-65535 in the network ACL. For a transit gateway, check the central egress VPC from its own account.',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html',
    'https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html',
  ],
  capacityProviders: 'providers',
  evaluate({ index, snapshot }) {
    return judgeFunctionsAndProviders(snapshot, index, noInternetVerdict);
  },
};

function noInternetVerdict(subject: EgressSubject, subnets: UsedSubnet[]): FunctionVerdict {
  const stopped = subnetsWith(subnets, noInternet);
  if (stopped.length > 0) {
    const { who, evidence } = subject.using(stopped.map((s) => s.subnet.subnetId));
    return {
      status: 'fail',
      message: `${who} has a default route but no way to the internet: ${pathList(stopped, noInternet)}.`,
      evidence: { ...evidence, subnets: stopped.map(subnetEvidence) },
    };
  }
  const unknown = subnetsWith(subnets, isUnknown);
  if (unknown.length > 0)
    return {
      status: 'unknown',
      message: `Cannot tell whether ${subject.name} reaches the internet: ${unknownReasons(unknown)}.`,
      evidence: { subnets: subnets.map(subnetEvidence) },
    };
  const beyond = subnetsWith(subnets, leavesBeyondView);
  if (beyond.length > 0)
    // Neither a failure nor a pass: whatever is beyond the transit gateway is another account's to check.
    return {
      status: 'unknown',
      severity: 'info',
      message: `${subject.name}: ${[...new Set(beyond.flatMap((s) => s.paths.filter(leavesBeyondView).map((p) => p.detail)))].join('; ')}.`,
      evidence: { subnets: beyond.map(subnetEvidence) },
    };
  return {
    status: 'pass',
    message: `Every default route of ${subject.name}'s subnets reaches the internet.`,
    evidence: { subnets: subnets.map(verdictEvidence) },
  };
}

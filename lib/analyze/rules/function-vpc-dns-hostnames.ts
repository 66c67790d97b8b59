import type { RuleResult } from '../../model/finding.js';
import type { EndpointSummary } from '../egress/subnets.js';
import { functionResult } from '../function-result.js';
import { oncePer } from '../memo.js';
import type { Rule } from '../rule.js';
import { functionVpcIds } from '../snapshot-index.js';

/** Endpoint states in which it serves nothing (DescribeVpcEndpoints spells them in either case). */
const NOT_SERVING = new Set([
  'pendingacceptance',
  'pending',
  'deleting',
  'deleted',
  'rejected',
  'failed',
  'expired',
]);

/**
 * An interface endpoint whose service name resolves to it inside the VPC (when the VPC lets it); null when that
 * cannot be told (type, state or private DNS not recorded, or a state no documentation lists).
 */
function usesPrivateDns(endpoint: EndpointSummary): boolean | null {
  const type = endpoint.type.toLowerCase();
  // Only interface endpoints have private DNS: without a type, the private DNS flag says which it is.
  if (type !== 'interface' && type !== 'unknown') return false;
  if (endpoint.privateDns === false) return false;
  const state = (endpoint.state ?? 'available').toLowerCase();
  if (NOT_SERVING.has(state)) return false;
  return state === 'available' ? endpoint.privateDns : null;
}

type VpcJudgement =
  | { vpcId: string; status: 'pass'; why: string }
  | { vpcId: string; status: 'fail'; endpoints: EndpointSummary[] }
  | { vpcId: string; status: 'unknown'; why: string };

export const functionVpcDnsHostnames: Rule = {
  id: 'function-vpc-dns-hostnames',
  title: 'VPC function whose interface endpoints cannot resolve privately (DNS hostnames off)',
  severity: 'high',
  severities: ['high'],
  section: 'routing',
  finds:
    'a function in a VPC with `enableDnsHostnames` off that has interface endpoints with private DNS: it names ' +
    'the endpoints and the services whose calls no longer resolve to them (quiet when there are none)',
  resourceType: 'function',
  requires: ['functions', 'subnets', 'vpcAttributes'],
  risk:
    "An interface endpoint's private DNS (the service's default name resolving to the endpoint inside the VPC) " +
    'needs both enableDnsHostnames and enableDnsSupport. With hostnames off, AWS SDK calls to those services ' +
    'resolve to their public endpoints instead, which an isolated function cannot reach and a NAT-routed one ' +
    'reaches at NAT data-processing cost. Hostnames off is the default of every non-default VPC and harmless ' +
    'without such endpoints.',
  remediation: "Turn on the VPC's DNS hostnames (ModifyVpcAttribute --enable-dns-hostnames).",
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html#vpc-dns-hostnames',
    'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html',
  ],
  evaluate({ snapshot, index }) {
    const attributes = snapshot.vpcAttributes ?? {};
    const judge = oncePer((vpcId: string): VpcJudgement => {
      const hostnames = attributes[vpcId]?.EnableDnsHostnames;
      if (hostnames === undefined)
        return { vpcId, status: 'unknown', why: `enableDnsHostnames was not read for ${vpcId}` };
      if (hostnames) return { vpcId, status: 'pass', why: `${vpcId} has enableDnsHostnames on` };
      const endpoints = index.egress.endpoints(vpcId);
      if (endpoints === null)
        return {
          vpcId,
          status: 'unknown',
          why: `${vpcId} has enableDnsHostnames off and its VPC endpoints were not collected`,
        };
      const privateDns = endpoints.filter((e) => usesPrivateDns(e) === true);
      if (privateDns.length > 0) return { vpcId, status: 'fail', endpoints: privateDns };
      if (endpoints.some((e) => usesPrivateDns(e) === null))
        return {
          vpcId,
          status: 'unknown',
          why: `${vpcId} has enableDnsHostnames off and the private DNS of its interface endpoints was not recorded`,
        };
      return {
        vpcId,
        status: 'pass',
        why: `${vpcId} has enableDnsHostnames off, but no interface endpoint there uses private DNS`,
      };
    });
    return index.vpcFunctions.map((fn): RuleResult => {
      const vpcs = functionVpcIds(fn, index).map(judge);
      const evidence = { vpcs };
      const failing = vpcs.flatMap((v) => (v.status === 'fail' ? [v] : []));
      if (failing.length > 0) {
        const named = failing.flatMap((v) => v.endpoints.map((e) => `${e.vpcEndpointId} (${e.service})`));
        const services = [...new Set(failing.flatMap((v) => v.endpoints.map((e) => e.service)))].sort();
        return functionResult(fn, {
          status: 'fail',
          message:
            `${fn.name}'s VPC ${failing.map((v) => v.vpcId).join(', ')} has enableDnsHostnames off, so the private DNS ` +
            `of its interface endpoints ${named.join(', ')} does not apply: calls to ${services.join(', ')} resolve ` +
            'to the public service endpoints instead of the endpoints.',
          evidence,
        });
      }
      const unknown = vpcs.flatMap((v) => (v.status === 'unknown' ? [v.why] : []));
      if (vpcs.length === 0 || unknown.length > 0)
        return functionResult(fn, {
          status: 'unknown',
          message: `Cannot tell whether ${fn.name}'s interface endpoints resolve privately: ${unknown.length > 0 ? unknown.join('; ') : 'none of its subnets was found'}.`,
          evidence,
        });
      return functionResult(fn, {
        status: 'pass',
        message: `${fn.name}: ${vpcs.map((v) => (v.status === 'pass' ? v.why : '')).join('; ')}.`,
        evidence,
      });
    });
  },
};

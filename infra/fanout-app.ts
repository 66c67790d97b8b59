import { type App, Token } from 'aws-cdk-lib';
import { ConfigError } from '../lib/errors.js';
import { assertFreshBundle } from './bundle.js';
import { acknowledgeFanOutNagFindings } from './fanout-nag.js';
import { fanOutEnabled, parseFanOutParameters } from './fanout-parameters.js';
import { FANOUT_BUNDLE_DIR, FanOutStack } from './fanout-stack.js';
import { MemberRoleStack } from './member-role-stack.js';
import type { AuditorStack } from './stack.js';

export const FANOUT_STACK_NAME = 'LambdaVpcAuditorFanOut';
export const MEMBER_ROLE_STACK_NAME = 'LambdaVpcAuditMemberRole';

export interface FanOutApp {
  fanOut: FanOutStack;
  memberRole: MemberRoleStack;
}

export function isFanOutEnabled(app: App): boolean {
  return fanOutEnabled(app.node.getAllContext());
}

/**
 * The opt-in fan-out (`-c fanout:enabled=true`): the state machine beside the first auditor stack (one fan-out
 * covers every region), and the member-role stack to deploy in each member account. cdk-nag, registered on the
 * app by the auditor app, checks both.
 */
export function defineFanOutApp(
  app: App,
  auditors: readonly AuditorStack[],
  fanOutBundleDir = FANOUT_BUNDLE_DIR,
): FanOutApp {
  const fanOut = parseFanOutParameters(app.node.getAllContext());
  const [auditor] = auditors;
  if (auditor === undefined)
    throw new ConfigError('The fan-out needs the auditor stack it publishes through.');
  assertFreshBundle(fanOutBundleDir);
  const auditorAccount = fanOut.auditorAccount ?? process.env.CDK_DEFAULT_ACCOUNT;
  if (auditorAccount === undefined) {
    throw new ConfigError(
      'The member-role stack trusts the auditor account: run with AWS credentials, or set -c fanout:auditorAccount=<id>.',
    );
  }
  const stack = new FanOutStack(app, FANOUT_STACK_NAME, {
    params: auditor.params,
    fanOut,
    fanOutBundleDir,
    // Beside the (first) auditor stack: in its environment, or env-agnostic like it.
    ...(Token.isUnresolved(auditor.region) || Token.isUnresolved(auditor.account)
      ? {}
      : { env: { account: auditor.account, region: auditor.region } }),
  });
  acknowledgeFanOutNagFindings(stack);
  const memberRole = new MemberRoleStack(app, MEMBER_ROLE_STACK_NAME, {
    roleName: fanOut.memberRoleName,
    auditorAccount,
    ...(fanOut.trustedPrincipals === undefined ? {} : { trustedPrincipals: fanOut.trustedPrincipals }),
  });
  return { fanOut: stack, memberRole };
}

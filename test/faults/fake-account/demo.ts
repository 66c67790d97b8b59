import { buildDemoAccount } from '../../../examples/demo-account.js';
import { accountFrom, type FakeAccount } from '../../fixtures/aws-api/account.js';

/** The demo account (examples/demo-account.ts): every rule has something to pass, fail and say unknown about. */
export const DEMO = buildDemoAccount();
export const DEMO_NOW = new Date(DEMO.meta.capturedAt);

export function demoAccount(): FakeAccount {
  return accountFrom(DEMO);
}

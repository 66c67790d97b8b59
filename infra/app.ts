import { App } from 'aws-cdk-lib';
import { AuditorError } from '../lib/errors.js';
import { defineAuditorApp } from './auditor-app.js';
import { defineFanOutApp, isFanOutEnabled } from './fanout-app.js';

/**
 * `cdk synth` / `cdk deploy` entry (infra/cdk.json). Parameters come from CDK context; a wrong one, or a
 * missing or stale Lambda bundle, stops here with a message that says what to fix.
 */
const app = new App();
try {
  const auditors = defineAuditorApp(app);
  // Opt-in: the Step Functions fan-out and the member-account role (infra/fanout-app.ts).
  if (isFanOutEnabled(app)) defineFanOutApp(app, auditors);
} catch (error) {
  if (!(error instanceof AuditorError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
app.synth();

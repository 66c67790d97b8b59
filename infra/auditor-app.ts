import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { assertFreshBundle, HANDLER_BUNDLE_DIR } from './bundle.js';
import { acknowledgeNagFindings } from './nag.js';
import { parseDeployParameters } from './parameters.js';
import { AuditorStack } from './stack.js';

export const STACK_NAME = 'LambdaVpcAuditor';

/**
 * The app: one stack in the CLI's region, or one per region of the `regions` context (the function audits
 * the region it runs in). Parameters are validated and the bundle checked before any construct exists, and
 * cdk-nag's AwsSolutions pack runs at synth: an unacknowledged finding fails it.
 */
export function defineAuditorApp(app: App, bundleDir: string = HANDLER_BUNDLE_DIR): AuditorStack[] {
  const params = parseDeployParameters(app.node.getAllContext());
  assertFreshBundle(bundleDir);
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const stacks =
    params.regions.length === 0
      ? [new AuditorStack(app, STACK_NAME, { params, bundleDir })]
      : params.regions.map(
          (region) =>
            new AuditorStack(app, `${STACK_NAME}-${region}`, {
              params,
              bundleDir,
              env: account === undefined ? { region } : { region, account },
            }),
        );
  for (const stack of stacks) acknowledgeNagFindings(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stacks;
}

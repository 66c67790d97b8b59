import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { defineAuditorApp } from '../../infra/auditor-app.js';
import type { AuditorStack } from '../../infra/stack.js';

/**
 * Synthesizes the app as `cdk synth` would (infra/cdk.json's feature flags, cdk-nag registered, the real
 * bundle) into a temporary directory. Synthesis takes seconds: each test file synthesizes once and shares it.
 */

/** The feature flags deploys use, so tests see the same template. */
export const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync('infra/cdk.json', 'utf8')) as { context: Record<string, unknown> }
).context;

export interface Synthesized {
  app: App;
  stacks: AuditorStack[];
  templates: Template[];
  outdir: string;
  dispose: () => void;
}

export function newApp(context: Record<string, unknown> = {}): { app: App; outdir: string } {
  const outdir = mkdtempSync(join(tmpdir(), 'lambda-vpc-auditor-cdk-'));
  return { app: new App({ outdir, context: { ...CDK_JSON_CONTEXT, ...context } }), outdir };
}

export function synthesize(context: Record<string, unknown> = {}): Synthesized {
  const { app, outdir } = newApp(context);
  const dispose = () => rmSync(outdir, { recursive: true, force: true });
  try {
    const stacks = defineAuditorApp(app);
    return { app, stacks, templates: stacks.map((stack) => Template.fromStack(stack)), outdir, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** The template's resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): [string, Record<string, unknown>][] {
  return Object.entries(template.findResources(type)).map(([id, resource]) => [
    id,
    (resource as { Properties?: Record<string, unknown> }).Properties ?? {},
  ]);
}

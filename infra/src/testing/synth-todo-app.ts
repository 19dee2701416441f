import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { defaultConfig } from '../config/defaults';
import type { TodoConfig } from '../config/environment-config';
import { buildTodoApp, createApp, type TodoStacks } from '../todo-app';

export interface SynthesizedTodoApp {
  readonly config: TodoConfig;
  readonly stacks: TodoStacks;
  readonly assembly: CloudAssembly;
  template(stack: Stack): Template;
  /** Removes the cloud assembly folder. */
  dispose(): void;
}

/**
 * Synthesizes the whole app once, as `cdk synth` does, cdk-nag included (a finding nobody
 * acknowledged makes this throw). Call it once per test file: a synth takes seconds.
 */
export function synthTodoApp(config: TodoConfig = defaultConfig): SynthesizedTodoApp {
  const outdir = mkdtempSync(path.join(tmpdir(), 'todo-infra-'));
  // CDK's built-in CloudFormation schema validation only warns, yet takes most of a synth's time
  // (seconds against a few hundred milliseconds); `cdk-cli.spec.ts` runs the CLI synth with it.
  const app = createApp({ outdir, builtinCloudFormationValidation: false });
  const stacks = buildTodoApp(app, config);
  const assembly = app.synth();
  const templates = new Map<string, Template>();
  return {
    config,
    stacks,
    assembly,
    template(stack) {
      let template = templates.get(stack.stackName);
      if (!template) {
        template = Template.fromJSON(assembly.getStackByName(stack.stackName).template);
        templates.set(stack.stackName, template);
      }
      return template;
    },
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

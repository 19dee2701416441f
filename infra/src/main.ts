import { loadConfig, overrideReader } from './config/load-config';
import { buildTodoApp, createApp } from './todo-app';

// The CDK app: `cdk synth|diff|deploy` run this (see cdk.json). Accounts come from context or TODO_* variables.
const app = createApp();
buildTodoApp(app, loadConfig(overrideReader((key) => app.node.tryGetContext(key), process.env)));
app.synth();

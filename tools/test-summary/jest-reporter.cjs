// Records each jest run's counts under tmp/test-summary/, so the test command can print one total.
const fs = require('node:fs');
const path = require('node:path');

const summaryDir = path.resolve(__dirname, '../../tmp/test-summary');

class SummaryReporter {
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
  }

  onRunComplete(contexts, results) {
    const [context] = contexts;
    const name = (context && context.config.displayName && context.config.displayName.name) || 'jest';
    fs.mkdirSync(summaryDir, { recursive: true });
    fs.writeFileSync(
      path.join(summaryDir, `jest-${name}.json`),
      JSON.stringify({
        passed: results.numPassedTests,
        failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
        skipped: results.numPendingTests + results.numTodoTests,
      }),
    );
  }
}

module.exports = SummaryReporter;

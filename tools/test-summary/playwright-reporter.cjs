// Records a Playwright run's counts under tmp/test-summary/, beside the jest runs' (see print.cjs).
const fs = require('node:fs');
const path = require('node:path');

const summaryDir = path.resolve(__dirname, '../../tmp/test-summary');

class SummaryReporter {
  constructor(options = {}) {
    this.name = options.name || 'playwright';
    this.counts = { passed: 0, failed: 0, skipped: 0 };
  }

  onTestEnd(test, result) {
    // Only the final attempt of a test counts, so a retried test is not counted twice.
    if (result.retry < test.retries && result.status !== 'passed' && result.status !== 'skipped') return;
    if (result.status === 'passed') this.counts.passed += 1;
    else if (result.status === 'skipped') this.counts.skipped += 1;
    else this.counts.failed += 1;
  }

  onEnd() {
    fs.mkdirSync(summaryDir, { recursive: true });
    fs.writeFileSync(path.join(summaryDir, `playwright-${this.name}.json`), JSON.stringify(this.counts));
  }

  printsToStdio() {
    return false;
  }
}

module.exports = SummaryReporter;

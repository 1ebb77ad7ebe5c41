// extensionTestsPath entry point: VS Code's extension host requires this module and awaits run().
// Every *.test.js of suite/ runs in this one extension-host session (one VS Code start), with the
// real `vscode` API. Results also go to $PIPSIGHT_E2E_RESULTS as JSON ({ passed, failed }) for
// the e2e runner's summary; the extension host inherits the environment of code-server.
// $PIPSIGHT_E2E_SUITE_FILES (comma-separated file names, e.g. activation.test.js) runs only those
// (the benchmark's activation measure).
'use strict';
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

function run() {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec' });
  const suiteDir = path.join(__dirname, 'suite');
  const only = process.env.PIPSIGHT_E2E_SUITE_FILES ? process.env.PIPSIGHT_E2E_SUITE_FILES.split(',').map((name) => name.trim()) : null;
  const files = fs.readdirSync(suiteDir).filter((name) => name.endsWith('.test.js') && (!only || only.includes(name))).sort();
  if (only && files.length !== only.length) throw new Error(`PIPSIGHT_E2E_SUITE_FILES names files that are not in ${suiteDir}: ${only.join(', ')}`);
  for (const file of files) {
    mocha.addFile(path.join(suiteDir, file));
  }
  const results = { suite: 'vscode-extension-host', passed: [], failed: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (process.env.PIPSIGHT_E2E_RESULTS) fs.writeFileSync(process.env.PIPSIGHT_E2E_RESULTS, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension-host tests failed`));
      else resolve();
    });
    runner.on('pass', (test) => results.passed.push(test.fullTitle()));
    runner.on('fail', (test, error) => results.failed.push({ title: test.fullTitle(), error: String((error && error.stack) || error) }));
  });
}

module.exports = { run };

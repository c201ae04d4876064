// Runs Doyensec's electronegativity over the Electron adapter, the preload and the renderer and
// fails on any high-severity finding. The scanner fetches translations and Electron release data
// over the internet; here it runs in a child process whose `got` is replaced by one that refuses,
// so nothing leaves the machine (its check for newer Electron releases then reports nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Issue {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  manualReview: boolean;
}

const SCANNER = join(process.cwd(), 'node_modules', '@doyensec', 'electronegativity', 'dist', 'runner.js');

const CHILD = `
const Module = require('node:module');
const path = require('node:path');
const scannerDir = path.dirname(${JSON.stringify(SCANNER)});
const gotPath = require.resolve('got', { paths: [scannerDir] });
const refuse = () => Promise.reject(new Error('offline: no network in tests'));
refuse.head = refuse;
refuse.get = refuse;
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: Object.assign(refuse, { default: refuse }) };
console.log = () => {};
const run = require(${JSON.stringify(SCANNER)});
run({
  input: process.argv[1], output: undefined, isSarif: false, customScan: [],
  excludeFromScan: [],
  severitySet: undefined, confidenceSet: undefined, isRelative: true, isVerbose: false,
  electronUpgrade: undefined, electronVersionOverride: undefined, parserPlugins: [],
}, false).then((result) => {
  process.stdout.write(JSON.stringify({
    atomicChecks: result.atomicChecks,
    errors: result.errors.length,
    issues: result.issues.map((i) => ({ id: i.id, severity: i.severity.name, confidence: i.confidence.name, file: i.file, line: i.location.line, manualReview: i.manualReview })),
  }));
}, (error) => { process.stderr.write(String(error && error.stack || error)); process.exit(2); });
`;

function scan(folder: string): { atomicChecks: number; errors: number; issues: Issue[] } {
  const result = spawnSync(process.execPath, ['-e', CHILD, folder], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

/** The three folders that make up the app's Electron surface, with the Electron version pinned. */
function appSources(): string {
  const folder = mkdtempSync(join(tmpdir(), 'rolekeeper-scan-'));
  for (const part of ['src/main/electron', 'src/preload', 'src/renderer']) cpSync(part, join(folder, part), { recursive: true });
  const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'rolekeeper-scan', devDependencies: { electron: electronVersion } }));
  return folder;
}

test('electronegativity finds no high-severity issue in the adapter, preload and renderer', (t) => {
  const folder = appSources();
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const report = scan(folder);
  assert.ok(report.atomicChecks > 20, 'the scanner ran its checks');
  assert.equal(report.errors, 0, 'every file parsed');
  const high = report.issues.filter((issue) => issue.severity === 'HIGH' || issue.severity === 'CRITICAL');
  assert.deepEqual(high, [], JSON.stringify(high, null, 2));
  // What is left is for review, not a defect: record it so a reviewer sees the same list.
  for (const issue of report.issues) t.diagnostic(`${issue.severity} ${issue.id} ${issue.file}:${issue.line}${issue.manualReview ? ' (review)' : ''}`);
});

test('the scan would catch a window that turns Node integration on', (t) => {
  const folder = appSources();
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(
    join(folder, 'src', 'main', 'electron', 'careless-window.ts'),
    "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\nw.loadURL('http://example.com');\n",
  );
  const report = scan(folder);
  const high = report.issues.filter((issue) => issue.severity === 'HIGH' && issue.file.includes('careless-window'));
  assert.ok(high.length > 0, JSON.stringify(report.issues, null, 2));
});

// .helmignore against the oracle: for each set of rules, the files hull loads from a chart directory
// are exactly the files the real `helm package` puts in the archive.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmBinary } from '../../bench/helm.ts';
import { goPattern } from './gomatch.ts';
import { helmIgnores, parseHelmignore } from './helmignore.ts';
import { readDir } from './load.ts';
import { readTgz } from './archive.ts';

const run = promisify(execFile);
let helm: string;
const work = mkdtempSync(join(tmpdir(), 'hull-helmignore-'));
beforeAll(async () => {
  helm = await helmBinary();
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TREE = [
  'Chart.yaml', 'values.yaml', 'README.md', 'notes.txt', 'keep.txt', 'secret.key', 'backup.bak', '.hidden',
  'templates/deploy.yaml', 'templates/.draft.yaml', 'templates/_helpers.tpl', 'templates/sub/.inner.yaml', 'templates/sub/svc.yaml', 'templates/a.bak',
  'docs/guide.md', 'docs/img/logo.png', 'ci/test-values.yaml', 'files/a.txt', 'files/b.txt', 'files/x[1].txt', 'files/dir.txt/inner.txt',
  'charts/sub/Chart.yaml', 'charts/sub/templates/cm.yaml', 'charts/sub/notes.txt',
];

function makeChart(rules: string | undefined): string {
  const dir = mkdtempSync(join(work, 'c-'));
  const root = join(dir, 'demo');
  for (const f of TREE) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    const content = f.endsWith('Chart.yaml') ? `apiVersion: v2\nname: ${f.startsWith('charts/') ? 'sub' : 'demo'}\nversion: 1.0.0\n` : `# ${f}\n`;
    writeFileSync(join(root, f), content);
  }
  if (rules !== undefined) writeFileSync(join(root, '.helmignore'), rules);
  return root;
}

/** What helm package archives (paths without the top directory), or its error. */
async function helmPackaged(root: string): Promise<string[] | string> {
  const out = mkdtempSync(join(work, 'out-'));
  try {
    await run(helm, ['package', root, '-d', out], { env: { ...process.env, HELM_CACHE_HOME: join(work, 'cache'), HELM_CONFIG_HOME: join(work, 'config'), HELM_DATA_HOME: join(work, 'data') } });
  } catch (e) {
    return `error: ${(e as { stderr?: string }).stderr ?? e}`;
  }
  const entries = readTgz(readFileSync(join(out, 'demo-1.0.0.tgz')), 'demo-1.0.0.tgz');
  return entries.map((e) => e.name.slice('demo/'.length)).sort();
}

async function hullLoaded(root: string): Promise<string[] | string> {
  try {
    return (await readDir(root)).map((e) => e.name).sort();
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

const CASES: Record<string, string | undefined> = {
  'no .helmignore (the default rule alone)': undefined,
  'comments, blanks, base names at any depth': '# comment\n\n*.bak\n  notes.txt  \n',
  'directories only, and a rule with a slash matching whole paths': 'docs/\nfiles/*.txt\n',
  'a rule anchored at the root': '/keep.txt\n/templates/sub\n',
  'a directory rule that matches a file name is not applied to the file': 'dir.txt/\nREADME.md/\n',
  'character classes, ranges, negated classes, escapes': 'secret.[a-z]ey\nfiles/[^b].txt\nfiles/x\\[1\\].txt\n?idden\n',
  'first match wins: a later negation does not bring a file back': '*.txt\n!keep.txt\n',
  "Helm's negation: what a ! rule does not match is ignored": '!*.yaml\n',
  'a negated directory rule ignores every file': '!templates/\n',
  'a ! rule matching everything ignores nothing; the default rule still applies': '!*\n',
  'CRLF line ends and a byte order mark': '\uFEFF*.bak\r\ndocs/\r\n',
  'ignoring Chart.yaml breaks the chart for both': 'Chart.yaml\n',
  'a subchart\'s files are matched by the top chart\'s rules': 'charts/sub/notes.txt\n',
};

describe('.helmignore as helm package applies it', () => {
  for (const [name, rules] of Object.entries(CASES)) {
    it(name, async () => {
      const root = makeChart(rules);
      const [helmFiles, hullFiles] = await Promise.all([helmPackaged(root), hullLoaded(root)]);
      if (typeof helmFiles === 'string') {
        // Helm refuses the chart (its Chart.yaml was ignored): hull must not load it either.
        expect(typeof hullFiles === 'string' ? 'error' : hullFiles.includes('Chart.yaml') ? hullFiles : 'error', helmFiles).toBe('error');
        return;
      }
      // helm package writes what it loaded; these charts have no Chart.lock or schema it would add.
      expect(hullFiles).toEqual(helmFiles);
    }, 60_000);
  }
});

describe('.helmignore parsing', () => {
  it('refuses ** and malformed patterns, naming the line', () => {
    expect(() => parseHelmignore('ok\n**/*.bak\n')).toThrow('.helmignore:2: rule "**/*.bak": double-star (**) syntax is not supported');
    expect(() => parseHelmignore('[a-\n')).toThrow(/\.helmignore:1: rule "\[a-": syntax error in pattern/);
    expect(() => parseHelmignore('x\\')).toThrow(/trailing/);
  });
  it('matches as Go filepath.Match does', () => {
    expect(goPattern('a*').test('abc')).toBe(true);
    expect(goPattern('a*').test('a/b')).toBe(false);
    expect(goPattern('a?c').test('a/c')).toBe(false);
    expect(goPattern('a[^x]c').test('a/c')).toBe(true); // classes may match the separator
    expect(goPattern('[!x]').test('!')).toBe(true); // "!" is a plain character in Go's classes
    expect(() => goPattern('[]a]')).toThrow();
    expect(() => goPattern('[z-a]')).toThrow();
  });
  it('never ignores the chart root', () => {
    expect(helmIgnores(parseHelmignore('*\n'), '.', true)).toBe(false);
    expect(helmIgnores(parseHelmignore('*\n'), 'templates', true)).toBe(true);
  });
});

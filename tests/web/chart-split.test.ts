// chart.js is for the admin dashboard only: the personal tab must never download it. Builds the web
// app into a temp folder and follows the chunks' static imports from the HTML entry and from each
// tab view: none of them may contain chart.js; the one chunk that does is loaded only by import()
// from the admin page's code.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
/** Strings only chart.js carries (its runtime error messages survive minification). */
const CHART_JS_MARKERS = ['Canvas is already in use', 'Invalid scale configuration for scale'];

describe('chart.js code splitting', () => {
  let outDir: string;
  let assets: string;
  const read = (file: string) => fs.readFileSync(path.join(assets, file), 'utf8');

  beforeAll(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-chart-split-'));
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.mts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    assets = path.join(outDir, 'assets');
  }, 240_000);
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  const chunks = () => fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
  const hasChartJs = (file: string) => CHART_JS_MARKERS.every((m) => read(file).includes(m));

  /** Chunks a chunk imports statically (`import … from "./x.js"`, `import "./x.js"`), not `import()`. */
  function staticImports(file: string): string[] {
    return [...read(file).matchAll(/(?:from|import)\s*["'`]\.\/([^"'`]+\.js)["'`]/g)].map((m) => m[1]!);
  }

  /** Everything a chunk loads before it runs: itself and its static imports, transitively. */
  function closure(start: string[]): Set<string> {
    const seen = new Set<string>();
    const queue = [...start];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      queue.push(...staticImports(file));
    }
    return seen;
  }

  it('keeps chart.js in one chunk of its own', () => {
    const withChartJs = chunks().filter(hasChartJs);
    expect(withChartJs).toHaveLength(1);
    expect(withChartJs[0]).toMatch(/^ChartCanvas-/);
  });

  it('keeps chart.js out of the entry chunk and everything it loads up front', () => {
    const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const entry = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(entry.length).toBeGreaterThan(0);
    const upFront = [...closure(entry)];
    expect(upFront.filter(hasChartJs)).toEqual([]);
  });

  it('keeps chart.js out of every personal-tab view, and out of the admin page until a chart renders', () => {
    const views = ['HomePage', 'FindMentorPage', 'RequestsPage', 'ProfilePage', 'PairPage', 'ProgramHealthPage'];
    for (const view of views) {
      const chunk = chunks().find((f) => f.startsWith(`${view}-`));
      expect(chunk).toBeDefined();
      const loaded = [...closure([chunk!])];
      expect({ view, withChartJs: loaded.filter(hasChartJs) }).toEqual({ view, withChartJs: [] });
    }
    // The chart chunk is reached only through a dynamic import() in the admin page's code.
    const chart = chunks().find(hasChartJs)!;
    const importers = chunks().filter((f) => read(f).includes(`import(\`./${chart}\`)`) || read(f).includes(`import("./${chart}")`));
    expect(importers.length).toBeGreaterThan(0);
    for (const importer of importers) expect(importer).toMatch(/^ProgramHealthPage-/);
  });
});

import { resolveStyleRulesForSlots, type GriffelStyle } from '@griffel/core';
import react from '@vitejs/plugin-react';
import { createServer, type Plugin, type ViteDevServer } from 'vite';

/**
 * Resolves the app's `makeStyles()` calls at build time, as Griffel's own build tools do, so the
 * browser no longer hashes, compiles and RTL-flips every style rule while it renders the first
 * view (at 4× CPU throttling that was a quarter to a third of the first render). Each call becomes
 * `__styles(classes, cssRules)` with the class names and CSS the run-time call would have made:
 * the form Fluent's own components ship in.
 *
 * The style objects are evaluated by loading each module in a Vite SSR server in which the calls
 * are recorded instead. A module whose calls can't all be matched keeps its run-time
 * `makeStyles()` and the build warns, so this can make styles faster but never different.
 * `npm run dev:web` doesn't use it.
 */

type StylesBySlots = Record<string, GriffelStyle>;

const RECORDER = '__tandemGriffelAotRecord';
const APP_MODULE = /[\\/]web[\\/]src[\\/].*\.tsx?$/;
// Sends requests as it loads, and has no styles.
const STARTUP_MODULE = /[\\/]web[\\/]src[\\/]app[\\/]startup\.ts$/;

interface AstNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

interface Call {
  start: number;
  end: number;
  calleeStart: number;
  calleeEnd: number;
}

/** The `makeStyles(...)` calls in a module's code, in source order. */
function makeStylesCalls(program: AstNode): Call[] {
  const calls: Call[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!node || typeof node !== 'object' || typeof (node as AstNode).type !== 'string') return;
    const n = node as AstNode;
    const callee = n.callee as AstNode | undefined;
    if (n.type === 'CallExpression' && callee?.type === 'Identifier' && callee.name === 'makeStyles') {
      calls.push({ start: n.start, end: n.end, calleeStart: callee.start, calleeEnd: callee.end });
    }
    for (const key of Object.keys(n)) if (key !== 'type') visit(n[key]);
  };
  visit(program);
  return calls.sort((a, b) => a.start - b.start);
}

/** `code` with each range replaced, right to left so the earlier offsets stay valid. */
function replaceRanges(code: string, ranges: { start: number; end: number; text: string }[]): string {
  let out = code;
  for (const r of [...ranges].sort((a, b) => b.start - a.start)) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return out;
}

export function griffelAot({ root }: { root: string }): Plugin {
  const recorded = new Map<string, StylesBySlots[]>();
  let server: ViteDevServer | undefined;

  // In the SSR server, `makeStyles(styles)` becomes `<recorder>(moduleId)(styles)`.
  const recordCalls: Plugin = {
    name: 'tandem:griffel-aot-record',
    enforce: 'post',
    transform(code, id) {
      if (!APP_MODULE.test(id) || !code.includes('makeStyles(')) return null;
      const calls = makeStylesCalls(this.parse(code) as unknown as AstNode);
      const text = `globalThis.${RECORDER}(${JSON.stringify(id)})`;
      return { code: replaceRanges(code, calls.map((c) => ({ start: c.calleeStart, end: c.calleeEnd, text }))), map: null };
    },
  };

  return {
    name: 'tandem:griffel-aot',
    apply: 'build',
    enforce: 'post',
    async buildStart() {
      (globalThis as Record<string, unknown>)[RECORDER] = (moduleId: string) => (styles: StylesBySlots) => {
        recorded.set(moduleId, [...(recorded.get(moduleId) ?? []), styles]);
        return () => ({});
      };
      server = await createServer({
        root,
        configFile: false,
        logLevel: 'silent',
        appType: 'custom',
        server: { middlewareMode: true, hmr: false, ws: false, watch: null },
        plugins: [
          react(),
          recordCalls,
          {
            name: 'tandem:griffel-aot-no-startup',
            enforce: 'pre',
            load: (id) => (STARTUP_MODULE.test(id) ? 'export const startup = null;' : null),
          },
        ],
      });
    },
    async buildEnd() {
      await server?.close();
      server = undefined;
    },
    async transform(code, id) {
      if (!APP_MODULE.test(id) || !code.includes('makeStyles(') || !server) return null;
      const calls = makeStylesCalls(this.parse(code) as unknown as AstNode);
      if (calls.length === 0) return null;
      try {
        // Runs the module once (with what it imports, whose calls are recorded on the way).
        await server.ssrLoadModule(id);
      } catch (error) {
        this.warn(`makeStyles() left to run time in ${id}: the module didn't load at build time (${(error as Error).message})`);
        return null;
      }
      const styles = recorded.get(id) ?? [];
      if (styles.length !== calls.length) {
        this.warn(`makeStyles() left to run time in ${id}: ${calls.length} calls, but ${styles.length} ran`);
        return null;
      }
      const resolved = calls.map((call, i) => {
        const [classes, cssRules] = resolveStyleRulesForSlots(styles[i]!);
        // As many lines as the call had, so the lines after it keep their numbers (no source map).
        const lines = '\n'.repeat(code.slice(call.start, call.end).split('\n').length - 1);
        return { start: call.start, end: call.end, text: `__styles(${JSON.stringify(classes)}, ${JSON.stringify(cssRules)})${lines}` };
      });
      return { code: `import { __styles } from '@fluentui/react-components';${replaceRanges(code, resolved)}`, map: null };
    },
  };
}

import type { Plugin } from 'vite';

// Libraries of which a page runs only a small part: compiling all of them up front would be waste.
const MOSTLY_UNUSED = /[\\/]node_modules[\\/](chart\.js|@microsoft[\\/]teams-js)[\\/]/;

/**
 * Marks the app's chunks with V8's explicit compile hint (`//# allFunctionsCalledOnLoad`, Chromium
 * 136+, so Edge and Teams' WebView2 too): nearly every function in them runs while a page loads,
 * so V8 compiles them on a background thread as the file streams in, instead of one by one on the
 * main thread when each is first called. Other engines ignore the comment.
 *
 * It has to be the file's first line, so it is added after Vite's own preamble, once the file
 * names are hashed: like that preamble it doesn't change what the code does.
 */
export function compileHints(): Plugin {
  return {
    name: 'tandem:compile-hints',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk' || chunk.moduleIds.some((id) => MOSTLY_UNUSED.test(id))) continue;
          chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
          // A source map (when built with them) starts one line later.
          const map = bundle[`${chunk.fileName}.map`];
          if (map?.type === 'asset' && typeof map.source === 'string') {
            const parsed = JSON.parse(map.source) as { mappings: string };
            map.source = JSON.stringify({ ...parsed, mappings: `;${parsed.mappings}` });
          }
        }
      },
    },
  };
}

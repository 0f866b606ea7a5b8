// `npm run icons`: renders the Teams app icons from their SVG sources (appPackage/icons/*.svg) into
// the PNGs the app package ships (appPackage/color.png, appPackage/outline.png). The PNGs are
// committed, so packaging never needs this step; run it after editing an SVG.
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const ROOT = path.resolve(__dirname, '..');
const APP_PACKAGE = path.join(ROOT, 'appPackage');

/** Teams' sizes: the colour icon 192×192, the outline icon 32×32. */
export const ICONS = [
  { source: 'icons/color.svg', output: 'color.png', size: 192 },
  { source: 'icons/outline.svg', output: 'outline.png', size: 32 },
] as const;

export function renderIcon(svg: string | Buffer, size: number): Buffer {
  // No text in the icons, so system fonts would only slow the render down.
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
  return resvg.render().asPng();
}

export function renderIcons(appPackageDir = APP_PACKAGE): string[] {
  return ICONS.map(({ source, output, size }) => {
    const png = renderIcon(fs.readFileSync(path.join(appPackageDir, source)), size);
    const target = path.join(appPackageDir, output);
    fs.writeFileSync(target, png);
    return target;
  });
}

if (require.main === module) {
  for (const file of renderIcons()) console.log(`wrote ${path.relative(ROOT, file)}`);
}

import { useEffect, useReducer, useRef, useState, type RefObject } from 'react';
import type { Tone } from './chartSpec';

// Chart colours come from the Fluent theme in force: the CSS variables FluentProvider sets, read
// from the chart's own element at render, so light, dark and the Teams high-contrast theme all work.
// In high contrast every series gets the same strong colour (forced colours: the system colours)
// and series differ by pattern, line dash and point shape instead.

export interface ChartPalette {
  text: string;
  mutedText: string;
  grid: string;
  background: string;
  tooltipBackground: string;
  tooltipText: string;
  fontFamily: string;
  tones: Record<Tone, string>;
  /** Series must differ without colour: patterns and dashes. */
  highContrast: boolean;
  reducedMotion: boolean;
}

const toneVariables: Record<Tone, string> = {
  brand: '--colorBrandForeground1',
  teal: '--colorPaletteTealBorderActive',
  marigold: '--colorPaletteMarigoldForeground2',
  berry: '--colorPaletteBerryBorderActive',
  lavender: '--colorPaletteLavenderBorderActive',
  success: '--colorPaletteGreenBorderActive',
  danger: '--colorPaletteRedBorderActive',
  neutral: '--colorNeutralStrokeAccessible',
};

const FORCED = '(forced-colors: active)';
const DARK = '(prefers-color-scheme: dark)';
const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** A CSS system colour (e.g. CanvasText) as the rgb() the browser resolves it to. */
function systemColour(element: HTMLElement, name: string): string {
  const probe = document.createElement('span');
  probe.style.color = name;
  probe.style.display = 'none';
  element.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

export function readPalette(element: HTMLElement): ChartPalette {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const reducedMotion = window.matchMedia(REDUCED_MOTION).matches;
  const fontFamily = v('--fontFamilyBase', 'system-ui, sans-serif');
  if (window.matchMedia(FORCED).matches) {
    const text = systemColour(element, 'CanvasText');
    const background = systemColour(element, 'Canvas');
    const highlight = systemColour(element, 'Highlight');
    const tones = Object.fromEntries(Object.keys(toneVariables).map((t) => [t, text])) as Record<Tone, string>;
    tones.brand = highlight;
    return {
      text,
      mutedText: text,
      grid: systemColour(element, 'GrayText'),
      background,
      tooltipBackground: background,
      tooltipText: text,
      fontFamily,
      tones,
      highContrast: true,
      reducedMotion,
    };
  }
  const tones = Object.fromEntries(Object.entries(toneVariables).map(([t, name]) => [t, v(name, '#5b5fc7')])) as Record<Tone, string>;
  // The Teams high-contrast theme maps every palette colour to the same one: patterns take over.
  const highContrast = new Set([tones.teal, tones.berry, tones.danger, tones.success]).size === 1;
  return {
    text: v('--colorNeutralForeground1', '#242424'),
    mutedText: v('--colorNeutralForeground2', '#424242'),
    grid: v('--colorNeutralStroke2', '#e0e0e0'),
    background: v('--colorNeutralBackground1', '#ffffff'),
    tooltipBackground: v('--colorNeutralBackgroundInverted', '#292929'),
    tooltipText: v('--colorNeutralForegroundInverted', '#ffffff'),
    fontFamily,
    tones,
    highContrast,
    reducedMotion,
  };
}

/**
 * The palette for the element in `ref`, re-read after every render (a Teams theme change
 * re-renders the app) and whenever the colour scheme, forced colours or motion preference change.
 */
export function useChartPalette(ref: RefObject<HTMLElement | null>): ChartPalette | undefined {
  const [palette, setPalette] = useState<ChartPalette>();
  const [mediaChanges, noteMediaChange] = useReducer((n: number) => n + 1, 0);
  const last = useRef('');

  useEffect(() => {
    const queries = [FORCED, DARK, REDUCED_MOTION].map((q) => window.matchMedia(q));
    queries.forEach((q) => q.addEventListener('change', noteMediaChange));
    return () => queries.forEach((q) => q.removeEventListener('change', noteMediaChange));
  }, []);

  useEffect(() => {
    if (!ref.current) return;
    const next = readPalette(ref.current);
    const key = JSON.stringify(next);
    if (key !== last.current) {
      last.current = key;
      setPalette(next);
    }
  });
  void mediaChanges;
  return palette;
}

export type PatternShape = 'solid' | 'diagonal' | 'dots' | 'cross' | 'horizontal' | 'vertical';
const shapes: PatternShape[] = ['solid', 'diagonal', 'dots', 'cross', 'horizontal', 'vertical'];

/** The pattern for the n-th series or category in high contrast. */
export function patternShape(index: number): PatternShape {
  return shapes[index % shapes.length]!;
}

/** A fill that shows `shape` in `colour` over `background` (a plain colour for 'solid'). */
export function patternFill(shape: PatternShape, colour: string, background: string): string | CanvasPattern {
  if (shape === 'solid') return colour;
  const size = 10;
  const tile = document.createElement('canvas');
  tile.width = size;
  tile.height = size;
  const ctx = tile.getContext('2d');
  if (!ctx) return colour;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 2;
  ctx.beginPath();
  switch (shape) {
    case 'diagonal':
      ctx.moveTo(0, size);
      ctx.lineTo(size, 0);
      ctx.moveTo(-size / 2, size / 2);
      ctx.lineTo(size / 2, -size / 2);
      ctx.moveTo(size / 2, size * 1.5);
      ctx.lineTo(size * 1.5, size / 2);
      ctx.stroke();
      break;
    case 'dots':
      ctx.arc(size / 2, size / 2, 2, 0, Math.PI * 2);
      ctx.fill();
      break;
    case 'cross':
      ctx.moveTo(0, 0);
      ctx.lineTo(size, size);
      ctx.moveTo(size, 0);
      ctx.lineTo(0, size);
      ctx.stroke();
      break;
    case 'horizontal':
      ctx.moveTo(0, size / 2);
      ctx.lineTo(size, size / 2);
      ctx.stroke();
      break;
    case 'vertical':
      ctx.moveTo(size / 2, 0);
      ctx.lineTo(size / 2, size);
      ctx.stroke();
      break;
  }
  return ctx.createPattern(tile, 'repeat') ?? colour;
}

/** Line dashes and point shapes per series, in every theme (so lines never differ by colour alone). */
export const lineDashes: number[][] = [[], [8, 4], [2, 3], [12, 3, 3, 3]];
export const pointStyles = ['circle', 'rect', 'triangle', 'rectRot'] as const;

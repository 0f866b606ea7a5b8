import { z } from '../http/zod';

/** How a label is shown: trimmed, runs of whitespace collapsed to one space, case kept. */
export function cleanLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ');
}

/** The uniqueness key of a term (`taxonomy_terms.normalized`); the seed uses the same rule. */
export function normalizeLabel(label: string): string {
  return cleanLabel(label).toLowerCase();
}

const MAX_LABEL = 80;

/**
 * A skill or value label as people type it. Checked after cleaning, and the normalised
 * form too: lower-casing can lengthen a few characters, and the column holds 80.
 */
export const termLabel = z
  .string()
  .transform(cleanLabel)
  .pipe(
    z
      .string()
      .min(1, 'Must not be empty')
      .refine((label) => Math.max(label.length, label.toLowerCase().length) <= MAX_LABEL, `At most ${MAX_LABEL} characters`),
  )
  .openapi({ type: 'string', minLength: 1, maxLength: MAX_LABEL, example: 'Public speaking' });

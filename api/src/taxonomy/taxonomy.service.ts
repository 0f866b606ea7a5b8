import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import { isUniqueViolation } from '../db/database';
import type { Database } from '../db/schema';
import { AppError } from '../errors/app-error';
import type { CurrentUser } from '../users/users.service';
import { findTermById, findTermsByNormalized, insertTerm, listTerms, updateTermLabel, type TermKind } from './taxonomy.queries';
import { cleanLabel, normalizeLabel } from './term-label';

export interface TaxonomyDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export interface Term {
  id: string;
  label: string;
}

// Sorting here rather than in SQL: SQLite compares bytes, SQL Server by its collation.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
export function compareLabels(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

const sortTerms = (terms: Term[]) => terms.sort((a, b) => compareLabels(a.label, b.label) || (a.id < b.id ? -1 : 1));
const kindName = (kind: TermKind) => (kind === 'skill' ? 'skill' : 'value');

export async function getTaxonomy(deps: TaxonomyDeps): Promise<{ skills: Term[]; values: Term[] }> {
  const rows = await listTerms(deps.db);
  const pick = (kind: TermKind) => sortTerms(rows.filter((r) => r.kind === kind).map((r) => ({ id: r.id, label: r.label })));
  return { skills: pick('skill'), values: pick('value') };
}

export async function createTerm(deps: TaxonomyDeps, user: CurrentUser, input: { kind: TermKind; label: string }): Promise<Term> {
  const label = cleanLabel(input.label);
  const normalized = normalizeLabel(label);
  const duplicate = (existing: string) =>
    new AppError('conflict', `The ${kindName(input.kind)} “${existing}” already exists; labels are compared ignoring case and spacing.`, [
      { field: 'label', message: `“${existing}” already exists` },
    ]);
  const [existing] = await findTermsByNormalized(deps.db, input.kind, [normalized]);
  if (existing) throw duplicate(existing.label);
  const id = uuidv7();
  try {
    await insertTerm(deps.db, { id, kind: input.kind, label, normalized, seeded: 0, createdBy: user.id, createdAt: deps.clock.now().toISOString() });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw duplicate(label);
  }
  return { id, label };
}

/** Renaming keeps the id, so every enrolment that uses the term shows the new label. */
export async function renameTerm(deps: TaxonomyDeps, termId: string, input: { label: string }): Promise<Term> {
  const term = await findTermById(deps.db, termId);
  if (!term) throw AppError.notFound('This taxonomy term');
  const label = cleanLabel(input.label);
  const normalized = normalizeLabel(label);
  const duplicate = (existing: string) =>
    new AppError('conflict', `Another ${kindName(term.kind)} is already called “${existing}”; labels are compared ignoring case and spacing.`, [
      { field: 'label', message: `“${existing}” already exists` },
    ]);
  if (normalized !== term.normalized) {
    const [other] = await findTermsByNormalized(deps.db, term.kind, [normalized]);
    if (other && other.id !== term.id) throw duplicate(other.label);
  }
  if (label === term.label) return { id: term.id, label };
  try {
    await updateTermLabel(deps.db, term.id, label, normalized);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw duplicate(label);
  }
  return { id: term.id, label };
}

/**
 * Maps free-text labels of one kind to taxonomy terms, adding those that don't exist yet,
 * on the caller's connection or transaction. Labels are cleaned and matched ignoring case
 * and spacing (an existing term keeps its own label); repeats are dropped, first one wins.
 */
export async function resolveTerms(
  db: Kysely<Database>,
  kind: TermKind,
  labels: readonly string[],
  context: { createdBy: string; now: string },
): Promise<Term[]> {
  const wanted = new Map<string, string>();
  for (const raw of labels) {
    const label = cleanLabel(raw);
    const normalized = label.toLowerCase();
    if (label.length > 0 && !wanted.has(normalized)) wanted.set(normalized, label);
  }
  if (wanted.size === 0) return [];
  const found = new Map<string, Term>();
  for (const row of await findTermsByNormalized(db, kind, [...wanted.keys()])) found.set(row.normalized, { id: row.id, label: row.label });

  // Inserting in key order means two writers adding overlapping sets lock them in the same
  // order, so on SQL Server one waits for the other instead of deadlocking.
  const missing = [...wanted].filter(([normalized]) => !found.has(normalized)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [normalized, label] of missing) {
    const id = uuidv7();
    try {
      await insertTerm(db, { id, kind, label, normalized, seeded: 0, createdBy: context.createdBy, createdAt: context.now });
      found.set(normalized, { id, label });
    } catch (error) {
      // Someone added the same term a moment ago (another enrolment, an admin): use theirs.
      if (!isUniqueViolation(error)) throw error;
      const [theirs] = await findTermsByNormalized(db, kind, [normalized]);
      if (!theirs) throw error;
      found.set(normalized, { id: theirs.id, label: theirs.label });
    }
  }
  return [...wanted.keys()].map((normalized) => found.get(normalized) as Term);
}

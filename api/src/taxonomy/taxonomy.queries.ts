import type { Kysely, Selectable } from 'kysely';
import type { Database, TaxonomyTermsTable } from '../db/schema';

export type TermRow = Selectable<TaxonomyTermsTable>;
export type TermKind = TaxonomyTermsTable['kind'];

export function listTerms(db: Kysely<Database>) {
  return db.selectFrom('taxonomyTerms').select(['id', 'kind', 'label']).execute();
}

export function findTermById(db: Kysely<Database>, termId: string) {
  return db.selectFrom('taxonomyTerms').select(['id', 'kind', 'label', 'normalized']).where('id', '=', termId).executeTakeFirst();
}

export async function findTermsByNormalized(db: Kysely<Database>, kind: TermKind, normalized: string[]) {
  if (normalized.length === 0) return [];
  return db
    .selectFrom('taxonomyTerms')
    .select(['id', 'label', 'normalized'])
    .where('kind', '=', kind)
    .where('normalized', 'in', normalized)
    .execute();
}

export async function insertTerm(db: Kysely<Database>, row: TermRow): Promise<void> {
  await db.insertInto('taxonomyTerms').values(row).execute();
}

export async function updateTermLabel(db: Kysely<Database>, termId: string, label: string, normalized: string): Promise<void> {
  await db.updateTable('taxonomyTerms').set({ label, normalized }).where('id', '=', termId).execute();
}

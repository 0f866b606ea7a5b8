import type { ApiBuilder } from '../http/route';
import { uuid, z } from '../http/zod';
import { createTerm, getTaxonomy, renameTerm, type TaxonomyDeps } from './taxonomy.service';
import { termLabel } from './term-label';

const termSchema = z.object({ id: z.string(), label: z.string() }).openapi('Term');
const termKind = z.enum(['skill', 'value']);

export function taxonomyRoutes(api: ApiBuilder, deps: TaxonomyDeps): void {
  api.add({
    method: 'get',
    path: '/api/taxonomy',
    operationId: 'getTaxonomy',
    summary: 'The skills and values people can pick, sorted by label',
    tag: 'Taxonomy',
    access: 'user',
    response: z.object({ skills: z.array(termSchema), values: z.array(termSchema) }).openapi('Taxonomy'),
    handler: () => getTaxonomy(deps),
  });

  api.add({
    method: 'post',
    path: '/api/admin/taxonomy',
    operationId: 'createTaxonomyTerm',
    summary: 'Add a skill or value (admins)',
    description: 'Labels are compared ignoring case and spacing; a label that already exists is a 409.',
    tag: 'Admin',
    access: 'admin',
    body: z.object({ kind: termKind, label: termLabel }),
    status: 201,
    response: termSchema,
    errors: ['conflict'],
    handler: ({ user, body }) => createTerm(deps, user, body),
  });

  api.add({
    method: 'patch',
    path: '/api/admin/taxonomy/{termId}',
    operationId: 'renameTaxonomyTerm',
    summary: 'Rename a skill or value (admins); enrolments that use it show the new label',
    tag: 'Admin',
    access: 'admin',
    params: z.object({ termId: uuid }),
    body: z.object({ label: termLabel }),
    response: termSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ params, body }) => renameTerm(deps, params.termId, body),
  });
}

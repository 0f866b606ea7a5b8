import type { TaxonomyTermsTable } from '../db/schema';
import type { SeedContext } from './model';
import { iso } from './time';

/** Skills everyone can offer or want, whatever their department. */
export const GENERAL_SKILLS = [
  'Public speaking',
  'Project management',
  'Networking',
  'Stakeholder management',
  'Strategic thinking',
  'People leadership',
  'Giving feedback',
  'Coaching',
  'Time management',
  'Conflict resolution',
  'Executive presence',
  'Career planning',
  'Cross-functional collaboration',
  'Negotiation',
  'Data storytelling',
  'Change management',
  'Hiring & interviewing',
];

/** Skills that mostly live in one department (and the general ones it leans on). */
export const DEPARTMENT_SKILLS: Record<string, string[]> = {
  Engineering: ['System design', 'Software architecture', 'Cloud infrastructure', 'Technical writing', 'Data analysis'],
  Product: ['Product discovery', 'Data analysis', 'Technical writing', 'Customer empathy'],
  Design: ['UX research', 'Visual design', 'Product discovery', 'Customer empathy'],
  Sales: ['Sales prospecting', 'Account management', 'Negotiation', 'Customer empathy'],
  Marketing: ['Brand storytelling', 'Data analysis', 'Customer empathy', 'Data storytelling'],
  'Customer Success': ['Account management', 'Customer empathy', 'Conflict resolution'],
  Finance: ['Financial modelling', 'Budgeting', 'Data analysis'],
  'People & Culture': ['Hiring & interviewing', 'Coaching', 'Change management'],
  Executive: ['Strategic thinking', 'Executive presence', 'People leadership'],
};

export const VALUES = [
  'Curiosity',
  'Integrity',
  'Inclusion',
  'Work-life balance',
  'Continuous learning',
  'Collaboration',
  'Customer focus',
  'Ownership',
  'Transparency',
  'Empathy',
  'Innovation',
  'Sustainability',
];

function normalizeTerm(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

export interface Taxonomy {
  rows: TaxonomyTermsTable[];
  /** term id by kind and label */
  skillId(label: string): string;
  valueId(label: string): string;
}

export function buildTaxonomy(ctx: SeedContext, createdMs: number): Taxonomy {
  const skills = [...new Set([...GENERAL_SKILLS, ...Object.values(DEPARTMENT_SKILLS).flat()])];
  const rows: TaxonomyTermsTable[] = [];
  const byKey = new Map<string, string>();
  const add = (kind: 'skill' | 'value', label: string) => {
    const normalized = normalizeTerm(label);
    const id = ctx.ids.make(`term:${kind}:${normalized}`, createdMs);
    rows.push({ id, kind, label, normalized, seeded: 1, createdBy: null, createdAt: iso(createdMs) });
    byKey.set(`${kind}:${label}`, id);
  };
  for (const label of skills) add('skill', label);
  for (const label of VALUES) add('value', label);
  const lookup = (kind: 'skill' | 'value', label: string) => {
    const id = byKey.get(`${kind}:${label}`);
    if (!id) throw new Error(`unknown ${kind}: ${label}`);
    return id;
  };
  return { rows, skillId: (label) => lookup('skill', label), valueId: (label) => lookup('value', label) };
}

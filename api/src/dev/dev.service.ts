import type { Kysely } from 'kysely';
import { DEV_TENANT_ID, type DevIssuer, type DevTokenRequest } from '../auth/dev-issuer';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { busiestMembers, findUserByEmail, findUsersByEmails, unenrolledPeople } from './dev.queries';

export interface DevDeps {
  db: Kysely<Database>;
  clock: Clock;
  issuer: DevIssuer;
  adminEmails: string[];
}

/** Signs a dev token; a known demo person keeps their name unless the caller gives one. */
export async function issueDevToken(deps: DevDeps, request: DevTokenRequest): Promise<string> {
  const email = request.email.trim().toLowerCase();
  const known = await findUserByEmail(deps.db, DEV_TENANT_ID, email);
  const displayName = request.displayName ?? known?.displayName ?? email;
  const department = request.department ?? known?.department ?? undefined;
  return deps.issuer.issue({ email, displayName, ...(department ? { department } : {}) }, deps.clock.now());
}

export type Persona = 'admin' | 'mentor' | 'mentee' | 'employee';

export async function listDemoPersonas(deps: DevDeps) {
  const [admins, mentors, mentees, newcomers] = await Promise.all([
    findUsersByEmails(deps.db, DEV_TENANT_ID, deps.adminEmails),
    busiestMembers(deps.db, DEV_TENANT_ID, 'mentor', 4),
    busiestMembers(deps.db, DEV_TENANT_ID, 'mentee', 4),
    unenrolledPeople(deps.db, DEV_TENANT_ID, 2),
  ]);
  const seen = new Set<string>();
  const people: { email: string; displayName: string; department: string | null; jobTitle: string | null; persona: Persona }[] = [];
  const add = (rows: { email: string; displayName: string; department: string | null; jobTitle: string | null }[], persona: Persona) => {
    for (const r of rows) {
      if (seen.has(r.email)) continue;
      seen.add(r.email);
      people.push({ email: r.email, displayName: r.displayName, department: r.department, jobTitle: r.jobTitle, persona });
    }
  };
  add(admins, 'admin');
  add(mentees, 'mentee');
  add(mentors, 'mentor');
  add(newcomers, 'employee');
  return people;
}

import SQLite from 'better-sqlite3';
import { DEV_TENANT_ID } from '../api/src/auth/dev-issuer';
import { openDatabase } from '../api/src/db/database';
import { migrateToLatest } from '../api/src/db/migrate';
import type { Cadence, EndReason, GoalStatus, MeetingStatus, PairStatus, ProgramKind } from '../api/src/db/schema';
import { Rng } from '../api/src/seed/random';

/**
 * A synthetic organisation at enterprise scale for the analytics benchmark: deterministic for a
 * seed and a "now", written straight into an already migrated SQLite file with multi-row
 * prepared inserts in one transaction (the demo seed's per-row Kysely path is far too slow for
 * millions of rows). Only what the admin analytics read is generated richly; tables they never
 * touch (taxonomy, goal steps, notes, notifications) stay empty.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

export interface OrgOptions {
  employees: number;
  seed: number;
  /** the instant the organisation is generated "as of" (ISO); the app under test must use the same clock */
  now: string;
  /** share of pairs in each final status; the generator hits these counts exactly per program */
  pairStatusMix?: Record<PairStatus, number>;
  /** pairs per employee (0.4 → ≈40k pairs at 100k employees) */
  pairsPerEmployee?: number;
  /** rows per INSERT statement (1 = one prepared single-row statement per row) */
  rowsPerStatement?: number;
}

export const DEFAULT_PAIR_STATUS_MIX: Record<PairStatus, number> = { active: 0.56, paused: 0.06, completed: 0.23, ended: 0.15 };
export const HISTORY_YEARS = 3;

export interface ProgramSummary {
  id: string;
  name: string;
  pairs: number;
}

export interface GenerationReport {
  ms: number;
  rows: Record<string, number>;
  programs: ProgramSummary[];
  /** the program with the most pairs */
  largestProgram: ProgramSummary;
}

/** Creates the SQLite file and brings it to the latest schema with the app's own migrations. */
export async function createMigratedSqlite(file: string): Promise<void> {
  const db = await openDatabase({ kind: 'sqlite', file });
  try {
    await migrateToLatest(db.kysely);
  } finally {
    await db.close();
  }
}

interface ProgramSpec {
  name: string;
  kind: ProgramKind;
  share: number;
  /** how long ago the program started */
  ageYears: number;
  defaultCadence: Cadence;
  matchingMode: 'self' | 'admin';
}

const PROGRAMS: ProgramSpec[] = [
  { name: 'Company-wide mentoring', kind: 'career-growth', share: 0.3, ageYears: 3, defaultCadence: 'biweekly', matchingMode: 'self' },
  { name: 'New joiner buddies', kind: 'onboarding', share: 0.18, ageYears: 3, defaultCadence: 'weekly', matchingMode: 'admin' },
  { name: 'Emerging leaders', kind: 'leadership', share: 0.14, ageYears: 3, defaultCadence: 'monthly', matchingMode: 'admin' },
  { name: 'Women in Engineering', kind: 'erg', share: 0.1, ageYears: 3, defaultCadence: 'biweekly', matchingMode: 'self' },
  { name: 'Sales excellence', kind: 'career-growth', share: 0.09, ageYears: 2.5, defaultCadence: 'biweekly', matchingMode: 'self' },
  { name: 'Data & AI guild', kind: 'other', share: 0.08, ageYears: 2, defaultCadence: 'weekly', matchingMode: 'self' },
  { name: 'Parents at work', kind: 'erg', share: 0.06, ageYears: 3, defaultCadence: 'monthly', matchingMode: 'self' },
  { name: 'Reverse mentoring', kind: 'leadership', share: 0.05, ageYears: 1.5, defaultCadence: 'monthly', matchingMode: 'admin' },
];

/** 40 departments; sizes fall off like real org charts (a few large, a long tail of small ones). */
const DEPARTMENTS = [
  'Engineering', 'Sales', 'Customer Success', 'Operations', 'Manufacturing', 'Product', 'Marketing', 'Finance',
  'Field Service', 'Supply Chain', 'IT', 'Data & Analytics', 'Research', 'Support', 'Quality', 'Logistics',
  'Design', 'People & Culture', 'Procurement', 'Security', 'Professional Services', 'Partnerships', 'Facilities',
  'Risk', 'Sales Operations', 'Internal Audit', 'Communications', 'Training', 'Compliance', 'Treasury', 'Tax',
  'Investor Relations', 'Strategy', 'Corporate Development', 'Sustainability', 'Government Affairs', 'Brand',
  'Executive Office', 'Ombuds', 'Legal',
];

const TIME_ZONES = ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Singapore', 'Australia/Sydney'];
const OFFICES = ['Seattle', 'New York', 'London', 'Berlin', 'Bengaluru', 'Singapore', 'Sydney'];
const FIRST = ['Alex', 'Sam', 'Jordan', 'Priya', 'Chen', 'Fatima', 'Lukas', 'Maria', 'Kenji', 'Amara', 'Noah', 'Olivia', 'Ravi', 'Sofia', 'Tariq', 'Yuki'];
const LAST = ['Smith', 'Garcia', 'Okafor', 'Müller', 'Tanaka', 'Patel', 'Nguyen', 'Kowalski', 'Silva', 'Haddad', 'Johansson', 'Kim', 'Rossi', "O'Brien"];
const TITLES = ['Associate', 'Analyst', 'Specialist', 'Engineer', 'Senior Engineer', 'Consultant', 'Lead', 'Manager', 'Senior Manager', 'Director'];
const AGENDAS = [
  'Review progress on the stakeholder map; prepare for the quarterly review.',
  'Talk through the feedback from the last project retrospective.',
  'Career conversation: what the next role could look like.',
  'Practise the presentation for Thursday; timing and structure.',
  'Catch up after the break; reset goals for the quarter.',
];
const NOTES = [
  'Agreed to shadow one customer call next week and debrief afterwards. Mentor shares the escalation checklist.',
  'Worked through the first draft of the proposal; restructure around the decision the audience has to make.',
  'Discussed delegation: start with one recurring task and hand it over with a written definition of done.',
  'Mentee to book time with the data team about the dashboard; mentor introduces the right person by email.',
  'Short check-in: both busy this sprint, kept it to progress on the two open action items.',
];
const CADENCE_DAYS: Record<Cadence, number> = { weekly: 7, biweekly: 14, monthly: 30 };
const CHANNELS = ['teams-chat', 'email', 'call', 'in-person'] as const;

const iso = (ms: number) => new Date(ms).toISOString();
const isoDay = (ms: number) => iso(ms).slice(0, 10);

/** UUIDv7-shaped ids: the row's time in the first 48 bits, then a run-wide counter (unique, cheap, append-ordered). */
class Ids {
  private n = 0;
  private readonly tag: string;
  constructor(seed: number) {
    this.tag = (seed & 0xfff).toString(16).padStart(3, '0');
  }
  at(ms: number): string {
    const t = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
    const c = (this.n++).toString(16).padStart(15, '0');
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${c.slice(0, 3)}-8${c.slice(3, 6)}-${c.slice(6, 15)}${this.tag}`;
  }
}

/** Buffers rows and writes them with one prepared multi-row INSERT per `rowsPer` rows. */
class Bulk {
  private buffer: unknown[] = [];
  private buffered = 0;
  total = 0;
  private readonly many: SQLite.Statement;
  private readonly one: SQLite.Statement;
  constructor(
    db: SQLite.Database,
    readonly table: string,
    private readonly columns: readonly string[],
    private readonly rowsPer: number,
  ) {
    const tuple = `(${columns.map(() => '?').join(',')})`;
    const head = `insert into ${table} (${columns.join(',')}) values `;
    this.one = db.prepare(head + tuple);
    this.many = db.prepare(head + Array.from({ length: rowsPer }, () => tuple).join(','));
  }
  add(values: unknown[]): void {
    if (values.length !== this.columns.length) throw new Error(`${this.table}: ${values.length} values for ${this.columns.length} columns`);
    for (const v of values) this.buffer.push(v);
    this.total++;
    if (++this.buffered === this.rowsPer) {
      this.many.run(this.buffer);
      this.buffer = [];
      this.buffered = 0;
    }
  }
  flush(): void {
    const width = this.columns.length;
    for (let i = 0; i < this.buffered; i++) this.one.run(this.buffer.slice(i * width, (i + 1) * width));
    this.buffer = [];
    this.buffered = 0;
  }
}

interface Person {
  id: string;
  department: string | null;
  timeZone: string;
}

interface PairPlan {
  id: string;
  program: ProgramPlan;
  status: PairStatus;
  mentor: Person;
  mentee: Person;
  startMs: number;
  pausedMs: number | null;
  endMs: number | null;
  endReason: EndReason | null;
  story: 'steady' | 'lapsing' | 'low-rated' | 'one-sided';
  agreement: 'agreed' | 'differ' | 'one' | 'none';
  agreedMs: number | null;
  cadence: Cadence;
  agreedCadence: Cadence | null;
  source: 'request' | 'admin-match';
  requestId: string | null;
  lastActivityMs: number;
}

interface ProgramPlan {
  id: string;
  spec: ProgramSpec;
  startMs: number;
  opensMs: number;
  pairs: number;
}

/** Largest-remainder split of `total` by weights, so configured mixes are hit exactly. */
function apportion<K extends string>(total: number, weights: Record<K, number>): Record<K, number> {
  const keys = Object.keys(weights) as K[];
  const sum = keys.reduce((s, k) => s + weights[k], 0);
  const raw = keys.map((k) => ({ k, exact: (total * weights[k]) / sum }));
  const out = Object.fromEntries(raw.map((r) => [r.k, Math.floor(r.exact)])) as Record<K, number>;
  let left = total - raw.reduce((s, r) => s + Math.floor(r.exact), 0);
  for (const r of [...raw].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)))) {
    if (left-- <= 0) break;
    out[r.k]++;
  }
  return out;
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(Math.max(x, min), max);
}

/** Fills an already migrated SQLite file with the organisation. Synchronous: better-sqlite3 all the way. */
export function generateOrganisation(file: string, options: OrgOptions): GenerationReport {
  const began = performance.now();
  const now = Date.parse(options.now);
  if (!Number.isFinite(now)) throw new Error(`now must be an ISO instant, got ${options.now}`);
  const N = Math.max(200, Math.floor(options.employees));
  const mix = options.pairStatusMix ?? DEFAULT_PAIR_STATUS_MIX;
  const pairsTotal = Math.round(N * (options.pairsPerEmployee ?? 0.4));
  const rowsPer = Math.max(1, options.rowsPerStatement ?? 200);
  const rng = (label: string) => Rng.forLabel(`bench:${options.seed}:${label}`);
  const ids = new Ids(options.seed);
  const historyStart = now - HISTORY_YEARS * YEAR;

  const sqlite = new SQLite(file);
  // A throw-away file: durability buys nothing while loading it.
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('cache_size = -1000000');
  sqlite.pragma('locking_mode = EXCLUSIVE');
  sqlite.pragma('temp_store = MEMORY');

  const bulk = (table: string, columns: string[]) => new Bulk(sqlite, table, columns, Math.max(1, Math.min(rowsPer, Math.floor(30_000 / columns.length))));
  const T = {
    users: bulk('users', ['id', 'tenant_id', 'entra_object_id', 'email', 'display_name', 'department', 'job_title', 'office_location', 'manager_id', 'time_zone', 'account_enabled', 'last_seen_at', 'directory_synced_at', 'created_at', 'updated_at']),
    programs: bulk('programs', ['id', 'name', 'description', 'kind', 'starts_on', 'ends_on', 'enrollment_opens_on', 'enrollment_closes_on', 'default_cadence', 'matching_mode', 'max_open_requests_per_mentee', 'archived_at', 'created_by', 'created_at', 'updated_at']),
    enrollments: bulk('enrollments', ['id', 'program_id', 'user_id', 'role', 'status', 'goals', 'years_experience', 'capacity', 'time_zone', 'preferred_frequency', 'preferred_channel', 'availability', 'paused_until', 'workday_start', 'workday_end', 'created_at', 'updated_at']),
    requests: bulk('mentorship_requests', ['id', 'program_id', 'mentee_id', 'mentor_id', 'message', 'status', 'decline_reason', 'responded_at', 'pair_id', 'created_at', 'updated_at']),
    pairs: bulk('pairs', ['id', 'program_id', 'mentor_id', 'mentee_id', 'status', 'source', 'request_id', 'started_at', 'paused_at', 'ended_at', 'end_reason', 'agreed_at', 'agreed_cadence', 'last_activity_at', 'created_at', 'updated_at']),
    agreements: bulk('agreements', ['pair_id', 'user_id', 'meeting_frequency', 'communication_channel', 'goals', 'feedback_style', 'boundaries', 'submitted_at', 'updated_at']),
    goals: bulk('goals', ['id', 'pair_id', 'title', 'skill', 'mentor_role', 'target_date', 'status', 'progress', 'progress_manual', 'template_key', 'completed_at', 'deleted_at', 'created_by', 'created_at', 'updated_at']),
    introductions: bulk('introductions', ['id', 'pair_id', 'requested_by', 'contact_name', 'contact_role', 'reason', 'status', 'note', 'responded_at', 'created_at']),
    series: bulk('meeting_series', ['id', 'pair_id', 'organizer_id', 'time_zone', 'start_local', 'duration_minutes', 'frequency', 'occurrence_count', 'until_date', 'agenda', 'calendar_status', 'cancelled_at', 'created_at', 'updated_at']),
    meetings: bulk('meetings', ['id', 'series_id', 'pair_id', 'occurrence_index', 'start_at', 'end_at', 'original_start_at', 'status', 'agenda', 'shared_notes', 'teams_attendance_at', 'created_at', 'updated_at']),
    confirmations: bulk('meeting_confirmations', ['meeting_id', 'user_id', 'status', 'confirmed_at']),
    feedback: bulk('meeting_feedback', ['meeting_id', 'user_id', 'rating', 'comment', 'created_at']),
    actionItems: bulk('action_items', ['id', 'pair_id', 'meeting_id', 'text', 'owner_id', 'due_on', 'done_at', 'created_by', 'created_at', 'updated_at']),
    surveys: bulk('surveys', ['id', 'pair_id', 'user_id', 'kind', 'satisfaction', 'recommend', 'skills_gained', 'new_contacts', 'promotion', 'confidence', 'comment', 'created_at']),
  };

  const load = sqlite.transaction(() => {
    // ── people ─────────────────────────────────────────────────────────────────────────────
    const r = rng('people');
    const deptWeights = DEPARTMENTS.map((_, i) => 1 / Math.pow(i + 1, 0.9));
    // Legal stays tiny whatever N is, so department breakdowns have a group to suppress.
    deptWeights[DEPARTMENTS.length - 1] = (6 / N) * deptWeights.slice(0, -1).reduce((a, b) => a + b, 0);
    const deptOf = apportion(N, Object.fromEntries(DEPARTMENTS.map((d, i) => [d, deptWeights[i]!])) as Record<string, number>);
    const people: Person[] = [];
    const ceoId = ids.at(historyStart - 5 * YEAR);
    let serial = 0;
    const addUser = (department: string | null, managerId: string | null, title: string) => {
      const createdMs = historyStart - r.between(0, 5 * YEAR) + (serial % 7) * DAY;
      const id = serial === 0 ? ceoId : ids.at(createdMs);
      const first = FIRST[serial % FIRST.length]!;
      const last = LAST[Math.floor(serial / FIRST.length) % LAST.length]!;
      const zone = TIME_ZONES[Math.floor(r.next() * TIME_ZONES.length)]!;
      T.users.add([
        id, DEV_TENANT_ID, ids.at(createdMs), `${first}.${last}.${serial}@contoso.example`.toLowerCase(), `${first} ${last}`,
        department, title, OFFICES[TIME_ZONES.indexOf(zone)]!, managerId, zone, r.chance(0.98) ? 1 : 0,
        r.chance(0.6) ? iso(now - r.between(0, 30 * DAY)) : null, iso(now - r.between(0, 2 * DAY)), iso(createdMs), iso(createdMs),
      ]);
      serial++;
      return { id, department, timeZone: zone };
    };
    addUser('Executive Office', null, 'Chief Executive Officer');
    for (const department of DEPARTMENTS) {
      const size = deptOf[department]! - (department === 'Executive Office' ? 1 : 0);
      // Managers first, so each report's manager already exists: fan-out of 8.
      const members: string[] = [];
      for (let k = 0; k < size; k++) {
        const manager = k === 0 ? ceoId : members[Math.floor((k - 1) / 8)]!;
        const dept = r.chance(0.005) ? null : department;
        const person = addUser(dept, manager, k === 0 ? `Head of ${department}` : TITLES[Math.floor(r.next() * TITLES.length)]!);
        members.push(person.id);
        people.push(person);
      }
    }
    const shuffled = r.shuffle(people);

    // ── programs, enrolments, pairs ───────────────────────────────────────────────────────
    const pr = rng('programs');
    const programPairs = apportion(pairsTotal, Object.fromEntries(PROGRAMS.map((p) => [p.name, p.share])) as Record<string, number>);
    const programs: ProgramPlan[] = PROGRAMS.map((spec) => {
      const startMs = Math.max(historyStart, now - spec.ageYears * YEAR) - DAY;
      const createdMs = startMs - 45 * DAY;
      const plan: ProgramPlan = { id: ids.at(createdMs), spec, startMs, opensMs: startMs - 30 * DAY, pairs: programPairs[spec.name]! };
      T.programs.add([
        plan.id, spec.name, `${spec.name}: synthetic benchmark program.`, spec.kind, isoDay(startMs), isoDay(now + (1 + pr.next()) * YEAR),
        isoDay(plan.opensMs), isoDay(now + 0.8 * YEAR), spec.defaultCadence, spec.matchingMode, 3, null, null, iso(createdMs), iso(createdMs),
      ]);
      return plan;
    });

    const allPairs: PairPlan[] = [];
    let cursor = 0;
    for (const program of programs) {
      const p = rng(`program:${program.spec.name}`);
      const counts = apportion(program.pairs, mix);
      const statuses: PairStatus[] = [];
      for (const s of Object.keys(counts) as PairStatus[]) for (let i = 0; i < counts[s]; i++) statuses.push(s);
      const slots = p.shuffle(statuses);

      // Chains: one mentee's pairs in this program, oldest first. Only the last may be open.
      const chains: PairStatus[][] = [];
      for (const s of slots) {
        const canPrecede = s === 'completed' || s === 'ended';
        const host = canPrecede && chains.length > 0 && p.chance(0.3) ? chains[Math.floor(p.next() * chains.length)]! : undefined;
        if (host && host.length < 3) host.unshift(s);
        else chains.push([s]);
      }

      interface Timed {
        status: PairStatus;
        startMs: number;
        pausedMs: number | null;
        endMs: number | null;
      }
      const latest = now - DAY;
      const standalone = (status: PairStatus): Timed => {
        const H = program.startMs;
        if (status === 'active') return { status, startMs: p.between(H, latest), pausedMs: null, endMs: null };
        if (status === 'paused') {
          const startMs = p.between(H, now - 45 * DAY);
          return { status, startMs, pausedMs: p.between(Math.max(startMs + 21 * DAY, now - 120 * DAY), latest), endMs: null };
        }
        const [minD, maxD] = status === 'completed' ? [6 * MONTH, 24 * MONTH] : [1 * MONTH, 12 * MONTH];
        const d = Math.min(p.between(minD, maxD), latest - H - DAY);
        const endMs = p.between(H + d, latest);
        return { status, startMs: endMs - d, pausedMs: null, endMs };
      };
      const chainTimes: Timed[][] = [];
      for (const chain of chains) {
        const timed: Timed[] = [standalone(chain[chain.length - 1]!)];
        for (let i = chain.length - 2; i >= 0; i--) {
          const status = chain[i]!;
          const [minD, maxD] = status === 'completed' ? [5 * MONTH, 15 * MONTH] : [3 * WEEK, 6 * MONTH];
          const endMs = timed[0]!.startMs - p.between(DAY, 30 * DAY);
          const startMs = endMs - p.between(minD, maxD);
          if (startMs < program.startMs) chainTimes.push([standalone(status)]);
          else timed.unshift({ status, startMs, pausedMs: null, endMs });
        }
        chainTimes.push(timed);
      }

      const unmatched = Math.round(chainTimes.length * 0.12);
      const mentorCount = Math.max(4, Math.ceil(chainTimes.length / 2.6));
      const members = chainTimes.length + unmatched + mentorCount;
      if (members > shuffled.length) throw new Error(`program ${program.spec.name} needs ${members} people; raise --employees`);
      const take = (k: number) => shuffled[(cursor + k) % shuffled.length]!;
      const mentees = chainTimes.map((_, k) => take(k));
      const unmatchedPeople = Array.from({ length: unmatched }, (_, k) => take(chainTimes.length + k));
      const mentors = Array.from({ length: mentorCount }, (_, k) => take(chainTimes.length + unmatched + k));
      cursor += Math.floor(N / PROGRAMS.length) + 7;

      const mentorFirstMs = new Map<string, number>();
      const mentorOpen = new Map<string, number>();
      const used = new Set<string>();
      const capacity = mentors.map(() => p.int(1, 4));
      chainTimes.forEach((chain, k) => {
        const mentee = mentees[k]!;
        const enrolledMs = Math.max(program.opensMs, chain[0]!.startMs - Math.min(60 * DAY, -Math.log(1 - p.next()) * 9 * DAY));
        T.enrollments.add(enrollmentRow(program.id, mentee, 'mentee', 'active', 0, enrolledMs, p));
        for (const t of chain) {
          let mentor: Person;
          let mi: number;
          do {
            mi = Math.floor(p.next() * mentors.length);
            mentor = mentors[mi]!;
          } while (used.has(`${mentor.id}|${mentee.id}`));
          used.add(`${mentor.id}|${mentee.id}`);
          mentorFirstMs.set(mentor.id, Math.min(mentorFirstMs.get(mentor.id) ?? Infinity, t.startMs));
          if (t.status === 'active' || t.status === 'paused') mentorOpen.set(mentor.id, (mentorOpen.get(mentor.id) ?? 0) + 1);
          allPairs.push(planPair(program, t, mentor, mentee, p));
        }
      });
      unmatchedPeople.forEach((person) => {
        const enrolledMs = p.between(Math.max(program.opensMs, now - 180 * DAY), now - HOUR);
        const withdrawn = p.chance(0.05);
        T.enrollments.add(enrollmentRow(program.id, person, 'mentee', withdrawn ? 'withdrawn' : 'active', 0, enrolledMs, p));
        if (!withdrawn && p.chance(0.4)) {
          const createdMs = p.between(enrolledMs, now - MINUTE);
          const mentor = mentors[Math.floor(p.next() * mentors.length)]!;
          T.requests.add([ids.at(createdMs), program.id, person.id, mentor.id, 'Hello, I would value your guidance on growing into my next role.', 'pending', null, null, null, iso(createdMs), iso(createdMs)]);
        }
      });
      mentors.forEach((mentor, k) => {
        const first = mentorFirstMs.get(mentor.id);
        const enrolledMs = first === undefined ? p.between(program.opensMs, now - HOUR) : Math.max(program.opensMs, first - p.between(DAY, 40 * DAY));
        const withdrawn = !mentorOpen.has(mentor.id) && p.chance(0.03);
        T.enrollments.add(enrollmentRow(program.id, mentor, 'mentor', withdrawn ? 'withdrawn' : 'active', Math.max(capacity[k]!, mentorOpen.get(mentor.id) ?? 0), enrolledMs, p));
      });
    }

    // Oldest pair first: ids, and every index keyed by them, then fill append-ordered.
    allPairs.sort((a, b) => a.startMs - b.startMs);
    const pairRng = rng('pairs');
    for (const pair of allPairs) writePair(pair);

    function enrollmentRow(programId: string, person: Person, role: 'mentor' | 'mentee', status: string, capacity: number, createdMs: number, p: Rng): unknown[] {
      const cadence = p.weighted<Cadence>([['weekly', 3], ['biweekly', 5], ['monthly', 2]]);
      return [
        ids.at(createdMs), programId, person.id, role, status, role === 'mentee' ? 'Grow as a leader and get better at stakeholder management.' : null,
        p.int(1, 25), role === 'mentor' ? capacity : 0, person.timeZone, cadence, CHANNELS[p.int(0, 3)], 'open', null, '09:00', '17:00', iso(createdMs), iso(createdMs),
      ];
    }

    function planPair(program: ProgramPlan, t: { status: PairStatus; startMs: number; pausedMs: number | null; endMs: number | null }, mentor: Person, mentee: Person, p: Rng): PairPlan {
      const agreement = p.weighted<PairPlan['agreement']>([['agreed', 88], ['differ', 4], ['one', 5], ['none', 3]]);
      const agreedCadence = agreement === 'agreed' ? p.weighted<Cadence>([['weekly', 55], ['biweekly', 35], ['monthly', 10]]) : null;
      const agreedMs = agreement === 'agreed' ? Math.min(t.startMs + p.between(HOUR, 10 * DAY), t.endMs ?? t.pausedMs ?? now - HOUR, now - HOUR) : null;
      const story: PairPlan['story'] =
        t.status === 'active' ? p.weighted<PairPlan['story']>([['steady', 80], ['lapsing', 12], ['low-rated', 4], ['one-sided', 4]]) : 'steady';
      const endReason: EndReason | null =
        t.status === 'completed'
          ? 'goals-met'
          : t.status === 'ended'
            ? p.weighted<EndReason>([['lack-of-time', 40], ['mismatched-expectations', 25], ['communication', 20], ['other', 15]])
            : null;
      return {
        id: '',
        program,
        status: t.status,
        mentor,
        mentee,
        startMs: t.startMs,
        pausedMs: t.pausedMs,
        endMs: t.endMs,
        endReason,
        story,
        agreement,
        agreedMs,
        cadence: agreedCadence ?? program.spec.defaultCadence,
        agreedCadence,
        source: program.spec.matchingMode === 'admin' || p.chance(0.25) ? 'admin-match' : 'request',
        requestId: null,
        lastActivityMs: t.startMs,
      };
    }

    // ── one pair and everything that happened in it ───────────────────────────────────────
    function writePair(pair: PairPlan): void {
      const p = pairRng;
      pair.id = ids.at(pair.startMs);
      const closedMs = pair.endMs;
      const lifeEnd = closedMs ?? now;
      if (pair.source === 'request') {
        const createdMs = pair.startMs - p.between(HOUR, 5 * DAY);
        pair.requestId = ids.at(createdMs);
        T.requests.add([pair.requestId, pair.program.id, pair.mentee.id, pair.mentor.id, 'Hello, would you be my mentor this year?', 'accepted', null, iso(pair.startMs), pair.id, iso(createdMs), iso(pair.startMs)]);
      }
      writeAgreements(pair, p);
      writeMeetings(pair, p);
      writeGoals(pair, p, lifeEnd);
      writeIntroductions(pair, p, lifeEnd);
      writeSurveys(pair, p);
      const updatedMs = Math.max(pair.lastActivityMs, pair.pausedMs ?? 0, closedMs ?? 0);
      T.pairs.add([
        pair.id, pair.program.id, pair.mentor.id, pair.mentee.id, pair.status, pair.source, pair.requestId, iso(pair.startMs),
        pair.pausedMs === null ? null : iso(pair.pausedMs), closedMs === null ? null : iso(closedMs), pair.endReason,
        pair.agreedMs === null ? null : iso(pair.agreedMs), pair.agreedCadence, iso(pair.lastActivityMs), iso(pair.startMs), iso(updatedMs),
      ]);
    }

    function writeAgreements(pair: PairPlan, p: Rng): void {
      if (pair.agreement === 'none') return;
      const latest = Math.min(pair.endMs ?? now, now) - MINUTE;
      const at = (ms: number) => iso(Math.min(ms, latest));
      const menteeAt = pair.agreedMs ?? pair.startMs + p.between(HOUR, 8 * DAY);
      const blank = p.chance(0.07);
      const channel = CHANNELS[p.int(0, 3)]!;
      const freq = pair.agreedCadence ?? pair.cadence;
      T.agreements.add([pair.id, pair.mentee.id, freq, channel, 'Become confident presenting to senior leaders.', 'Direct, in the moment', blank ? '' : 'Personal matters stay out unless I raise them.', at(menteeAt), at(menteeAt)]);
      if (pair.agreement === 'one') return;
      const otherFreq = pair.agreement === 'differ' ? (freq === 'monthly' ? 'weekly' : 'monthly') : freq;
      const mentorAt = pair.agreedMs ?? menteeAt + p.between(HOUR, 3 * DAY);
      T.agreements.add([pair.id, pair.mentor.id, otherFreq, channel, 'Help them build a network beyond the team.', 'Written notes after each session', 'Keep what we discuss between us.', at(mentorAt), at(mentorAt)]);
    }

    function writeMeetings(pair: PairPlan, p: Rng): void {
      const duration = p.weighted<number>([[30, 4], [45, 3], [60, 3]]) * MINUTE;
      const hour = p.int(8, 16);
      const firstDay = Math.floor((pair.startMs + p.between(3 * DAY, 10 * DAY)) / DAY) * DAY;
      const horizon = pair.endMs ?? (pair.status === 'paused' ? now : now + 6 * WEEK);
      const lapseMs = pair.story === 'lapsing' ? now - p.between(6 * WEEK, 20 * WEEK) : Infinity;
      const oneSided = pair.story === 'one-sided';
      const poor = pair.story === 'low-rated';
      // One series, or two when the pair moved its slot part-way (the first then ends early).
      const splits = p.chance(0.12) ? 2 : 1;
      const span = horizon - firstDay;
      let index = 0;
      for (let s = 0; s < splits; s++) {
        const seriesStart = firstDay + (span * s) / splits + (hour + s) * HOUR;
        const seriesEnd = s === splits - 1 ? horizon : firstDay + (span * (s + 1)) / splits;
        if (seriesStart >= horizon) break;
        const createdMs = Math.min(seriesStart - p.between(HOUR, 2 * DAY), now - MINUTE);
        const seriesId = ids.at(createdMs);
        const cancelledMs = pair.status === 'ended' && s === splits - 1 ? pair.endMs : s < splits - 1 ? seriesEnd : null;
        const untilDate = s < splits - 1 ? isoDay(seriesEnd - DAY) : pair.status === 'completed' && pair.endMs !== null ? isoDay(pair.endMs) : null;
        T.series.add([
          seriesId, pair.id, pair.mentor.id, 'UTC', iso(seriesStart).slice(0, 19), duration / MINUTE, pair.cadence, null, untilDate,
          p.chance(0.3) ? AGENDAS[p.int(0, AGENDAS.length - 1)]! : null, 'not-connected', cancelledMs === null ? null : iso(cancelledMs), iso(createdMs), iso(cancelledMs ?? createdMs),
        ]);
        let occurrence = 0;
        for (let start = seriesStart; start < seriesEnd; occurrence++) {
          const original = start;
          const shift = p.chance(0.05) ? p.between(-2 * DAY, 2 * DAY) : 0;
          // A moved check-in stays inside its series (never after the pair closed).
          const startMs = original + shift < seriesEnd ? original + shift : original;
          const endMs = startMs + duration;
          const meetingId = ids.at(createdMs);
          let status: MeetingStatus;
          if (endMs > now) status = 'scheduled';
          else if (pair.pausedMs !== null && startMs >= pair.pausedMs) status = 'cancelled';
          else if (startMs >= lapseMs) status = p.weighted<MeetingStatus>([['missed', 40], ['cancelled', 40], ['scheduled', 20]]);
          else if (index === 0) status = p.chance(0.92) ? 'held' : 'missed';
          else if (startMs > now - 7 * DAY && p.chance(0.08)) status = 'scheduled';
          else if (pair.status === 'ended') status = p.weighted<MeetingStatus>([['held', 65], ['missed', 20], ['cancelled', 15]]);
          else status = p.weighted<MeetingStatus>([['held', 88], ['cancelled', 5], ['missed', 4], ['scheduled', 3]]);

          let updatedMs = createdMs;
          let attendance: string | null = null;
          if (status === 'held' || status === 'missed') {
            // As the app settles it: held when either member confirmed held (or Teams saw both), else missed.
            if (status === 'held' && p.chance(0.1)) attendance = iso(endMs + 10 * MINUTE);
            const mentorConfirms = p.chance(status === 'held' ? 0.92 : 0.7);
            const menteeConfirms = !oneSided && p.chance(status === 'held' ? 0.85 : 0.6);
            const confirmers = [...(mentorConfirms ? [pair.mentor.id] : []), ...(menteeConfirms ? [pair.mentee.id] : [])];
            if (confirmers.length === 0 && attendance === null) confirmers.push(pair.mentor.id);
            for (const who of confirmers) {
              const at = Math.min(endMs + p.between(5 * MINUTE, 2 * DAY), now - MINUTE);
              T.confirmations.add([meetingId, who, status, iso(at)]);
              updatedMs = Math.max(updatedMs, at);
            }
          }
          let agenda: string | null = null;
          let notes: string | null = null;
          if (status === 'held') {
            if (p.chance(0.3)) agenda = AGENDAS[p.int(0, AGENDAS.length - 1)]!;
            if (p.chance(0.4)) notes = NOTES[p.int(0, NOTES.length - 1)]!;
            const ratingOf = () => (poor ? p.weighted<number>([[1, 40], [2, 45], [3, 15]]) : p.weighted<number>([[5, 50], [4, 35], [3, 10], [2, 4], [1, 1]]));
            for (const [who, chance] of [[pair.mentor.id, 0.35], [pair.mentee.id, 0.45]] as const) {
              if (!p.chance(chance)) continue;
              const at = Math.min(endMs + p.between(MINUTE, DAY), now - MINUTE);
              T.feedback.add([meetingId, who, ratingOf(), p.chance(0.1) ? 'Useful session.' : null, iso(at)]);
            }
            if (p.chance(0.08)) {
              const owner = p.chance(0.7) ? pair.mentee.id : pair.mentor.id;
              const dueMs = startMs + p.between(7 * DAY, 21 * DAY);
              // Most items get done; the ones still open are mostly recent.
              const doneMs = p.chance(dueMs < now - 60 * DAY ? 0.98 : 0.85) ? Math.max(endMs + MINUTE, Math.min(p.between(endMs, dueMs + 5 * DAY), now - MINUTE)) : null;
              T.actionItems.add([
                ids.at(endMs), pair.id, meetingId, 'Send the revised proposal to the steering group.', owner, isoDay(dueMs),
                doneMs === null ? null : iso(doneMs), owner, iso(endMs), iso(doneMs ?? endMs),
              ]);
            }
            pair.lastActivityMs = Math.max(pair.lastActivityMs, endMs);
          } else if (status === 'scheduled' && startMs > now && p.chance(0.4)) {
            agenda = AGENDAS[p.int(0, AGENDAS.length - 1)]!;
          }
          T.meetings.add([meetingId, seriesId, pair.id, occurrence, iso(startMs), iso(endMs), iso(original), status, agenda, notes, attendance, iso(createdMs), iso(updatedMs)]);
          index++;
          start = pair.cadence === 'monthly' ? nextMonth(original) : original + CADENCE_DAYS[pair.cadence] * DAY;
        }
      }
    }

    function writeGoals(pair: PairPlan, p: Rng, lifeEnd: number): void {
      const count = p.weighted<number>([[0, 10], [1, 25], [2, 30], [3, 25], [4, 10]]);
      const life = Math.min(lifeEnd, now) - pair.startMs;
      for (let g = 0; g < count; g++) {
        // Half the goals are set while getting started, the rest along the way.
        const createdMs = p.chance(0.5) ? pair.startMs + p.between(HOUR, Math.max(2 * HOUR, Math.min(60 * DAY, life))) : pair.startMs + p.between(HOUR, Math.max(2 * HOUR, life));
        if (createdMs >= now) continue;
        const targetMs = p.chance(0.85) ? createdMs + p.between(MONTH, 9 * MONTH) : null;
        const due = targetMs !== null && targetMs < now;
        const status: GoalStatus =
          pair.status === 'completed'
            ? p.weighted<GoalStatus>([['done', 60], ['dropped', 15], ['in-progress', 25]])
            : pair.status === 'ended'
              ? p.weighted<GoalStatus>([['dropped', 30], ['in-progress', 40], ['not-started', 20], ['done', 10]])
              : due
                ? p.weighted<GoalStatus>([['done', 75], ['dropped', 15], ['in-progress', 10]])
                : p.weighted<GoalStatus>([['not-started', 25], ['in-progress', 55], ['done', 15], ['dropped', 5]]);
        const progress = status === 'done' ? 100 : status === 'not-started' ? 0 : p.int(5, 90);
        const completedMs = status === 'done' ? Math.min(createdMs + p.between(2 * WEEK, 6 * MONTH), lifeEnd, now - MINUTE) : null;
        const targetDate = targetMs === null ? null : isoDay(targetMs);
        const deletedMs = p.chance(0.03) ? Math.min(createdMs + p.between(DAY, 30 * DAY), now - MINUTE) : null;
        const updatedMs = Math.max(createdMs, completedMs ?? 0, deletedMs ?? 0);
        T.goals.add([
          ids.at(createdMs), pair.id, 'Lead a cross-team project end to end', 'Stakeholder management', 'Reviews the plan and opens doors.', targetDate, status, progress, 0,
          p.chance(0.5) ? 'lead-project' : null, completedMs === null ? null : iso(completedMs), deletedMs === null ? null : iso(deletedMs), pair.mentee.id, iso(createdMs), iso(updatedMs),
        ]);
      }
    }

    function writeIntroductions(pair: PairPlan, p: Rng, lifeEnd: number): void {
      if (!p.chance(0.3)) return;
      const count = p.int(1, 2);
      for (let k = 0; k < count; k++) {
        const createdMs = p.between(pair.startMs, Math.min(lifeEnd, now - HOUR));
        const status = p.weighted<'made' | 'declined' | 'requested'>([['made', 60], ['declined', 15], ['requested', 25]]);
        const respondedMs = status === 'requested' ? null : Math.min(createdMs + p.between(HOUR, 14 * DAY), now - MINUTE);
        T.introductions.add([ids.at(createdMs), pair.id, pair.mentee.id, 'Dana Whitfield', 'Head of Pricing', 'To learn how pricing decisions are made.', status, null, respondedMs === null ? null : iso(respondedMs), iso(createdMs)]);
      }
    }

    function writeSurveys(pair: PairPlan, p: Rng): void {
      if (pair.endMs === null) return;
      const good = pair.status === 'completed';
      for (const who of [pair.mentee.id, pair.mentor.id]) {
        if (!p.chance(0.65)) continue;
        const createdMs = Math.min(pair.endMs + p.between(MINUTE, 10 * DAY), now - MINUTE);
        const satisfaction = good ? p.weighted<number>([[5, 45], [4, 35], [3, 12], [2, 5], [1, 3]]) : p.weighted<number>([[5, 10], [4, 25], [3, 30], [2, 20], [1, 15]]);
        const recommend = p.chance(0.85) ? clamp(Math.round(satisfaction * 2 + p.between(-2, 1)), 0, 10) : null;
        T.surveys.add([
          ids.at(createdMs), pair.id, who, 'closing', satisfaction, recommend, p.chance(good ? 0.6 : 0.25) ? 1 : 0, p.chance(good ? 0.4 : 0.15) ? 1 : 0,
          p.chance(good ? 0.1 : 0.03) ? 1 : 0, p.chance(0.7) ? p.int(1, 5) : null, null, iso(createdMs),
        ]);
      }
    }

    for (const table of Object.values(T)) table.flush();
  });
  try {
    load();
  } finally {
    sqlite.close();
  }

  const rows = Object.fromEntries(Object.values(T).map((t) => [t.table, t.total]));
  const check = new SQLite(file, { readonly: true });
  let programs: ProgramSummary[];
  try {
    programs = check
      .prepare('select p.id, p.name, count(x.id) as pairs from programs p left join pairs x on x.program_id = p.id group by p.id, p.name order by pairs desc, p.name')
      .all() as ProgramSummary[];
  } finally {
    check.close();
  }
  return { ms: performance.now() - began, rows, programs, largestProgram: programs[0]! };
}

/** The same day next month (clamped to the month's last day), at the same UTC time. */
function nextMonth(ms: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes());
}

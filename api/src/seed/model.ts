import type {
  Cadence,
  CommunicationChannel,
  Database,
  EndReason,
  EnrollmentRole,
  PairStatus,
} from '../db/schema';
import { IdFactory, Rng } from './random';

/** Every table the generator fills, parents before children so each foreign key points at a row already written. */
export const SEEDED_TABLES = [
  'users',
  'taxonomyTerms',
  'programs',
  'enrollments',
  'enrollmentTerms',
  'pairs',
  'mentorshipRequests',
  'agreements',
  'goals',
  'goalSteps',
  'goalUpdates',
  'introductions',
  'meetingSeries',
  'meetings',
  'meetingConfirmations',
  'meetingFeedback',
  'privateNotes',
  'actionItems',
  'surveys',
] as const satisfies readonly (keyof Database)[];

export type SeededTable = (typeof SEEDED_TABLES)[number];

/** Complete rows (every column given) by table. */
export type SeedRows = { [T in SeededTable]: Database[T][] };

export interface SeedContext {
  /** options.now in epoch milliseconds: every date is relative to it */
  now: number;
  ids: IdFactory;
  /** an independent random stream per concern */
  rng(label: string): Rng;
}

export function createContext(now: Date): SeedContext {
  return { now: now.getTime(), ids: new IdFactory(), rng: (label) => Rng.forLabel(`tandem-demo/${label}`) };
}

export type Level = 'ceo' | 'head' | 'director' | 'manager' | 'senior' | 'mid' | 'junior';

export const LEVEL_RANK: Record<Level, number> = { junior: 0, mid: 1, senior: 2, manager: 3, director: 4, head: 5, ceo: 6 };

export interface Person {
  id: string;
  email: string;
  firstName: string;
  displayName: string;
  department: string;
  jobTitle: string;
  officeLocation: string;
  timeZone: string;
  managerId: string | null;
  level: Level;
  yearsExperience: number;
  /** every manager above this person, up to the CEO */
  chain: ReadonlySet<string>;
}

export function sameChain(a: Person, b: Person): boolean {
  return a.chain.has(b.id) || b.chain.has(a.id);
}

export type ProgramKey = 'growth' | 'leaders';

export interface ProgramPlan {
  key: ProgramKey;
  id: string;
  name: string;
  defaultCadence: Cadence;
  matchingMode: 'self' | 'admin';
  startsMs: number;
  endsMs: number;
  opensMs: number;
  closesMs: number;
}

/** A person's intent in one program; the row itself is written once its dates are known. */
export interface Membership {
  program: ProgramPlan;
  person: Person;
  role: EnrollmentRole;
  capacity: number;
  offered: string[];
  wanted: string[];
  values: string[];
  goals: string | null;
  preferredFrequency: Cadence;
  preferredChannel: CommunicationChannel;
  workdayStart: string;
  workdayEnd: string;
  /** set when the person left the program */
  withdrawnMs: number | null;
  /** set when a mentor is taking a break from new requests */
  availabilityPausedMs: number | null;
  pausedUntilMs: number | null;
  /** the earliest thing this person did in the program: their enrolment came before it */
  firstActivityMs: number | null;
  /** when the enrolment row says they joined (decided last, from the above) */
  enrolledMs: number | null;
}

export function noteActivity(member: Membership, ms: number): void {
  if (member.firstActivityMs === null || ms < member.firstActivityMs) member.firstActivityMs = ms;
}

/**
 * The arc a pair's data follows. Every generator reads it, so a lapsing pair's meetings,
 * goals and surveys all tell the same story.
 */
export type Story = 'steady' | 'lapsing' | 'fresh' | 'low-rated' | 'paused' | 'completed' | 'ended';

export interface PairPlan {
  id: string;
  program: ProgramPlan;
  mentor: Membership;
  mentee: Membership;
  story: Story;
  status: PairStatus;
  startedMs: number;
  pausedMs: number | null;
  endedMs: number | null;
  endReason: EndReason | null;
  requestId: string | null;
  agreedMs: number | null;
  agreedCadence: Cadence | null;
  /**
   * No meaningful activity happens after this instant: the pause, the end, the lapse
   * (last held meeting), or now. Set by the meetings module.
   */
  activeUntilMs: number;
  /** latest meaningful activity seen so far (becomes pairs.lastActivityAt) */
  lastActivityMs: number;
}

export function touch(pair: PairPlan, ms: number): void {
  if (ms > pair.lastActivityMs) pair.lastActivityMs = ms;
}

/** Active and paused pairs hold one of the mentor's capacity slots. */
export function isOpen(status: PairStatus): boolean {
  return status === 'active' || status === 'paused';
}

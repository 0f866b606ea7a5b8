// Wire shapes of the Tandem API (see api/). Dates are "YYYY-MM-DD"; instants are ISO-8601 UTC.

export type AuthMode = 'dev' | 'entra';

export interface Health {
  status: 'ok';
  database: 'sqlite' | 'mssql';
  version: string;
  authMode: AuthMode;
}

export type Persona = 'admin' | 'mentor' | 'mentee' | 'employee';

export interface DevUser {
  email: string;
  displayName: string;
  department: string | null;
  jobTitle: string | null;
  persona: Persona;
}

export interface DevTokenRequest {
  email: string;
  displayName?: string;
  department?: string;
}

export interface DevTokenResponse {
  token: string;
}

export type Role = 'admin';

export interface Me {
  id: string;
  email: string;
  displayName: string;
  department: string | null;
  jobTitle: string | null;
  timeZone: string | null;
  roles: Role[];
}

export type ProgramKind = 'onboarding' | 'leadership' | 'erg' | 'career-growth' | 'other';
export type Cadence = 'weekly' | 'biweekly' | 'monthly';
export type MatchingMode = 'self' | 'admin';
export type PairRole = 'mentor' | 'mentee';

export interface ProgramBase {
  id: string;
  name: string;
  description: string;
  kind: ProgramKind;
  startsOn: string;
  endsOn: string;
  enrollmentOpensOn: string;
  enrollmentClosesOn: string;
  defaultCadence: Cadence;
  matchingMode: MatchingMode;
  maxOpenRequestsPerMentee: number;
  enrollmentOpen: boolean;
}

export interface Enrollment {
  role: PairRole;
  status: 'active' | 'withdrawn';
}

export interface Program extends ProgramBase {
  myEnrollment: Enrollment | null;
}

export type PairStatus = 'active' | 'paused' | 'completed' | 'ended';

export interface Pair {
  id: string;
  program: { id: string; name: string };
  myRole: PairRole;
  partner: { id: string; displayName: string; jobTitle: string | null; department: string | null };
  status: PairStatus;
  startedAt: string;
  agreementStatus: 'none' | 'partial' | 'agreed';
  goals: { total: number; done: number };
  nextMeeting: { start: string; end: string } | null;
}

export interface AdminProgram extends ProgramBase {
  counts: {
    mentors: number;
    mentees: number;
    pairs: Record<PairStatus, number>;
    pendingRequests: number;
  };
}

/** RFC 9457 problem details as the API sends them. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

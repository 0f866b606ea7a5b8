import { DEV_TENANT_ID, devObjectId } from '../auth/dev-issuer';
import { DEMO_ADMIN_EMAIL } from '../config/config';
import type { UsersTable } from '../db/schema';
import type { Level, Person, SeedContext } from './model';
import { NamePool } from './names';
import { DAY, iso } from './time';

const OFFICE_ZONES: Record<string, string> = {
  Seattle: 'America/Los_Angeles',
  'New York': 'America/New_York',
  Toronto: 'America/Toronto',
  'Denver': 'America/Denver',
  'São Paulo': 'America/Sao_Paulo',
  London: 'Europe/London',
  Dublin: 'Europe/Dublin',
  Berlin: 'Europe/Berlin',
  Amsterdam: 'Europe/Amsterdam',
  Bengaluru: 'Asia/Kolkata',
  Singapore: 'Asia/Singapore',
  Sydney: 'Australia/Sydney',
  Tokyo: 'Asia/Tokyo',
};

type IcLevel = 'junior' | 'mid' | 'senior';

interface DepartmentSpec {
  name: string;
  /** head count including the department head */
  size: number;
  head: string;
  director?: string;
  manager: string;
  ic: Record<IcLevel, string[]>;
  offices: [string, number][];
}

const PEOPLE_AND_CULTURE = 'People & Culture';

const DEPARTMENTS: DepartmentSpec[] = [
  {
    name: 'Engineering',
    size: 90,
    head: 'VP of Engineering',
    director: 'Director of Engineering',
    manager: 'Engineering Manager',
    ic: {
      junior: ['Associate Software Engineer', 'Junior QA Engineer'],
      mid: ['Software Engineer', 'Software Engineer', 'Site Reliability Engineer', 'Data Engineer', 'QA Engineer'],
      senior: ['Senior Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'Principal Engineer', 'Senior Data Engineer'],
    },
    offices: [['Seattle', 5], ['Berlin', 2], ['Bengaluru', 3], ['Toronto', 1], ['Denver', 1]],
  },
  {
    name: 'Product',
    size: 26,
    head: 'VP of Product',
    manager: 'Group Product Manager',
    ic: {
      junior: ['Associate Product Manager'],
      mid: ['Product Manager', 'Product Analyst'],
      senior: ['Senior Product Manager', 'Principal Product Manager'],
    },
    offices: [['Seattle', 4], ['London', 2], ['Berlin', 1]],
  },
  {
    name: 'Design',
    size: 18,
    head: 'Head of Design',
    manager: 'Design Manager',
    ic: {
      junior: ['Junior Product Designer'],
      mid: ['Product Designer', 'UX Researcher', 'Content Designer'],
      senior: ['Senior Product Designer', 'Lead UX Researcher'],
    },
    offices: [['Seattle', 3], ['Amsterdam', 2], ['London', 1]],
  },
  {
    name: 'Sales',
    size: 52,
    head: 'VP of Sales',
    director: 'Regional Sales Director',
    manager: 'Sales Manager',
    ic: {
      junior: ['Sales Development Representative'],
      mid: ['Account Executive', 'Sales Engineer'],
      senior: ['Senior Account Executive', 'Enterprise Account Executive', 'Senior Sales Engineer'],
    },
    offices: [['New York', 4], ['London', 3], ['São Paulo', 2], ['Sydney', 2], ['Singapore', 2], ['Tokyo', 1]],
  },
  {
    name: 'Marketing',
    size: 30,
    head: 'VP of Marketing',
    manager: 'Marketing Manager',
    ic: {
      junior: ['Marketing Coordinator'],
      mid: ['Content Marketing Specialist', 'Product Marketing Manager', 'Marketing Operations Specialist'],
      senior: ['Senior Product Marketing Manager', 'Senior Brand Strategist'],
    },
    offices: [['New York', 3], ['Seattle', 2], ['London', 2], ['Amsterdam', 1]],
  },
  {
    name: 'Customer Success',
    size: 42,
    head: 'VP of Customer Success',
    director: 'Director of Customer Success',
    manager: 'Customer Success Team Lead',
    ic: {
      junior: ['Support Specialist', 'Customer Onboarding Specialist'],
      mid: ['Customer Success Manager', 'Technical Support Engineer'],
      senior: ['Senior Customer Success Manager', 'Solutions Consultant'],
    },
    offices: [['Dublin', 3], ['Toronto', 2], ['Singapore', 2], ['Sydney', 1], ['São Paulo', 1]],
  },
  {
    name: 'Finance',
    size: 20,
    head: 'Chief Financial Officer',
    manager: 'Finance Manager',
    ic: {
      junior: ['Accounts Payable Specialist', 'Junior Financial Analyst'],
      mid: ['Financial Analyst', 'Accountant'],
      senior: ['Senior Financial Analyst', 'Senior Accountant'],
    },
    offices: [['Seattle', 3], ['Dublin', 2], ['New York', 1]],
  },
  {
    name: PEOPLE_AND_CULTURE,
    size: 21,
    head: 'Chief People Officer',
    manager: 'People Partner Manager',
    ic: {
      junior: ['People Operations Coordinator', 'Recruiting Coordinator'],
      mid: ['Recruiter', 'People Partner', 'Learning & Development Specialist'],
      senior: ['Senior Recruiter', 'Senior People Partner'],
    },
    offices: [['Seattle', 3], ['London', 2], ['Bengaluru', 1]],
  },
];

const EXPERIENCE: Record<Level, [number, number]> = {
  junior: [0, 3],
  mid: [3, 7],
  senior: [7, 16],
  manager: [8, 18],
  director: [12, 22],
  head: [15, 26],
  ceo: [24, 30],
};

/** The whole company in management order (everyone's manager comes before them). */
export function buildOrg(ctx: SeedContext): Person[] {
  const rng = ctx.rng('org');
  const names = new NamePool(rng, [DEMO_ADMIN_EMAIL]);
  const importedMs = directoryImportMs(ctx);
  const tiers: Person[][] = [[], [], [], [], []];

  const add = (tier: number, level: Level, department: string, jobTitle: string, office: string, manager: Person | null, name = names.next()) => {
    const [minYears, maxYears] = EXPERIENCE[level];
    const person: Person = {
      id: ctx.ids.make(`user:${name.email}`, importedMs),
      email: name.email,
      firstName: name.firstName,
      displayName: name.displayName,
      department,
      jobTitle,
      officeLocation: office,
      timeZone: OFFICE_ZONES[office] ?? 'UTC',
      managerId: manager?.id ?? null,
      level,
      yearsExperience: rng.int(minYears, maxYears),
      chain: manager ? new Set([...manager.chain, manager.id]) : new Set(),
    };
    tiers[tier]?.push(person);
    return person;
  };

  const ceo = add(0, 'ceo', 'Executive', 'Chief Executive Officer', 'Seattle', null);
  for (const dept of DEPARTMENTS) {
    const officeOf = () => rng.weighted(dept.offices);
    const head = add(1, 'head', dept.name, dept.head, rng.chance(0.6) ? 'Seattle' : officeOf(), ceo);
    const directorCount = dept.director ? (dept.size >= 80 ? 3 : 2) : 0;
    const directors = Array.from({ length: directorCount }, () => add(2, 'director', dept.name, dept.director ?? dept.head, officeOf(), head));
    const managerCount = Math.max(2, Math.round((dept.size - 1 - directorCount) / 7.5));
    const managers = Array.from({ length: managerCount }, (_, i) => {
      const boss = directors.length > 0 ? (directors[i % directors.length] ?? head) : head;
      // The demo admin runs L&D inside People & Culture.
      if (dept.name === PEOPLE_AND_CULTURE && i === 0) {
        return add(3, 'manager', dept.name, 'Learning & Development Manager', 'Seattle', boss, {
          firstName: 'Morgan',
          displayName: 'Morgan Lee',
          email: DEMO_ADMIN_EMAIL,
        });
      }
      return add(3, 'manager', dept.name, dept.manager, officeOf(), boss);
    });
    const icCount = dept.size - 1 - directorCount - managerCount;
    for (let i = 0; i < icCount; i++) {
      const manager = managers[i % managers.length] ?? head;
      const level = rng.weighted<IcLevel>([['junior', 3], ['mid', 4], ['senior', 3]]);
      // Teams mostly sit together; the rest are spread over the department's offices.
      const office = rng.chance(0.6) ? manager.officeLocation : officeOf();
      add(4, level, dept.name, rng.pick(dept.ic[level]), office, manager);
    }
  }
  return tiers.flat();
}

function directoryImportMs(ctx: SeedContext): number {
  return ctx.now - 300 * DAY;
}

/**
 * People as the directory import writes them (api/src/seed/people.ts sends them through it);
 * `lastSeen` holds when each person last opened Tandem, if ever.
 */
export function userRows(ctx: SeedContext, people: Person[], lastSeen: ReadonlyMap<string, number>): UsersTable[] {
  // One bulk directory import, long before the first program opened. A CSV file has no office
  // column, so the offices that placed people in time zones stay in the generator.
  const createdAt = iso(directoryImportMs(ctx));
  return people.map((person) => {
    const seen = lastSeen.get(person.id);
    return {
      id: person.id,
      tenantId: DEV_TENANT_ID,
      entraObjectId: devObjectId(person.email),
      email: person.email,
      displayName: person.displayName,
      department: person.department,
      jobTitle: person.jobTitle,
      officeLocation: null,
      managerId: person.managerId,
      timeZone: person.timeZone,
      accountEnabled: 1,
      lastSeenAt: seen === undefined ? null : iso(seen),
      directorySyncedAt: null,
      createdAt,
      updatedAt: createdAt,
      usageLocation: null,
      directoryDeletedAt: null,
      directorySource: 'csv',
    };
  });
}

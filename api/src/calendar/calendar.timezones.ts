import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Generated definitions reach this far around the instants they must describe. */
const MARGIN = 400 * DAY;

/**
 * The VTIMEZONE for `zone` that agrees with Luxon at every instant in `instants` (UTC ms).
 *
 * Occurrences are stored as instants computed with Luxon, but calendar clients turn our
 * `TZID` wall times back into instants with the VTIMEZONE we send. The packaged
 * definitions (tzurl, Olson 2018g) are used when they agree; zones they lack (Europe/Kyiv)
 * or whose rules changed since (Mexico dropped DST in 2022) get a definition generated
 * from Luxon's own offsets, so every client lands on the instants Tandem stored.
 */
export function vtimezoneFor(zone: string, instants: number[]): string {
  const packaged = getVtimezoneComponent(zone)?.replace(/\r\n/g, '\n').trim();
  if (packaged && packagedAgrees(packaged, zone, instants)) return packaged;
  return generatedVtimezone(zone, instants);
}

interface Observance {
  from: number;
  to: number;
  /** local wall time of the first onset, as minutes since the epoch read as UTC */
  startLocal: number;
  rule: { month: number; nth: number; weekday: number } | null;
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** Reads the simple shape every packaged definition has; anything else counts as disagreeing. */
function parsePackaged(vtimezone: string, zone: string): Observance[] | null {
  const lines = vtimezone.split('\n').map((l) => l.trim());
  if (!lines.includes(`TZID:${zone}`)) return null;
  const observances: Observance[] = [];
  let current: Partial<Observance> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:STANDARD' || line === 'BEGIN:DAYLIGHT') current = { rule: null };
    else if (line === 'END:STANDARD' || line === 'END:DAYLIGHT') {
      if (current?.from === undefined || current.to === undefined || current.startLocal === undefined) return null;
      observances.push(current as Observance);
      current = null;
    } else if (current) {
      const [name, value = ''] = splitProperty(line);
      if (name === 'TZOFFSETFROM') current.from = parseOffset(value);
      else if (name === 'TZOFFSETTO') current.to = parseOffset(value);
      else if (name === 'DTSTART') current.startLocal = parseLocal(value);
      else if (name === 'RRULE') {
        const m = /^FREQ=YEARLY;BYMONTH=(\d{1,2});BYDAY=(-?\d)(MO|TU|WE|TH|FR|SA|SU)$/.exec(value);
        if (!m) return null;
        current.rule = { month: Number(m[1]), nth: Number(m[2]), weekday: WEEKDAYS.indexOf(m[3]!) + 1 };
      } else if (name !== 'TZNAME' && name !== 'COMMENT') return null;
      if (Number.isNaN(current.from) || Number.isNaN(current.to) || Number.isNaN(current.startLocal)) return null;
    }
  }
  return observances.length > 0 ? observances : null;
}

function packagedAgrees(vtimezone: string, zone: string, instants: number[]): boolean {
  const observances = parsePackaged(vtimezone, zone);
  if (!observances) return false;
  return instants.every((at) => packagedOffset(observances, at) === DateTime.fromMillis(at, { zone }).offset);
}

/** The offset (minutes) the definition gives at a UTC instant: the latest onset at or before it wins. */
function packagedOffset(observances: Observance[], at: number): number | null {
  const year = new Date(at).getUTCFullYear();
  let best: { onset: number; to: number } | null = null;
  let earliest: { onset: number; from: number } | null = null;
  for (const o of observances) {
    const localOnsets = o.rule ? [year - 1, year, year + 1].map((y) => ruleOnset(o, y)).filter((l) => l >= o.startLocal) : [o.startLocal];
    for (const local of localOnsets) {
      const onset = local - o.from * MINUTE;
      if (onset <= at && (!best || onset > best.onset)) best = { onset, to: o.to };
      if (!earliest || onset < earliest.onset) earliest = { onset, from: o.from };
    }
  }
  return best?.to ?? earliest?.from ?? null;
}

/** Local onset (as UTC-read ms) of a yearly `BYMONTH=m;BYDAY=nXX` rule in one year, at the DTSTART's time of day. */
function ruleOnset(o: Observance, year: number): number {
  const rule = o.rule!;
  const timeOfDay = ((o.startLocal % DAY) + DAY) % DAY;
  const first = DateTime.utc(year, rule.month, 1);
  let date: DateTime;
  if (rule.nth > 0) {
    date = first.plus({ days: (rule.weekday - first.weekday + 7) % 7 + (rule.nth - 1) * 7 });
  } else {
    const last = first.endOf('month').startOf('day');
    date = last.minus({ days: (last.weekday - rule.weekday + 7) % 7 + (-rule.nth - 1) * 7 });
  }
  return date.toMillis() + timeOfDay;
}

/**
 * A definition built from Luxon: one observance per offset change found around the
 * instants, each starting at its local wall time in the offset it replaces (RFC 5545 3.6.5).
 */
function generatedVtimezone(zone: string, instants: number[]): string {
  const lo = Math.min(...instants) - MARGIN;
  const hi = Math.max(...instants) + MARGIN;
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const observance = (at: number, from: number, to: number, startLocal: string) => {
    const kind = DateTime.fromMillis(at, { zone }).isInDST ? 'DAYLIGHT' : 'STANDARD';
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${startLocal}`,
      `TZOFFSETFROM:${formatOffset(from)}`,
      `TZOFFSETTO:${formatOffset(to)}`,
      `TZNAME:${DateTime.fromMillis(at, { zone, locale: 'en-US' }).offsetNameShort}`,
      `END:${kind}`,
    );
  };
  const initial = offsetAt(lo);
  observance(lo, initial, initial, '19700101T000000');
  // Offsets change at most a few times a year, so a daily scan finds every change; a
  // binary search then pins each one to the minute.
  let previous = initial;
  for (let day = lo + DAY; day <= hi; day += DAY) {
    const offset = offsetAt(day);
    if (offset === previous) continue;
    let before = day - DAY;
    let after = day;
    while (after - before > MINUTE) {
      const mid = before + Math.floor((after - before) / 2 / MINUTE) * MINUTE;
      if (offsetAt(mid) === previous) before = mid;
      else after = mid;
    }
    const local = DateTime.fromMillis(after + previous * MINUTE, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss");
    observance(after, previous, offset, local);
    previous = offset;
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\n');
}

function splitProperty(line: string): [string, string] {
  const colon = line.indexOf(':');
  const name = (colon < 0 ? line : line.slice(0, colon)).split(';')[0]!;
  return [name, colon < 0 ? '' : line.slice(colon + 1)];
}

function parseOffset(value: string): number {
  const m = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(value);
  if (!m) return Number.NaN;
  const minutes = Number(m[2]) * 60 + Number(m[3]) + (m[4] ? Number(m[4]) / 60 : 0);
  return m[1] === '-' ? -minutes : minutes;
}

function parseLocal(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { Database, RequestStatus } from '../db/schema';
import { AppError } from '../errors/app-error';
import { isPausedOn, reportingLineOf } from '../matching/matching.service';
import { requireProgram, todayUtc } from '../programs/programs.service';
import type { CurrentUser } from '../users/users.service';
import {
  closeOtherPendingOfMentee,
  countOpenPairsAsMentor,
  declinePendingToMentor,
  settlePendingOfDeparted,
  withdrawPendingOfMentee,
  findDisplayName,
  findEnrollmentState,
  findOpenPairAsMentee,
  findPairBetween,
  findRequest,
  findRequestView,
  insertPair,
  insertRequest,
  listPendingMentorsOfMentee,
  listRequestViewsOfUser,
  lockEnrollments,
  updatePendingRequest,
  type RequestRow,
  type RequestViewRow,
} from './requests.queries';

export interface RequestsDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export interface Person {
  id: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
}

export interface MentorshipRequest {
  id: string;
  program: { id: string; name: string };
  mentee: Person;
  mentor: Person;
  message: string;
  status: RequestStatus;
  declineReason: string | null;
  createdAt: string;
  respondedAt: string | null;
  pairId: string | null;
}

function toRequest(row: RequestViewRow): MentorshipRequest {
  return {
    id: row.id,
    program: { id: row.programId, name: row.programName },
    mentee: { id: row.menteeId, displayName: row.menteeName, jobTitle: row.menteeJobTitle, department: row.menteeDepartment },
    mentor: { id: row.mentorId, displayName: row.mentorName, jobTitle: row.mentorJobTitle, department: row.mentorDepartment },
    message: row.message,
    status: row.status,
    declineReason: row.declineReason,
    createdAt: row.createdAt,
    respondedAt: row.respondedAt,
    pairId: row.pairId,
  };
}

export async function listMyRequests(deps: RequestsDeps, user: CurrentUser, direction?: 'incoming' | 'outgoing'): Promise<MentorshipRequest[]> {
  const rows = await listRequestViewsOfUser(deps.db, user.id, direction);
  return rows.map(toRequest);
}

/**
 * A mentee asks a mentor. Runs under the lock on the mentee's enrolment, so two requests
 * sent at once cannot both slip under the duplicate and open-request limits.
 */
export async function createRequest(
  deps: RequestsDeps,
  user: CurrentUser,
  programId: string,
  input: { mentorId: string; message: string },
): Promise<MentorshipRequest> {
  const program = await requireProgram(deps.db, programId);
  if (program.matchingMode === 'admin') {
    throw new AppError('conflict', `In ${program.name} the program team matches mentors and mentees, so requests can’t be sent directly.`);
  }
  const now = deps.clock.now().toISOString();
  const today = todayUtc(deps.clock);

  return deps.db.transaction().execute(async (trx) => {
    await lockEnrollments(trx, programId, [user.id], now);
    const mentee = await findEnrollmentState(trx, programId, user.id);
    if (!mentee || mentee.role !== 'mentee' || mentee.status !== 'active') {
      throw new AppError('conflict', `Enrol as a mentee in ${program.name} before asking someone to mentor you.`);
    }
    if (await findOpenPairAsMentee(trx, programId, user.id)) {
      throw new AppError('conflict', `You already have a mentor in ${program.name}. You can ask someone new once that pairing is completed or ended.`);
    }

    const mentorPerson = input.mentorId === user.id ? undefined : await findDisplayName(trx, input.mentorId);
    const mentor = mentorPerson ? await findEnrollmentState(trx, programId, input.mentorId) : undefined;
    if (!mentorPerson || !mentor || mentor.role !== 'mentor' || mentor.status !== 'active') {
      throw new AppError('conflict', `${mentorPerson?.displayName ?? 'This person'} isn’t enrolled as a mentor in ${program.name}.`);
    }
    const name = mentorPerson.displayName;
    if (mentorPerson.accountEnabled === 0 || mentorPerson.directoryDeletedAt !== null) {
      throw new AppError('conflict', `${name} is no longer in the organisation, so they can’t be asked. Your recommendations show mentors who can.`);
    }

    if (await findPairBetween(trx, programId, input.mentorId, user.id)) {
      throw new AppError('conflict', `You have already been paired with ${name} in ${program.name}. Choose someone new this time — a fresh perspective helps.`);
    }
    const pending = await listPendingMentorsOfMentee(trx, programId, user.id);
    if (pending.some((r) => r.mentorId === input.mentorId)) {
      throw new AppError('conflict', `You have already asked ${name}; their answer is still pending.`);
    }
    if (pending.length >= program.maxOpenRequestsPerMentee) {
      throw new AppError(
        'conflict',
        `You have ${pending.length} requests waiting for an answer in ${program.name}, the most this program allows. Wait for a reply or withdraw one first.`,
      );
    }
    if (isPausedOn(mentor, today)) {
      throw new AppError('conflict', `${name} has paused new mentoring for now. Your recommendations show mentors who are available.`);
    }
    if ((await countOpenPairsAsMentor(trx, programId, input.mentorId)) >= mentor.capacity) {
      throw new AppError('conflict', `${name} has no room for another mentee right now. Your recommendations show mentors who do.`);
    }
    if ((await reportingLineOf(trx, user.id)).has(input.mentorId)) {
      throw new AppError('conflict', `${name} is in your reporting line, so they can’t be your mentor in this program.`);
    }

    const row: RequestRow = {
      id: uuidv7(),
      programId,
      menteeId: user.id,
      mentorId: input.mentorId,
      message: input.message,
      status: 'pending',
      declineReason: null,
      respondedAt: null,
      pairId: null,
      createdAt: now,
      updatedAt: now,
    };
    await insertRequest(trx, row);
    return toRequest(await findRequestView(trx, row.id));
  });
}

const NO_LONGER_PENDING: Record<Exclude<RequestStatus, 'pending'>, string> = {
  accepted: 'This request has already been accepted.',
  declined: 'This request has already been declined.',
  withdrawn: 'This request was withdrawn by the mentee.',
  closed: 'This request was closed because the mentee has been matched with a mentor.',
};

function noLongerPending(status: RequestStatus): AppError {
  return new AppError('conflict', status === 'pending' ? 'This request changed meanwhile; please try again.' : NO_LONGER_PENDING[status]);
}

/** Parties only: anyone else gets 404 (a request's existence is private); the other party 403. */
async function requireRequestParty(db: Kysely<Database>, user: CurrentUser, requestId: string, party: 'mentor' | 'mentee'): Promise<RequestRow> {
  const request = await findRequest(db, requestId);
  if (!request || (request.mentorId !== user.id && request.menteeId !== user.id)) throw AppError.notFound('This mentorship request');
  if ((party === 'mentor' ? request.mentorId : request.menteeId) !== user.id) {
    throw new AppError(
      'forbidden',
      party === 'mentor' ? 'Only the mentor who was asked can answer this request.' : 'Only the mentee who sent this request can withdraw it.',
    );
  }
  return request;
}

/**
 * The mentor says yes. Both enrolments are locked first, then everything is re-checked,
 * so of two accepts racing for a mentor's last place exactly one creates a pair.
 */
export async function acceptRequest(deps: RequestsDeps, user: CurrentUser, requestId: string): Promise<{ pairId: string }> {
  const request = await requireRequestParty(deps.db, user, requestId, 'mentor');
  if (request.status !== 'pending') throw noLongerPending(request.status);
  const program = await requireProgram(deps.db, request.programId);
  const now = deps.clock.now().toISOString();

  return deps.db.transaction().execute(async (trx) => {
    await lockEnrollments(trx, program.id, [request.mentorId, request.menteeId], now);
    const current = await findRequest(trx, requestId);
    if (!current || current.status !== 'pending') throw noLongerPending(current?.status ?? 'pending');

    const mentor = await findEnrollmentState(trx, program.id, request.mentorId);
    if (!mentor || mentor.role !== 'mentor' || mentor.status !== 'active') {
      throw new AppError('conflict', `You are no longer enrolled as a mentor in ${program.name}.`);
    }
    const mentee = await findEnrollmentState(trx, program.id, request.menteeId);
    const menteeName = (await findDisplayName(trx, request.menteeId))?.displayName ?? 'This mentee';
    if (!mentee || mentee.role !== 'mentee' || mentee.status !== 'active') {
      throw new AppError('conflict', `${menteeName} is no longer enrolled as a mentee in ${program.name}.`);
    }
    if (await findOpenPairAsMentee(trx, program.id, request.menteeId)) {
      throw new AppError('conflict', `${menteeName} already has a mentor in ${program.name}.`);
    }
    if (await findPairBetween(trx, program.id, request.mentorId, request.menteeId)) {
      throw new AppError('conflict', `You have already been paired with ${menteeName} in ${program.name}.`);
    }
    const taken = await countOpenPairsAsMentor(trx, program.id, request.mentorId);
    if (taken >= mentor.capacity) {
      throw new AppError(
        'conflict',
        `Your mentoring in ${program.name} has no room for another mentee: ${taken} of your ${mentor.capacity} ${mentor.capacity === 1 ? 'place is' : 'places are'} taken. Raise your capacity or finish a pairing first.`,
      );
    }

    const pairId = uuidv7();
    await insertPair(trx, {
      id: pairId,
      programId: program.id,
      mentorId: request.mentorId,
      menteeId: request.menteeId,
      status: 'active',
      source: 'request',
      requestId,
      startedAt: now,
      pausedAt: null,
      endedAt: null,
      endReason: null,
      agreedAt: null,
      agreedCadence: null,
      lastActivityAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const accepted = await updatePendingRequest(trx, requestId, { status: 'accepted', respondedAt: now, pairId, updatedAt: now });
    if (accepted !== 1) throw noLongerPending('pending');
    await closeOtherPendingOfMentee(trx, program.id, request.menteeId, requestId, now);
    return { pairId };
  });
}

export async function declineRequest(deps: RequestsDeps, user: CurrentUser, requestId: string, reason: string | undefined): Promise<MentorshipRequest> {
  const request = await requireRequestParty(deps.db, user, requestId, 'mentor');
  const now = deps.clock.now().toISOString();
  const changed = await updatePendingRequest(deps.db, requestId, { status: 'declined', declineReason: reason || null, respondedAt: now, updatedAt: now });
  if (changed !== 1) throw noLongerPending((await findRequest(deps.db, requestId))?.status ?? request.status);
  return toRequest(await findRequestView(deps.db, requestId));
}

export async function withdrawRequest(deps: RequestsDeps, user: CurrentUser, requestId: string): Promise<MentorshipRequest> {
  const request = await requireRequestParty(deps.db, user, requestId, 'mentee');
  const now = deps.clock.now().toISOString();
  const changed = await updatePendingRequest(deps.db, requestId, { status: 'withdrawn', updatedAt: now });
  if (changed !== 1) throw noLongerPending((await findRequest(deps.db, requestId))?.status ?? request.status);
  return toRequest(await findRequestView(deps.db, requestId));
}

/**
 * A mentee who now has a mentor (however the pair was made) stops waiting on anyone else, inside
 * the caller's transaction.
 */
export async function closePendingRequestsOfMentee(db: Kysely<Database>, programId: string, menteeId: string, now: string): Promise<void> {
  await closeOtherPendingOfMentee(db, programId, menteeId, null, now);
}

/** A mentee who leaves a program takes back their pending requests there. */
export async function withdrawPendingRequestsOfMentee(db: Kysely<Database>, programId: string, menteeId: string, now: string): Promise<void> {
  await withdrawPendingOfMentee(db, programId, menteeId, now);
}

/** Used when a mentor pauses or leaves: no mentee should wait on them. */
export async function declinePendingRequestsToMentor(
  db: Kysely<Database>,
  programId: string,
  mentorId: string,
  reason: string,
  now: string,
): Promise<void> {
  await declinePendingToMentor(db, programId, mentorId, reason, now);
}

/**
 * People who left the organisation (docs/directory.md, "Departures"), inside the caller's
 * transaction: nobody waits on them and they wait on nobody. Idempotent — only pending requests change.
 */
export async function settlePendingRequestsOfDeparted(db: Kysely<Database>, userIds: string[], reason: string, now: string): Promise<void> {
  if (userIds.length === 0) return;
  await settlePendingOfDeparted(db, [...new Set(userIds)], reason, now);
}

import { useEffect, useRef, useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  SpinButton,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import { ApiError } from '../api/client';
import { useAnnounce } from '../app/LiveRegion';
import { formatCalendarDate, plural, todayIso } from '../app/format';
import { ProblemDetail, errorDetail, errorTitle } from '../app/states';
import type { Program } from '../programs/programs.api';
import { ENROLLMENT_LIMITS, setAvailability, type AvailabilityInput, type Enrollment } from './enrollment.api';
import { fieldErrors } from '../app/forms';

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalL },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  title: { margin: 0, marginRight: 'auto' },
  muted: { color: tokens.colorNeutralForeground2 },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  pausePanel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  narrowField: { width: '180px', maxWidth: '100%' },
  divider: { margin: 0, height: 0, border: 'none', borderTopWidth: tokens.strokeWidthThin, borderTopStyle: 'solid', borderTopColor: tokens.colorNeutralStroke2 },
});

interface Props {
  program: Program;
  enrollment: Enrollment;
  /** Requests waiting for my answer in this program (pausing declines them). */
  pendingRequests: number;
  onChanged: (enrollment: Enrollment) => void;
}

/** A mentor's availability in one program: open or paused, and how many mentees they can take. */
export function AvailabilityCard({ program, enrollment, pendingRequests, onChanged }: Props) {
  const styles = useStyles();
  const api = useApi();
  const announce = useAnnounce();
  const [pausing, setPausing] = useState(false);
  const [until, setUntil] = useState('');
  const [capacity, setCapacity] = useState(enrollment.capacity);
  const [busy, setBusy] = useState<'pause' | 'resume' | 'capacity' | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  const [capacityError, setCapacityError] = useState<string | undefined>();
  const pauseButton = useRef<HTMLButtonElement>(null);
  const resumeButton = useRef<HTMLButtonElement>(null);
  const untilInput = useRef<HTMLInputElement>(null);

  useEffect(() => setCapacity(enrollment.capacity), [enrollment.capacity]);
  useEffect(() => {
    if (pausing) untilInput.current?.focus();
  }, [pausing]);

  const paused = enrollment.availability === 'paused';
  const room = Math.max(0, enrollment.capacity - enrollment.activePairs);

  const change = async (kind: 'pause' | 'resume' | 'capacity', input: AvailabilityInput, done: (e: Enrollment) => string) => {
    setBusy(kind);
    setProblem(null);
    setCapacityError(undefined);
    try {
      const next = await setAvailability(api, program.id, input);
      onChanged(next);
      announce(done(next));
      return next;
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      const fields = fieldErrors(err);
      if (kind === 'capacity' && (fields.capacity || (err instanceof ApiError && err.status === 409))) {
        setCapacityError(fields.capacity ?? errorDetail(err));
      } else {
        setProblem(err);
      }
      announce(`Couldn’t update your availability. ${errorDetail(err) ?? errorTitle(err)}`);
      return null;
    } finally {
      setBusy(null);
    }
  };

  const pause = async () => {
    const next = await change('pause', { availability: 'paused', pausedUntil: until || null }, (e) =>
      `You’re paused${e.pausedUntil ? ` until ${formatCalendarDate(e.pausedUntil)}` : ''}.${pendingRequests > 0 ? ` ${plural(pendingRequests, 'waiting request')} politely declined.` : ''}`,
    );
    if (next) {
      setPausing(false);
      setUntil('');
      // The Resume button replaces Pause: keep focus on the card's main action.
      requestAnimationFrame(() => resumeButton.current?.focus());
    }
  };

  const resume = async () => {
    const next = await change('resume', { availability: 'open', pausedUntil: null }, () => 'You’re open to new requests again.');
    if (next) requestAnimationFrame(() => pauseButton.current?.focus());
  };

  const saveCapacity = () =>
    change('capacity', { availability: enrollment.availability, capacity }, (e) => `You can now take ${plural(e.capacity, 'mentee')}.`);

  return (
    <Card className={styles.card} aria-labelledby="availability-title">
      <div className={styles.head}>
        <Text as="h2" id="availability-title" weight="semibold" size={400} className={styles.title}>
          Your availability
        </Text>
        <Badge appearance="tint" shape="rounded" color={paused ? 'warning' : 'success'}>
          {paused ? 'Paused' : 'Open to requests'}
        </Badge>
      </div>

      {problem && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Couldn’t update your availability — {errorTitle(problem)}</MessageBarTitle>
            <ProblemDetail error={problem} />
          </MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.block}>
        <Text className={styles.muted}>
          You’re mentoring {plural(enrollment.activePairs, 'person', 'people')} here
          {room > 0 ? `, with room for ${room} more` : ''}.{' '}
          {paused
            ? enrollment.pausedUntil
              ? `You’re hidden from Find a mentor until ${formatCalendarDate(enrollment.pausedUntil)}.`
              : 'You’re hidden from Find a mentor until you resume.'
            : room === 0
              ? 'You’re at capacity, so you won’t appear in Find a mentor until a pair ends or you take on more mentees below.'
              : pendingRequests > 0
                ? `${plural(pendingRequests, 'request')} ${pendingRequests === 1 ? 'is' : 'are'} waiting for your answer.`
                : 'Mentees in this program can find you and ask you.'}
        </Text>
        {paused ? (
          <div className={styles.row}>
            <Button
              ref={resumeButton}
              appearance="primary"
              onClick={resume}
              disabled={busy !== null}
              icon={busy === 'resume' ? <Spinner size="tiny" /> : undefined}
            >
              Resume — open to requests
            </Button>
          </div>
        ) : !pausing ? (
          <div className={styles.row}>
            <Button ref={pauseButton} onClick={() => setPausing(true)} disabled={busy !== null}>
              Pause new requests…
            </Button>
          </div>
        ) : (
          <div className={styles.pausePanel} role="group" aria-labelledby="pause-title">
            <Text id="pause-title" weight="semibold">
              Take a break from new requests
            </Text>
            <Text>
              While you’re paused, mentees won’t see you in Find a mentor.{' '}
              {pendingRequests > 0 ? (
                <strong>
                  The {plural(pendingRequests, 'request')} waiting for you will be politely declined, with a note so{' '}
                  {pendingRequests === 1 ? 'the mentee' : 'each mentee'} can ask someone else.
                </strong>
              ) : (
                'Any request that arrives before you pause is politely declined with a kind note.'
              )}{' '}
              Your current pairs carry on as usual.
            </Text>
            <Field label="Paused until" hint="Optional. Leave empty to pause until you resume.">
              <Input
                ref={untilInput}
                type="date"
                min={todayIso()}
                value={until}
                onChange={(_, data) => setUntil(data.value)}
                className={styles.narrowField}
              />
            </Field>
            <div className={styles.row}>
              <Button appearance="primary" onClick={pause} disabled={busy !== null} icon={busy === 'pause' ? <Spinner size="tiny" /> : undefined}>
                {pendingRequests > 0 ? `Pause and decline ${plural(pendingRequests, 'request')}` : 'Pause'}
              </Button>
              <Button
                onClick={() => {
                  setPausing(false);
                  requestAnimationFrame(() => pauseButton.current?.focus());
                }}
                disabled={busy !== null}
              >
                Cancel
              </Button>
            </div>
          </div>
        )}
      </div>

      <hr className={styles.divider} />

      <div className={styles.row}>
        <Field
          label="Mentees at a time"
          hint={`Up to ${ENROLLMENT_LIMITS.capacityMax}.`}
          validationMessage={capacityError}
          validationState={capacityError ? 'error' : 'none'}
        >
          <SpinButton
            className={styles.narrowField}
            min={0}
            max={ENROLLMENT_LIMITS.capacityMax}
            value={capacity}
            onChange={(_, data) => {
              const next = data.value ?? Number(data.displayValue);
              if (Number.isFinite(next)) setCapacity(Math.max(0, Math.min(ENROLLMENT_LIMITS.capacityMax, Math.round(next))));
              setCapacityError(undefined);
            }}
          />
        </Field>
        <Button
          onClick={saveCapacity}
          disabled={busy !== null || capacity === enrollment.capacity}
          icon={busy === 'capacity' ? <Spinner size="tiny" /> : undefined}
        >
          Update
        </Button>
      </div>
    </Card>
  );
}

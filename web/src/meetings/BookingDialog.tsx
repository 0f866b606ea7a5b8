import { useEffect, useRef, useState } from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  Textarea,
  ToggleButton,
  makeStyles,
  mergeClasses,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { ApiError } from '../api/client';
import { FormDialog } from '../app/FormDialog';
import { ActionError, errorProps, serverFieldError, useAction } from '../app/forms';
import type { MemberPairDetail } from '../pairs/pairs.api';
import { CalendarIcon, SearchIcon } from '../app/icons';
import { useAnnounce } from '../app/LiveRegion';
import { ConsentError, connectOutlook } from '../outlook/consent';
import { useHost } from '../teams/HostContext';
import { DURATIONS, cadenceToFrequency, frequencyLabel } from './labels';
import { bookMeetings, findMeetingTimes, type Booking, type Frequency, type NewMeetings, type Slot, type SlotResult } from './meetings.api';
import {
  addDays,
  formatDay,
  formatTimeRange,
  localDateTime,
  toLocalStart,
  todayIso,
  viewerTimeZone,
  wallClock,
  zoneLabel,
  zonesDiffer,
} from './time';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground2 },
  wrap: { display: 'flex', flexWrap: 'wrap' },
  block: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 160px), 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
  },
  alignStart: { alignItems: 'start' },
  slots: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 190px), 1fr))',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  slot: {
    width: '100%',
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    textAlign: 'left',
    fontWeight: tokens.fontWeightRegular,
  },
  slotDay: { ...typographyStyles.body1Strong },
  slotPartner: { ...typographyStyles.caption1 },
  slotChosen: { ...typographyStyles.caption1Strong },
  error: { color: tokens.colorPaletteRedForeground1 },
  legend: { ...typographyStyles.body1Strong, padding: 0, marginBottom: tokens.spacingVerticalXS },
  source: { color: tokens.colorNeutralForeground2, margin: `0 0 ${tokens.spacingVerticalS}` },
  connect: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalXS },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
});

type Mode = 'suggested' | 'custom';
type Ends = 'count' | 'until';
type Errors = Partial<Record<'when' | 'date' | 'time' | 'range' | 'ends' | 'agenda' | 'duration', string>>;

interface Props {
  open: boolean;
  pair: MemberPairDetail;
  /** The partner's IANA zone when known (from a series they booked), to show their local times too. */
  partnerZone: string | null;
  onClose: () => void;
  onBooked: (booking: Booking, summary: string) => void;
}

const FIELDS_SHOWN = ['start', 'timeZone', 'durationMinutes', 'recurrence', 'agenda'];

/** Book one check-in or a series: a time that suits you both (or one you choose), how often, and an agenda. */
export function BookingDialog({ open, pair, partnerZone, onClose, onBooked }: Props) {
  const styles = useStyles();
  const zone = viewerTimeZone();
  const partnerFirst = pair.partner.displayName.split(' ')[0] ?? pair.partner.displayName;
  const defaultFrequency = cadenceToFrequency(pair.agreement.agreedCadence ?? pair.program.defaultCadence);
  const search = useAction();
  const save = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  const slotsHeading = useRef<HTMLParagraphElement>(null);

  const [duration, setDuration] = useState<number>(30);
  const [mode, setMode] = useState<Mode>('suggested');
  const [from, setFrom] = useState(todayIso());
  const [to, setTo] = useState(addDays(todayIso(), 14));
  const [slots, setSlots] = useState<Slot[] | undefined>();
  const [slotSource, setSlotSource] = useState<Pick<SlotResult, 'source' | 'outlook'> | undefined>();
  const [connecting, setConnecting] = useState(false);
  const [connectError, setConnectError] = useState<string | null>(null);
  const host = useHost();
  const announce = useAnnounce();
  const consent = useRef<AbortController | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('10:00');
  const [frequency, setFrequency] = useState<Frequency>(defaultFrequency);
  const [ends, setEnds] = useState<Ends>('count');
  const [count, setCount] = useState('12');
  const [until, setUntil] = useState('');
  const [agenda, setAgenda] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);

  // Each opening starts fresh.
  useEffect(() => {
    if (!open) {
      consent.current?.abort();
      return;
    }
    search.reset();
    save.reset();
    setDuration(30);
    setMode('suggested');
    setFrom(todayIso());
    setTo(addDays(todayIso(), 14));
    setSlots(undefined);
    setSlotSource(undefined);
    setConnectError(null);
    setChosen(null);
    setDate('');
    setTime('10:00');
    setFrequency(defaultFrequency);
    setEnds('count');
    setCount('12');
    setUntil('');
    setAgenda('');
    setErrors({});
  }, [open]);

  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"] button')?.focus();
  }, [attempt, save.error]);

  const clear = (...keys: (keyof Errors)[]) => setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k as keyof Errors))));

  const findTimes = async (): Promise<SlotResult | undefined> => {
    clear('range', 'when');
    if (!from || !to) {
      setErrors((e) => ({ ...e, range: 'Choose the first and last day to look at.' }));
      return;
    }
    if (to < from) {
      setErrors((e) => ({ ...e, range: 'The last day is before the first day.' }));
      return;
    }
    if (to > addDays(from, 31)) {
      setErrors((e) => ({ ...e, range: 'Look at most 31 days ahead at a time.' }));
      return;
    }
    setChosen(null);
    const result = await search.run((api) => findMeetingTimes(api, pair.id, { durationMinutes: duration, from, to, timeZone: zone }));
    if (result) {
      setSlots(result.slots);
      setSlotSource({ source: result.source, ...(result.outlook ? { outlook: result.outlook } : {}) });
      setChosen(result.slots[0]?.start ?? null);
      window.setTimeout(() => slotsHeading.current?.focus(), 0);
    }
    return result;
  };

  /**
   * Outlook needs the viewer's permission before it can suggest times: ask, then look again. A
   * pop-up that closed without a word may still have been granted, so unless the user cancelled,
   * look again anyway and let the answer say whether Outlook still needs permission.
   */
  const connect = async () => {
    setConnectError(null);
    setConnecting(true);
    const controller = new AbortController();
    consent.current = controller;
    let unconfirmed: string | null = null;
    try {
      await connectOutlook(host, {}, { signal: controller.signal });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (!(e instanceof ConsentError) || e.reason !== 'cancelled' || controller.signal.aborted) {
        setConnectError(message);
        announce(message);
        return;
      }
      unconfirmed = message;
    } finally {
      consent.current = null;
      setConnecting(false);
    }
    if (!unconfirmed) announce('Outlook is connected. Finding times again.');
    const result = await findTimes();
    if (unconfirmed && result?.outlook === 'consent-required') {
      setConnectError(unconfirmed);
      announce(unconfirmed);
    }
  };

  const firstDate = () => (mode === 'custom' ? date : chosen ? wallClock(chosen, zone).date : '');

  const validate = (): Errors => {
    const e: Errors = {};
    if (mode === 'suggested' && !chosen) e.when = 'Find times and pick one, or choose a time yourself.';
    if (mode === 'custom') {
      if (!date) e.date = 'Choose a date.';
      if (!time) e.time = 'Choose a time.';
    }
    if (frequency !== 'once') {
      if (ends === 'count') {
        const n = Number(count);
        if (!Number.isInteger(n) || n < 1 || n > 52) e.ends = 'Enter a number from 1 to 52.';
      } else if (!until) {
        e.ends = 'Choose the date of the last check-in.';
      } else if (firstDate() && until < firstDate()) {
        e.ends = 'That’s before the first check-in.';
      }
    }
    return e;
  };

  const submit = async () => {
    const found = validate();
    setErrors(found);
    setAttempt((n) => n + 1);
    if (Object.keys(found).length > 0) return;
    const start = mode === 'custom' ? localDateTime(date, time) : toLocalStart(chosen!, zone);
    const body: NewMeetings = {
      start,
      durationMinutes: duration,
      timeZone: zone,
      ...(frequency !== 'once'
        ? { recurrence: ends === 'count' ? { frequency, count: Number(count) } : { frequency, until } }
        : {}),
      ...(agenda.trim() ? { agenda: agenda.trim() } : {}),
    };
    const booking = await save.run((api) => bookMeetings(api, pair.id, body));
    if (!booking) return;
    const first = booking.meetings[0];
    const n = booking.meetings.length;
    const when = first ? `${formatDay(first.start)} at ${formatTimeRange(first.start, first.end)}` : '';
    const booked =
      frequency === 'once' || n === 1
        ? `Check-in booked for ${when}.`
        : `${frequencyLabel[frequency]} check-ins booked: ${n} in all, starting ${when}.`;
    const one = frequency === 'once' || n === 1;
    const inOutlook =
      booking.calendar.status === 'synced'
        ? one
          ? 'It’s in your Outlook calendar.'
          : 'They’re in your Outlook calendar.'
        : booking.calendar.status === 'pending'
          ? booking.calendar.problem === 'consent-required'
            ? `Allow Tandem to use your Outlook calendar to add ${one ? 'it' : 'them'} there.`
            : `Adding ${one ? 'it' : 'them'} to your Outlook calendar…`
          : '';
    onBooked(booking, inOutlook ? `${booked} ${inOutlook}` : booked);
  };

  const startError = serverFieldError(save.error, 'start') ?? serverFieldError(save.error, 'timeZone');
  const showPartner = partnerZone !== null && zonesDiffer(zone, partnerZone);
  const searchProblem = search.error instanceof ApiError && search.error.status === 400 ? undefined : search.error;
  const rangeError =
    errors.range ?? serverFieldError(search.error, 'from') ?? serverFieldError(search.error, 'to') ?? serverFieldError(search.error, 'timeZone');

  return (
    <FormDialog
      open={open}
      title={`Book check-ins with ${partnerFirst}`}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={frequency === 'once' ? 'Book check-in' : 'Book check-ins'}
      submittingLabel="Booking…"
      submitting={save.busy}
      lockWhileSubmitting="dialog"
      width={720}
      formRef={formRef}
    >
      <Text className={styles.muted}>
        Times are in your time zone, {zoneLabel(zone)}
        {showPartner && partnerZone ? `; ${partnerFirst}’s are shown too, in ${zoneLabel(partnerZone)}` : ''}. Short check-ins
        on a steady rhythm tend to work better than long ones now and then.
      </Text>

      <Field label="How long?" {...errorProps(errors.duration ?? serverFieldError(save.error, 'durationMinutes') ?? serverFieldError(search.error, 'durationMinutes'))}>
        <RadioGroup
          layout="horizontal"
          className={styles.wrap}
          value={String(duration)}
          onChange={(_, d) => {
            setDuration(Number(d.value));
            setSlots(undefined);
            setChosen(null);
          }}
        >
          {DURATIONS.map((m) => (
            <Radio key={m} value={String(m)} label={`${m} minutes`} />
          ))}
        </RadioGroup>
      </Field>

      <Field label="When?">
        <RadioGroup
          layout="horizontal"
          className={styles.wrap}
          value={mode}
          onChange={(_, d) => {
            setMode(d.value as Mode);
            clear('when', 'date', 'time');
          }}
        >
          <Radio value="suggested" label="Find a time that suits us both" />
          <Radio value="custom" label="I’ll choose a date and time" />
        </RadioGroup>
      </Field>

      {mode === 'suggested' ? (
        <div className={styles.block}>
          <div className={styles.row}>
            <Field label="From" {...errorProps(rangeError)}>
              <Input type="date" value={from} onChange={(_, d) => { setFrom(d.value); clear('range'); }} />
            </Field>
            <Field label="To">
              <Input type="date" value={to} onChange={(_, d) => { setTo(d.value); clear('range'); }} />
            </Field>
            <div>
              <Button icon={search.busy ? <Spinner size="tiny" /> : <SearchIcon />} disabled={search.busy} onClick={() => void findTimes()}>
                {search.busy ? 'Finding times…' : slots ? 'Find times again' : 'Find times'}
              </Button>
            </div>
          </div>
          <ActionError error={searchProblem ?? null} what="find times" shownFields={['from', 'to', 'durationMinutes', 'timeZone']} />
          {slots && slotSource?.outlook === 'consent-required' && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>
                Connect Outlook for better suggestions: Tandem can then skip the times either of you is busy in
                Outlook.
                <div className={styles.connect}>
                  <Button
                    size="small"
                    icon={connecting ? <Spinner size="extra-tiny" /> : <CalendarIcon />}
                    aria-disabled={connecting || search.busy ? true : undefined}
                    onClick={() => {
                      if (!connecting && !search.busy) void connect();
                    }}
                  >
                    {connecting ? 'Waiting for Outlook…' : 'Connect Outlook'}
                  </Button>
                  {connecting && host.kind === 'browser' && (
                    <Button size="small" appearance="subtle" onClick={() => consent.current?.abort()}>
                      Cancel
                    </Button>
                  )}
                  {connectError && <Text size={200}>{connectError}</Text>}
                </div>
              </MessageBarBody>
            </MessageBar>
          )}
          {slots && slotSource?.outlook === 'unavailable' && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>Outlook couldn’t be reached just now, so these times come from your working hours.</MessageBarBody>
            </MessageBar>
          )}
          {slots && slots.length === 0 && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>
                {slotSource?.source === 'outlook'
                  ? 'No time in these dates is free in both your Outlook calendars and inside your working hours.'
                  : 'No time in these dates is inside both your working hours and free of other check-ins.'}{' '}
                Try later dates or a shorter check-in — or choose a time yourself.
              </MessageBarBody>
            </MessageBar>
          )}
          {slots && slots.length > 0 && (
            <div
              role="group"
              aria-labelledby="booking-slots-heading"
              aria-describedby="booking-slots-source"
              data-invalid={errors.when || startError ? 'true' : undefined}
              aria-busy={search.busy}
            >
              <p id="booking-slots-heading" ref={slotsHeading} tabIndex={-1} className={styles.legend}>
                Suggested times
              </p>
              <Text as="p" size={200} className={styles.source} id="booking-slots-source">
                {slotSource?.source === 'outlook'
                  ? 'From both your Outlook calendars'
                  : 'From your working hours and Tandem check-ins'}
              </Text>
              <ul className={styles.slots}>
                {slots.map((slot) => {
                  const selected = chosen === slot.start;
                  return (
                    <li key={slot.start}>
                      <ToggleButton
                        className={styles.slot}
                        checked={selected}
                        appearance={selected ? 'primary' : 'secondary'}
                        onClick={() => {
                          setChosen(slot.start);
                          clear('when');
                        }}
                      >
                        <span className={styles.slotDay}>{formatDay(slot.start)}</span>
                        <span>{formatTimeRange(slot.start, slot.end)}</span>
                        {showPartner && partnerZone && (
                          <span className={styles.slotPartner}>
                            {partnerFirst}: {formatDay(slot.start, partnerZone) !== formatDay(slot.start) ? `${formatDay(slot.start, partnerZone)}, ` : ''}
                            {formatTimeRange(slot.start, slot.end, partnerZone)}
                          </span>
                        )}
                        {selected && <span className={styles.slotChosen}>Chosen</span>}
                      </ToggleButton>
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
          {(errors.when ?? startError) && (
            <Text size={200} className={styles.error} role="alert">
              {errors.when ?? startError}
            </Text>
          )}
        </div>
      ) : (
        <div className={mergeClasses(styles.block, styles.row, styles.alignStart)}>
          <Field label="Date" required {...errorProps(errors.date ?? startError)}>
            <Input type="date" min={todayIso()} value={date} onChange={(_, d) => { setDate(d.value); clear('date'); }} />
          </Field>
          <Field label="Start time" required {...errorProps(errors.time)}>
            <Input type="time" step={300} value={time} onChange={(_, d) => { setTime(d.value); clear('time'); }} />
          </Field>
        </div>
      )}

      <Field label="Repeat" hint={`Your agreed rhythm is preselected: ${frequencyLabel[defaultFrequency].toLowerCase()}.`}>
        <RadioGroup
          layout="horizontal"
          className={styles.wrap}
          value={frequency}
          onChange={(_, d) => {
            setFrequency(d.value as Frequency);
            clear('ends');
          }}
        >
          {(['once', 'weekly', 'biweekly', 'monthly'] as Frequency[]).map((f) => (
            <Radio key={f} value={f} label={frequencyLabel[f]} />
          ))}
        </RadioGroup>
      </Field>

      {frequency !== 'once' && (
        <div className={styles.block}>
          <Field label="Ends">
            <RadioGroup
              layout="horizontal"
              className={styles.wrap}
              value={ends}
              onChange={(_, d) => {
                setEnds(d.value as Ends);
                clear('ends');
              }}
            >
              <Radio value="count" label="After a number of check-ins" />
              <Radio value="until" label="On a date" />
            </RadioGroup>
          </Field>
          {ends === 'count' ? (
            <Field
              label="Number of check-ins"
              hint="Up to 52. You can cancel or change the rest at any time."
              {...errorProps(errors.ends ?? serverFieldError(save.error, 'recurrence'))}
            >
              <Input type="number" min={1} max={52} value={count} onChange={(_, d) => { setCount(d.value); clear('ends'); }} />
            </Field>
          ) : (
            <Field
              label="Last check-in on or before"
              {...errorProps(errors.ends ?? serverFieldError(save.error, 'recurrence'))}
            >
              <Input type="date" min={firstDate() || todayIso()} value={until} onChange={(_, d) => { setUntil(d.value); clear('ends'); }} />
            </Field>
          )}
        </div>
      )}

      <Field
        label="Agenda"
        hint="Optional. What would you like to talk about? You can change it for each check-in later."
        {...errorProps(errors.agenda ?? serverFieldError(save.error, 'agenda'))}
      >
        <Textarea value={agenda} maxLength={4000} rows={3} resize="vertical" onChange={(_, d) => setAgenda(d.value)} />
      </Field>

      <ActionError error={save.error} what="book the check-ins" shownFields={FIELDS_SHOWN} />
    </FormDialog>
  );
}


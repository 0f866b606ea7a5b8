import { useEffect, useRef, useState } from 'react';
import { Field, Input, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { FormDialog } from '../app/FormDialog';
import { ActionError, errorProps, serverFieldError, useAction } from '../app/forms';
import { DURATIONS, frequencyLabel } from './labels';
import { updateMeeting, updateSeries, type Meeting, type Series } from './meetings.api';
import { formatWhen, localDateTime, todayIso, viewerTimeZone, wallClock, zoneLabel } from './time';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground2 },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 160px), 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
  },
  wrap: { display: 'flex', flexWrap: 'wrap' },
});

export type Rescheduling = { kind: 'one'; meeting: Meeting } | { kind: 'series'; meeting: Meeting; series: Series };

interface Props {
  target: Rescheduling | null;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** Move one check-in, or change the time (and length) of every future check-in in its series. */
export function RescheduleDialog({ target, onClose, onDone }: Props) {
  const styles = useStyles();
  const save = useAction();
  const zone = viewerTimeZone();
  const formRef = useRef<HTMLFormElement>(null);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [duration, setDuration] = useState(30);
  const [missing, setMissing] = useState<{ date?: string; time?: string }>({});

  useEffect(() => {
    if (!target) return;
    save.reset();
    setMissing({});
    const at = wallClock(target.meeting.start, zone);
    setDate(at.date);
    setTime(at.time);
    setDuration(target.kind === 'series' ? target.series.durationMinutes : 30);
  }, [target]);

  const submit = async () => {
    if (!target) return;
    const found = { ...(date ? {} : { date: 'Choose a date.' }), ...(time ? {} : { time: 'Choose a time.' }) };
    setMissing(found);
    if (Object.keys(found).length > 0) {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const start = localDateTime(date, time);
    if (target.kind === 'one') {
      const moved = await save.run((api) => updateMeeting(api, target.meeting.id, { start, timeZone: zone }));
      if (moved) onDone(`Check-in moved to ${formatWhen(moved.start, moved.end)}.`);
    } else {
      const changed = await save.run((api) =>
        updateSeries(api, target.series.id, {
          startLocal: start,
          timeZone: zone,
          ...(duration !== target.series.durationMinutes ? { durationMinutes: duration } : {}),
        }),
      );
      if (changed) onDone('Future check-ins in this series now have the new time.');
    }
  };

  useEffect(() => {
    if (save.error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [save.error]);

  const series = target?.kind === 'series' ? target.series : null;
  const durations = series && !DURATIONS.includes(series.durationMinutes as (typeof DURATIONS)[number])
    ? [...DURATIONS, series.durationMinutes].sort((a, b) => a - b)
    : [...DURATIONS];
  const startError = serverFieldError(save.error, series ? 'startLocal' : 'start') ?? serverFieldError(save.error, 'timeZone');

  return (
    <FormDialog
      open={target !== null}
      title={series ? 'Change the time of future check-ins' : 'Move this check-in'}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={series ? 'Change future check-ins' : 'Move check-in'}
      submittingLabel="Saving…"
      submitting={save.busy}
      lockWhileSubmitting="dialog"
      formRef={formRef}
    >
      {target && (
        <Text className={styles.muted}>
          {series
            ? `${frequencyLabel[series.frequency]} check-ins from the date you pick are rebooked at the new time. Check-ins that already happened stay as they were.`
            : `Now: ${formatWhen(target.meeting.start, target.meeting.end)}. Only this one moves; the rest of the series stays put.`}{' '}
          Times are in your time zone, {zoneLabel(zone)}.
        </Text>
      )}
      <div className={styles.row}>
        <Field label={series ? 'Starting from' : 'New date'} required {...errorProps(missing.date ?? startError)}>
          <Input type="date" min={todayIso()} value={date} onChange={(_, d) => setDate(d.value)} />
        </Field>
        <Field label="New start time" required {...errorProps(missing.time)}>
          <Input type="time" step={300} value={time} onChange={(_, d) => setTime(d.value)} />
        </Field>
      </div>
      {series && (
        <Field label="How long?" {...errorProps(serverFieldError(save.error, 'durationMinutes'))}>
          <RadioGroup layout="horizontal" className={styles.wrap} value={String(duration)} onChange={(_, d) => setDuration(Number(d.value))}>
            {durations.map((m) => (
              <Radio key={m} value={String(m)} label={`${m} minutes`} />
            ))}
          </RadioGroup>
        </Field>
      )}
      <ActionError
        error={save.error}
        what={series ? 'change the series' : 'move the check-in'}
        shownFields={['start', 'startLocal', 'timeZone', 'durationMinutes']}
      />
    </FormDialog>
  );
}

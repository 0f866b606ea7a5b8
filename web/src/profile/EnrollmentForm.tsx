import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  SpinButton,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ApiError } from '../api/client';
import { useApi } from '../api/ApiContext';
import type { Cadence, PairRole } from '../api/types';
import { useAnnounce } from '../app/LiveRegion';
import { ProblemDetail, errorDetail, errorTitle } from '../app/states';
import { cadenceLabel } from '../programs/labels';
import type { Program } from '../programs/programs.api';
import {
  ENROLLMENT_LIMITS,
  channelLabel,
  saveEnrollment,
  type Channel,
  type Enrollment,
  type EnrollmentInput,
} from './enrollment.api';
import { fieldErrors } from '../app/forms';
import { TermPicker } from './TermPicker';
import { TimeZoneField, allTimeZones, browserTimeZone } from './TimeZoneField';
import type { Taxonomy } from './taxonomy.api';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  fieldset: {
    margin: 0,
    padding: 0,
    border: 'none',
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalS, color: tokens.colorNeutralForeground1 },
  roles: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 220px), 1fr))', gap: tokens.spacingHorizontalS },
  roleHint: { display: 'block', color: tokens.colorNeutralForeground3 },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 220px), 1fr))',
    alignItems: 'start',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
  },
  numbers: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 180px), 240px))',
    alignItems: 'start',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
  },
  field: { minWidth: 0 },
  select: { minWidth: 0, width: '100%' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  saved: { color: tokens.colorNeutralForeground3 },
  summary: { ':focus': { outlineStyle: 'none' } },
  counter: { fontVariantNumeric: 'tabular-nums' },
});

interface FormState {
  role: PairRole;
  skillsOffered: string[];
  skillsWanted: string[];
  values: string[];
  goals: string;
  yearsExperience: string;
  capacity: number;
  timezone: string;
  preferredFrequency: Cadence | '';
  preferredChannel: Channel | '';
}

function initialState(enrollment: Enrollment | null, defaultRole: PairRole): FormState {
  return {
    role: enrollment?.role ?? defaultRole,
    skillsOffered: enrollment?.skillsOffered ?? [],
    skillsWanted: enrollment?.skillsWanted ?? [],
    values: enrollment?.values ?? [],
    goals: enrollment?.goals ?? '',
    yearsExperience: enrollment?.yearsExperience == null ? '' : String(enrollment.yearsExperience),
    capacity: enrollment?.capacity ?? 2,
    timezone: enrollment?.timezone ?? browserTimeZone(),
    preferredFrequency: enrollment?.preferredFrequency ?? '',
    preferredChannel: enrollment?.preferredChannel ?? '',
  };
}

type Errors = Record<string, string>;

/** Checks what we can check here; the server re-checks everything. */
function validate(state: FormState): Errors {
  const errors: Errors = {};
  const years = state.yearsExperience.trim();
  if (years && (!/^\d+$/.test(years) || Number(years) > ENROLLMENT_LIMITS.yearsMax)) {
    errors.yearsExperience = `Enter a whole number of years from 0 to ${ENROLLMENT_LIMITS.yearsMax}.`;
  }
  if (state.goals.length > ENROLLMENT_LIMITS.goals) {
    errors.goals = `Keep this to ${ENROLLMENT_LIMITS.goals} characters (it’s ${state.goals.length} now).`;
  }
  if (!allTimeZones().includes(state.timezone)) errors.timezone = 'Choose a time zone from the list.';
  if (state.role === 'mentor' && (state.capacity < 0 || state.capacity > ENROLLMENT_LIMITS.capacityMax)) {
    errors.capacity = `Choose from 0 to ${ENROLLMENT_LIMITS.capacityMax} mentees.`;
  }
  return errors;
}

const fieldNames: Record<string, string> = {
  role: 'Role',
  skillsOffered: 'Skills you can help with',
  skillsWanted: 'Skills you want to build',
  values: 'What matters to you',
  goals: 'Goals',
  yearsExperience: 'Years of experience',
  capacity: 'Mentees at a time',
  timezone: 'Time zone',
  preferredFrequency: 'How often to meet',
  preferredChannel: 'How to keep in touch',
};

interface Props {
  program: Program;
  enrollment: Enrollment | null;
  taxonomy: Taxonomy | undefined;
  onSaved: (enrollment: Enrollment, created: boolean) => void;
}

/** Enrol in a program, or update how I take part in it. */
export function EnrollmentForm({ program, enrollment, taxonomy, onSaved }: Props) {
  const styles = useStyles();
  const api = useApi();
  const announce = useAnnounce();
  const active = enrollment?.status === 'active' ? enrollment : null;
  const [state, setState] = useState<FormState>(() => initialState(active, 'mentee'));
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<ApiError | Error | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem || Object.keys(errors).length > 0) summaryRef.current?.focus();
  }, [problem, errors]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setState((s) => ({ ...s, [key]: value }));
    setSavedAt(null);
    if (errors[key]) setErrors(({ [key]: _dropped, ...rest }) => rest);
  };

  const isMentor = state.role === 'mentor';
  const lockedRole = active && active.activePairs > 0 ? active.role : null;
  // An enrolled mentor sets capacity in the availability card; the form only asks when becoming a mentor.
  const askCapacity = isMentor && !(active?.role === 'mentor');
  const skills = taxonomy?.skills.map((t) => t.label) ?? [];
  const values = taxonomy?.values.map((t) => t.label) ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = validate(state);
    setProblem(null);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      announce(`Check ${Object.keys(local).length === 1 ? 'one field' : `${Object.keys(local).length} fields`} before saving.`);
      return;
    }
    const input: EnrollmentInput = {
      role: state.role,
      skillsOffered: state.skillsOffered,
      skillsWanted: state.skillsWanted,
      values: state.values,
      goals: state.goals.trim(),
      timezone: state.timezone,
    };
    if (state.yearsExperience.trim()) input.yearsExperience = Number(state.yearsExperience);
    if (isMentor) input.capacity = askCapacity ? state.capacity : (active?.capacity ?? state.capacity);
    if (state.preferredFrequency) input.preferredFrequency = state.preferredFrequency;
    if (state.preferredChannel) input.preferredChannel = state.preferredChannel;

    setSaving(true);
    setErrors({});
    try {
      const saved = await saveEnrollment(api, program.id, input);
      const created = !active;
      setState(initialState(saved, saved.role));
      setSavedAt(new Date());
      announce(created ? `You’re enrolled in ${program.name} as a ${saved.role}.` : 'Your profile is saved.');
      onSaved(saved, created);
    } catch (error) {
      const byField = fieldErrors(error);
      const err = error instanceof Error ? error : new Error(String(error));
      if (Object.keys(byField).length > 0) {
        setErrors(byField);
        announce(`Couldn’t save: check ${Object.keys(byField).length === 1 ? 'one field' : `${Object.keys(byField).length} fields`}.`);
      } else {
        setProblem(err);
        announce(`Couldn’t save. ${errorDetail(err) ?? errorTitle(err)}`);
      }
    } finally {
      setSaving(false);
    }
  };

  const errorCount = Object.keys(errors).length;
  const conflict = problem instanceof ApiError && problem.status === 409;

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-describedby={problem || errorCount ? 'enrol-summary' : undefined}>
      {(problem || errorCount > 0) && (
        <div ref={summaryRef} tabIndex={-1} id="enrol-summary" className={styles.summary}>
          <MessageBar intent={conflict ? 'warning' : 'error'} layout="multiline">
            <MessageBarBody>
              {problem ? (
                <>
                  <MessageBarTitle>{conflict ? 'This can’t be saved right now' : `Couldn’t save — ${errorTitle(problem)}`}</MessageBarTitle>
                  <ProblemDetail error={problem} />
                </>
              ) : (
                <>
                  <MessageBarTitle>Check {errorCount === 1 ? 'one field' : `${errorCount} fields`}</MessageBarTitle>
                  {Object.keys(errors)
                    .map((key) => fieldNames[key] ?? key)
                    .join(', ')}
                </>
              )}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>
          <Text weight="semibold">How would you like to take part?</Text>
        </legend>
        <Field
          label="Role"
          required
          validationMessage={errors.role ?? (lockedRole ? `You’re in a pair as a ${lockedRole} here, so your role can’t change until it ends.` : undefined)}
          validationState={errors.role ? 'error' : 'none'}
        >
          <RadioGroup
            value={state.role}
            onChange={(_, data) => set('role', data.value as PairRole)}
            className={styles.roles}
            layout="vertical"
          >
            <Radio
              value="mentee"
              disabled={lockedRole === 'mentor'}
              label={
                <>
                  Mentee
                  <Text size={200} className={styles.roleHint}>
                    Learn from someone a few steps ahead of you
                  </Text>
                </>
              }
            />
            <Radio
              value="mentor"
              disabled={lockedRole === 'mentee'}
              label={
                <>
                  Mentor
                  <Text size={200} className={styles.roleHint}>
                    Share what you’ve learned with a colleague
                  </Text>
                </>
              }
            />
          </RadioGroup>
        </Field>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>
          <Text weight="semibold">{isMentor ? 'What you can offer' : 'What you’re looking for'}</Text>
        </legend>
        {isMentor ? (
          <TermPicker
            label="Skills you can help with"
            hint="Pick from the list or type your own and press Enter."
            suggestions={skills}
            value={state.skillsOffered}
            onChange={(next) => set('skillsOffered', next)}
            validationMessage={errors.skillsOffered}
          />
        ) : (
          <TermPicker
            label="Skills you want to build"
            hint="Pick from the list or type your own and press Enter. Mentors are suggested from these."
            suggestions={skills}
            value={state.skillsWanted}
            onChange={(next) => set('skillsWanted', next)}
            validationMessage={errors.skillsWanted}
          />
        )}
        <TermPicker
          label="What matters to you"
          hint="Values you’d like to share with your mentoring partner, such as curiosity or work–life balance."
          suggestions={values}
          value={state.values}
          onChange={(next) => set('values', next)}
          validationMessage={errors.values}
        />
        <Field
          label={isMentor ? 'What you hope to pass on' : 'What you’d like to achieve'}
          hint={
            isMentor
              ? 'A sentence or two helps mentees decide whether to ask you.'
              : 'Be specific: “lead my first project review” is easier to work on than “grow”.'
          }
          validationMessage={errors.goals}
          validationState={errors.goals ? 'error' : 'none'}
        >
          <Textarea
            value={state.goals}
            onChange={(_, data) => set('goals', data.value)}
            resize="vertical"
            rows={4}
            maxLength={ENROLLMENT_LIMITS.goals + 200}
          />
        </Field>
        <div className={styles.numbers}>
          <Field
            label="Years of experience"
            hint="Optional"
            validationMessage={errors.yearsExperience}
            validationState={errors.yearsExperience ? 'error' : 'none'}
          >
            <Input
              type="number"
              inputMode="numeric"
              min={0}
              max={ENROLLMENT_LIMITS.yearsMax}
              value={state.yearsExperience}
              onChange={(_, data) => set('yearsExperience', data.value)}
            />
          </Field>
          {askCapacity && (
            <Field
              label="Mentees at a time"
              hint="Two is a comfortable start. You can change this later."
              validationMessage={errors.capacity}
              validationState={errors.capacity ? 'error' : 'none'}
            >
              <SpinButton
                min={0}
                max={ENROLLMENT_LIMITS.capacityMax}
                value={state.capacity}
                onChange={(_, data) => {
                  const next = data.value ?? Number(data.displayValue);
                  if (Number.isFinite(next)) set('capacity', Math.max(0, Math.min(ENROLLMENT_LIMITS.capacityMax, Math.round(next))));
                }}
              />
            </Field>
          )}
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>
          <Text weight="semibold">How you like to work</Text>
        </legend>
        <TimeZoneField value={state.timezone} onChange={(zone) => set('timezone', zone)} validationMessage={errors.timezone} />
        <div className={styles.row}>
          <Field
            label="How often to meet"
            className={styles.field}
            hint={`The program suggests ${cadenceLabel[program.defaultCadence].toLowerCase()}.`}
            validationMessage={errors.preferredFrequency}
            validationState={errors.preferredFrequency ? 'error' : 'none'}
          >
            <Select className={styles.select} value={state.preferredFrequency} onChange={(_, data) => set('preferredFrequency', data.value as Cadence | '')}>
              <option value="">No preference</option>
              {(Object.keys(cadenceLabel) as Cadence[]).map((c) => (
                <option key={c} value={c}>
                  {cadenceLabel[c]}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="How to keep in touch"
            className={styles.field}
            validationMessage={errors.preferredChannel}
            validationState={errors.preferredChannel ? 'error' : 'none'}
          >
            <Select className={styles.select} value={state.preferredChannel} onChange={(_, data) => set('preferredChannel', data.value as Channel | '')}>
              <option value="">No preference</option>
              {(Object.keys(channelLabel) as Channel[]).map((c) => (
                <option key={c} value={c}>
                  {channelLabel[c]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </fieldset>

      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={saving} icon={saving ? <Spinner size="tiny" /> : undefined}>
          {saving ? 'Saving…' : active ? 'Save changes' : `Enrol as a ${state.role}`}
        </Button>
        {savedAt && (
          <Text className={styles.saved}>
            Saved at {savedAt.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' })}
          </Text>
        )}
      </div>
    </form>
  );
}

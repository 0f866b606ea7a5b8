import { useEffect, useRef, useState } from 'react';
import {
  Button,
  Field,
  Input,
  Radio,
  RadioGroup,
  Skeleton,
  SkeletonItem,
  Text,
  Textarea,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { FormDialog } from '../app/FormDialog';
import { plural } from '../app/format';
import { ActionError, errorProps, serverFieldError, useAction } from '../app/forms';
import { AddIcon, DeleteIcon } from '../app/icons';
import { createGoal, updateGoal, type Goal, type GoalChanges, type GoalTemplate, type NewGoal } from './goals.api';
import { dateInMonths } from './labels';
import { useGoalTemplates } from './useGoals';

const useStyles = makeStyles({
  templates: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  templateLabel: { display: 'flex', flexDirection: 'column' },
  templateMeta: { color: tokens.colorNeutralForeground3, ...typographyStyles.caption1 },
  twoUp: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 220px), 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
  },
  steps: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: 'none' },
  step: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  stepInput: { flexGrow: 1, minWidth: 0 },
  stepNumber: { color: tokens.colorNeutralForeground3, minWidth: '1.5em', textAlign: 'right' },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  legend: { ...typographyStyles.body1Strong, padding: 0, marginBottom: tokens.spacingVerticalXS },
  hint: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const BLANK = 'blank';
const MAX_STEPS = 20;

interface Draft {
  title: string;
  skill: string;
  targetDate: string;
  mentorRole: string;
  steps: { key: number; text: string }[];
}

let stepKey = 0;
const draftSteps = (texts: string[]) => texts.map((text) => ({ key: ++stepKey, text }));
const blankDraft = (): Draft => ({ title: '', skill: '', targetDate: '', mentorRole: '', steps: draftSteps(['']) });

function fromTemplate(t: GoalTemplate): Draft {
  return {
    title: t.title,
    skill: t.skill,
    targetDate: dateInMonths(t.durationMonths),
    mentorRole: t.mentorRole,
    steps: draftSteps(t.actionSteps),
  };
}

type Errors = Partial<Record<'title' | 'skill' | 'mentorRole' | 'targetDate' | 'actionSteps', string>>;

function validate(d: Draft): Errors {
  const e: Errors = {};
  if (!d.title.trim()) e.title = 'Give the goal a short title.';
  if (!d.skill.trim()) e.skill = 'Name the skill this goal builds.';
  if (!d.mentorRole.trim()) e.mentorRole = 'Say how the mentor will help — for example, “reviews my drafts”.';
  return e;
}

interface Props {
  open: boolean;
  pairId: string;
  /** Edit this goal; without it the dialog adds a new one. */
  goal?: Goal | undefined;
  mentorRoleLabel: string;
  onClose: () => void;
  onSaved: (goal: Goal, created: boolean) => void;
}

/** Add a goal (from a template or blank), or edit one's title, skill, target date and the mentor's role. */
export function GoalDialog({ open, pairId, goal, mentorRoleLabel, onClose, onSaved }: Props) {
  const styles = useStyles();
  const editing = goal !== undefined;
  const templates = useGoalTemplates({ enabled: open && !editing });
  const save = useAction();
  const [choice, setChoice] = useState<string>(BLANK);
  const [draft, setDraft] = useState<Draft>(blankDraft);
  const [errors, setErrors] = useState<Errors>({});
  const stepsRef = useRef<HTMLUListElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [focusStep, setFocusStep] = useState<number | null>(null);
  const [attempt, setAttempt] = useState(0);

  // Each opening starts fresh.
  useEffect(() => {
    if (!open) return;
    save.reset();
    setErrors({});
    setChoice(BLANK);
    setDraft(
      goal
        ? { title: goal.title, skill: goal.skill, targetDate: goal.targetDate ?? '', mentorRole: goal.mentorRole, steps: [] }
        : blankDraft(),
    );
  }, [open, goal]);

  useEffect(() => {
    if (focusStep === null) return;
    stepsRef.current?.querySelector<HTMLInputElement>(`[data-step="${focusStep}"]`)?.focus();
    setFocusStep(null);
  }, [focusStep]);

  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt, save.error]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (key in errors) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const pick = (key: string) => {
    setChoice(key);
    setErrors({});
    const t = templates.data?.find((x) => x.key === key);
    setDraft(t ? fromTemplate(t) : blankDraft());
  };

  const message = (field: keyof Errors) => errors[field] ?? serverFieldError(save.error, field);
  const stepError = (index: number) => {
    const e = save.error;
    return e && 'errors' in e ? serverFieldError(e, `actionSteps.${index}`) : undefined;
  };

  const submit = async () => {
    const found = validate(draft);
    setErrors(found);
    setAttempt((n) => n + 1);
    if (Object.keys(found).length > 0) return;
    const common = { title: draft.title.trim(), skill: draft.skill.trim(), mentorRole: draft.mentorRole.trim() };
    let saved: Goal | undefined;
    if (goal) {
      const changes: GoalChanges = {};
      if (common.title !== goal.title) changes.title = common.title;
      if (common.skill !== goal.skill) changes.skill = common.skill;
      if (common.mentorRole !== goal.mentorRole) changes.mentorRole = common.mentorRole;
      if ((draft.targetDate || null) !== goal.targetDate) changes.targetDate = draft.targetDate || null;
      saved = Object.keys(changes).length === 0 ? goal : await save.run((api) => updateGoal(api, goal.id, changes));
    } else {
      const body: NewGoal = {
        ...common,
        actionSteps: draft.steps.map((s) => s.text.trim()).filter(Boolean),
        ...(draft.targetDate ? { targetDate: draft.targetDate } : {}),
        ...(choice !== BLANK ? { templateKey: choice } : {}),
      };
      saved = await save.run((api) => createGoal(api, pairId, body));
    }
    if (saved) onSaved(saved, !goal);
  };

  const addStep = () => {
    const step = draftSteps([''])[0]!;
    setDraft((d) => ({ ...d, steps: [...d.steps, step] }));
    setFocusStep(step.key);
  };
  const removeStep = (key: number) => {
    const index = draft.steps.findIndex((s) => s.key === key);
    const next = draft.steps.filter((s) => s.key !== key);
    setDraft((d) => ({ ...d, steps: next }));
    const neighbour = next[Math.min(index, next.length - 1)];
    if (neighbour) setFocusStep(neighbour.key);
  };

  return (
    <FormDialog
      open={open}
      title={editing ? 'Edit goal' : 'Add a goal'}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={editing ? 'Save goal' : 'Add goal'}
      submittingLabel="Saving…"
      submitting={save.busy}
      lockWhileSubmitting="cancel"
      width={680}
      formRef={formRef}
    >
      {!editing && (
        <Field
          label="Start from"
          hint="A template fills in the form with a tried-and-tested plan — change anything you like."
        >
          <RadioGroup value={choice} onChange={(_, d) => pick(d.value)} className={styles.templates}>
            <Radio
              value={BLANK}
              label={{
                children: (
                  <span className={styles.templateLabel}>
                    <span>Blank goal</span>
                    <span className={styles.templateMeta}>Write your own from scratch</span>
                  </span>
                ),
              }}
            />
            {(templates.data ?? []).map((t) => (
              <Radio
                key={t.key}
                value={t.key}
                label={{
                  children: (
                    <span className={styles.templateLabel}>
                      <span>{t.skill}</span>
                      <span className={styles.templateMeta}>
                        {t.title} · {plural(t.durationMonths, 'month')} · {plural(t.actionSteps.length, 'step')}
                      </span>
                    </span>
                  ),
                }}
              />
            ))}
          </RadioGroup>
        </Field>
      )}
      {!editing && templates.loading && !templates.data && (
        <Skeleton aria-label="Loading templates">
          <SkeletonItem size={16} style={{ width: '60%', marginBottom: 8 }} />
          <SkeletonItem size={16} style={{ width: '50%' }} />
        </Skeleton>
      )}
      {templates.error && (
        <Text size={200} className={styles.hint}>
          Templates couldn’t be loaded, but you can still write a goal from scratch.
        </Text>
      )}
      <div className={styles.twoUp}>
        <Field label="Goal" required {...errorProps(message('title'))}>
          <Input value={draft.title} maxLength={200} onChange={(_, d) => set('title', d.value)} />
        </Field>
        <Field label="Skill" required {...errorProps(message('skill'))}>
          <Input value={draft.skill} maxLength={80} onChange={(_, d) => set('skill', d.value)} />
        </Field>
      </div>
      <Field
        label="Target date"
        hint="Optional. Set one you can actually reach — you can move it later."
        {...errorProps(message('targetDate'))}
      >
        <Input type="date" value={draft.targetDate} onChange={(_, d) => set('targetDate', d.value)} />
      </Field>
      {!editing && (
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>Action steps</legend>
          <Text size={200} className={styles.hint} id="goal-steps-hint">
            Small, concrete things to do. You’ll tick them off as you go, and progress follows.
          </Text>
          {message('actionSteps') && (
            <Text size={200} className={styles.error} role="alert">
              {message('actionSteps')}
            </Text>
          )}
          <ul className={styles.steps} ref={stepsRef}>
            {draft.steps.map((step, index) => (
              <li key={step.key} className={styles.step}>
                <span className={styles.stepNumber} aria-hidden="true">
                  {index + 1}.
                </span>
                <Input
                  className={styles.stepInput}
                  value={step.text}
                  maxLength={300}
                  aria-label={`Step ${index + 1}`}
                  aria-invalid={stepError(index) ? true : undefined}
                  data-step={step.key}
                  onChange={(_, d) =>
                    setDraft((dr) => ({ ...dr, steps: dr.steps.map((s) => (s.key === step.key ? { ...s, text: d.value } : s)) }))
                  }
                />
                <Button
                  appearance="subtle"
                  icon={<DeleteIcon />}
                  aria-label={`Remove step ${index + 1}`}
                  onClick={() => removeStep(step.key)}
                />
              </li>
            ))}
          </ul>
          <div>
            <Button icon={<AddIcon />} onClick={addStep} disabled={draft.steps.length >= MAX_STEPS}>
              Add a step
            </Button>
          </div>
        </fieldset>
      )}
      <Field
        label={mentorRoleLabel}
        hint="How the mentor helps with this goal: feedback, introductions, sharing their own experience…"
        required
        {...errorProps(message('mentorRole'))}
      >
        <Textarea
          value={draft.mentorRole}
          maxLength={1000}
          resize="vertical"
          rows={2}
          onChange={(_, d) => set('mentorRole', d.value)}
        />
      </Field>
      <ActionError
        error={save.error}
        what={editing ? 'save the goal' : 'add the goal'}
        shownFields={['title', 'skill', 'mentorRole', 'targetDate', 'actionSteps']}
      />
    </FormDialog>
  );
}

import { useId, useRef, useState, type FormEvent } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  ProgressBar,
  Select,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { formatCalendarDate, formatInstantDate } from '../app/format';
import { AddIcon, CheckCircleIcon, CircleIcon, ClockIcon, DeleteIcon, EditIcon, FlagIcon } from '../app/icons';
import type { Goal, GoalStatus, GoalStep } from './goals.api';
import { goalStatusBadge, goalStatusLabel, goalStatuses, updateKindLabel } from './labels';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  finished: { backgroundColor: tokens.colorNeutralBackground2 },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  titles: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0, flexBasis: '240px', flexGrow: 1 },
  title: { ...typographyStyles.subtitle2, margin: 0, overflowWrap: 'anywhere', color: tokens.colorNeutralForeground1 },
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, color: tokens.colorNeutralForeground3 },
  overdue: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    color: tokens.colorStatusDangerForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  progressRow: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  progressLabel: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground2 },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { ...typographyStyles.body1Strong, padding: 0, marginBottom: tokens.spacingVerticalXS, color: tokens.colorNeutralForeground1 },
  steps: { display: 'flex', flexDirection: 'column', margin: 0, padding: 0, listStyleType: 'none' },
  stepDone: { color: tokens.colorNeutralForeground3, textDecorationLine: 'line-through' },
  stepLabel: { overflowWrap: 'anywhere' },
  readStep: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} 0`,
    color: tokens.colorNeutralForeground1,
  },
  readStepDone: { color: tokens.colorStatusSuccessForeground1, flexShrink: 0, marginTop: '2px' },
  readStepOpen: { color: tokens.colorNeutralForeground3, flexShrink: 0, marginTop: '2px' },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
    border: 0,
  },
  addStep: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
  addStepField: { flexGrow: 1, minWidth: 'min(100%, 200px)' },
  allDone: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorStatusSuccessBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusSuccessBorder1}`,
  },
  allDoneText: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexGrow: 1 },
  role: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  roleTerm: { ...typographyStyles.body1Strong, color: tokens.colorNeutralForeground1 },
  roleText: { color: tokens.colorNeutralForeground2, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  updates: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: 'none' },
  update: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
  },
  milestone: { borderLeftColor: tokens.colorBrandStroke1 },
  updateHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground3 },
  updateNote: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  footer: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  status: { minWidth: '160px' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const SHOWN_UPDATES = 2;

export interface GoalCardActions {
  onToggleStep: (goal: Goal, step: GoalStep, done: boolean) => void;
  onStatus: (goal: Goal, status: GoalStatus) => void;
  onAddStep: (goal: Goal, text: string) => Promise<boolean>;
  onEdit: (goal: Goal) => void;
  onAddUpdate: (goal: Goal) => void;
  onDelete: (goal: Goal) => void;
}

interface Props extends GoalCardActions {
  goal: Goal;
  readOnly: boolean;
  /** "Sam’s role" or "Your role as mentor". */
  mentorRoleLabel: string;
  /** A status change is on its way to the server. */
  saving: boolean;
}

/** One goal of the skill development plan: skill, target date, progress, steps, mentor's role and updates. */
export function GoalCard({ goal, readOnly, mentorRoleLabel, saving, ...actions }: Props) {
  const styles = useStyles();
  const id = useId();
  const headingId = `${id}-title`;
  const [showAll, setShowAll] = useState(false);
  const [adding, setAdding] = useState(false);
  const [stepText, setStepText] = useState('');
  const [stepError, setStepError] = useState<string>();
  const addInput = useRef<HTMLInputElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const doneSteps = goal.steps.filter((s) => s.done).length;
  const finished = goal.status === 'done' || goal.status === 'dropped';
  const allStepsDone = goal.steps.length > 0 && doneSteps === goal.steps.length;
  const updates = showAll ? goal.updates : goal.updates.slice(0, SHOWN_UPDATES);
  const progressText =
    goal.progressSource === 'steps' && goal.steps.length > 0
      ? `${goal.progress}% · ${doneSteps} of ${goal.steps.length} steps done`
      : `${goal.progress}%${goal.progressSource === 'manual' ? ' · set by hand' : ''}`;

  const submitStep = async (event: FormEvent) => {
    event.preventDefault();
    if (!stepText.trim()) {
      setStepError('Write the step first.');
      addInput.current?.focus();
      return;
    }
    const ok = await actions.onAddStep(goal, stepText.trim());
    if (ok) {
      setStepText('');
      setStepError(undefined);
      addInput.current?.focus();
    }
  };

  return (
    <article className={mergeClasses(styles.card, finished && styles.finished)} aria-labelledby={headingId}>
      <div className={styles.head}>
        <div className={styles.titles}>
          <h3 id={headingId} className={styles.title}>
            {goal.title}
          </h3>
          <div className={styles.meta}>
            <Text size={200}>
              Skill: <strong>{goal.skill}</strong>
            </Text>
            <Text size={200}>{goal.targetDate ? `Target: ${formatCalendarDate(goal.targetDate)}` : 'No target date'}</Text>
            {goal.overdue && (
              <Text size={200} className={styles.overdue}>
                <ClockIcon size={16} />
                Overdue
              </Text>
            )}
            {goal.completedAt && <Text size={200}>Reached {formatInstantDate(goal.completedAt)}</Text>}
          </div>
        </div>
        <Badge appearance="tint" shape="rounded" color={goalStatusBadge[goal.status]}>
          {goalStatusLabel[goal.status]}
        </Badge>
      </div>

      <div className={styles.progressRow}>
        <div className={styles.progressLabel}>
          <Text size={200} id={`${id}-progress`}>
            Progress
          </Text>
          <Text size={200}>{progressText}</Text>
        </div>
        <ProgressBar
          value={goal.progress}
          max={100}
          thickness="large"
          color={goal.status === 'done' ? 'success' : 'brand'}
          aria-labelledby={`${id}-progress`}
          aria-valuetext={progressText}
        />
      </div>

      {(goal.steps.length > 0 || !readOnly) && (
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>Action steps</legend>
          {goal.steps.length === 0 && (
            <Text size={200} className={styles.roleText}>
              No steps yet. Break the goal into small things you can tick off.
            </Text>
          )}
          {readOnly ? (
            <ul className={styles.steps}>
              {goal.steps.map((step) => (
                <li key={step.id} className={styles.readStep}>
                  <span className={step.done ? styles.readStepDone : styles.readStepOpen}>
                    {step.done ? <CheckCircleIcon size={16} /> : <CircleIcon size={16} />}
                  </span>
                  <span className={styles.stepLabel}>
                    {step.text}
                    <span className={styles.visuallyHidden}>{step.done ? ' (done)' : ' (not done)'}</span>
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <ul className={styles.steps}>
              {goal.steps.map((step) => (
                <li key={step.id}>
                  <Checkbox
                    checked={step.done}
                    onChange={(_, d) => actions.onToggleStep(goal, step, d.checked === true)}
                    label={{ children: step.text, className: mergeClasses(styles.stepLabel, step.done && styles.stepDone) }}
                  />
                </li>
              ))}
            </ul>
          )}
          {!readOnly &&
            (adding ? (
              <form className={styles.addStep} onSubmit={(e) => void submitStep(e)} noValidate>
                <Field
                  className={styles.addStepField}
                  label="New step"
                  validationMessage={stepError}
                  validationState={stepError ? 'error' : 'none'}
                >
                  <Input
                    ref={addInput}
                    value={stepText}
                    maxLength={300}
                    autoFocus
                    onChange={(_, d) => {
                      setStepText(d.value);
                      setStepError(undefined);
                    }}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape') {
                        setAdding(false);
                        setTimeout(() => addButton.current?.focus(), 0);
                      }
                    }}
                  />
                </Field>
                <Button type="submit" appearance="primary">
                  Add step
                </Button>
                <Button
                  type="button"
                  onClick={() => {
                    setAdding(false);
                    setStepText('');
                    setStepError(undefined);
                    setTimeout(() => addButton.current?.focus(), 0);
                  }}
                >
                  Done
                </Button>
              </form>
            ) : (
              <Button ref={addButton} appearance="subtle" icon={<AddIcon />} onClick={() => setAdding(true)}>
                Add a step
              </Button>
            ))}
        </fieldset>
      )}

      {!readOnly && allStepsDone && goal.status !== 'done' && goal.status !== 'dropped' && (
        <div className={styles.allDone}>
          <Text className={styles.allDoneText}>
            <CheckCircleIcon size={16} />
            Every step is ticked off. Ready to call this goal done?
          </Text>
          <Button appearance="primary" size="small" disabled={saving} onClick={() => actions.onStatus(goal, 'done')}>
            Mark goal as done
          </Button>
        </div>
      )}

      <div className={styles.role}>
        <Text size={200} className={styles.roleTerm}>
          {mentorRoleLabel}
        </Text>
        <Text className={styles.roleText}>{goal.mentorRole}</Text>
      </div>

      {goal.updates.length > 0 && (
        <div className={styles.role}>
          <Text size={200} className={styles.roleTerm} id={`${id}-updates`}>
            Updates
          </Text>
          <ul className={styles.updates} aria-labelledby={`${id}-updates`}>
            {updates.map((u) => (
              <li key={u.id} className={mergeClasses(styles.update, u.kind === 'milestone' && styles.milestone)}>
                <span className={styles.updateHead}>
                  {u.kind === 'milestone' && <FlagIcon size={16} />}
                  <Text size={200} weight="semibold">
                    {updateKindLabel[u.kind]}
                    {u.progress !== null ? ` · ${u.progress}%` : ''}
                  </Text>
                  <Text size={200}>
                    {u.author.displayName}, {formatInstantDate(u.createdAt)}
                  </Text>
                </span>
                <Text className={styles.updateNote}>{u.note}</Text>
              </li>
            ))}
          </ul>
          {goal.updates.length > SHOWN_UPDATES && (
            <div>
              <Button appearance="transparent" size="small" onClick={() => setShowAll((v) => !v)} aria-expanded={showAll}>
                {showAll ? 'Show fewer updates' : `Show all ${goal.updates.length} updates`}
              </Button>
            </div>
          )}
        </div>
      )}

      {!readOnly && (
        <div className={styles.footer}>
          <Field label="Status" className={styles.status}>
            <Select
              value={goal.status}
              disabled={saving}
              onChange={(_, d) => actions.onStatus(goal, d.value as GoalStatus)}
            >
              {goalStatuses.map((s) => (
                <option key={s} value={s}>
                  {goalStatusLabel[s]}
                </option>
              ))}
            </Select>
          </Field>
          <div className={styles.buttons}>
            <Button icon={<FlagIcon />} onClick={() => actions.onAddUpdate(goal)}>
              Add an update
            </Button>
            <Button icon={<EditIcon />} onClick={() => actions.onEdit(goal)} aria-label={`Edit “${goal.title}”`}>
              Edit
            </Button>
            <Button icon={<DeleteIcon />} onClick={() => actions.onDelete(goal)} aria-label={`Delete “${goal.title}”`}>
              Delete
            </Button>
          </div>
        </div>
      )}
    </article>
  );
}

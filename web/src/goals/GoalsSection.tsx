import { useCallback, useRef, useState } from 'react';
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiClient } from '../api/client';
import { useApi } from '../api/ApiContext';
import { useAnnounce } from '../app/LiveRegion';
import { plural } from '../app/format';
import { CardSkeletons, EmptyState, ErrorState } from '../app/states';
import { AddIcon } from '../app/icons';
import { PairSection, sectionHeadingId } from '../pairs/PairSection';
import type { MemberPairDetail } from '../pairs/pairs.api';
import { useNotify } from '../app/toasts';
import { Celebration } from './Celebration';
import { GoalCard } from './GoalCard';
import { GoalDialog } from './GoalDialog';
import { GoalUpdateDialog } from './GoalUpdateDialog';
import {
  addGoalStep,
  deleteGoal,
  restoreGoal,
  updateGoal,
  updateGoalStep,
  type Goal,
  type GoalStatus,
  type GoalStep,
} from './goals.api';
import { goalStatusLabel, sortGoals, withStepToggled } from './labels';
import { useGoals } from './useGoals';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, margin: 0, padding: 0, listStyleType: 'none' },
  summary: { color: tokens.colorNeutralForeground2 },
});

export const GOALS_SECTION_ID = 'goals';

interface Props {
  pair: MemberPairDetail;
  readOnly: boolean;
  /** Called after any change so the page header's counts catch up. */
  onChanged: () => void;
}

/** The skill development plan: the pair's goals, each with steps, progress and updates. */
export function GoalsSection({ pair, readOnly, onChanged }: Props) {
  const styles = useStyles();
  const api = useApi();
  const announce = useAnnounce();
  const notify = useNotify();
  const goals = useGoals(pair.id);
  const [dialog, setDialog] = useState<{ mode: 'add' } | { mode: 'edit'; goal: Goal } | null>(null);
  const [updating, setUpdating] = useState<Goal | null>(null);
  const [saving, setSaving] = useState<ReadonlySet<string>>(new Set());
  const [celebrating, setCelebrating] = useState<{ id: string; title: string } | null>(null);
  // Where the keyboard was when a dialog opened, to go back there when it closes.
  const opener = useRef<HTMLElement | null>(null);
  const rememberOpener = () => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  };
  const returnFocus = () =>
    window.setTimeout(() => {
      if (document.activeElement && document.activeElement !== document.body) return;
      const target = opener.current?.isConnected ? opener.current : document.getElementById(sectionHeadingId(GOALS_SECTION_ID));
      target?.focus();
    }, 50);

  // Changes to one goal go to the server one at a time, and only the answer to the latest is shown,
  // so quick ticks never flicker back.
  const queues = useRef(new Map<string, { tail: Promise<unknown>; latest: number }>());
  const { setData } = goals;

  const replace = useCallback(
    (goal: Goal) => setData((list) => (list ?? []).map((g) => (g.id === goal.id ? goal : g))),
    [setData],
  );

  const enqueue = useCallback(
    (goalId: string, call: (api: ApiClient) => Promise<Goal>): Promise<Goal | undefined> => {
      const queue = queues.current.get(goalId) ?? { tail: Promise.resolve(), latest: 0 };
      const ticket = ++queue.latest;
      const result = queue.tail.then(() => call(api));
      queue.tail = result.catch(() => undefined);
      queues.current.set(goalId, queue);
      return result.then(
        (goal) => {
          if (queue.latest === ticket) replace(goal);
          return goal;
        },
        (error: unknown) => {
          const detail = error instanceof Error ? error.message : String(error);
          notify({ title: 'That change wasn’t saved', body: detail, intent: 'error' });
          goals.reload();
          return undefined;
        },
      );
    },
    [api, replace, notify, goals],
  );

  const partnerFirst = pair.partner.displayName.split(' ')[0] ?? pair.partner.displayName;
  const mentorRoleLabel =
    pair.viewer === 'mentor' ? 'Your role as mentor' : `${pair.mentor.displayName.split(' ')[0] ?? pair.mentor.displayName}’s role`;

  const celebrate = (goal: Goal) => {
    setCelebrating({ id: goal.id, title: goal.title });
    announce(`Goal reached: ${goal.title}. Well done!`);
  };

  const onToggleStep = (goal: Goal, step: GoalStep, done: boolean) => {
    replace(withStepToggled(goal, step.id, done));
    void enqueue(goal.id, (a) => updateGoalStep(a, goal.id, step.id, { done })).then(() => onChanged());
  };

  const onStatus = async (goal: Goal, status: GoalStatus) => {
    if (status === goal.status) return;
    setSaving((s) => new Set(s).add(goal.id));
    const saved = await enqueue(goal.id, (a) => updateGoal(a, goal.id, { status }));
    setSaving((s) => {
      const next = new Set(s);
      next.delete(goal.id);
      return next;
    });
    if (!saved) return;
    onChanged();
    if (saved.status === 'done') celebrate(saved);
    else announce(`“${saved.title}” is now ${goalStatusLabel[saved.status].toLowerCase()}.`);
  };

  const onAddStep = async (goal: Goal, text: string) => {
    const saved = await enqueue(goal.id, (a) => addGoalStep(a, goal.id, text));
    if (saved) announce(`Step added to “${goal.title}”.`);
    return saved !== undefined;
  };

  const onDelete = async (goal: Goal) => {
    const before = goals.data ?? [];
    const index = before.findIndex((g) => g.id === goal.id);
    setData((list) => (list ?? []).filter((g) => g.id !== goal.id));
    if (celebrating?.id === goal.id) setCelebrating(null);
    document.getElementById(sectionHeadingId(GOALS_SECTION_ID))?.focus();
    try {
      await deleteGoal(api, goal.id);
    } catch (error) {
      setData((list) => insertAt(list ?? [], goal, index));
      notify({ title: 'Couldn’t delete the goal', body: error instanceof Error ? error.message : undefined, intent: 'error' });
      return;
    }
    onChanged();
    notify({
      title: `Deleted “${goal.title}”`,
      intent: 'info',
      action: {
        label: 'Undo',
        onClick: () => {
          void restoreGoal(api, goal.id).then(
            (restored) => {
              setData((list) => insertAt(list ?? [], restored, index));
              onChanged();
              announce(`Restored “${restored.title}”.`);
            },
            (error: unknown) =>
              notify({
                title: 'Couldn’t bring the goal back',
                body: error instanceof Error ? error.message : undefined,
                intent: 'error',
              }),
          );
        },
      },
    });
  };

  const list = goals.data ? sortGoals(goals.data) : undefined;
  const done = list?.filter((g) => g.status === 'done').length ?? 0;
  const overdue = list?.filter((g) => g.overdue).length ?? 0;

  return (
    <PairSection
      id={GOALS_SECTION_ID}
      title="Skill development plan"
      busy={goals.loading}
      lead={
        readOnly
          ? 'The goals you worked on together.'
          : 'A few goals you’re working on together: the skill, concrete steps, a target date and how the mentor helps.'
      }
      actions={
        !readOnly && list ? (
          <Button
            appearance="primary"
            icon={<AddIcon />}
            onClick={() => {
              rememberOpener();
              setDialog({ mode: 'add' });
            }}
          >
            Add a goal
          </Button>
        ) : undefined
      }
    >
      {celebrating && (
        <Celebration title={celebrating.title} partnerFirstName={partnerFirst} onDismiss={() => setCelebrating(null)} />
      )}
      {goals.loading && !goals.data && <CardSkeletons count={2} label="Loading your goals" />}
      {goals.error && <ErrorState error={goals.error} what="your goals" onRetry={goals.reload} />}
      {list && list.length === 0 && (
        <EmptyState title={readOnly ? 'No goals were set' : 'No goals yet'}>
          {readOnly
            ? 'This pair closed without a written skill development plan.'
            : 'Pick one skill to work on first. Start from a template such as Public speaking or Networking, or write your own.'}
        </EmptyState>
      )}
      {list && list.length > 0 && (
        <>
          <Text className={styles.summary}>
            {plural(list.length, 'goal')} · {done} done
            {overdue > 0 ? ` · ${overdue} past the target date` : ''}
          </Text>
          <ul className={styles.list} aria-label="Goals">
            {list.map((goal) => (
              <li key={goal.id}>
                <GoalCard
                  goal={goal}
                  readOnly={readOnly}
                  mentorRoleLabel={mentorRoleLabel}
                  saving={saving.has(goal.id)}
                  onToggleStep={onToggleStep}
                  onStatus={(g, s) => void onStatus(g, s)}
                  onAddStep={onAddStep}
                  onEdit={(g) => {
                    rememberOpener();
                    setDialog({ mode: 'edit', goal: g });
                  }}
                  onAddUpdate={(g) => {
                    rememberOpener();
                    setUpdating(g);
                  }}
                  onDelete={(g) => void onDelete(g)}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      {!readOnly && (
        <>
          <GoalDialog
            open={dialog !== null}
            pairId={pair.id}
            goal={dialog?.mode === 'edit' ? dialog.goal : undefined}
            mentorRoleLabel={mentorRoleLabel}
            onClose={() => {
              setDialog(null);
              returnFocus();
            }}
            onSaved={(goal, created) => {
              setDialog(null);
              returnFocus();
              setData((list) => (created ? [...(list ?? []), goal] : (list ?? []).map((g) => (g.id === goal.id ? goal : g))));
              onChanged();
              announce(created ? `Added the goal “${goal.title}”.` : `Saved “${goal.title}”.`);
            }}
          />
          <GoalUpdateDialog
            goal={updating}
            onClose={() => {
              setUpdating(null);
              returnFocus();
            }}
            onSaved={(goal, kind) => {
              setUpdating(null);
              returnFocus();
              replace(goal);
              onChanged();
              announce(kind === 'milestone' ? `Milestone added to “${goal.title}”.` : `Update added to “${goal.title}”.`);
            }}
          />
        </>
      )}
    </PairSection>
  );
}

function insertAt(list: Goal[], goal: Goal, index: number): Goal[] {
  const rest = list.filter((g) => g.id !== goal.id);
  const at = index < 0 ? rest.length : Math.min(index, rest.length);
  return [...rest.slice(0, at), goal, ...rest.slice(at)];
}

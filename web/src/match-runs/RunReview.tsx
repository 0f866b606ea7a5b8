import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Badge,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import type { QueryState } from '../api/useApiQuery';
import { ActionError, useAction } from '../app/forms';
import { plural } from '../app/format';
import { useAnnounce } from '../app/LiveRegion';
import { EmptyState } from '../app/states';
import { ConfirmDialog } from '../meetings/ConfirmDialog';
import { formatRunTime, isConflict, isCreated, pairLabel, runSettingsLabel } from './labels';
import {
  adjustProposal,
  publishMatchRun,
  rerunMatchRun,
  type MatchPerson,
  type MatchProposal,
  type MatchRun,
  type ProgramMember,
  type ProposalChange,
} from './match-runs.api';
import { MentorPickerDialog, type MentorChoice } from './MentorPickerDialog';
import { ProposalsTable } from './ProposalsTable';
import { RunSummary } from './RunSummary';
import { RemovedTable, UnmatchedTable } from './SideTables';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground2 },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
  },
  toolbarHint: { color: tokens.colorNeutralForeground2, flexBasis: '320px', flexGrow: 1 },
  part: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  outcome: { ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  h3: { ...typographyStyles.body1Strong, fontSize: tokens.fontSizeBase400, margin: 0, color: tokens.colorNeutralForeground1, ':focus': { outlineStyle: 'none' } },
});

type Notice = { title: string; body?: string; intent: 'success' | 'info' | 'warning'; undo?: { label: string; onClick: () => void } };
type Picker = { mentee: MatchPerson; current: MatchPerson | null };

interface Props {
  run: MatchRun;
  programName: string;
  /** The API answered with the run changed (adjusted, re-run or published). */
  onChanged: (run: MatchRun) => void;
  /** The program's people for the mentor picker; `wantMembers` starts loading them. */
  members: QueryState<ProgramMember[]>;
  wantMembers: () => void;
}

/** One run: its figures, the proposals to adjust, removed pairs, unmatched mentees; re-run the rest, publish. */
export function RunReview({ run, programName, onChanged, members, wantMembers }: Props) {
  const styles = useStyles();
  const announce = useAnnounce();
  const rowAction = useAction();
  const assignAction = useAction();
  const rerunAction = useAction();
  const [pending, setPending] = useState<string | null>(null);
  const [failed, setFailed] = useState<string>('change the proposal');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [picker, setPicker] = useState<Picker | null>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const outcome = useRef<HTMLDivElement>(null);
  const [focusUndo, setFocusUndo] = useState(false);

  const published = run.status === 'published';
  const busy = rerunAction.busy || pending !== null;
  const locked = run.proposals.filter((p) => p.state === 'locked').length;

  // Focus where the admin's attention goes next, once it is on screen (and after any dialog has closed).
  useEffect(() => {
    if (!focusTarget || pickerOpen || confirming) return;
    const target = focusTarget;
    setFocusTarget(null);
    window.setTimeout(() => {
      const element = target === 'outcome' ? outcome.current : document.querySelector<HTMLElement>(target);
      element?.focus();
      element?.scrollIntoView({ block: 'nearest' });
    }, 0);
  }, [focusTarget, pickerOpen, confirming, run]);

  useEffect(() => {
    if (focusUndo && notice?.undo) {
      setFocusUndo(false);
      undoButton.current?.focus();
    }
  }, [focusUndo, notice]);

  const change = async (menteeId: string, body: ProposalChange, what: string): Promise<MatchRun | undefined> => {
    setPending(menteeId);
    setFailed(what);
    const next = await rowAction.run((api) => adjustProposal(api, run.id, menteeId, body));
    setPending(null);
    if (next) onChanged(next);
    else announce(`Couldn’t ${what}.`);
    return next;
  };

  const lock = async (p: MatchProposal) => {
    const label = pairLabel(p.mentee, p.mentor);
    if (await change(p.mentee.id, { action: 'lock' }, `lock ${label}`)) {
      setNotice(null);
      announce(`Locked ${label}. A re-run keeps this pair.`);
    }
  };

  const unlock = async (p: MatchProposal) => {
    const label = pairLabel(p.mentee, p.mentor);
    if (await change(p.mentee.id, { action: 'unlock' }, `unlock ${label}`)) {
      setNotice(null);
      announce(`Unlocked ${label}. A re-run may propose another mentor for ${p.mentee.displayName}.`);
    }
  };

  /** Pairs them again, locked (or as they were before a removal). */
  const restore = async (mentee: MatchPerson, mentor: MatchPerson, state: MatchProposal['state'] = 'locked') => {
    const label = pairLabel(mentee, mentor);
    let next = await change(mentee.id, { action: 'assign', mentorId: mentor.id }, `put back ${label}`);
    if (next && state === 'proposed') next = await change(mentee.id, { action: 'unlock' }, `put back ${label}`);
    if (next) {
      setNotice({ title: `Put back ${label}.`, intent: 'success' });
      announce(`Put back ${label}.`);
      setFocusTarget(`[data-proposal-action="swap-${mentee.id}"]`);
    }
  };

  const remove = async (p: MatchProposal) => {
    const label = pairLabel(p.mentee, p.mentor);
    if (await change(p.mentee.id, { action: 'remove' }, `remove ${label}`)) {
      setNotice({
        title: `Removed ${label}.`,
        body: `${p.mentee.displayName} is back among the unmatched mentees; a re-run won’t propose this pair again.`,
        intent: 'info',
        undo: { label: 'Undo', onClick: () => void restore(p.mentee, p.mentor, p.state) },
      });
      setFocusUndo(true);
      announce(`Removed ${label}. ${p.mentee.displayName} is back among the unmatched mentees. Undo is next to the message.`);
    }
  };

  const openPicker = (mentee: MatchPerson, current: MatchPerson | null) => {
    wantMembers();
    assignAction.reset();
    setPicker({ mentee, current });
    setPickerOpen(true);
  };

  const assign = async (mentor: MatchPerson) => {
    if (!picker) return;
    const { mentee, current } = picker;
    const next = await assignAction.run((api) => adjustProposal(api, run.id, mentee.id, { action: 'assign', mentorId: mentor.id }));
    if (!next) {
      announce(`Couldn’t pair ${mentee.displayName} with ${mentor.displayName}.`);
      return;
    }
    onChanged(next);
    setPickerOpen(false);
    setFocusTarget(`[data-proposal-action="swap-${mentee.id}"]`);
    const label = pairLabel(mentee, mentor);
    setNotice({ title: current ? `Swapped: ${label}, locked.` : `Paired ${label}, locked.`, intent: 'success' });
    announce(current ? `Swapped. ${label} is now proposed and locked.` : `${label} is now proposed and locked.`);
  };

  const rerun = async () => {
    setNotice(null);
    const next = await rerunAction.run((api) => rerunMatchRun(api, run.id));
    if (!next) {
      announce('Couldn’t re-run matching.');
      return;
    }
    onChanged(next);
    const kept = next.proposals.filter((p) => p.state === 'locked').length;
    const text = `Re-ran the rest: ${next.summary.matched} of ${plural(next.summary.mentees, 'mentee')} matched, ${plural(kept, 'locked pair')} kept as they were.`;
    setNotice({ title: text, intent: 'success' });
    announce(text);
  };

  const onPublished = (next: MatchRun) => {
    onChanged(next);
    setConfirming(false);
    setNotice(null);
    const created = next.proposals.filter((p) => isCreated(p.outcome)).length;
    const conflicts = next.proposals.filter((p) => isConflict(p.outcome)).length;
    announce(
      `Published: ${plural(created, 'pair')} created${conflicts ? `, ${conflicts} couldn’t be created (see the outcome column)` : ''}. Both people in each new pair are being told.`,
    );
    setFocusTarget('outcome');
  };

  const mentorChoices = useMemo<MentorChoice[]>(() => {
    const inRun = new Map<string, number>();
    for (const p of run.proposals) inRun.set(p.mentor.id, (inRun.get(p.mentor.id) ?? 0) + 1);
    const people = new Map<string, MatchPerson>();
    const free = new Map<string, number | null>();
    for (const m of members.data ?? []) {
      if (m.role !== 'mentor') continue;
      people.set(m.id, m);
      free.set(m.id, m.freePlaces);
    }
    for (const p of run.proposals) if (!people.has(p.mentor.id)) people.set(p.mentor.id, p.mentor);
    for (const r of run.removed) if (!people.has(r.mentor.id)) people.set(r.mentor.id, r.mentor);
    return [...people.values()]
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .map((person) => ({ person, inRun: inRun.get(person.id) ?? 0, freePlaces: free.get(person.id) ?? null }));
  }, [members.data, run.proposals, run.removed]);

  const created = run.proposals.filter((p) => isCreated(p.outcome)).length;
  const conflicts = run.proposals.filter((p) => isConflict(p.outcome)).length;

  return (
    <div className={styles.root} aria-busy={rerunAction.busy}>
      <div className={styles.meta}>
        <Badge appearance="filled" shape="rounded" color={published ? 'success' : 'warning'}>
          {published ? 'Published' : 'Draft'}
        </Badge>
        <Text className={styles.muted}>{runSettingsLabel(run.strategy, run.constraints)}</Text>
        <Text size={200} className={styles.muted}>
          Run by {run.createdBy.displayName}, {formatRunTime(run.createdAt)}
          {run.publishedAt ? ` · published ${formatRunTime(run.publishedAt)}` : ''}
        </Text>
      </div>

      <RunSummary summary={run.summary} />

      {published ? (
        <MessageBar ref={outcome} tabIndex={-1} className={styles.outcome} intent={conflicts > 0 ? 'warning' : 'success'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              Published: {plural(created, 'pair')} created{conflicts > 0 ? `, ${conflicts} not created` : ''}.
            </MessageBarTitle>
            <span>
              {conflicts > 0
                ? 'Something changed between the draft and publishing for the pairs marked “Not created”; the reason is next to each. '
                : ''}
              Tandem lets both people in each new pair know. This run is kept for the record and can’t be changed; start a new run
              to match anyone still waiting.
            </span>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <div className={styles.toolbar}>
          <Button
            appearance="primary"
            disabled={busy || run.proposals.length === 0}
            data-run-action="publish"
            onClick={() => setConfirming(true)}
          >
            {run.proposals.length === 0 ? 'Publish pairs' : `Publish ${plural(run.proposals.length, 'pair')}`}
          </Button>
          <Button
            disabled={busy}
            onClick={() => void rerun()}
            icon={rerunAction.busy ? <Spinner size="tiny" /> : undefined}
          >
            {rerunAction.busy ? 'Re-running…' : 'Re-run the rest'}
          </Button>
          <Text size={200} className={styles.toolbarHint}>
            Re-running recomputes every pair you haven’t locked{locked > 0 ? ` (${locked === 1 ? 'your locked pair stays' : `your ${locked} locked pairs stay`})` : ''} and never
            proposes a pair you removed. Nothing reaches anyone until you publish.
          </Text>
        </div>
      )}

      {notice && (
        <MessageBar intent={notice.intent} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{notice.title}</MessageBarTitle>
            {notice.body}
          </MessageBarBody>
          {notice.undo && (
            <MessageBarActions>
              <Button ref={undoButton} size="small" onClick={notice.undo.onClick} disabled={busy}>
                {notice.undo.label}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      <ActionError error={rowAction.error} what={failed} />
      <ActionError error={rerunAction.error} what="re-run matching" />

      <div className={styles.part}>
        <h3 className={styles.h3}>Proposed pairs</h3>
        {run.proposals.length === 0 ? (
          <EmptyState title="No pairs proposed">
            {run.unmatched.length > 0
              ? 'Every mentee in the pool is listed under “Unmatched mentees” with the reason. Loosen the limits and run again, or choose a mentor for someone by hand.'
              : 'Nobody in this program is waiting for a mentor right now: every active mentee already has one.'}
          </EmptyState>
        ) : (
          <ProposalsTable
            proposals={run.proposals}
            published={published}
            pending={pending}
            disabled={rerunAction.busy}
            onLock={(p) => void lock(p)}
            onUnlock={(p) => void unlock(p)}
            onRemove={(p) => void remove(p)}
            onSwap={(p) => openPicker(p.mentee, p.mentor)}
          />
        )}
      </div>

      {run.removed.length > 0 && (
        <div className={styles.part}>
          <h3 className={styles.h3}>Removed pairs</h3>
          <RemovedTable
            removed={run.removed}
            readOnly={published}
            disabled={rerunAction.busy}
            pending={pending}
            onRestore={(r) => void restore(r.mentee, r.mentor)}
          />
        </div>
      )}

      {run.unmatched.length > 0 && (
        <div className={styles.part}>
          <h3 className={styles.h3}>Unmatched mentees</h3>
          <UnmatchedTable
            unmatched={run.unmatched}
            readOnly={published}
            disabled={rerunAction.busy}
            pending={pending}
            onChoose={(mentee) => openPicker(mentee, null)}
          />
        </div>
      )}

      {picker && (
        <MentorPickerDialog
          open={pickerOpen}
          mentee={picker.mentee}
          current={picker.current}
          mentors={mentorChoices}
          members={members}
          busy={assignAction.busy}
          error={assignAction.error}
          onAssign={(mentor) => void assign(mentor)}
          onClose={() => {
            setPickerOpen(false);
            // Back to the button that opened it (Fluent's controlled dialog has no trigger to return to).
            setFocusTarget(
              picker.current ? `[data-proposal-action="swap-${picker.mentee.id}"]` : `[data-unmatched-action="${picker.mentee.id}"]`,
            );
          }}
        />
      )}

      <ConfirmDialog
        open={confirming}
        title={`Publish ${plural(run.proposals.length, 'pair')}?`}
        confirmLabel={`Publish ${plural(run.proposals.length, 'pair')}`}
        busyLabel="Publishing…"
        dismissLabel="Keep reviewing"
        what="publish the run"
        run={(api) => publishMatchRun(api, run.id)}
        onDone={onPublished}
        onClose={() => {
          setConfirming(false);
          setFocusTarget('[data-run-action="publish"]');
        }}
      >
        This creates {plural(run.proposals.length, 'pair')} in {programName} and tells both people in each pair. Each pair is
        checked again as it is created: if a mentor’s places filled up or a mentee found a mentor in the meantime, that pair is
        skipped and you’ll see why. A published run can’t be changed afterwards.
      </ConfirmDialog>
    </div>
  );
}

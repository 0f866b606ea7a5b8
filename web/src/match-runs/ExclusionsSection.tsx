import { useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Skeleton,
  SkeletonItem,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { QueryState } from '../api/useApiQuery';
import { FormDialog } from '../app/FormDialog';
import { ActionError, errorProps, fieldErrors, useAction } from '../app/forms';
import { formatInstantDate } from '../app/format';
import { AddIcon } from '../app/icons';
import { useAnnounce } from '../app/LiveRegion';
import { EmptyState, ErrorState } from '../app/states';
import { pairLabel } from './labels';
import { createExclusion, deleteExclusion, type MatchExclusion, type MatchPerson, type ProgramMember } from './match-runs.api';
import { captionStyle, scrollerStyle } from '../app/tables';
import { PersonCell } from './parts';
import { PersonCombobox } from './PersonCombobox';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingVerticalS },
  lead: { color: tokens.colorNeutralForeground2, maxWidth: '80ch' },
  scroller: scrollerStyle,
  table: { width: 'max(100%, 760px)' },
  caption: captionStyle,
  row: { verticalAlign: 'top' },
  cell: { paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground2 },
  colAction: { width: '120px' },
  skeleton: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

type Notice = { title: string; undo?: MatchExclusion };

interface Props {
  programId: string;
  programName: string;
  exclusions: QueryState<MatchExclusion[]>;
  members: QueryState<ProgramMember[]>;
  wantMembers: () => void;
}

/** Never-match rules: pairs an admin never wants proposed (they apply both ways), with add and remove. */
export function ExclusionsSection({ programId, programName, exclusions, members, wantMembers }: Props) {
  const styles = useStyles();
  const captionId = useId();
  const announce = useAnnounce();
  const removeAction = useAction();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const [focusUndo, setFocusUndo] = useState(false);
  const restoreAction = useAction();

  useEffect(() => {
    if (focusUndo && notice?.undo) {
      setFocusUndo(false);
      undoButton.current?.focus();
    }
  }, [focusUndo, notice]);

  const remove = async (rule: MatchExclusion) => {
    setRemoving(rule.id);
    const done = await removeAction.run(async (api) => {
      await deleteExclusion(api, rule.id);
      return true;
    });
    setRemoving(null);
    const label = pairLabel(rule.mentee, rule.mentor);
    if (!done) {
      announce(`Couldn’t remove the rule for ${label}.`);
      return;
    }
    exclusions.reload();
    setNotice({ title: `Removed the rule: ${label} can be proposed again.`, undo: rule });
    setFocusUndo(true);
    announce(`Removed the never-match rule for ${label}. Undo is next to the message.`);
  };

  const undo = async (rule: MatchExclusion) => {
    const restored = await restoreAction.run((api) =>
      createExclusion(api, programId, { menteeId: rule.mentee.id, mentorId: rule.mentor.id, ...(rule.reason ? { reason: rule.reason } : {}) }),
    );
    if (!restored) return;
    exclusions.reload();
    setNotice({ title: `Put the rule back: ${pairLabel(rule.mentee, rule.mentor)} won’t be proposed.` });
    announce('Put the never-match rule back.');
    addButton.current?.focus();
  };

  const openDialog = () => {
    wantMembers();
    setOpen(true);
  };

  // Fluent's controlled dialog has no trigger to return focus to: send it back to "Add a rule".
  const closeDialog = () => {
    setOpen(false);
    window.setTimeout(() => addButton.current?.focus(), 0);
  };

  const added = (rule: MatchExclusion) => {
    closeDialog();
    exclusions.reload();
    const text = `Added a rule: ${pairLabel(rule.mentee, rule.mentor)} will never be proposed in ${programName}.`;
    setNotice({ title: text });
    announce(text);
  };

  const list = exclusions.data;
  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <Text className={styles.lead}>
          Pairs you never want proposed here, for instance two people who already work closely together. Rules work both ways and
          apply to every future run; a pair proposed before you add a rule is caught again when you publish.
        </Text>
        <Button ref={addButton} icon={<AddIcon />} onClick={openDialog}>
          Add a rule
        </Button>
      </div>
      {notice && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{notice.title}</MessageBarTitle>
          </MessageBarBody>
          {notice.undo && (
            <MessageBarActions>
              <Button ref={undoButton} size="small" disabled={restoreAction.busy} onClick={() => notice.undo && void undo(notice.undo)}>
                Undo
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      <ActionError error={removeAction.error} what="remove the rule" />
      <ActionError error={restoreAction.error} what="put the rule back" />
      {exclusions.error && <ErrorState error={exclusions.error} what="the never-match rules" onRetry={exclusions.reload} />}
      {!list && exclusions.loading && (
        <Skeleton aria-label="Loading never-match rules" className={styles.skeleton}>
          <SkeletonItem size={16} />
          <SkeletonItem size={16} />
        </Skeleton>
      )}
      {list && list.length === 0 && (
        <EmptyState title="No never-match rules">Matching is free to propose any eligible pair. Add a rule to keep two people apart.</EmptyState>
      )}
      {list && list.length > 0 && (
        <div className={styles.scroller} role="region" aria-labelledby={captionId} tabIndex={0}>
          <Table className={styles.table} data-exclusions-table>
            <caption id={captionId} className={styles.caption}>
              Never-match rules in {programName}
            </caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Mentee</TableHeaderCell>
                <TableHeaderCell scope="col">Mentor</TableHeaderCell>
                <TableHeaderCell scope="col">Reason</TableHeaderCell>
                <TableHeaderCell scope="col">Added</TableHeaderCell>
                <TableHeaderCell scope="col" className={styles.colAction}>
                  Action
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((rule) => (
                <TableRow key={rule.id} className={styles.row}>
                  <TableCell className={styles.cell}>
                    <PersonCell person={rule.mentee} />
                  </TableCell>
                  <TableCell className={styles.cell}>
                    <PersonCell person={rule.mentor} />
                  </TableCell>
                  <TableCell className={styles.cell}>{rule.reason ?? <Text className={styles.muted}>—</Text>}</TableCell>
                  <TableCell className={styles.cell}>
                    <Text size={200} className={styles.muted}>
                      {formatInstantDate(rule.createdAt)} by {rule.createdBy.displayName}
                    </Text>
                  </TableCell>
                  <TableCell className={styles.cell}>
                    <Button
                      size="small"
                      appearance="subtle"
                      aria-label={`Remove the rule for ${pairLabel(rule.mentee, rule.mentor)}`}
                      disabled={removing === rule.id}
                      onClick={() => void remove(rule)}
                    >
                      Remove
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <ExclusionDialog
        open={open}
        programId={programId}
        members={members}
        onClose={closeDialog}
        onAdded={added}
      />
    </div>
  );
}

interface DialogProps {
  open: boolean;
  programId: string;
  members: QueryState<ProgramMember[]>;
  onClose: () => void;
  onAdded: (rule: MatchExclusion) => void;
}

function ExclusionDialog({ open, programId, members, onClose, onAdded }: DialogProps) {
  const action = useAction();
  const [menteeId, setMenteeId] = useState<string | null>(null);
  const [mentorId, setMentorId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { reset } = action;

  useEffect(() => {
    if (open) {
      setMenteeId(null);
      setMentorId(null);
      setReason('');
      setTried(false);
      reset();
    }
  }, [open, reset]);

  const mentees = useMemo<MatchPerson[]>(() => (members.data ?? []).filter((m) => m.role === 'mentee'), [members.data]);
  const mentors = useMemo<MatchPerson[]>(() => (members.data ?? []).filter((m) => m.role === 'mentor'), [members.data]);
  const server = fieldErrors(action.error);
  const menteeError = (tried && !menteeId ? 'Choose the mentee.' : undefined) ?? server['menteeId'];
  const mentorError =
    (tried && !mentorId ? 'Choose the mentor.' : tried && mentorId && mentorId === menteeId ? 'Choose someone other than the mentee.' : undefined) ??
    server['mentorId'];
  const reasonError = reason.length > 500 ? `Keep it to 500 characters (now ${reason.length}).` : server['reason'];

  const submit = async () => {
    setTried(true);
    if (!menteeId || !mentorId || menteeId === mentorId || reason.length > 500) return;
    const trimmed = reason.trim();
    const rule = await action.run((api) => createExclusion(api, programId, { menteeId, mentorId, ...(trimmed ? { reason: trimmed } : {}) }));
    if (rule) onAdded(rule);
  };

  return (
    <FormDialog
      open={open}
      title="Add a never-match rule"
      onClose={onClose}
      onSubmit={submit}
      submitLabel="Add rule"
      submittingLabel="Adding…"
      submitting={action.busy}
      lockWhileSubmitting="cancel"
    >
      <Text>Matching will never propose these two people as a pair in this program, either way round.</Text>
      {members.error && <ErrorState error={members.error} what="the program’s people" onRetry={members.reload} />}
      <PersonCombobox
        label="Mentee"
        people={mentees}
        value={menteeId}
        onChange={setMenteeId}
        error={menteeError}
        disabled={!members.data}
        hint={members.loading ? 'Loading the program’s mentees…' : undefined}
      />
      <PersonCombobox
        label="Mentor"
        people={mentors}
        value={mentorId}
        onChange={setMentorId}
        error={mentorError}
        disabled={!members.data}
        hint={members.loading ? 'Loading the program’s mentors…' : undefined}
      />
      <Field label="Reason (optional)" hint="Only admins see this." {...errorProps(reasonError)}>
        <Textarea value={reason} onChange={(_, d) => setReason(d.value)} resize="vertical" />
      </Field>
      <ActionError error={action.error} what="add the rule" shownFields={['menteeId', 'mentorId', 'reason']} />
    </FormDialog>
  );
}

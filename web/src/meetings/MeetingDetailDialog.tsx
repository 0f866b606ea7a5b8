import { useEffect, useId, useRef, useState } from 'react';
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Skeleton,
  SkeletonItem,
  Text,
  Textarea,
  ToggleButton,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { ActionItemList } from '../action-items/ActionItemList';
import { AddActionItemForm } from '../action-items/AddActionItemForm';
import type { ActionItemsController } from '../action-items/useActionItemsController';
import { useAnnounce } from '../app/LiveRegion';
import { ActionError, errorProps, serverFieldError, useAction } from '../app/forms';
import { AddIcon, LockIcon } from '../app/icons';
import { ErrorState } from '../app/states';
import type { MemberPairDetail } from '../pairs/pairs.api';
import { putPrivateNote, type AgendaTopic } from './agenda.api';
import { meetingBadge } from './labels';
import { updateMeeting, type Meeting, type Series } from './meetings.api';
import { formatLongDay, formatTimeRange } from './time';
import { useAgendaSuggestions, usePrivateNote } from './useMeetings';

const useStyles = makeStyles({
  surface: {
    '@media (min-width: 481px)': { maxWidth: 'min(760px, calc(100vw - 48px))' },
  },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground2 },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { ...typographyStyles.subtitle2, margin: 0, color: tokens.colorNeutralForeground1, display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  lead: { color: tokens.colorNeutralForeground2 },
  chips: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  prompts: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, color: tokens.colorNeutralForeground2 },
  carry: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  carryList: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, margin: 0, padding: 0, listStyleType: 'none' },
  carryItem: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, minWidth: 0 },
  carryText: { overflowWrap: 'anywhere', minWidth: 0 },
  saveRow: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  saved: { color: tokens.colorNeutralForeground3 },
  readText: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  private: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    minWidth: 0,
  },
  lockIcon: { color: tokens.colorBrandForeground1, display: 'inline-flex' },
});

interface Props {
  meeting: Meeting | null;
  series: Series | undefined;
  pair: MemberPairDetail;
  readOnly: boolean;
  topics: AgendaTopic[] | undefined;
  actionItems: ActionItemsController;
  onChanged: (meeting: Meeting) => void;
  onClose: () => void;
}

/** One check-in up close: agenda (topics, carry-overs), shared notes, my private note and its action items. */
export function MeetingDetailDialog({ meeting, ...rest }: Props) {
  // Keeps showing the last check-in while the dialog animates closed.
  const last = useRef<Meeting | null>(meeting);
  if (meeting) last.current = meeting;
  const shown = meeting ?? last.current;
  return (
    <Dialog open={meeting !== null} onOpenChange={(_, d) => !d.open && rest.onClose()} modalType="modal">
      {shown ? <DetailSurface key={shown.id} meeting={shown} {...rest} /> : <></>}
    </Dialog>
  );
}

function DetailSurface({ meeting, series, pair, readOnly, topics, actionItems, onChanged }: Props & { meeting: Meeting }) {
  const styles = useStyles();
  const announce = useAnnounce();
  const id = useId();
  const partnerFirst = pair.partner.displayName.split(' ')[0] ?? pair.partner.displayName;
  const meId = pair.viewer === 'mentor' ? pair.mentor.id : pair.mentee.id;
  const editable = !readOnly && meeting.status !== 'cancelled';
  const badge = meetingBadge(meeting);

  // Agenda
  const agendaSave = useAction();
  const [agenda, setAgenda] = useState(meeting.agenda ?? series?.agenda ?? '');
  const [chosenTopics, setChosenTopics] = useState<string[]>(meeting.topics);
  const [agendaSavedAt, setAgendaSavedAt] = useState<Date | null>(null);
  const agendaDirty = agenda !== (meeting.agenda ?? series?.agenda ?? '') || chosenTopics.join('|') !== meeting.topics.join('|');
  const suggestions = useAgendaSuggestions(meeting.id, { enabled: editable });

  // Shared notes
  const notesSave = useAction();
  const [notes, setNotes] = useState(meeting.sharedNotes ?? '');
  const [notesSavedAt, setNotesSavedAt] = useState<Date | null>(null);
  const notesDirty = notes !== (meeting.sharedNotes ?? '');

  // My private note
  const privateNote = usePrivateNote(meeting.id);
  const noteSave = useAction();
  const [note, setNote] = useState<string | null>(null);
  const [noteSavedAt, setNoteSavedAt] = useState<Date | null>(null);
  useEffect(() => {
    if (privateNote.data && note === null) setNote(privateNote.data.body);
  }, [privateNote.data, note]);
  const noteDirty = note !== null && note !== (privateNote.data?.body ?? '');

  // The suggestions list the topics most worth raising first.
  const chipTopics = suggestions.data?.topics.length ? suggestions.data.topics : (topics ?? []);
  const topicTitle = (key: string) => topics?.find((t) => t.key === key)?.title ?? key;
  const toggleTopic = (key: string) =>
    setChosenTopics((list) => (list.includes(key) ? list.filter((k) => k !== key) : [...list, key]));
  const prompts = chipTopics.filter((t) => chosenTopics.includes(t.key)).flatMap((t) => t.prompts.map((p) => ({ key: `${t.key}:${p}`, text: p })));

  const addLine = (line: string) => {
    setAgenda((text) => (text.trim() ? `${text.replace(/\s+$/, '')}\n${line}` : line));
    announce(`Added to the agenda: ${line}`);
  };

  const saveAgenda = async () => {
    const saved = await agendaSave.run((api) =>
      updateMeeting(api, meeting.id, { agenda: agenda.trim() ? agenda.trim() : null, topics: chosenTopics }),
    );
    if (!saved) return;
    onChanged(saved);
    setAgenda(saved.agenda ?? '');
    setAgendaSavedAt(new Date());
    announce('Agenda saved. You both see it.');
  };

  const saveNotes = async () => {
    const saved = await notesSave.run((api) => updateMeeting(api, meeting.id, { sharedNotes: notes.trim() ? notes : null }));
    if (!saved) return;
    onChanged(saved);
    setNotesSavedAt(new Date());
    announce('Shared notes saved.');
  };

  const saveNote = async () => {
    const body = note ?? '';
    const saved = await noteSave.run((api) => putPrivateNote(api, meeting.id, body.trim() ? body : ''));
    if (!saved) return;
    privateNote.setData(saved ?? { body: '', updatedAt: null });
    setNote(saved?.body ?? '');
    setNoteSavedAt(new Date());
    announce(body.trim() ? 'Private note saved. Only you can see it.' : 'Private note deleted.');
  };

  const savedText = (at: Date | null, dirty: boolean) =>
    dirty ? 'Unsaved changes' : at ? `Saved at ${at.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' })}` : '';

  const linked = (actionItems.items.data ?? []).filter((i) => i.meetingId === meeting.id);
  const carryItems = suggestions.data?.openActionItems ?? [];
  const carryGoals = suggestions.data?.goalsInProgress ?? [];

  return (
    <DialogSurface className={styles.surface} aria-describedby={`${id}-when`}>
      <DialogBody>
        <DialogTitle>Check-in on {formatLongDay(meeting.start)}</DialogTitle>
        <DialogContent className={styles.content}>
          <div className={styles.meta} id={`${id}-when`}>
            <span>{formatTimeRange(meeting.start, meeting.end)}</span>
            <Badge appearance={badge.appearance} color={badge.color}>
              {badge.label}
            </Badge>
          </div>

          <section className={styles.block} aria-labelledby={`${id}-agenda`}>
            <h3 id={`${id}-agenda`} className={styles.heading}>
              Agenda
            </h3>
            {editable ? (
              <>
                <Text className={styles.lead}>Pick a topic or two and note what you’d like to cover. You both see the agenda.</Text>
                {chipTopics.length > 0 && (
                  <div className={styles.chips} role="group" aria-label="Topics">
                    {chipTopics.map((t) => (
                      <ToggleButton
                        key={t.key}
                        size="small"
                        shape="circular"
                        checked={chosenTopics.includes(t.key)}
                        appearance={chosenTopics.includes(t.key) ? 'primary' : 'outline'}
                        onClick={() => toggleTopic(t.key)}
                      >
                        {t.title}
                      </ToggleButton>
                    ))}
                  </div>
                )}
                {prompts.length > 0 && (
                  <div>
                    <Text size={200} weight="semibold">
                      Questions to get you started
                    </Text>
                    <ul className={styles.prompts}>
                      {prompts.map((p) => (
                        <li key={p.key}>
                          <Text size={200}>{p.text}</Text>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                {(carryItems.length > 0 || carryGoals.length > 0) && (
                  <div className={styles.carry} aria-labelledby={`${id}-carry`} role="group">
                    <Text id={`${id}-carry`} weight="semibold">
                      Carry over
                    </Text>
                    <Text size={200} className={styles.lead}>
                      Open action items and goals in progress — worth a few minutes together.
                    </Text>
                    <ul className={styles.carryList}>
                      {carryItems.map((item) => (
                        <li key={`a-${item.id}`} className={styles.carryItem}>
                          <Text size={200} className={styles.carryText}>
                            Action item: {item.text}
                            {item.overdue ? ' (overdue)' : ''}
                          </Text>
                          <Button
                            size="small"
                            appearance="subtle"
                            icon={<AddIcon />}
                            aria-label={`Add to the agenda: ${item.text}`}
                            onClick={() => addLine(`Follow up: ${item.text}`)}
                          >
                            Add
                          </Button>
                        </li>
                      ))}
                      {carryGoals.map((goal) => (
                        <li key={`g-${goal.id}`} className={styles.carryItem}>
                          <Text size={200} className={styles.carryText}>
                            Goal: {goal.title} ({goal.progress}% done)
                          </Text>
                          <Button
                            size="small"
                            appearance="subtle"
                            icon={<AddIcon />}
                            aria-label={`Add to the agenda: ${goal.title}`}
                            onClick={() => addLine(`Goal progress: ${goal.title}`)}
                          >
                            Add
                          </Button>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                {suggestions.loading && !suggestions.data && (
                  <Skeleton aria-label="Loading suggestions">
                    <SkeletonItem size={12} style={{ width: '60%' }} />
                  </Skeleton>
                )}
                <Field label="What to talk about" {...errorProps(serverFieldError(agendaSave.error, 'agenda') ?? serverFieldError(agendaSave.error, 'topics'))}>
                  <Textarea value={agenda} maxLength={4000} rows={4} resize="vertical" onChange={(_, d) => setAgenda(d.value)} />
                </Field>
                <ActionError error={agendaSave.error} what="save the agenda" shownFields={['agenda', 'topics']} />
                <div className={styles.saveRow}>
                  <Button onClick={() => void saveAgenda()} disabled={agendaSave.busy || !agendaDirty}>
                    {agendaSave.busy ? 'Saving…' : 'Save agenda'}
                  </Button>
                  <Text size={200} className={styles.saved} aria-live="off">
                    {savedText(agendaSavedAt, agendaDirty)}
                  </Text>
                </div>
              </>
            ) : (
              <>
                {meeting.topics.length > 0 && (
                  <div className={styles.chips} role="list" aria-label="Topics">
                    {meeting.topics.map((t) => (
                      <Badge key={t} role="listitem" appearance="outline" color="brand">
                        {topicTitle(t)}
                      </Badge>
                    ))}
                  </div>
                )}
                <Text className={meeting.agenda ? styles.readText : styles.lead}>{meeting.agenda ?? 'No agenda was written down.'}</Text>
              </>
            )}
          </section>

          <section className={styles.block} aria-labelledby={`${id}-shared`}>
            <h3 id={`${id}-shared`} className={styles.heading}>
              Shared notes
            </h3>
            {editable ? (
              <>
                <Text className={styles.lead}>You and {partnerFirst} both see and can edit these. Program admins never do.</Text>
                <Field label="Notes for both of you" {...errorProps(serverFieldError(notesSave.error, 'sharedNotes'))}>
                  <Textarea value={notes} maxLength={10000} rows={4} resize="vertical" onChange={(_, d) => setNotes(d.value)} />
                </Field>
                <ActionError error={notesSave.error} what="save the notes" shownFields={['sharedNotes']} />
                <div className={styles.saveRow}>
                  <Button onClick={() => void saveNotes()} disabled={notesSave.busy || !notesDirty}>
                    {notesSave.busy ? 'Saving…' : 'Save shared notes'}
                  </Button>
                  <Text size={200} className={styles.saved}>
                    {savedText(notesSavedAt, notesDirty)}
                  </Text>
                </div>
              </>
            ) : (
              <Text className={meeting.sharedNotes ? styles.readText : styles.lead}>{meeting.sharedNotes ?? 'No shared notes.'}</Text>
            )}
          </section>

          <section className={styles.private} aria-labelledby={`${id}-private`}>
            <h3 id={`${id}-private`} className={styles.heading}>
              <span className={styles.lockIcon}>
                <LockIcon size={18} />
              </span>
              My private note
            </h3>
            <Text className={styles.lead} id={`${id}-private-hint`}>
              Only you can see this — not {partnerFirst}, and not program admins.
            </Text>
            {privateNote.loading && !privateNote.data && (
              <Skeleton aria-label="Loading your private note">
                <SkeletonItem size={32} />
              </Skeleton>
            )}
            {privateNote.error && <ErrorState error={privateNote.error} what="your private note" onRetry={privateNote.reload} />}
            {privateNote.data &&
              (readOnly ? (
                <Text className={privateNote.data.body ? styles.readText : styles.lead}>{privateNote.data.body || 'You didn’t write a private note.'}</Text>
              ) : (
                <>
                  <Field label="Private note" {...errorProps(serverFieldError(noteSave.error, 'body'))}>
                    <Textarea
                      value={note ?? ''}
                      maxLength={10000}
                      rows={3}
                      resize="vertical"
                      aria-describedby={`${id}-private-hint`}
                      onChange={(_, d) => setNote(d.value)}
                    />
                  </Field>
                  <ActionError error={noteSave.error} what="save your private note" shownFields={['body']} />
                  <div className={styles.saveRow}>
                    <Button onClick={() => void saveNote()} disabled={noteSave.busy || !noteDirty}>
                      {noteSave.busy ? 'Saving…' : 'Save private note'}
                    </Button>
                    <Text size={200} className={styles.saved}>
                      {savedText(noteSavedAt, noteDirty)}
                    </Text>
                  </div>
                </>
              ))}
          </section>

          <section className={styles.block} aria-labelledby={`${id}-actions`}>
            <h3 id={`${id}-actions`} className={styles.heading}>
              Action items from this check-in
            </h3>
            {actionItems.items.error && (
              <ErrorState error={actionItems.items.error} what="action items" onRetry={actionItems.items.reload} />
            )}
            {actionItems.items.data && linked.length === 0 && (
              <Text className={styles.lead}>{readOnly ? 'None were added.' : 'None yet. Agree a next step and add it here.'}</Text>
            )}
            {linked.length > 0 && (
              <ActionItemList
                items={linked}
                meId={meId}
                readOnly={readOnly}
                aria-labelledby={`${id}-actions`}
                onToggle={actionItems.toggle}
              />
            )}
            {!readOnly && (
              <AddActionItemForm
                pair={pair}
                meetingId={meeting.id}
                onAdded={(item) => {
                  actionItems.added(item);
                  announce(`Added the action item “${item.text}”.`);
                }}
              />
            )}
          </section>
        </DialogContent>
        <DialogActions>
          <DialogTrigger disableButtonEnhancement>
            <Button appearance="secondary">Close</Button>
          </DialogTrigger>
        </DialogActions>
      </DialogBody>
    </DialogSurface>
  );
}

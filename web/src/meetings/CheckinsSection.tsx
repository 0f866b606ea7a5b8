import { useCallback, useMemo, useRef, useState } from 'react';
import { Button, Text, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { ACTION_ITEMS_SECTION_ID, ActionItemsSection } from '../action-items/ActionItemsSection';
import { useActionItemsController } from '../action-items/useActionItemsController';
import { useAnnounce } from '../app/LiveRegion';
import { plural } from '../app/format';
import { AddIcon } from '../app/icons';
import { CardSkeletons, EmptyState, ErrorState } from '../app/states';
import { useNotify } from '../app/toasts';
import { PairSection, sectionHeadingId } from '../pairs/PairSection';
import type { MemberPairDetail } from '../pairs/pairs.api';
import { BookingDialog } from './BookingDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { useDownload } from '../api/download';
import { PastList, UpcomingList } from './MeetingLists';
import { MeetingDetailDialog } from './MeetingDetailDialog';
import { cancelSeries, seriesIcsPath, updateMeeting, type Meeting, type MeetingList, type Series } from './meetings.api';
import { NextCheckinCard } from './NextCheckinCard';
import { RescheduleDialog, type Rescheduling } from './RescheduleDialog';
import { SeriesCalendarList } from './SeriesCalendarList';
import { useRefreshWhileSyncing } from '../outlook/useRefreshWhileSyncing';
import { formatWhen, viewerTimeZone, zoneLabel } from './time';
import { useAgendaTopics, useMeetings } from './useMeetings';

export { ACTION_ITEMS_SECTION_ID };

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  subheading: { ...typographyStyles.subtitle2, margin: 0, color: tokens.colorNeutralForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
});

export const CHECKINS_SECTION_ID = 'checkins';

interface Props {
  pair: MemberPairDetail;
  readOnly: boolean;
  /** After a booking or a change, so the page header's "Next meeting" catches up. */
  onChanged: () => void;
}

type Cancelling = { kind: 'one'; meeting: Meeting } | { kind: 'series'; meeting: Meeting; series: Series };

function replaceIn(list: MeetingList | undefined, meeting: Meeting): MeetingList {
  return {
    series: list?.series ?? [],
    meetings: (list?.meetings ?? []).map((m) => (m.id === meeting.id ? meeting : m)),
  };
}

function replaceSeriesIn(list: MeetingList | undefined, series: Series): MeetingList {
  return {
    series: (list?.series ?? []).map((s) => (s.id === series.id ? series : s)),
    meetings: list?.meetings ?? [],
  };
}

/**
 * Check-ins on the pair page: the next one, booking, upcoming and past check-ins (confirm, rate),
 * each one's agenda and notes — followed by the pair's Action items section, which shares its data.
 */
export function CheckinsSection({ pair, readOnly, onChanged }: Props) {
  const styles = useStyles();
  const announce = useAnnounce();
  const notify = useNotify();
  const download = useDownload('text/calendar');
  const meetings = useMeetings(pair.id);
  const actionItems = useActionItemsController(pair.id);
  const topics = useAgendaTopics();
  const [booking, setBooking] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [rescheduling, setRescheduling] = useState<Rescheduling | null>(null);
  const [cancelling, setCancelling] = useState<Cancelling | null>(null);
  const [downloading, setDownloading] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  const partnerFirst = pair.partner.displayName.split(' ')[0] ?? pair.partner.displayName;
  const meId = pair.viewer === 'mentor' ? pair.mentor.id : pair.mentee.id;
  const upcoming = meetings.upcoming.data?.meetings;
  const past = meetings.past.data?.meetings;

  const seriesById = useMemo(() => {
    const map = new Map<string, Series>();
    for (const s of [...(meetings.past.data?.series ?? []), ...(meetings.upcoming.data?.series ?? [])]) map.set(s.id, s);
    return map;
  }, [meetings.past.data, meetings.upcoming.data]);

  const partnerZone = pair.partner.timeZone;

  const next = upcoming?.find((m) => m.status === 'scheduled');
  const opened = [...(upcoming ?? []), ...(past ?? [])].find((m) => m.id === openId) ?? null;
  const waiting = past?.filter((m) => m.canConfirm && m.myConfirmation === null && m.status !== 'cancelled').length ?? 0;
  const topicTitle = (key: string) => topics.data?.find((t) => t.key === key)?.title ?? key;

  /** Where the keyboard goes back to when a dialog closes: the button that opened it, or for a menu item, its menu button. */
  const rememberOpener = (meeting?: Meeting) => {
    const menuButton = meeting ? document.querySelector<HTMLElement>(`[data-meeting-menu="${meeting.id}"]`) : null;
    opener.current = menuButton ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
  };
  const returnFocus = () =>
    window.setTimeout(() => {
      if (document.activeElement && document.activeElement !== document.body) return;
      const target = opener.current?.isConnected ? opener.current : document.getElementById(sectionHeadingId(CHECKINS_SECTION_ID));
      target?.focus();
    }, 50);

  const { setData: setUpcoming } = meetings.upcoming;
  const { setData: setPast } = meetings.past;
  const replaceMeeting = useCallback(
    (meeting: Meeting) => {
      setUpcoming((list) => replaceIn(list, meeting));
      setPast((list) => replaceIn(list, meeting));
    },
    [setUpcoming, setPast],
  );

  // A sync call answered with the series: show it at once, then refetch (join links live on the meetings too).
  const { reload: reloadMeetings } = meetings;
  const seriesSynced = useCallback(
    (series: Series) => {
      setUpcoming((list) => replaceSeriesIn(list, series));
      setPast((list) => replaceSeriesIn(list, series));
      reloadMeetings();
    },
    [setUpcoming, setPast, reloadMeetings],
  );
  useRefreshWhileSyncing(meetings.upcoming.data?.series, reloadMeetings);

  // Besides the next check-in's series (its card shows where it stands), each other live series
  // with a check-in still to come, so none of them hides an Outlook problem.
  const otherSeries = useMemo(() => {
    const entries: { series: Series; next: Meeting }[] = [];
    for (const meeting of upcoming ?? []) {
      if (meeting.status !== 'scheduled' || meeting.seriesId === next?.seriesId) continue;
      if (entries.some((e) => e.series.id === meeting.seriesId)) continue;
      const series = seriesById.get(meeting.seriesId);
      if (series && !series.cancelledAt) entries.push({ series, next: meeting });
    }
    return entries;
  }, [upcoming, next?.seriesId, seriesById]);

  const refreshAll = () => {
    meetings.reload();
    onChanged();
  };

  const addToCalendar = async (series: Series) => {
    setDownloading(series.id);
    try {
      await download(seriesIcsPath(series.id), 'tandem-check-ins.ics');
      announce('Calendar file downloaded. Open it to add the check-ins to your calendar.');
    } catch (error) {
      notify({ title: 'Couldn’t download the calendar file', body: error instanceof Error ? error.message : undefined, intent: 'error' });
    } finally {
      setDownloading(null);
    }
  };

  const loading = meetings.upcoming.loading || meetings.past.loading;
  const error = meetings.upcoming.error ?? meetings.past.error;

  return (
    <>
      <PairSection
        id={CHECKINS_SECTION_ID}
        title="Check-ins"
        busy={loading}
        lead={
          readOnly
            ? 'The check-ins you had together.'
            : `Regular, short conversations with ${partnerFirst} keep things moving. Book a rhythm that suits you both, prepare an agenda, and note what you agree.`
        }
        actions={
          !readOnly && upcoming ? (
            <Button
              appearance="primary"
              icon={<AddIcon />}
              onClick={() => {
                rememberOpener();
                setBooking(true);
              }}
            >
              Book check-ins
            </Button>
          ) : undefined
        }
      >
        {loading && !upcoming && !past && <CardSkeletons count={2} label="Loading your check-ins" />}
        {error && <ErrorState error={error} what="your check-ins" onRetry={meetings.reload} />}

        {upcoming &&
          (next ? (
            <NextCheckinCard
              meeting={next}
              series={seriesById.get(next.seriesId)}
              topicTitle={topicTitle}
              meId={meId}
              partnerFirst={partnerFirst}
              downloading={downloading === next.seriesId}
              onOpen={(m) => {
                rememberOpener();
                setOpenId(m.id);
              }}
              onDownload={(s) => void addToCalendar(s)}
              onSeriesSynced={seriesSynced}
            />
          ) : (
            <EmptyState title={readOnly ? 'No check-ins are planned' : 'No check-in booked yet'}>
              {readOnly
                ? 'This pair has closed, so there’s nothing more to book.'
                : `Book a regular time with ${partnerFirst}. Even 30 minutes every couple of weeks makes a difference when it’s steady.`}
            </EmptyState>
          ))}

        {upcoming && upcoming.length > 0 && (
          <div className={styles.group}>
            <h3 id="checkins-upcoming" className={styles.subheading}>
              Upcoming ({upcoming.length})
            </h3>
            <UpcomingList
              meetings={upcoming}
              seriesById={seriesById}
              readOnly={readOnly}
              labelledBy="checkins-upcoming"
              onOpen={(m) => {
                rememberOpener();
                setOpenId(m.id);
              }}
              onReschedule={(meeting) => {
                rememberOpener(meeting);
                setRescheduling({ kind: 'one', meeting });
              }}
              onCancel={(meeting) => {
                rememberOpener(meeting);
                setCancelling({ kind: 'one', meeting });
              }}
              onChangeSeries={(meeting, series) => {
                rememberOpener(meeting);
                setRescheduling({ kind: 'series', meeting, series });
              }}
              onCancelSeries={(meeting, series) => {
                rememberOpener(meeting);
                setCancelling({ kind: 'series', meeting, series });
              }}
              onDownload={(s) => void addToCalendar(s)}
            />
          </div>
        )}

        {otherSeries.length > 0 && (
          <div className={styles.group}>
            <h3 id="checkins-series" className={styles.subheading}>
              Other check-in series
            </h3>
            <SeriesCalendarList
              entries={otherSeries}
              meId={meId}
              partnerFirst={partnerFirst}
              labelledBy="checkins-series"
              onSynced={seriesSynced}
            />
          </div>
        )}

        {past && (
          <div className={styles.group}>
            <h3 id="checkins-past" className={styles.subheading}>
              Past check-ins
            </h3>
            {waiting > 0 && !readOnly && (
              <Text className={styles.muted}>{plural(waiting, 'check-in is', 'check-ins are')} waiting for your answer: did it happen?</Text>
            )}
            {past.length === 0 ? (
              <Text className={styles.muted}>None yet. After each check-in you’ll be asked whether it happened and how useful it was.</Text>
            ) : (
              <PastList
                meetings={past}
                readOnly={readOnly}
                partnerFirst={partnerFirst}
                labelledBy="checkins-past"
                onOpen={(m) => {
                  rememberOpener();
                  setOpenId(m.id);
                }}
                onChanged={(m) => {
                  replaceMeeting(m);
                  onChanged();
                }}
              />
            )}
          </div>
        )}

        {(upcoming || past) && (
          <Text size={200} className={styles.muted}>
            Times are shown in your time zone, {zoneLabel(viewerTimeZone())}.
          </Text>
        )}

        {!readOnly && (
          <>
            <BookingDialog
              open={booking}
              pair={pair}
              partnerZone={partnerZone}
              onClose={() => {
                setBooking(false);
                returnFocus();
              }}
              onBooked={(_, summary) => {
                setBooking(false);
                returnFocus();
                refreshAll();
                announce(summary);
                notify({ title: 'Check-ins booked', body: summary });
              }}
            />
            <RescheduleDialog
              target={rescheduling}
              onClose={() => {
                setRescheduling(null);
                returnFocus();
              }}
              onDone={(message) => {
                setRescheduling(null);
                returnFocus();
                refreshAll();
                announce(message);
                notify({ title: 'Time changed', body: message });
              }}
            />
            <ConfirmDialog
              open={cancelling !== null}
              title={cancelling?.kind === 'series' ? 'Cancel all future check-ins?' : 'Cancel this check-in?'}
              confirmLabel={cancelling?.kind === 'series' ? 'Cancel all future' : 'Cancel check-in'}
              busyLabel="Cancelling…"
              dismissLabel="Keep it"
              what={cancelling?.kind === 'series' ? 'cancel the series' : 'cancel the check-in'}
              run={(api) =>
                cancelling?.kind === 'series'
                  ? cancelSeries(api, cancelling.series.id).then(() => undefined)
                  : updateMeeting(api, cancelling?.meeting.id ?? '', { status: 'cancelled' }).then(() => undefined)
              }
              onClose={() => {
                setCancelling(null);
                returnFocus();
              }}
              onDone={() => {
                const message =
                  cancelling?.kind === 'series'
                    ? 'All future check-ins in the series are cancelled.'
                    : `The check-in on ${cancelling ? formatWhen(cancelling.meeting.start, cancelling.meeting.end) : ''} is cancelled.`;
                setCancelling(null);
                returnFocus();
                refreshAll();
                announce(message);
                notify({ title: 'Cancelled', body: message, intent: 'info' });
              }}
            >
              {cancelling?.kind === 'series'
                ? `Every scheduled check-in in this series from now on is cancelled for you and ${partnerFirst}. Past check-ins, notes and action items stay as they are. You can book a new rhythm whenever you like.`
                : cancelling
                  ? `The check-in on ${formatWhen(cancelling.meeting.start, cancelling.meeting.end)} is cancelled for you and ${partnerFirst}. The rest of the series stays as it is.`
                  : ''}
            </ConfirmDialog>
          </>
        )}

        <MeetingDetailDialog
          meeting={opened}
          series={opened ? seriesById.get(opened.seriesId) : undefined}
          pair={pair}
          readOnly={readOnly}
          topics={topics.data}
          actionItems={actionItems}
          onChanged={replaceMeeting}
          onClose={() => {
            setOpenId(null);
            returnFocus();
          }}
        />
      </PairSection>
      <ActionItemsSection pair={pair} readOnly={readOnly} controller={actionItems} />
    </>
  );
}

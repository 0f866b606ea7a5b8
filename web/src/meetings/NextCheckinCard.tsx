import { useId, useState } from 'react';
import { Badge, Button, Text, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { CalendarSubscription } from './CalendarSubscription';
import { CalendarAddIcon, CalendarIcon, NotesIcon } from '../app/icons';
import { CalendarSyncStatus } from '../outlook/CalendarSyncStatus';
import { seriesLabel } from './labels';
import type { Meeting, Series } from './meetings.api';
import { durationLabel, formatLongDay, formatTimeRange, minutesBetween } from './time';

const firstName = (name: string) => name.split(' ')[0] ?? name;

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorBrandBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}`,
    minWidth: 0,
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  top: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-start', minWidth: 0 },
  icon: { color: tokens.colorBrandForeground1, flexShrink: 0, marginTop: '2px' },
  when: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  eyebrow: { ...typographyStyles.caption1Strong, color: tokens.colorNeutralForeground2, textTransform: 'uppercase', letterSpacing: '0.04em' },
  day: { ...typographyStyles.subtitle2, margin: 0, color: tokens.colorNeutralForeground1, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  agenda: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  agendaText: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    display: '-webkit-box',
    WebkitLineClamp: 3,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
  chips: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  sync: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}`,
  },
});

interface Props {
  meeting: Meeting;
  series: Series | undefined;
  topicTitle: (key: string) => string;
  meId: string;
  /** The partner's first name. */
  partnerFirst: string;
  downloading: boolean;
  onOpen: (meeting: Meeting) => void;
  onDownload: (series: Series) => void;
  /** A "Retry now" / "Update Outlook" call answered with the series. */
  onSeriesSynced: (series: Series) => void;
}

/** The next check-in: when (in my time zone), how long, what's on the agenda, and getting it into a calendar. */
export function NextCheckinCard({ meeting, series, topicTitle, meId, partnerFirst, downloading, onOpen, onDownload, onSeriesSynced }: Props) {
  const styles = useStyles();
  const [subscribing, setSubscribing] = useState(false);
  const id = useId();
  const agenda = meeting.agenda ?? series?.agenda ?? null;
  const calendar = series?.calendar.status ?? 'not-connected';
  const organiser = series ? (series.organizer.id === meId ? 'you' : series.organizer.displayName) : null;
  const isOrganiser = series?.organizer.id === meId;
  // The organiser's Outlook already holds a synced (or syncing) series: a download would add it twice.
  const offerDownload = series && !(isOrganiser && (calendar === 'synced' || calendar === 'pending'));

  return (
    <article className={styles.card} aria-labelledby={`${id}-eyebrow ${id}-title`}>
      <div className={styles.top}>
        <span className={styles.icon}>
          <CalendarIcon size={28} />
        </span>
        <div className={styles.when}>
          <span id={`${id}-eyebrow`} className={styles.eyebrow}>
            Next check-in
          </span>
          <h3 id={`${id}-title`} className={styles.day}>
            {formatLongDay(meeting.start)}
          </h3>
          <Text>
            {formatTimeRange(meeting.start, meeting.end)} · {durationLabel(minutesBetween(meeting.start, meeting.end))}
          </Text>
          {series && (
            <Text size={200} className={styles.muted}>
              {seriesLabel(series.frequency)}
              {organiser ? ` · booked by ${organiser}` : ''}
            </Text>
          )}
        </div>
      </div>
      <div className={styles.agenda}>
        <Text weight="semibold">Agenda</Text>
        {meeting.topics.length > 0 && (
          <div className={styles.chips} role="list" aria-label="Topics">
            {meeting.topics.map((t) => (
              <Badge key={t} role="listitem" appearance="outline" color="brand" shape="rounded">
                {topicTitle(t)}
              </Badge>
            ))}
          </div>
        )}
        {agenda ? (
          <Text className={styles.agendaText}>{agenda}</Text>
        ) : (
          <Text className={styles.muted}>Nothing on the agenda yet. Jot down what you’d like to talk about, so you both come prepared.</Text>
        )}
      </div>
      <div className={styles.actions}>
        <Button appearance="primary" icon={<NotesIcon />} onClick={() => onOpen(meeting)}>
          Agenda and notes
        </Button>
        {offerDownload && (
          <Button icon={<CalendarAddIcon />} disabled={downloading} onClick={() => onDownload(series)}>
            {downloading ? 'Preparing…' : 'Add to calendar'}
          </Button>
        )}
      </div>
      {series && (
        <div className={styles.sync}>
          <CalendarSyncStatus
            series={series}
            viewer={{ isOrganiser, organiser: firstName(series.organizer.displayName), partner: partnerFirst }}
            joinUrl={meeting.joinUrl}
            onSynced={onSeriesSynced}
            tandemOnly={
              <Button size="small" aria-expanded={subscribing} onClick={() => setSubscribing((s) => !s)}>
                {subscribing ? 'Hide your calendar link' : 'Subscribe to your Tandem calendar'}
              </Button>
            }
          />
          {calendar === 'not-connected' && subscribing && <CalendarSubscription />}
        </div>
      )}
    </article>
  );
}

import { Text, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { CalendarSyncStatus } from '../outlook/CalendarSyncStatus';
import { seriesLabel } from './labels';
import type { Meeting, Series } from './meetings.api';
import { formatDay, formatTime } from './time';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: 'none' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  title: { ...typographyStyles.body1Strong, margin: 0, color: tokens.colorNeutralForeground1, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

const firstName = (name: string) => name.split(' ')[0] ?? name;

interface Props {
  /** Each series with its next scheduled check-in. */
  entries: { series: Series; next: Meeting }[];
  meId: string;
  partnerFirst: string;
  labelledBy: string;
  onSynced: (series: Series) => void;
}

/** The pair's other series (besides the next check-in's): where each one stands in Outlook. */
export function SeriesCalendarList({ entries, meId, partnerFirst, labelledBy, onSynced }: Props) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-labelledby={labelledBy}>
      {entries.map(({ series, next }) => {
        const isOrganiser = series.organizer.id === meId;
        return (
          <li key={series.id} className={styles.item}>
            <div>
              <h4 className={styles.title}>{seriesLabel(series.frequency)}</h4>
              <Text size={200} className={styles.meta}>
                Next on {formatDay(next.start)} at {formatTime(next.start)} · booked by{' '}
                {isOrganiser ? 'you' : series.organizer.displayName}
              </Text>
            </div>
            <CalendarSyncStatus
              series={series}
              viewer={{ isOrganiser, organiser: firstName(series.organizer.displayName), partner: partnerFirst }}
              onSynced={onSynced}
            />
          </li>
        );
      })}
    </ul>
  );
}

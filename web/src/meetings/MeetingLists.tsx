import { useState } from 'react';
import {
  Badge,
  Button,
  Menu,
  MenuDivider,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { CalendarAddIcon, ClockIcon, DeleteIcon, EditIcon, MoreIcon, NotesIcon, XCircleIcon } from '../app/icons';
import { ConfirmAndRate } from './ConfirmAndRate';
import { meetingBadge, seriesLabel } from './labels';
import type { Meeting, Series } from './meetings.api';
import { formatDay, formatTimeRange } from './time';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: 'none' },
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  cancelled: { backgroundColor: tokens.colorNeutralBackground2 },
  date: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    flexShrink: 0,
    width: '52px',
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    lineHeight: 1.1,
    '@media (max-width: 400px)': { display: 'none' },
  },
  dateDay: { ...typographyStyles.subtitle2, color: tokens.colorNeutralForeground1 },
  dateSmall: { ...typographyStyles.caption2Strong, textTransform: 'uppercase' },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, flexGrow: 1, minWidth: 0 },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  title: { ...typographyStyles.body1Strong, margin: 0, color: tokens.colorNeutralForeground1, overflowWrap: 'anywhere' },
  struck: { textDecorationLine: 'line-through', color: tokens.colorNeutralForeground3 },
  meta: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  agenda: {
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
    display: '-webkit-box',
    WebkitLineClamp: 1,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, marginTop: tokens.spacingVerticalXXS },
  more: { alignSelf: 'flex-start' },
});

const PAGE = 10;
const PAST_PAGE = 5;

function DateTile({ iso }: { iso: string }) {
  const styles = useStyles();
  const d = new Date(iso);
  return (
    <div className={styles.date} aria-hidden="true">
      <span className={styles.dateSmall}>{d.toLocaleDateString(undefined, { weekday: 'short' })}</span>
      <span className={styles.dateDay}>{d.getDate()}</span>
      <span className={styles.dateSmall}>{d.toLocaleDateString(undefined, { month: 'short' })}</span>
    </div>
  );
}

export interface UpcomingActions {
  onOpen: (meeting: Meeting) => void;
  onReschedule: (meeting: Meeting) => void;
  onCancel: (meeting: Meeting) => void;
  onChangeSeries: (meeting: Meeting, series: Series) => void;
  onCancelSeries: (meeting: Meeting, series: Series) => void;
  onDownload: (series: Series) => void;
}

interface UpcomingProps extends UpcomingActions {
  meetings: Meeting[];
  seriesById: Map<string, Series>;
  readOnly: boolean;
  labelledBy: string;
}

/** Upcoming check-ins, ten at a time: when, status, and what can be done to each one or its series. */
export function UpcomingList({ meetings, seriesById, readOnly, labelledBy, ...actions }: UpcomingProps) {
  const styles = useStyles();
  const [shown, setShown] = useState(PAGE);
  const visible = meetings.slice(0, shown);
  return (
    <>
      <ul className={styles.list} aria-labelledby={labelledBy}>
        {visible.map((meeting) => {
          const series = seriesById.get(meeting.seriesId);
          const badge = meetingBadge(meeting);
          const day = formatDay(meeting.start);
          const repeating = series && series.frequency !== 'once' && !series.cancelledAt;
          return (
            <li key={meeting.id} className={styles.row}>
              <DateTile iso={meeting.start} />
              <div className={styles.main}>
                <div className={styles.head}>
                  <h4 className={styles.title}>
                    {day}, {formatTimeRange(meeting.start, meeting.end)}
                  </h4>
                  <Badge appearance={badge.appearance} color={badge.color}>
                    {badge.label}
                  </Badge>
                </div>
                {series && (
                  <Text size={200} className={styles.meta}>
                    {seriesLabel(series.frequency)}
                  </Text>
                )}
                {meeting.agenda && <Text size={200} className={styles.agenda}>Agenda: {meeting.agenda}</Text>}
                <div className={styles.actions}>
                  <Button size="small" icon={<NotesIcon />} onClick={() => actions.onOpen(meeting)} aria-label={`Agenda and notes for ${day}`}>
                    Agenda and notes
                  </Button>
                  {!readOnly && (
                    <Menu>
                      <MenuTrigger disableButtonEnhancement>
                        <Button size="small" icon={<MoreIcon />} aria-label={`Change the check-in on ${day}`} data-meeting-menu={meeting.id}>
                          Change
                        </Button>
                      </MenuTrigger>
                      <MenuPopover>
                        <MenuList>
                          <MenuItem icon={<ClockIcon />} onClick={() => actions.onReschedule(meeting)}>
                            Move this check-in…
                          </MenuItem>
                          <MenuItem icon={<XCircleIcon />} onClick={() => actions.onCancel(meeting)}>
                            Cancel this check-in…
                          </MenuItem>
                          {repeating && series && (
                            <>
                              <MenuDivider />
                              <MenuItem icon={<EditIcon />} onClick={() => actions.onChangeSeries(meeting, series)}>
                                Change time for all future…
                              </MenuItem>
                              <MenuItem icon={<DeleteIcon />} onClick={() => actions.onCancelSeries(meeting, series)}>
                                Cancel all future check-ins…
                              </MenuItem>
                            </>
                          )}
                          {series && (
                            <>
                              <MenuDivider />
                              <MenuItem icon={<CalendarAddIcon />} onClick={() => actions.onDownload(series)}>
                                Add to calendar (.ics)
                              </MenuItem>
                            </>
                          )}
                        </MenuList>
                      </MenuPopover>
                    </Menu>
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
      {meetings.length > shown && (
        <Button appearance="subtle" className={styles.more} onClick={() => setShown((n) => n + PAGE)}>
          Show more ({meetings.length - shown} more)
        </Button>
      )}
    </>
  );
}

interface PastProps {
  meetings: Meeting[];
  readOnly: boolean;
  partnerFirst: string;
  labelledBy: string;
  onOpen: (meeting: Meeting) => void;
  onChanged: (meeting: Meeting) => void;
}

/** Past check-ins, latest first: status, "did it happen?", my private rating. */
export function PastList({ meetings, readOnly, partnerFirst, labelledBy, onOpen, onChanged }: PastProps) {
  const styles = useStyles();
  const [shown, setShown] = useState(PAST_PAGE);
  const visible = meetings.slice(0, shown);
  return (
    <>
      <ul className={styles.list} aria-labelledby={labelledBy}>
        {visible.map((meeting) => {
          const badge = meetingBadge(meeting);
          const day = formatDay(meeting.start);
          const cancelled = meeting.status === 'cancelled';
          return (
            <li key={meeting.id} className={mergeClasses(styles.row, cancelled && styles.cancelled)}>
              <DateTile iso={meeting.start} />
              <div className={styles.main}>
                <div className={styles.head}>
                  <h4 className={mergeClasses(styles.title, cancelled && styles.struck)}>
                    {day}, {formatTimeRange(meeting.start, meeting.end)}
                  </h4>
                  <Badge appearance={badge.appearance} color={badge.color}>
                    {badge.label}
                  </Badge>
                </div>
                {!cancelled && (
                  <ConfirmAndRate meeting={meeting} partnerFirst={partnerFirst} readOnly={readOnly} onChanged={onChanged} />
                )}
                {!cancelled && (
                  <div className={styles.actions}>
                    <Button size="small" icon={<NotesIcon />} onClick={() => onOpen(meeting)} aria-label={`Agenda and notes for ${day}`}>
                      Agenda and notes
                    </Button>
                  </div>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {meetings.length > shown && (
        <Button appearance="subtle" className={styles.more} onClick={() => setShown((n) => n + PAST_PAGE)}>
          Show older check-ins ({meetings.length - shown} more)
        </Button>
      )}
    </>
  );
}

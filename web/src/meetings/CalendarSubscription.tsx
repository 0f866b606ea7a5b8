import { useId, useState } from 'react';
import { Button, Field, Input, Link, Skeleton, SkeletonItem, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useAnnounce } from '../app/LiveRegion';
import { ErrorState } from '../app/states';
import { rotateCalendarFeed } from './calendar.api';
import { ConfirmDialog } from './ConfirmDialog';
import { CopyIcon } from '../app/icons';
import { useCalendarFeed } from './useMeetings';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  urlRow: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  urlField: { flexGrow: 1, minWidth: 'min(100%, 220px)' },
  url: { width: '100%', fontFamily: tokens.fontFamilyMonospace },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** My private Tandem calendar link: copy it into Outlook (or any calendar), or replace it with a new one. */
export function CalendarSubscription() {
  const styles = useStyles();
  const announce = useAnnounce();
  const feed = useCalendarFeed();
  const [rotating, setRotating] = useState(false);
  const [copied, setCopied] = useState(false);
  const hintId = useId();

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      announce('Calendar link copied.');
      window.setTimeout(() => setCopied(false), 4000);
    } catch {
      // Clipboard blocked (some embedded hosts): select the text so Ctrl+C works.
      const input = document.getElementById(`${hintId}-url`);
      if (input instanceof HTMLInputElement) {
        input.focus();
        input.select();
      }
      announce('Couldn’t copy automatically. The link is selected — press Ctrl+C to copy it.');
    }
  };

  return (
    <div className={styles.panel} aria-busy={feed.loading}>
      {feed.loading && !feed.data && (
        <Skeleton aria-label="Loading your calendar link">
          <SkeletonItem size={32} />
        </Skeleton>
      )}
      {feed.error && <ErrorState error={feed.error} what="your calendar link" onRetry={feed.reload} />}
      {feed.data && (
        <>
          <div className={styles.urlRow}>
            <Field label="Your Tandem calendar link" className={styles.urlField}>
              <Input
                id={`${hintId}-url`}
                className={styles.url}
                value={feed.data.url}
                readOnly
                aria-describedby={hintId}
                onFocus={(e) => e.currentTarget.select()}
              />
            </Field>
            <Button icon={<CopyIcon />} onClick={() => void copy(feed.data!.url)}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          </div>
          <Text size={200} id={hintId} className={styles.muted}>
            In Outlook, choose Add calendar → Subscribe from web and paste it; every check-in you book in Tandem then shows
            up there. Keep the link to yourself — anyone who has it can see your check-in times.{' '}
            <Link as="button" onClick={() => setRotating(true)}>
              Get a new link
            </Link>
          </Text>
        </>
      )}
      <ConfirmDialog
        open={rotating}
        title="Replace your calendar link?"
        confirmLabel="Get a new link"
        busyLabel="Replacing…"
        dismissLabel="Keep my link"
        what="replace the calendar link"
        run={(api) => rotateCalendarFeed(api)}
        onClose={() => setRotating(false)}
        onDone={(next) => {
          feed.setData(next);
          setRotating(false);
          announce('You have a new calendar link. Subscribe with it again in your calendar app.');
        }}
      >
        Your current link stops working straight away: calendars subscribed with it stop showing your check-ins. Do this if
        you shared the link by mistake, then subscribe again with the new one.
      </ConfirmDialog>
    </div>
  );
}

import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { Button, CounterBadge, makeStyles, tokens, useRestoreFocusTarget } from '@fluentui/react-components';
import { useAnnounce } from '../app/LiveRegion';
import { plural } from '../app/format';
import { BellIcon } from '../app/icons';
import { useNotificationFeed, useUnreadCount } from './useNotifications';

// The panel (drawer, list, pulse form) is its own chunk: fetched when the bell is hovered,
// focused or pressed, so the header costs every view only the button.
const loadPanel = () => import('./NotificationPanel');
const NotificationPanel = lazy(() => loadPanel().then((m) => ({ default: m.NotificationPanel })));

const useStyles = makeStyles({
  wrap: { position: 'relative', display: 'inline-flex', marginRight: tokens.spacingHorizontalM },
  badge: { position: 'absolute', top: '-2px', right: '-4px', pointerEvents: 'none' },
});

export function bellLabel(unread: number | undefined): string {
  return unread ? `Notifications, ${unread} unread` : 'Notifications';
}

/** The header's bell: unread count, and the activity feed when pressed. */
export function NotificationBell() {
  const styles = useStyles();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const counter = useUnreadCount();
  const feed = useNotificationFeed(open, counter);
  // The drawer has no trigger of its own: this marks the bell as where focus goes back to.
  const restoreFocusTarget = useRestoreFocusTarget();
  const { unread } = counter;

  // New notifications arriving while the person works are announced once, politely.
  const previous = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (previous.current !== undefined && unread !== undefined && unread > previous.current && !open) {
      announce(`${plural(unread, 'unread notification')}.`);
    }
    previous.current = unread;
  }, [unread, open, announce]);

  return (
    <span className={styles.wrap}>
      <Button
        {...restoreFocusTarget}
        appearance="subtle"
        icon={<BellIcon />}
        aria-label={bellLabel(unread)}
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={() => void loadPanel()}
        onFocus={() => void loadPanel()}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      />
      {unread ? <CounterBadge className={styles.badge} count={unread} overflowCount={99} size="small" color="danger" aria-hidden="true" /> : null}
      {opened && (
        <Suspense fallback={null}>
          <NotificationPanel
            open={open}
            onOpenChange={(next) => {
              setOpen(next);
              if (!next) counter.refresh();
            }}
            feed={feed}
            unread={unread ?? 0}
          />
        </Suspense>
      )}
    </span>
  );
}

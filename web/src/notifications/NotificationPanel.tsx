import { useCallback, useRef } from 'react';
import {
  Button,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  Link,
  OverlayDrawer,
  Skeleton,
  SkeletonItem,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useAnnounce, useAnnouncement } from '../app/LiveRegion';
import { ActionError } from '../app/forms';
import { DismissIcon } from '../app/icons';
import { useNow } from '../app/relativeTime';
import { handleLinkClick, notificationSettingsPath } from '../app/routing';
import { EmptyState, ErrorState } from '../app/states';
import type { NotificationView } from './notifications.api';
import { NotificationItem } from './NotificationItem';
import type { NotificationFeed } from './useNotifications';

const useStyles = makeStyles({
  drawer: { '--fui-Drawer--size': '440px' },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    paddingBottom: tokens.spacingVerticalS,
  },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { margin: 0, padding: 0, listStyleType: 'none' },
  skeletonRow: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: `${tokens.spacingVerticalM} 0` },
  footer: { flexDirection: 'column', alignItems: 'stretch', gap: tokens.spacingVerticalS },
});

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  feed: NotificationFeed;
  unread: number;
}

/**
 * The activity feed in a modal drawer: focus moves in, Escape (or Close) closes it, and the
 * bell gets focus back.
 */
export function NotificationPanel({ open, onOpenChange, feed, unread }: Props) {
  const styles = useStyles();
  const announce = useAnnounce();
  const now = useNow(open);
  const titles = useRef(new Map<string, HTMLHeadingElement>());

  useAnnouncement(open && feed.error ? 'Couldn’t load notifications.' : undefined);

  const titleRef = useCallback(
    (id: string) => (element: HTMLHeadingElement | null) => {
      if (element) titles.current.set(id, element);
      else titles.current.delete(id);
    },
    [],
  );

  const follow = (item: NotificationView, navigated: boolean) => {
    feed.markRead(item);
    if (navigated) onOpenChange(false);
  };

  // The button the person pressed goes away, so focus lands on the item it belonged to.
  const markRead = (item: NotificationView) => {
    feed.markRead(item);
    titles.current.get(item.id)?.focus();
    announce('Marked as read.');
  };

  // The form is replaced by "Thanks — answered": keep focus in the item rather than lose it.
  const surveyAnswered = (item: NotificationView) => {
    feed.surveyAnswered(item);
    titles.current.get(item.id)?.focus();
  };

  const markAll = () => {
    feed.markAllRead();
    announce('All notifications marked as read.');
  };

  const loadMore = async () => {
    const first = await feed.loadMore();
    if (first) window.setTimeout(() => titles.current.get(first)?.focus(), 0);
  };

  const items = feed.items;
  const firstLoad = feed.loading && !items;

  return (
    <OverlayDrawer
      open={open}
      onOpenChange={(_, data) => onOpenChange(data.open)}
      position="end"
      className={styles.drawer}
      aria-busy={feed.loading}
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          action={
            <Button appearance="subtle" aria-label="Close" icon={<DismissIcon />} onClick={() => onOpenChange(false)} />
          }
        >
          Notifications
        </DrawerHeaderTitle>
        <div className={styles.toolbar}>
          <Button appearance="secondary" size="small" disabledFocusable={unread === 0 || !items} onClick={markAll}>
            Mark all as read
          </Button>
          <Link
            href={notificationSettingsPath}
            onClick={(event) => {
              handleLinkClick(event);
              if (event.defaultPrevented) onOpenChange(false);
            }}
          >
            Notification settings
          </Link>
        </div>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        {firstLoad && <FeedSkeleton />}
        {feed.error && <ErrorState error={feed.error} what="notifications" onRetry={feed.reload} />}
        <ActionError error={feed.actionError ?? null} what="mark that as read" />
        {items?.length === 0 && (
          <EmptyState title="You’re all caught up">
            Reminders before check-ins, nudges when a pair goes quiet, and news about your requests and goals appear here.
          </EmptyState>
        )}
        {items && items.length > 0 && (
          <ul className={styles.list}>
            {items.map((item) => (
              <NotificationItem
                key={item.id}
                ref={titleRef(item.id)}
                item={item}
                now={now}
                onFollow={follow}
                onMarkRead={markRead}
                onSurveyAnswered={surveyAnswered}
              />
            ))}
          </ul>
        )}
      </DrawerBody>
      {items && (feed.hasMore || feed.moreError) && (
        <DrawerFooter className={styles.footer}>
          {feed.moreError && <ErrorState error={feed.moreError} what="more notifications" onRetry={() => void loadMore()} />}
          {feed.hasMore && !feed.moreError && (
            <Button
              appearance="secondary"
              disabledFocusable={feed.loadingMore}
              icon={feed.loadingMore ? <Spinner size="tiny" /> : undefined}
              onClick={() => void loadMore()}
            >
              {feed.loadingMore ? 'Loading…' : 'Load more'}
            </Button>
          )}
        </DrawerFooter>
      )}
    </OverlayDrawer>
  );
}

function FeedSkeleton() {
  const styles = useStyles();
  return (
    <Skeleton aria-label="Loading notifications">
      {[0, 1, 2].map((i) => (
        <div key={i} className={styles.skeletonRow}>
          <SkeletonItem size={16} style={{ width: '60%' }} />
          <SkeletonItem size={12} />
          <SkeletonItem size={12} style={{ width: '30%' }} />
        </div>
      ))}
    </Skeleton>
  );
}

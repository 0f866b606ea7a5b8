import { forwardRef, type MouseEvent } from 'react';
import { Button, Link, Text, makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import { absoluteTime, relativeTime } from '../app/relativeTime';
import { handleLinkClick } from '../app/routing';
import { visuallyHidden } from '../app/visuallyHidden';
import { isUnread, type NotificationView } from './notifications.api';
import { PulseSurvey } from './PulseSurvey';

const useStyles = makeStyles({
  item: {
    display: 'grid',
    gridTemplateColumns: '12px minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  dot: {
    width: '8px',
    height: '8px',
    marginTop: '6px',
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorBrandBackground,
    // In forced colours a background disappears: draw the dot with a system colour instead.
    '@media (forced-colors: active)': { forcedColorAdjust: 'none', backgroundColor: 'Highlight' },
  },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  title: {
    ...typographyStyles.body1,
    margin: 0,
    overflowWrap: 'anywhere',
    ':focus': { outlineStyle: 'none' },
  },
  titleUnread: typographyStyles.body1Strong,
  body: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    marginTop: tokens.spacingVerticalXXS,
  },
  time: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground3 },
  hidden: visuallyHidden,
});

interface Props {
  item: NotificationView;
  now: number;
  /** the item's link was followed (mark it read; a plain click also closes the panel) */
  onFollow: (item: NotificationView, navigated: boolean) => void;
  onMarkRead: (item: NotificationView) => void;
  onSurveyAnswered: (item: NotificationView) => void;
}

/** One notification: title, body, when, its link, and the pulse survey when it is one. */
export const NotificationItem = forwardRef<HTMLHeadingElement, Props>(function NotificationItem(
  { item, now, onFollow, onMarkRead, onSurveyAnswered },
  titleRef,
) {
  const styles = useStyles();
  const unread = isUnread(item);

  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    handleLinkClick(event);
    onFollow(item, event.defaultPrevented);
  };

  return (
    <li className={styles.item}>
      <span className={unread ? styles.dot : undefined} aria-hidden="true" />
      <div className={styles.content}>
        <h3 ref={titleRef} tabIndex={-1} className={mergeClasses(styles.title, unread && styles.titleUnread)}>
          {unread && <span className={styles.hidden}>Unread: </span>}
          {item.title}
        </h3>
        {item.body && <Text className={styles.body}>{item.body}</Text>}
        {item.survey && (
          <PulseSurvey pairId={item.survey.pairId} answered={item.survey.answered} onAnswered={() => onSurveyAnswered(item)} />
        )}
        <div className={styles.meta}>
          <time dateTime={item.at} title={absoluteTime(item.at)} className={styles.time}>
            {relativeTime(item.at, now)}
          </time>
          {item.link && (
            <Link href={item.link} onClick={follow}>
              {item.linkLabel || 'Open'}
            </Link>
          )}
          {unread && (
            <Button appearance="subtle" size="small" onClick={() => onMarkRead(item)}>
              Mark as read<span className={styles.hidden}>: {item.title}</span>
            </Button>
          )}
        </div>
      </div>
    </li>
  );
});

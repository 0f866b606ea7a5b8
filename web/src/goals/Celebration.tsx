import { useEffect, useRef } from 'react';
import { Button, Text, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { TrophyIcon } from '../app/icons';

const useStyles = makeStyles({
  root: {
    position: 'relative',
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalL,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorStatusSuccessBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusSuccessBorder1}`,
    color: tokens.colorNeutralForeground1,
    overflow: 'hidden',
    '@media (min-width: 481px)': { paddingRight: '88px' },
    '@media (prefers-reduced-motion: no-preference)': {
      animationName: {
        from: { opacity: 0, transform: 'translateY(8px) scale(0.98)' },
        to: { opacity: 1, transform: 'none' },
      },
      animationDuration: tokens.durationSlow,
      animationTimingFunction: tokens.curveDecelerateMid,
    },
  },
  badge: {
    flexShrink: 0,
    display: 'grid',
    placeItems: 'center',
    width: '48px',
    height: '48px',
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorStatusSuccessForeground1,
    '@media (prefers-reduced-motion: no-preference)': {
      animationName: {
        '0%': { transform: 'scale(0.6) rotate(-12deg)' },
        '60%': { transform: 'scale(1.12) rotate(6deg)' },
        '100%': { transform: 'none' },
      },
      animationDuration: tokens.durationUltraSlow,
      animationTimingFunction: tokens.curveEasyEaseMax,
    },
  },
  sparkles: {
    position: 'absolute',
    right: tokens.spacingHorizontalM,
    top: tokens.spacingVerticalS,
    color: tokens.colorStatusSuccessForeground1,
    opacity: 0.5,
    pointerEvents: 'none',
    '@media (max-width: 480px)': { display: 'none' },
  },
  text: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0, flexGrow: 1 },
  title: { ...typographyStyles.subtitle2, margin: 0, ':focus': { outlineStyle: 'none' } },
  body: { overflowWrap: 'anywhere' },
  actions: { marginTop: tokens.spacingVerticalXS },
});

/** The moment a goal is reached: a plain, visible message (motion only for people who haven't asked for less). */
export function Celebration({ title, partnerFirstName, onDismiss }: { title: string; partnerFirstName: string; onDismiss: () => void }) {
  const styles = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  // The control that finished the goal may have gone (the "Mark goal as done" prompt): keep the keyboard here.
  useEffect(() => {
    heading.current?.focus();
  }, [title]);
  return (
    <div className={styles.root}>
      <span className={styles.badge} aria-hidden="true">
        <TrophyIcon size={28} />
      </span>
      <div className={styles.text}>
        <h3 ref={heading} tabIndex={-1} className={styles.title}>Goal reached: {title}</h3>
        <Text className={styles.body}>
          That’s a real step forward — well done. Take a minute at your next check-in with {partnerFirstName} to talk
          about what made the difference, and what you’d like to take on next.
        </Text>
        <div className={styles.actions}>
          <Button size="small" appearance="secondary" onClick={onDismiss}>
            Dismiss
          </Button>
        </div>
      </div>
      <svg className={styles.sparkles} width="64" height="40" viewBox="0 0 64 40" aria-hidden="true" focusable="false">
        <path d="M10 6v8M6 10h8M40 4v6M37 7h6M54 18v10M49 23h10M26 26v6M23 29h6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
    </div>
  );
}

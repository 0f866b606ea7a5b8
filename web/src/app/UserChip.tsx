import { Avatar, Button, SkeletonItem, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Me } from '../api/types';

const useStyles = makeStyles({
  chip: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'flex-end',
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  who: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0, lineHeight: tokens.lineHeightBase200 },
  label: { color: tokens.colorNeutralForeground3 },
  name: { overflowWrap: 'anywhere' },
  placeholder: { width: '140px' },
});

/** "Signed in as X", plus a "Switch user" button when the dev picker is in use. */
export function UserChip({ me, onSwitchUser }: { me: Me | undefined; onSwitchUser?: (() => void) | undefined }) {
  const styles = useStyles();
  return (
    <div className={styles.chip}>
      <div className={styles.who}>
        {me ? (
          <>
            <Avatar name={me.displayName} size={32} color="colorful" aria-hidden="true" />
            <span className={styles.text}>
              <Text size={200} className={styles.label}>
                Signed in as
              </Text>
              <Text weight="semibold" size={300} className={styles.name}>
                {me.displayName}
              </Text>
            </span>
          </>
        ) : (
          <SkeletonItem className={styles.placeholder} aria-label="Loading your profile" />
        )}
      </div>
      {onSwitchUser && (
        <Button size="small" appearance="secondary" onClick={onSwitchUser}>
          Switch user
        </Button>
      )}
    </div>
  );
}

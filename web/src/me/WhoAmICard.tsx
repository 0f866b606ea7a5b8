import { Avatar, Badge, Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Me } from '../api/types';
import { DetailList } from '../app/DetailList';
import { isAdmin } from './MeContext';

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalL },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, minWidth: 0 },
  names: { display: 'flex', flexDirection: 'column', minWidth: 0, gap: tokens.spacingVerticalXXS },
  name: { margin: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** "Who am I": the signed-in person's profile as Tandem sees it. */
export function WhoAmICard({ me }: { me: Me }) {
  const styles = useStyles();
  return (
    <Card className={styles.card}>
      <div className={styles.head}>
        <Avatar name={me.displayName} size={56} color="colorful" aria-hidden="true" />
        <div className={styles.names}>
          <Text as="h3" size={500} weight="semibold" className={styles.name}>
            {me.displayName}
          </Text>
          <Text className={styles.muted}>{me.jobTitle ?? 'No job title on file'}</Text>
          {isAdmin(me) && (
            <Badge appearance="tint" color="brand">
              Program admin
            </Badge>
          )}
        </div>
      </div>
      <DetailList
        items={[
          { term: 'Email', value: me.email },
          { term: 'Department', value: me.department ?? '—' },
          { term: 'Job title', value: me.jobTitle ?? '—' },
          ...(me.timeZone ? [{ term: 'Time zone', value: me.timeZone.replace(/_/g, ' ') }] : []),
        ]}
      />
    </Card>
  );
}

import { Card, Text, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  title: { margin: 0 },
  subtitle: { margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** What program admins can and can't see — stated plainly beside the enrolment form. */
export function PrivacyNote() {
  const styles = useStyles();
  return (
    <Card className={styles.card} aria-labelledby="privacy-title">
      <Text as="h2" id="privacy-title" weight="semibold" size={400} className={styles.title}>
        Who sees what
      </Text>
      <Text className={styles.muted}>
        Your profile helps Tandem suggest good matches. Mentors see it when you ask them; mentees see a mentor’s skills and values.
      </Text>
      <Text as="h3" weight="semibold" size={300} className={styles.subtitle}>
        Program admins can see
      </Text>
      <ul className={styles.list}>
        <li>that your pair exists, and who is in it</li>
        <li>its status (active, paused, completed or ended)</li>
        <li>how many meetings you’ve had, and when</li>
        <li>how many goals you have, and their statuses</li>
      </ul>
      <Text as="h3" weight="semibold" size={300} className={styles.subtitle}>
        They never see
      </Text>
      <ul className={styles.list}>
        <li>your notes or meeting agendas</li>
        <li>what your goals say</li>
        <li>the messages in mentoring requests</li>
        <li>comments, or the ratings you give</li>
      </ul>
      <Text size={200} className={styles.muted}>
        Admins use the counts to spot pairs that might need help — not to read your conversations.
      </Text>
    </Card>
  );
}

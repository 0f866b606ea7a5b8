import { Avatar, Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { DevUser, Persona } from '../api/types';
import { EmptyState } from '../app/states';

const useStyles = makeStyles({
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  groupHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS },
  groupTitle: { margin: 0 },
  hint: { color: tokens.colorNeutralForeground3 },
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 260px), 1fr))',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  person: {
    width: '100%',
    minHeight: '56px',
    justifyContent: 'flex-start',
    textAlign: 'start',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    fontWeight: tokens.fontWeightRegular,
  },
  personText: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  secondary: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

const personaGroups: { persona: Persona; title: string; hint: string }[] = [
  { persona: 'admin', title: 'Program admins', hint: 'L&D managers who run the programs' },
  { persona: 'mentor', title: 'Mentors', hint: 'Share their experience' },
  { persona: 'mentee', title: 'Mentees', hint: 'Learning with a mentor' },
  { persona: 'employee', title: 'Other employees', hint: 'Not in a program yet' },
];

interface Props {
  users: DevUser[];
  pendingEmail: string | null;
  onPick: (user: DevUser) => void;
}

/** Demo people grouped by persona, each a button (so Tab/Enter/Space work). */
export function DemoUserGroups({ users, pendingEmail, onPick }: Props) {
  const styles = useStyles();
  if (users.length === 0) {
    return <EmptyState title="No demo people on this server">Seed the database, or sign in with an email below.</EmptyState>;
  }
  return (
    <div className={styles.groups}>
      {personaGroups.map(({ persona, title, hint }) => {
        const members = users.filter((u) => u.persona === persona);
        if (members.length === 0) return null;
        const headingId = `persona-${persona}`;
        return (
          <div key={persona} role="group" aria-labelledby={headingId} className={styles.group}>
            <div className={styles.groupHead}>
              <Text as="h3" id={headingId} weight="semibold" size={300} className={styles.groupTitle}>
                {title}
              </Text>
              <Text size={200} className={styles.hint}>
                {hint}
              </Text>
            </div>
            <ul className={styles.list}>
              {members.map((user) => (
                <li key={user.email}>
                  <Button
                    className={styles.person}
                    appearance="outline"
                    disabled={pendingEmail !== null}
                    onClick={() => onPick(user)}
                    icon={
                      pendingEmail === user.email ? (
                        <Spinner size="tiny" aria-label="Signing in" />
                      ) : (
                        <Avatar name={user.displayName} size={32} color="colorful" aria-hidden="true" />
                      )
                    }
                  >
                    <span className={styles.personText}>
                      <Text weight="semibold">{user.displayName}</Text>
                      <Text size={200} className={styles.secondary}>
                        {[user.jobTitle, user.department].filter(Boolean).join(' · ') || user.email}
                      </Text>
                    </span>
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}

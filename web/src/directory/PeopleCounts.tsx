import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { DetailList } from '../app/DetailList';
import { plural } from '../app/format';
import { onFirstUse } from '../app/onFirstUse';
import type { DirectoryPeople } from './directory.api';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground2, maxWidth: '80ch' },
});

const counts = onFirstUse(() => new Intl.NumberFormat());

/** Where everyone's department, job title and manager came from. */
export function PeopleCounts({ people }: { people: DirectoryPeople }) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-people-counts>
      <DetailList
        items={[
          { term: 'Everyone', value: counts().format(people.total) },
          { term: 'From Microsoft Entra ID', value: counts().format(people.fromEntra) },
          { term: 'From CSV import', value: counts().format(people.fromCsv) },
          { term: 'Sign-in only', value: counts().format(people.signInOnly) },
          { term: 'Departed (disabled or deleted in Entra ID)', value: counts().format(people.departed) },
        ]}
      />
      {people.signInOnly > 0 && (
        <Text className={styles.muted}>
          {plural(people.signInOnly, 'person', 'people')} {people.signInOnly === 1 ? 'is' : 'are'} known only from signing in,
          without a department or manager: reporting-line exclusion and department breakdowns can’t take them into account
          until the directory sync or a CSV import fills those in.
        </Text>
      )}
    </div>
  );
}

import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { AppLink } from './AppLink';
import { paths, usePathname } from './routing';
import { ViewHeading } from './ViewHeading';
import { useReportViewStatus } from '../teams/HostContext';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  body: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

export function NotFoundPage() {
  const styles = useStyles();
  const pathname = usePathname();
  useReportViewStatus('ready');
  return (
    <div className={styles.page}>
      <ViewHeading>Page not found</ViewHeading>
      <Text className={styles.body}>
        There’s nothing at <code>{pathname}</code>. The link may be old, or the address may have a typo.
      </Text>
      <Text>
        <AppLink href={paths.tab}>Go to My mentoring</AppLink>
      </Text>
    </div>
  );
}

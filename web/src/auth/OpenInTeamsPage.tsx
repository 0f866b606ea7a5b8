import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { Layout } from '../app/Layout';
import { ViewHeading } from '../app/ViewHeading';
import { surface } from '../app/surface';

const useStyles = makeStyles({
  panel: {
    maxWidth: '640px',
    margin: '0 auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    ...surface(tokens.borderRadiusXLarge),
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalL },
  },
  body: { color: tokens.colorNeutralForeground2 },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'grid', gap: tokens.spacingVerticalS },
});

/** Production (Entra) mode opened in a plain browser: explain where Tandem lives. */
export default function OpenInTeamsPage() {
  const styles = useStyles();
  return (
    <Layout>
      <div className={styles.panel}>
        <ViewHeading>Open Tandem in Microsoft Teams</ViewHeading>
        <Text className={styles.body}>
          Tandem signs you in with your work account through Microsoft Teams single sign-on, so there is no separate
          password. Opened directly in a browser, this page can’t get that sign-in — open Tandem from Teams instead.
        </Text>
        <ol className={styles.steps}>
          <li>Open Microsoft Teams (desktop, web or mobile).</li>
          <li>
            Select <strong>Apps</strong>, search for <strong>Tandem</strong>, and open it — or pick it from the app bar if
            it’s pinned there.
          </li>
          <li>
            Your mentoring pairs and programs appear under <strong>My mentoring</strong>.
          </li>
        </ol>
        <Text className={styles.body}>Can’t find Tandem in Teams? Ask your IT admin or L&amp;D team to make it available to you.</Text>
      </div>
    </Layout>
  );
}

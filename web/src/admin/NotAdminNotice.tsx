import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { AppLink } from '../app/AppLink';
import { paths } from '../app/routing';
import { surface } from '../app/surface';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxWidth: '640px',
    padding: tokens.spacingHorizontalXL,
    ...surface(tokens.borderRadiusXLarge),
    color: tokens.colorNeutralForeground2,
  },
});

/** Shown instead of the dashboard to people without the admin role: an explanation, not an error. */
export function NotAdminNotice() {
  const styles = useStyles();
  return (
    <div className={styles.panel}>
      <Text size={400}>
        Program health is for program admins (L&amp;D managers). It shows enrolment and pairing numbers across all of
        your organisation’s mentoring programs.
      </Text>
      <Text>
        If you run a mentoring program and need this view, ask your L&amp;D team to give you the program admin role.
        Your own pairs and programs are on <AppLink href={paths.tab}>My mentoring</AppLink>.
      </Text>
    </div>
  );
}

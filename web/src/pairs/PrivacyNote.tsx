import { Text, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { ShieldIcon } from '../app/icons';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground2,
    scrollMarginTop: tokens.spacingVerticalL,
  },
  icon: { color: tokens.colorBrandForeground1, flexShrink: 0 },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  title: { ...typographyStyles.body1Strong, margin: 0, color: tokens.colorNeutralForeground1, ':focus': { outlineStyle: 'none' } },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

export const PRIVACY_SECTION_ID = 'privacy';

/** What program admins can and cannot see about a pair (docs/journey-api.md, last section). */
export function PrivacyNote({ partnerFirstName, asAdmin = false }: { partnerFirstName: string; asAdmin?: boolean }) {
  const styles = useStyles();
  return (
    <aside id={PRIVACY_SECTION_ID} className={styles.root} aria-labelledby={`${PRIVACY_SECTION_ID}-heading`}>
      <span className={styles.icon}>
        <ShieldIcon size={24} />
      </span>
      <div className={styles.body}>
        <h2 id={`${PRIVACY_SECTION_ID}-heading`} tabIndex={-1} className={styles.title}>
          Who can see this
        </h2>
        <Text size={200}>
          {asAdmin
            ? 'As a program admin you see how this pair is doing, never what its members write. You can see:'
            : `What you write here is between you and ${partnerFirstName}. Program admins (your L&D team) can see:`}
        </Text>
        <ul className={styles.list}>
          <li>
            <Text size={200}>that the pair exists, who is in it, its status and dates</Text>
          </li>
          <li>
            <Text size={200}>how many meetings the pair has had, and when</Text>
          </li>
          <li>
            <Text size={200}>how many goals the pair has, and their statuses</Text>
          </li>
        </ul>
        <Text size={200}>
          {asAdmin ? 'You never see' : 'They never see'} agreement answers, goal text, notes, agendas, messages, comments or anyone’s individual survey
          ratings.
        </Text>
      </div>
    </aside>
  );
}

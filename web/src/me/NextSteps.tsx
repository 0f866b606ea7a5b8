import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { LinkButton } from '../app/LinkButton';
import { EmptyState } from '../app/states';
import { surface } from '../app/surface';
import type { NextStep } from './nextSteps';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: 'none' },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    ...surface(),
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke1}`,
  },
  urgent: { borderLeftColor: tokens.colorBrandStroke1 },
  text: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, flex: '1 1 260px', minWidth: 0 },
  title: { margin: 0, overflowWrap: 'anywhere' },
  detail: { color: tokens.colorNeutralForeground2 },
});

/** The "Next steps" list on Home: each step says why and links to where to do it. */
export function NextSteps({ steps, labelledBy }: { steps: NextStep[]; labelledBy: string }) {
  const styles = useStyles();
  if (steps.length === 0) {
    return (
      <EmptyState title="You’re all caught up">
        Nothing needs your attention right now. Your pairs, requests and programs are below.
      </EmptyState>
    );
  }
  return (
    <ol className={styles.list} aria-labelledby={labelledBy}>
      {steps.map((step) => (
        <li key={step.id} className={mergeClasses(styles.item, step.urgent && styles.urgent)}>
          <div className={styles.text}>
            <Text as="h3" weight="semibold" size={400} className={styles.title}>
              {step.title}
            </Text>
            <Text className={styles.detail}>{step.detail}</Text>
          </div>
          <LinkButton href={step.href} appearance={step.urgent ? 'primary' : 'secondary'} aria-label={`${step.action}: ${step.title}`}>
            {step.action}
          </LinkButton>
        </li>
      ))}
    </ol>
  );
}

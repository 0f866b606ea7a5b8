import { useId } from 'react';
import { Button, Text, makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import { CheckCircleIcon, DifferentIcon } from '../app/icons';
import type { Agreement, AgreementField, SubmittedAnswers } from './agreements.api';
import { agreementFields, answerText, fieldText } from './labels';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyleType: 'none' },
  row: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  different: {
    backgroundColor: tokens.colorStatusWarningBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusWarningBorder1}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorStatusWarningBorderActive}`,
  },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  question: { ...typographyStyles.body1Strong, margin: 0, color: tokens.colorNeutralForeground1 },
  tag: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    ...typographyStyles.caption1Strong,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusCircular,
  },
  tagDifferent: {
    color: tokens.colorStatusWarningForeground3,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusWarningBorder2}`,
  },
  tagSame: { color: tokens.colorStatusSuccessForeground1 },
  answers: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalS,
    '@media (min-width: 640px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', columnGap: tokens.spacingHorizontalXL },
  },
  answer: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXS, minWidth: 0 },
  who: { ...typographyStyles.caption1Strong, color: tokens.colorNeutralForeground3, textTransform: 'uppercase', letterSpacing: '0.04em' },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

interface Props {
  agreement: Agreement & { mine: SubmittedAnswers; partner: SubmittedAnswers };
  partnerName: string;
  readOnly: boolean;
  /** The field being adopted right now (its button shows progress). */
  adopting: AgreementField | null;
  onAdopt: (field: AgreementField) => void;
}

/** Both members' answers side by side, every difference marked with an icon and the word "Different". */
export function AgreementComparison({ agreement, partnerName, readOnly, adopting, onAdopt }: Props) {
  const styles = useStyles();
  const baseId = useId();
  return (
    <ul className={styles.list} aria-label="Your answers and theirs">
      {agreementFields.map((field) => {
        const different = agreement.mismatches.includes(field);
        const headingId = `${baseId}-${field}`;
        return (
          <li key={field} className={mergeClasses(styles.row, different && styles.different)}>
            <div className={styles.head}>
              <h3 id={headingId} className={styles.question}>
                {fieldText[field].label}
              </h3>
              {different ? (
                <span className={mergeClasses(styles.tag, styles.tagDifferent)}>
                  <DifferentIcon size={16} />
                  Different
                </span>
              ) : (
                <span className={mergeClasses(styles.tag, styles.tagSame)}>
                  <CheckCircleIcon size={16} />
                  Same
                </span>
              )}
            </div>
            <div className={styles.answers}>
              <div className={styles.answer}>
                <span className={styles.who}>You</span>
                <Text className={styles.text}>{answerText(agreement.mine, field)}</Text>
              </div>
              <div className={styles.answer}>
                <span className={styles.who}>{partnerName}</span>
                <Text className={styles.text}>{answerText(agreement.partner, field)}</Text>
                {different && !readOnly && (
                  <Button
                    size="small"
                    appearance="secondary"
                    disabled={adopting !== null}
                    aria-label={`Use their answer for ${fieldText[field].short}`}
                    onClick={() => onAdopt(field)}
                  >
                    {adopting === field ? 'Saving…' : 'Use their answer'}
                  </Button>
                )}
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** My answers on their own (while the partner hasn't answered yet, or in a closed pair). */
export function AnswerList({ answers, who }: { answers: SubmittedAnswers; who: string }) {
  const styles = useStyles();
  const baseId = useId();
  return (
    <ul className={styles.list} aria-label={who}>
      {agreementFields.map((field) => (
        <li key={field} className={styles.row}>
          <h3 id={`${baseId}-${field}`} className={styles.question}>
            {fieldText[field].label}
          </h3>
          <Text className={styles.text}>{answerText(answers, field)}</Text>
        </li>
      ))}
    </ul>
  );
}

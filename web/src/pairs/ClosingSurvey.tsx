import { useRef, useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Radio,
  RadioGroup,
  Text,
  Textarea,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { ActionError, errorProps, serverFieldError, useAction } from '../app/forms';
import { submitSurvey, type SurveyAnswers } from './pairs.api';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    maxWidth: '720px',
    paddingTop: tokens.spacingVerticalL,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { ...typographyStyles.subtitle2, margin: 0 },
  lead: { color: tokens.colorNeutralForeground2 },
  scale: { display: 'flex', flexWrap: 'wrap', columnGap: 0 },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', minWidth: 0 },
  legend: { ...typographyStyles.body1Strong, padding: 0, marginBottom: tokens.spacingVerticalXS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

type Scale = 'satisfaction' | 'recommend' | 'confidence';

function ScaleField({
  label,
  from,
  to,
  ends,
  value,
  error,
  onChange,
}: {
  label: string;
  from: number;
  to: number;
  ends: [string, string];
  value: number | null;
  error: string | undefined;
  onChange: (value: number) => void;
}) {
  const styles = useStyles();
  const options = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return (
    <Field label={label} hint={`${from} = ${ends[0]}, ${to} = ${ends[1]}`} required {...errorProps(error)}>
      <RadioGroup
        layout="horizontal"
        className={styles.scale}
        value={value === null ? '' : String(value)}
        onChange={(_, d) => onChange(Number(d.value))}
      >
        {options.map((n) => (
          <Radio key={n} value={String(n)} label={String(n)} />
        ))}
      </RadioGroup>
    </Field>
  );
}

interface Props {
  pairId: string;
  partnerFirstName: string;
  onSubmitted: () => void;
}

/** The closing survey, once per member after the pair completes or ends. */
export function ClosingSurvey({ pairId, partnerFirstName, onSubmitted }: Props) {
  const styles = useStyles();
  const save = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  const [scores, setScores] = useState<Record<Scale, number | null>>({ satisfaction: null, recommend: null, confidence: null });
  const [outcomes, setOutcomes] = useState({ skillsGained: false, newContacts: false, promotion: false });
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<Partial<Record<Scale, string>>>({});

  const setScore = (key: Scale, value: number) => {
    setScores((s) => ({ ...s, [key]: value }));
    setMissing((m) => ({ ...m, [key]: undefined }));
  };
  const message = (key: Scale) => missing[key] ?? serverFieldError(save.error, key);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Scale, string>> = {};
    if (scores.satisfaction === null) found.satisfaction = 'Pick a number from 1 to 5.';
    if (scores.recommend === null) found.recommend = 'Pick a number from 0 to 10.';
    if (scores.confidence === null) found.confidence = 'Pick a number from 1 to 5.';
    setMissing(found);
    if (scores.satisfaction === null || scores.recommend === null || scores.confidence === null) {
      window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"] input')?.focus(), 0);
      return;
    }
    const body: SurveyAnswers = {
      satisfaction: scores.satisfaction,
      recommend: scores.recommend,
      confidence: scores.confidence,
      ...outcomes,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    const saved = await save.run((api) => submitSurvey(api, pairId, body));
    if (saved) onSubmitted();
  };

  return (
    <form ref={formRef} className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-labelledby="closing-survey-title">
      <div>
        <h3 id="closing-survey-title" className={styles.title}>
          How did it go?
        </h3>
        <Text className={styles.lead}>
          Two minutes, once. Program admins only see results added up across the program — never your comment or your
          own scores, and {partnerFirstName} doesn’t see them either.
        </Text>
      </div>
      <ScaleField
        label="Overall, how satisfied are you with this mentoring relationship?"
        from={1}
        to={5}
        ends={['not at all', 'very satisfied']}
        value={scores.satisfaction}
        error={message('satisfaction')}
        onChange={(v) => setScore('satisfaction', v)}
      />
      <ScaleField
        label="How likely are you to recommend the program to a colleague?"
        from={0}
        to={10}
        ends={['not at all likely', 'extremely likely']}
        value={scores.recommend}
        error={message('recommend')}
        onChange={(v) => setScore('recommend', v)}
      />
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>What came out of it? Tick any that apply.</legend>
        <Checkbox
          label="I gained new skills"
          checked={outcomes.skillsGained}
          onChange={(_, d) => setOutcomes((o) => ({ ...o, skillsGained: d.checked === true }))}
        />
        <Checkbox
          label="I made new contacts"
          checked={outcomes.newContacts}
          onChange={(_, d) => setOutcomes((o) => ({ ...o, newContacts: d.checked === true }))}
        />
        <Checkbox
          label="I got a promotion or a new role"
          checked={outcomes.promotion}
          onChange={(_, d) => setOutcomes((o) => ({ ...o, promotion: d.checked === true }))}
        />
      </fieldset>
      <ScaleField
        label="How confident do you feel about your next career step?"
        from={1}
        to={5}
        ends={['not confident', 'very confident']}
        value={scores.confidence}
        error={message('confidence')}
        onChange={(v) => setScore('confidence', v)}
      />
      <Field label="Anything else you’d like to share?" hint="Optional." {...errorProps(serverFieldError(save.error, 'comment'))}>
        <Textarea value={comment} onChange={(_, d) => setComment(d.value)} maxLength={2000} rows={3} resize="vertical" />
      </Field>
      <ActionError
        error={save.error}
        what="send the survey"
        shownFields={['satisfaction', 'recommend', 'confidence', 'comment']}
      />
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={save.busy}>
          {save.busy ? 'Sending…' : 'Send'}
        </Button>
      </div>
    </form>
  );
}

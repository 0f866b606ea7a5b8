import { useMemo, useState, type KeyboardEvent } from 'react';
import {
  Field,
  Tag,
  TagPicker,
  TagPickerControl,
  TagPickerGroup,
  TagPickerInput,
  TagPickerList,
  TagPickerOption,
  makeStyles,
  type TagPickerProps,
} from '@fluentui/react-components';
import { ENROLLMENT_LIMITS } from './enrollment.api';

const useStyles = makeStyles({
  control: { minWidth: 0 },
  add: { fontStyle: 'italic' },
});

const NO_OPTIONS = '\u0000none';
const MAX_SHOWN = 40;

/** Collapses whitespace the way the server will, so "  Public  speaking " shows as it will be saved. */
export function normaliseTerm(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

interface Props {
  label: string;
  hint?: string;
  /** Known labels from the taxonomy (suggestions). */
  suggestions: string[];
  value: string[];
  onChange: (next: string[]) => void;
  validationMessage?: string | undefined;
  required?: boolean;
}

/**
 * Picks skills or values from the shared list and accepts free text: typing something new and
 * pressing Enter (or choosing “Add …”) adds it. Text matching a known label (ignoring case) uses that label.
 */
export function TermPicker({ label, hint, suggestions, value, onChange, validationMessage, required }: Props) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const full = value.length >= ENROLLMENT_LIMITS.listItems;
  const chosen = useMemo(() => new Set(value.map((v) => v.toLowerCase())), [value]);

  const typed = normaliseTerm(query);
  const known = (text: string) => suggestions.find((s) => s.toLowerCase() === text.toLowerCase());
  const matches = useMemo(() => {
    const q = typed.toLowerCase();
    return suggestions.filter((s) => !chosen.has(s.toLowerCase()) && (!q || s.toLowerCase().includes(q))).slice(0, MAX_SHOWN);
  }, [suggestions, chosen, typed]);
  const canAddTyped = typed.length > 0 && typed.length <= ENROLLMENT_LIMITS.termLength && !known(typed) && !chosen.has(typed.toLowerCase());

  const add = (text: string) => {
    const term = known(normaliseTerm(text)) ?? normaliseTerm(text);
    if (!term || full || chosen.has(term.toLowerCase())) return;
    onChange([...value, term]);
  };

  const onOptionSelect: TagPickerProps['onOptionSelect'] = (_, data) => {
    if (data.value === NO_OPTIONS) return;
    if (chosen.has(data.value.toLowerCase())) {
      onChange(value.filter((v) => v.toLowerCase() !== data.value.toLowerCase()));
    } else {
      add(data.value);
    }
    setQuery('');
  };

  // Enter (or a comma) with nothing highlighted in the list adds what was typed.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const highlighted = event.currentTarget.getAttribute('aria-activedescendant');
    if ((event.key === 'Enter' && !highlighted) || event.key === ',') {
      if (!typed) return;
      event.preventDefault();
      if (typed.length > ENROLLMENT_LIMITS.termLength) return;
      add(typed);
      setQuery('');
    }
  };

  const tooLong = typed.length > ENROLLMENT_LIMITS.termLength ? `Keep each entry to ${ENROLLMENT_LIMITS.termLength} characters.` : undefined;
  const message = validationMessage ?? tooLong;
  const hintText = full ? `That’s the maximum of ${ENROLLMENT_LIMITS.listItems}. Remove one to add another.` : hint;

  return (
    <Field
      label={label}
      hint={hintText}
      required={required}
      validationMessage={message}
      validationState={message ? 'error' : 'none'}
    >
      <TagPicker onOptionSelect={onOptionSelect} selectedOptions={value}>
        <TagPickerControl className={styles.control}>
          <TagPickerGroup aria-label={`${label}: chosen`}>
            {value.map((term) => (
              <Tag key={term} value={term} shape="rounded">
                {term}
              </Tag>
            ))}
          </TagPickerGroup>
          <TagPickerInput
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={onKeyDown}
            placeholder={value.length === 0 ? 'Type or pick from the list' : undefined}
          />
        </TagPickerControl>
        <TagPickerList>
          {!full && matches.map((term) => (
            <TagPickerOption key={term} value={term}>
              {term}
            </TagPickerOption>
          ))}
          {canAddTyped && !full && (
            <TagPickerOption value={typed} text={typed} className={styles.add}>
              {`Add “${typed}”`}
            </TagPickerOption>
          )}
          {(full || (matches.length === 0 && !canAddTyped)) && (
            <TagPickerOption value={NO_OPTIONS} aria-disabled="true">
              {full ? 'You’ve reached the maximum' : typed ? 'Already added' : 'Type to add your own'}
            </TagPickerOption>
          )}
        </TagPickerList>
      </TagPicker>
    </Field>
  );
}

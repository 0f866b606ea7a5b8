import { useMemo, useState } from 'react';
import { Combobox, Field, Option, type ComboboxProps } from '@fluentui/react-components';
import { errorProps } from '../app/forms';
import { roleLine } from './labels';
import type { MatchPerson } from './match-runs.api';

const MAX_SHOWN = 50;

interface Props {
  label: string;
  hint?: string;
  people: MatchPerson[];
  value: string | null;
  onChange: (personId: string | null) => void;
  error?: string | undefined;
  disabled?: boolean;
}

/** Pick one person from a list by typing part of their name, department or job title. */
export function PersonCombobox({ label, hint, people, value, onChange, error, disabled }: Props) {
  const selected = people.find((p) => p.id === value) ?? null;
  const [text, setText] = useState(selected?.displayName ?? '');
  const [typing, setTyping] = useState(false);

  const options = useMemo(() => {
    const q = typing ? text.trim().toLocaleLowerCase() : '';
    const hits = q
      ? people.filter((p) => [p.displayName, p.department ?? '', p.jobTitle ?? ''].some((t) => t.toLocaleLowerCase().includes(q)))
      : people;
    return hits.slice(0, MAX_SHOWN);
  }, [people, text, typing]);

  const onOptionSelect: ComboboxProps['onOptionSelect'] = (_, data) => {
    const person = people.find((p) => p.id === data.optionValue) ?? null;
    onChange(person?.id ?? null);
    setText(person?.displayName ?? '');
    setTyping(false);
  };

  return (
    <Field label={label} hint={hint} required {...errorProps(error)}>
      <Combobox
        freeform
        disabled={disabled}
        value={text}
        selectedOptions={value ? [value] : []}
        onOptionSelect={onOptionSelect}
        onChange={(event) => {
          setText(event.target.value);
          setTyping(true);
          if (value) onChange(null);
        }}
        onBlur={() => {
          if (!value) {
            // A typed name that is exactly one person's picks them; anything else is cleared.
            const exact = people.filter((p) => p.displayName.toLocaleLowerCase() === text.trim().toLocaleLowerCase());
            if (exact.length === 1 && exact[0]) {
              onChange(exact[0].id);
              setText(exact[0].displayName);
            }
          }
          setTyping(false);
        }}
        placeholder="Type a name, department or job title"
      >
        {options.length === 0 ? (
          <Option value="" text="" disabled>
            {`Nobody matches “${text}”`}
          </Option>
        ) : (
          options.map((p) => {
            const line = roleLine(p);
            return (
              <Option key={p.id} value={p.id} text={p.displayName}>
                {line ? `${p.displayName} — ${line}` : p.displayName}
              </Option>
            );
          })
        )}
      </Combobox>
    </Field>
  );
}

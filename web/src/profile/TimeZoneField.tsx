import { useMemo, useState } from 'react';
import { Combobox, Field, Option, type ComboboxProps } from '@fluentui/react-components';

/** Every IANA zone the browser knows (with UTC), once. */
let zones: string[] | undefined;
export function allTimeZones(): string[] {
  if (!zones) {
    let list: string[] = [];
    try {
      list = Intl.supportedValuesOf('timeZone');
    } catch {
      list = [];
    }
    zones = list.includes('UTC') ? list : ['UTC', ...list];
  }
  return zones;
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export const zoneLabel = (zone: string) => zone.replace(/_/g, ' ');
const MAX_SHOWN = 60;

interface Props {
  value: string;
  onChange: (zone: string) => void;
  validationMessage?: string | undefined;
}

/** A searchable list of time zones ("Europe/London"); typing filters, and only real zones can be chosen. */
export function TimeZoneField({ value, onChange, validationMessage }: Props) {
  const [text, setText] = useState(zoneLabel(value));
  const [typing, setTyping] = useState(false);
  const all = allTimeZones();
  const options = useMemo(() => {
    const q = text.trim().toLowerCase().replace(/_/g, ' ');
    if (!typing || !q) return all.slice(0, MAX_SHOWN).includes(value) ? all.slice(0, MAX_SHOWN) : [value, ...all.slice(0, MAX_SHOWN)];
    return all.filter((z) => zoneLabel(z).toLowerCase().includes(q)).slice(0, MAX_SHOWN);
  }, [all, text, typing, value]);

  const onOptionSelect: ComboboxProps['onOptionSelect'] = (_, data) => {
    if (!data.optionValue) return;
    onChange(data.optionValue);
    setText(zoneLabel(data.optionValue));
    setTyping(false);
  };

  // Leaving the field with a typed zone that exists picks it; anything else goes back to the saved zone.
  const onBlur = () => {
    const typed = text.trim().toLowerCase().replace(/ /g, '_');
    const match = all.find((z) => z.toLowerCase() === typed);
    if (match) onChange(match);
    setText(zoneLabel(match ?? value));
    setTyping(false);
  };

  return (
    <Field
      label="Time zone"
      hint="Used to suggest mentors whose working hours overlap with yours."
      validationMessage={validationMessage}
      validationState={validationMessage ? 'error' : 'none'}
    >
      <Combobox
        freeform
        value={text}
        selectedOptions={[value]}
        onOptionSelect={onOptionSelect}
        onChange={(event) => {
          setText(event.target.value);
          setTyping(true);
        }}
        onBlur={onBlur}
        placeholder="Search, e.g. London"
      >
        {options.length === 0 ? (
          <Option value="" text="" disabled>
            No time zone matches “{text}”
          </Option>
        ) : (
          options.map((zone) => (
            <Option key={zone} value={zone} text={zoneLabel(zone)}>
              {zoneLabel(zone)}
            </Option>
          ))
        )}
      </Combobox>
    </Field>
  );
}

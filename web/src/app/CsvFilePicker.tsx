import { forwardRef, useId, useImperativeHandle, useRef, useState, type DragEvent } from 'react';
import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useAnnounce } from './LiveRegion';

const useStyles = makeStyles({
  drop: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground2,
  },
  dropActive: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
});

export interface PickedFile {
  name: string;
  text: string;
}

interface Props {
  maxBytes: number;
  /** A file was already chosen: the button offers another one and steps back from primary. */
  again: boolean;
  disabled: boolean;
  /** The file's text, once it is within the size limit and could be read. */
  onFile: (file: PickedFile) => void;
  /** Why a file couldn't be taken (too large, unreadable), in words for the person. */
  onProblem: (error: Error) => void;
}

function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return Number.isInteger(mb) ? `${mb} MB` : `${mb.toFixed(1)} MB`;
}

/**
 * Choose or drop one CSV file: its size is checked before anything is read or sent, so a file
 * that is too large gets a clear message at once instead of a refused upload.
 */
export const CsvFilePicker = forwardRef<HTMLButtonElement, Props>(function CsvFilePicker(
  { maxBytes, again, disabled, onFile, onProblem },
  ref,
) {
  const styles = useStyles();
  const announce = useAnnounce();
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useImperativeHandle(ref, () => button.current as HTMLButtonElement);
  const [dragging, setDragging] = useState(false);
  const hintId = useId();

  const take = async (file: File) => {
    if (file.size > maxBytes) {
      onProblem(
        new Error(`${file.name} is ${megabytes(file.size)}; files of up to ${megabytes(maxBytes)} can be imported. Split it into smaller files.`),
      );
      announce('That file is too large to import.');
      return;
    }
    try {
      onFile({ name: file.name, text: await file.text() });
    } catch {
      onProblem(new Error(`Couldn’t read ${file.name}. Check that it is a saved text file, then try again.`));
    }
  };

  const pick = (files: FileList | null) => {
    const file = files?.[0];
    if (file) void take(file);
    // Choosing the same file again (after fixing it) must fire another change.
    if (input.current) input.current.value = '';
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled) pick(event.dataTransfer.files);
  };

  return (
    <div
      className={mergeClasses(styles.drop, dragging && styles.dropActive)}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <Button
        ref={button}
        appearance={again ? 'secondary' : 'primary'}
        disabled={disabled}
        aria-describedby={hintId}
        onClick={() => input.current?.click()}
      >
        {again ? 'Choose another file' : 'Choose a CSV file'}
      </Button>
      <Text id={hintId}>or drop it here. UTF-8, up to {megabytes(maxBytes)}.</Text>
      <input ref={input} type="file" accept=".csv,text/csv" hidden data-import-file onChange={(e) => pick(e.currentTarget.files)} />
    </div>
  );
});

import type { ReactNode } from 'react';

// Small line icons drawn for Tandem (decorative: the text next to them carries the meaning).

function Icon({ size = 20, children }: { size?: number; children: ReactNode }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

type IconProps = { size?: number };

export const DifferentIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M10 2.8 18 16.6H2z" />
    <path d="M10 8v4" />
    <circle cx="10" cy="14.3" r="0.4" fill="currentColor" />
  </Icon>
);

export const CheckCircleIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <circle cx="10" cy="10" r="7.5" />
    <path d="m6.6 10.2 2.3 2.3 4.5-4.8" />
  </Icon>
);

export const CircleIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <circle cx="10" cy="10" r="7.5" />
  </Icon>
);

export const InfoIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <circle cx="10" cy="10" r="7.5" />
    <path d="M10 9v4.5" />
    <circle cx="10" cy="6.6" r="0.4" fill="currentColor" />
  </Icon>
);

export const ClockIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <circle cx="10" cy="10" r="7.5" />
    <path d="M10 5.8V10l2.8 1.8" />
  </Icon>
);

export const HourglassIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M5.5 2.8h9M5.5 17.2h9M6.5 2.8c0 4 7 4.4 7 7.2s-7 3.2-7 7.2M13.5 2.8c0 4-7 4.4-7 7.2s7 3.2 7 7.2" />
  </Icon>
);

export const TrophyIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M6 3h8v4.5a4 4 0 0 1-8 0z" />
    <path d="M6 4.5H3.5a2.5 2.5 0 0 0 2.7 3M14 4.5h2.5a2.5 2.5 0 0 1-2.7 3" />
    <path d="M10 11.5v3M7 17h6M8 14.5h4v2.5H8z" />
  </Icon>
);

export const ShieldIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M10 2.5 16 5v4.6c0 3.6-2.5 6.4-6 7.9-3.5-1.5-6-4.3-6-7.9V5z" />
    <path d="m7.4 10 1.9 1.9 3.4-3.6" />
  </Icon>
);

export const AddIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M10 4v12M4 10h12" />
  </Icon>
);

export const DeleteIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M3.5 5.5h13M8 5.5V3.8h4v1.7M5.2 5.5l.8 10.7h8l.8-10.7M8.3 8.5v5M11.7 8.5v5" />
  </Icon>
);

export const EditIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M12.8 3.7a1.8 1.8 0 0 1 2.5 2.5l-8.6 8.6-3.4.9.9-3.4z" />
  </Icon>
);

export const PauseIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M7 4.5v11M13 4.5v11" />
  </Icon>
);

export const PlayIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M6.5 4.2 15.5 10l-9 5.8z" />
  </Icon>
);

export const FlagIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M4.5 17.5V3M4.5 3.8h9.5l-2 3.2 2 3.2H4.5" />
  </Icon>
);

export const StopIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <circle cx="10" cy="10" r="7.5" />
    <path d="M7.2 12.8 12.8 7.2" />
  </Icon>
);

export const ArrowLeftIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M16 10H4M9 5 4 10l5 5" />
  </Icon>
);

export const ArrowRightIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M4 10h12M11 5l5 5-5 5" />
  </Icon>
);

export const PeopleIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <circle cx="7.5" cy="7" r="2.8" />
    <path d="M2.5 16.5c.4-2.8 2.4-4.5 5-4.5s4.6 1.7 5 4.5" />
    <circle cx="14" cy="7.8" r="2.2" />
    <path d="M13.6 12c2.1 0 3.6 1.4 3.9 3.6" />
  </Icon>
);

export const StarIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="m10 2.8 2.2 4.6 5 .6-3.7 3.4 1 5-4.5-2.5-4.5 2.5 1-5L2.8 8l5-.6z" />
  </Icon>
);

export const CalendarIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <rect x="3" y="4.2" width="14" height="12.6" rx="2" />
    <path d="M3 8.2h14M7 2.8v2.8M13 2.8v2.8" />
  </Icon>
);

export const CalendarAddIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M17 9.5V6.2a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v8.6a2 2 0 0 0 2 2h4.5" />
    <path d="M3 8.2h14M7 2.8v2.8M13 2.8v2.8M14.5 12v5M12 14.5h5" />
  </Icon>
);

export const MoreIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <circle cx="4.5" cy="10" r="0.9" fill="currentColor" />
    <circle cx="10" cy="10" r="0.9" fill="currentColor" />
    <circle cx="15.5" cy="10" r="0.9" fill="currentColor" />
  </Icon>
);

export const NotesIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M5 2.8h7l3 3v11.4H5z" />
    <path d="M12 2.8v3h3M7.5 9.5h5M7.5 12.5h5M7.5 15h3" />
  </Icon>
);

export const LockIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <rect x="4" y="8.8" width="12" height="8.4" rx="1.6" />
    <path d="M6.8 8.8V6.4a3.2 3.2 0 0 1 6.4 0v2.4M10 12.2v2" />
  </Icon>
);

export const CopyIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <rect x="7" y="7" width="10" height="10" rx="1.6" />
    <path d="M13 7V4.6A1.6 1.6 0 0 0 11.4 3H4.6A1.6 1.6 0 0 0 3 4.6v6.8A1.6 1.6 0 0 0 4.6 13H7" />
  </Icon>
);

export const RotateIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M16 10a6 6 0 1 1-1.8-4.3M16 3.5v3.2h-3.2" />
  </Icon>
);

export const XCircleIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <circle cx="10" cy="10" r="7.5" />
    <path d="m7.3 7.3 5.4 5.4M12.7 7.3l-5.4 5.4" />
  </Icon>
);

export const SearchIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <circle cx="8.8" cy="8.8" r="5.3" />
    <path d="m12.8 12.8 4 4" />
  </Icon>
);

/** The notifications bell (the button around it carries the name). */
export const BellIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="M5 8.2a5 5 0 0 1 10 0v3.6l1.5 2.7h-13L5 11.8z" />
    <path d="M8.2 16.6a1.9 1.9 0 0 0 3.6 0" />
  </Icon>
);

export const DismissIcon = ({ size }: IconProps) => (
  <Icon size={size}>
    <path d="m5 5 10 10M15 5 5 15" />
  </Icon>
);

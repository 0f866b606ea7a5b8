/**
 * Every text the Tandem bot itself writes — the help card, command replies, card labels and the
 * answers to card actions — in one place, so a translation replaces this file and nothing else.
 * Notification titles and bodies are not here: they come rendered from api/src/notifications/texts.ts.
 */

export const BOT_TEXTS = {
  commands: {
    help: 'Show what I can do for you',
    next: 'Your next check-in: when, with whom, and how to join',
    actions: 'Your open action items, to tick off here',
    goals: 'Your goals in each mentoring pair and how far along they are',
    log: 'Say whether your last check-in happened, and rate it',
  },
  help: {
    title: 'Hi, I’m Tandem',
    intro: 'I keep your mentoring on track. Type one of these:',
    freeText: 'Or just ask me what to talk about at your next check-in.',
  },
  welcome: 'Thanks for adding Tandem. I’ll let you know here when something needs you: a request to answer, a check-in to confirm, an action item coming due.',
  unknownUser: 'I don’t know you yet. Open the Tandem tab in Teams once first — that sets you up — then come back and message me again.',
  personalOnly: 'I only work in a personal chat. Open Tandem from the Apps menu in Teams and message me there.',
  somethingWentWrong: 'Sorry, something went wrong on my side. Please try again in a moment, or open Tandem.',
  openInTandem: 'Open in Tandem',
  next: {
    title: 'Your next check-in',
    none: 'You have no check-in scheduled. Book one from your pair’s page in Tandem.',
    withPartner: (name: string) => `With ${name}`,
    when: 'When',
    program: 'Program',
    join: 'Join in Teams',
  },
  actions: {
    title: 'Your open action items',
    none: 'You have no open action items. Nicely done.',
    done: 'Done',
    due: (date: string) => `Due ${date}`,
    overdue: (date: string) => `Overdue since ${date}`,
    noDueDate: 'No due date',
    withPartner: (name: string) => `With ${name}`,
    more: (count: number) => `…and ${count} more in Tandem.`,
    markedDone: (text: string) => `Done ✓ ${text}`,
  },
  goals: {
    title: 'Your goals',
    none: 'You have no goals yet. Set one up with your partner on your pair’s page in Tandem.',
    noPairs: 'You are not in a mentoring pair right now.',
    pairHeading: (partner: string, program: string) => `With ${partner} · ${program}`,
    noGoalsInPair: 'No goals yet.',
    status: {
      'not-started': 'Not started',
      'in-progress': 'In progress',
      done: 'Done',
      dropped: 'Dropped',
    } as Record<string, string>,
    progress: (percent: number) => `${percent}%`,
  },
  log: {
    none: 'There is no past check-in waiting for your answer. All caught up.',
  },
  meeting: {
    title: (partner: string) => `Check-in with ${partner}`,
    question: 'Did it happen?',
    held: 'It happened',
    missed: 'It didn’t happen',
    ratingLabel: 'How useful was it? (optional)',
    rateQuestion: 'How useful was it?',
    ratingChoice: (n: number) => `${n} of 5`,
    confirmedHeld: 'You said it happened ✓',
    confirmedMissed: 'You said it didn’t happen ✓',
    rated: (n: number) => `Rated ${n} of 5 ✓`,
    cancelled: 'This check-in was cancelled.',
    notYet: 'This check-in hasn’t ended yet. You can confirm it once it is over.',
  },
  request: {
    title: (mentee: string) => `Mentorship request from ${mentee}`,
    accept: 'Accept',
    decline: 'Decline',
    status: {
      pending: 'Waiting for your answer.',
      accepted: 'Accepted ✓',
      declined: 'Declined ✓',
      withdrawn: 'The mentee withdrew this request.',
      closed: 'Closed: the mentee has been matched with a mentor.',
    } as Record<string, string>,
  },
  actionItem: {
    title: 'Action item',
    done: 'Mark as done',
    markedDone: 'Done ✓',
  },
  pulse: {
    title: (partner: string) => `How is your mentoring with ${partner} going?`,
    satisfactionLabel: 'How satisfied are you with your mentoring so far?',
    satisfactionChoice: (n: number) => (n === 1 ? '1 – not at all' : n === 5 ? '5 – very' : String(n)),
    satisfactionRequired: 'Choose a number from 1 to 5.',
    commentLabel: 'Anything to add? (optional)',
    send: 'Send',
    thanks: 'Thanks — your answer was sent ✓',
  },
  cannot: {
    title: 'You can’t do this',
    notForYou: 'This card was sent to someone else, so it can’t be answered from your account.',
    outOfDate: 'This card is out of date or incomplete. Open Tandem to do this instead.',
  },
  suggestions: {
    intro: 'Next time you could talk about:',
    overdueAction: (text: string, owner: string, dueOn: string) => `The overdue action item “${text}” (${owner}, due ${dueOn}) — what got in the way?`,
    staleGoal: (title: string, percent: number) => `Your goal “${title}” (${percent}%) hasn’t moved lately — what is the next small step?`,
    topic: (title: string, prompt: string) => `${title}: ${prompt}`,
    noPairs: 'You are not in a mentoring pair right now. Find a mentor or check your requests in Tandem.',
  },
} as const;

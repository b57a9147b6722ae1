/** The only commands a hover tip links to; the hover trusts exactly these. */
export const TIP_COMMANDS = ['interviewPrep.openNote', 'interviewPrep.openSimulator'] as const;

/**
 * The mouse wheel, through xterm's mouse reporting in SGR form (DECSET 1000 for button events,
 * 1006 for their encoding ESC [ < button ; column ; row M). Ink hands such a report to the input
 * handler as one sequence without its ESC. Reporting takes the mouse from the terminal (text
 * selection then needs Shift in most terminals), so `keyhole ui --no-mouse` leaves it off.
 */
export const MOUSE_ON = '\u001b[?1000h\u001b[?1006h';
export const MOUSE_OFF = '\u001b[?1006l\u001b[?1000l';

const SGR_REPORT = /^\u001b?\[<(\d+);\d+;\d+[Mm]$/;
/** Shift, Meta and Ctrl add these to the button code. */
const MODIFIER_BITS = 4 | 8 | 16;
const WHEEL_UP = 64;
const WHEEL_DOWN = 65;

export type WheelDirection = 'up' | 'down';

/** Whether input is a mouse report (so it is never typed into the filter bar). */
export function isMouseReport(input: string): boolean {
  return SGR_REPORT.test(input);
}

/** The wheel direction of a mouse report, or undefined for any other input or button. */
export function wheelOf(input: string): WheelDirection | undefined {
  const match = SGR_REPORT.exec(input);
  if (match === null) return undefined;
  const button = Number(match[1]) & ~MODIFIER_BITS;
  return button === WHEEL_UP ? 'up' : button === WHEEL_DOWN ? 'down' : undefined;
}

// Everything the CLI prints passes through here: a profile name or value holding ESC, BEL or a
// bidi override would otherwise drive the terminal (retitle it, hide text, reorder a fix).

// C0 controls but tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate marks.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The text with each unsafe character shown as `\uXXXX`: readable on a terminal, and inside a JSON
 * string the same escape JSON itself uses, so `--json` output stays valid and decodes unchanged.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// The colour codes the CLI itself writes (green, yellow, red, default colour); none hides text.
const OWN_COLORS = /(\u001b\[(?:3[1-3]|39)m)/;

/** terminalSafe for text the CLI coloured: its own colour codes stay, every other control is shown. */
export function terminalSafeColored(text: string): string {
  return text
    .split(OWN_COLORS)
    .map((piece, i) => (i % 2 === 1 ? piece : terminalSafe(piece)))
    .join('');
}

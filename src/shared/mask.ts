// How a key or secret is shown: 16 `*` and its last 4 characters, as `aws configure list` does.
// A value too short for that would be given away almost whole, so it is shown as stars only.

const VISIBLE = 4;
const MIN_LENGTH_TO_SHOW_TAIL = 12;

export function maskSecret(value: string): string {
  const stars = '*'.repeat(16);
  return value.length >= MIN_LENGTH_TO_SHOW_TAIL ? `${stars}${value.slice(-VISIBLE)}` : stars;
}

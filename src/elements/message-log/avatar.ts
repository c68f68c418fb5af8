/**
 * The initials avatar of a sender: up to two letters of the name on a colour that comes
 * from the sender's key, so one person keeps one colour however they rename, and two people
 * with the same name differ. The colour is dark enough for white initials to meet WCAG AA
 * (4.5:1) at any hue, and it is the same in light and dark themes.
 */

/** Up to two letters: the first of the first two words ("Ada Lovelace" → "AL"), by grapheme. */
export function initialsOf(name: string): string {
  const words = name
    .replace(/\(\d+\)$/, '') // "Alice (2)": the tab number is not a letter of the name
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const first = (word: string) => [...word][0] ?? '';
  const letters = words.length > 1 ? first(words[0]) + first(words[1]) : [...(words[0] ?? '')].slice(0, 2).join('');
  return letters.toLocaleUpperCase() || '?';
}

/** A hue (0–359) from a key: FNV-1a over its characters, then mixed. Stable across pages and runs. */
export function hueOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Mixes the high bits down (murmur3's finaliser): keys that differ only at the end get far-apart hues.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) % 360;
}

/** Saturation and lightness (%) of avatar backgrounds: white text on them is ≥ 4.5:1 at every hue. */
export const AVATAR_SATURATION = 55;
export const AVATAR_LIGHTNESS = 30;

/** The avatar's background for `key`, as a CSS colour. */
export const avatarColour = (key: string): string => `hsl(${hueOf(key)} ${AVATAR_SATURATION}% ${AVATAR_LIGHTNESS}%)`;

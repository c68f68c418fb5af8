/**
 * Names and types of files from peers. A received file keeps only a passive type (one a
 * browser shows but never runs), and is saved under a name whose extension matches that
 * type: the operating system opens a saved file by its extension, not by its type, so
 * `invoice.html`, `pic.svg` or `evil.lnk` must not keep theirs.
 */

/**
 * Types a received file may keep: raster images, audio, video and plain text. Anything
 * else, HTML and SVG included, becomes `application/octet-stream`, so opening a blob: URL
 * of it in the page's origin can never run a peer's script.
 */
const PASSIVE_TYPE = /^(?:image\/(?:png|jpeg|gif|webp|avif|bmp)|audio\/[a-z0-9.+-]{1,64}|video\/[a-z0-9.+-]{1,64}|text\/plain)$/;

/** The type a received (or sent) file keeps: `type` lower-cased if passive, else `application/octet-stream`. */
export function passiveType(type: string): string {
  const t = type.toLowerCase();
  return PASSIVE_TYPE.test(t) ? t : 'application/octet-stream';
}

/**
 * Extensions that open each passive type as what it is, the one we add first. Types not
 * listed (an unusual audio subtype, octet-stream) get `.bin`, which nothing runs.
 */
const EXTENSIONS: Record<string, readonly string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/avif': ['avif'],
  'image/bmp': ['bmp'],
  'text/plain': ['txt', 'text', 'log'],
  'audio/mpeg': ['mp3'],
  'audio/ogg': ['ogg', 'oga', 'opus'],
  'audio/opus': ['opus'],
  'audio/wav': ['wav'],
  'audio/x-wav': ['wav'],
  'audio/wave': ['wav'],
  'audio/webm': ['weba', 'webm'],
  'audio/flac': ['flac'],
  'audio/aac': ['aac'],
  'audio/mp4': ['m4a'],
  'video/mp4': ['mp4', 'm4v'],
  'video/webm': ['webm'],
  'video/ogg': ['ogv'],
  'video/quicktime': ['mov'],
  'video/x-matroska': ['mkv'],
  'video/mpeg': ['mpeg', 'mpg'],
};
const NEUTRAL = 'bin';

/**
 * Cleans a file name from the network or the page: no path, no control or bidi-override
 * characters (U+202E turns `gnp.exe` into what reads as `exe.png`), at most 200 code
 * points. Never empty. Used for display; saving goes through {@link savedFileName}.
 */
export function safeFileName(name: unknown): string {
  const base = String(typeof name === 'string' ? name : '')
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g, '')
    .split(/[\\/]/)
    .pop() ?? ''
    .trim()
    .replace(/^\.+/, '');
  const clipped = [...base].slice(0, 200).join('');
  return clipped || 'file';
}

/**
 * The name to save a received file under: its cleaned name when the extension already
 * matches its passive type (`photo.JPG` as image/jpeg), else that name with the type's
 * extension added (`x.html` as text/plain → `x.html.txt`, `pic.svg` → `pic.svg.bin`,
 * `a.exe` → `a.exe.bin`). Trailing dots and spaces go first: Windows drops them, which
 * would turn `a.exe.` into `a.exe`. (Characters a file system refuses are the browser's to
 * replace when it saves.)
 * @example savedFileName('report.pdf', 'application/pdf') // 'report.pdf.bin'
 */
export function savedFileName(name: string, type: string): string {
  const clean = safeFileName(name).replace(/[. ]+$/, '') || 'file';
  const allowed = EXTENSIONS[passiveType(type)] ?? [];
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 ? clean.slice(dot + 1).toLowerCase() : '';
  const wanted = allowed[0] ?? NEUTRAL;
  if (allowed.includes(extension) || extension === wanted) return clean;
  return `${clean}.${wanted}`;
}

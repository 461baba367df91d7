// The full date of a digest. Digest pages print "Mar 18" without a year, and one layout prints no
// date at all, so the year (or the whole day) is taken from what else is known about the file: a
// date in its name, else its modification time.

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

/**
 * A date line written a little after the file's time still belongs to that year: the digest site
 * dates its pages in its own time zone, which can be a day ahead of the reader's, and clocks drift.
 */
const AHEAD_TOLERANCE_DAYS = 2;

export interface DigestDay {
  /** ISO `YYYY-MM-DD`. */
  day: string;
  /** True when the day itself is a guess (from the file's modification time): the digest had no date. */
  inferred: boolean;
  /** What the user sees: the date line as written, or for an inferred day e.g. `Mar 18?`. */
  label: string;
  /** Sort key, larger = newer: days since 1970-01-01. */
  order: number;
}

export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

function valid({ year, month, day }: YearMonthDay): boolean {
  if (!(month >= 1 && month <= 12 && day >= 1 && year >= 1970 && year <= 2999)) return false;
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

function dayNumber({ year, month, day }: YearMonthDay): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function isoDay({ year, month, day }: YearMonthDay): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `2025-03-18` → days since 1970-01-01 (the order key of that day); NaN for anything else. */
export function orderOfDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? dayNumber({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }) : Number.NaN;
}

/** `Mar 18`: how an inferred day is labelled, before its `?`. */
export function shortLabel({ month, day }: YearMonthDay): string {
  return `${MONTH_NAMES[month - 1]} ${day}`;
}

// A date in a file name: 2025-03-18, 2025_03_18, 2025.03.18 or 20250318, not inside a longer
// number (hash-like names such as 004_7e02510e40937594 hold long digit runs).
const NAME_DATE = /(?<!\d)(\d{4})([-_.]?)(\d{2})\2(\d{2})(?!\d)/g;

/** The first valid date written in a file's name (the last path part), or null. */
export function dateInFileName(file: string): YearMonthDay | null {
  const base = file.split(/[\\/]/).pop() ?? file;
  for (const m of base.matchAll(NAME_DATE)) {
    const d = { year: Number(m[1]), month: Number(m[3]), day: Number(m[4]) };
    if (valid(d)) return d;
  }
  return null;
}

/** The local calendar day of a time: the day the user saw on their clock when the file was written. */
export function localDay(ms: number): YearMonthDay {
  const t = new Date(ms);
  return { year: t.getFullYear(), month: t.getMonth() + 1, day: t.getDate() };
}

/** The year that puts month/day closest before `reference` (allowing a date line slightly ahead). */
export function yearBefore(month: number, day: number, reference: YearMonthDay): number {
  const limit = dayNumber(reference) + AHEAD_TOLERANCE_DAYS;
  for (let year = reference.year + 1; ; year--) {
    // Feb 29 only exists in leap years: skip the others.
    if (!valid({ year, month, day })) {
      if (year < reference.year - 8) return reference.year;
      continue;
    }
    if (dayNumber({ year, month, day }) <= limit) return year;
  }
}

/**
 * The full date of a digest from its date line (`{month, day, year|null}` as parseDate gives it, or
 * null when it has none), its file name and its modification time.
 * - year written in the date line: used as is;
 * - else a date in the file name gives the year;
 * - else the year that puts the date closest before the modification time (Dec 31 read on Jan 2 is
 *   last year's);
 * - no date line: the date in the file name, else the modification day, marked inferred.
 */
export function resolveDigestDay(
  line: { text: string; month: number; day: number; year: number | null } | null,
  file: string,
  mtimeMs: number,
): DigestDay {
  const fromName = dateInFileName(file);
  if (line) {
    const year = line.year ?? fromName?.year ?? yearBefore(line.month, line.day, localDay(mtimeMs));
    const ymd = { year, month: line.month, day: line.day };
    if (valid(ymd)) return { day: isoDay(ymd), inferred: false, label: line.text, order: dayNumber(ymd) };
    // Feb 30 and the like: the line is not a usable date; fall through to the file's.
  }
  if (fromName) return { day: isoDay(fromName), inferred: false, label: shortLabel(fromName), order: dayNumber(fromName) };
  const ymd = localDay(Number.isFinite(mtimeMs) ? mtimeMs : 0);
  return { day: isoDay(ymd), inferred: true, label: `${shortLabel(ymd)}?`, order: dayNumber(ymd) };
}

/** Labels of inferred days end with this; a date line never does (see parseDate). */
export const INFERRED_MARK = '?';

export function isInferredLabel(label: string): boolean {
  return label.endsWith(INFERRED_MARK);
}

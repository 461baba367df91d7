/** One title/abstract pair as it stands in a single digest file. */
export interface DigestEntry {
  title: string;
  /** Empty when the digest ended on a title with no abstract after it. */
  abstract: string;
  /** Position in the digest (0 = first), i.e. the trending rank. */
  rank: number;
  /**
   * The paper id of the title, when a cache supplied it so that loading skips recomputing it.
   * Absent after a plain parse; buildLibrary computes it then.
   */
  id?: string;
}

export interface Digest {
  /** Absolute path of the file it was read from. */
  file: string;
  /** The date line as written ("Mar 18"), or null when the digest has none. */
  date: string | null;
  /**
   * Its full date, ISO `YYYY-MM-DD`: the date line with the year from the file name or modification
   * time, or for an undated digest the file's modification day (see core/digest-date.ts).
   */
  day: string;
  /** True when `day` is the file's modification day because the digest has no date. */
  inferred: boolean;
  /** What the user sees: the date line as written, or the inferred day as `Mar 18?`. */
  label: string;
  /** Sort key, larger = newer: days since 1970-01-01 (see digestDay). */
  order: number;
  entries: DigestEntry[];
  warnings: string[];
}

/** A distinct paper, merged across every digest it appeared in. */
export interface Paper {
  /** Stable across re-parsing and file renames: derived from the normalised title. */
  id: string;
  title: string;
  abstract: string;
  /** Labels of the digests it appeared in, newest first. */
  dates: string[];
  /** Full ISO dates (`YYYY-MM-DD`) of those digests, in the same order as dates. */
  days: string[];
  /** Files it was read from, in the same order as dates. */
  sources: string[];
  links: string[];
}

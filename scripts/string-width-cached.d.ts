export default function stringWidth(input: string, options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }): number;
export const JOINING: RegExp;

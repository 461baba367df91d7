export function needsSanitizing(text: string): boolean;

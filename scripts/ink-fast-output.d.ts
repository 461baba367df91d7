export function composeRows(operations: readonly unknown[], height: number): string[] | undefined;

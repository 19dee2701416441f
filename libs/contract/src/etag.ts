/** The ETag of a todo is its version as a strong entity tag: `"3"`. */
export function formatEtag(version: number): string {
  return `"${version}"`;
}

/**
 * Reads the version out of an `If-Match` value.
 * @returns the version, or `undefined` when the value is not one strong entity tag holding a version.
 */
export function parseEtag(value: string): number | undefined {
  const match = /^"([1-9][0-9]{0,15})"$/.exec(value.trim());
  if (!match) return undefined;
  const version = Number(match[1]);
  return Number.isSafeInteger(version) ? version : undefined;
}

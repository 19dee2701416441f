/** Limits of the API, shared so the UI can enforce the same ones the server does. */
export const TITLE_MAX_LENGTH = 500;
export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 100;
export const CURSOR_MAX_LENGTH = 1024;
export const BODY_LIMIT_BYTES = 16 * 1024;
/** An `Idempotency-Key` is 1..255 visible ASCII characters (0x21..0x7E), compared exactly. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

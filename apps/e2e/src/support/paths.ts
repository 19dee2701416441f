import { resolve } from 'node:path';

/** Screenshots of the app's main states; git-ignored, rewritten by every run. */
export const screenshotsDir = resolve(__dirname, '../../screenshots');

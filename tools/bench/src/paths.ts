import { resolve } from 'node:path';

/** The repository root, found from this file so the bench runs from any working directory. */
export const workspaceRoot = resolve(__dirname, '../../..');

/** Where results go (git-ignored except its README). */
export const outputFolder = resolve(workspaceRoot, 'bench');

import { resolve } from 'node:path';
import { workspaceRoot } from '@todo/test-harness';

/** Where results go (git-ignored except its README). */
export const outputFolder = resolve(workspaceRoot, 'bench');

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const baseImagesScript = resolve(__dirname, '../../containers/base-images.sh');

/** Calls base_image_args with a fake engine that has exactly `present` images and can pull `pullable`. */
function baseImageArgs(present: string[], pullable: string[], args: string[]) {
  const folder = mkdtempSync(join(tmpdir(), 'base-images-'));
  try {
    const fakeEngine = join(folder, 'engine');
    writeFileSync(
      fakeEngine,
      [
        '#!/usr/bin/bash',
        `present=" ${present.join(' ')} "; pullable=" ${pullable.join(' ')} "`,
        'if [ "$1 $2" = "image inspect" ]; then [[ "$present" == *" $3 "* ]]; exit; fi',
        'if [ "$1" = pull ]; then [[ "$pullable" == *" ${@: -1} "* ]]; exit; fi',
        'exit 2',
      ].join('\n'),
    );
    chmodSync(fakeEngine, 0o755);
    const result = spawnSync('/usr/bin/bash', ['-c', `source '${baseImagesScript}' && base_image_args '${fakeEngine}' ${args.join(' ')}`], { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const pinned = readFileSync(resolve(__dirname, '../../../.nvmrc'), 'utf8').trim().replace(/^v/, '');
const officialNode = `node:${pinned}-bookworm-slim`;
const standInNode = `todo-stand-in/node:${pinned}-bookworm-slim`;

describe('base_image_args (tools/containers/base-images.sh): which base each build takes', () => {
  it('takes the local stand-in when it was built', () => {
    expect(baseImageArgs([standInNode, officialNode], [], ['NODE_IMAGE'])).toEqual({ status: 0, stdout: `--build-arg NODE_IMAGE=${standInNode}`, stderr: '' });
  });

  it('leaves the Dockerfile its official default when that is here or can be pulled', () => {
    expect(baseImageArgs([officialNode], [], ['NODE_IMAGE'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(baseImageArgs([], [officialNode], ['NODE_IMAGE'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('says in one line how to build the stand-ins when neither is available', () => {
    const result = baseImageArgs([], [], ['NODE_IMAGE']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`base image ${officialNode} is neither here nor pullable: build local stand-ins with 'bash tools/containers/build-base-stand-ins.sh'`);
  });

  it('refuses a build argument it does not know', () => {
    expect(baseImageArgs([], [], ['PYTHON_IMAGE'])).toMatchObject({ status: 1, stderr: 'base-images: unknown base image argument PYTHON_IMAGE' });
  });
});

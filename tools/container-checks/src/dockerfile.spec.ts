import { copies, environment, execForm, isRootUser, lastArgs, parseDockerfile } from './dockerfile';

const text = `# syntax=docker/dockerfile:1.7
FROM node:20 AS build
RUN echo one \\
  && echo two
FROM alpine:3
ENV A=1 \\
    B="two words"
COPY --chmod=0555 <<'SCRIPT' /bin/run
#!/bin/sh
echo "$A"
SCRIPT
COPY --from=build /w/dist/ /srv/
USER 101:101
CMD ["run", "-t"]
`;

describe('parseDockerfile', () => {
  const [build, runtime] = parseDockerfile(text);

  it('splits stages, joins continuation lines and skips comments', () => {
    expect(build).toMatchObject({ image: 'node:20', name: 'build' });
    expect(build!.instructions).toEqual([{ keyword: 'RUN', args: 'echo one  && echo two', heredocs: {} }]);
    expect(runtime).toMatchObject({ image: 'alpine:3' });
  });

  it('reads ENV, COPY with flags and here-documents, USER and exec-form CMD', () => {
    expect(environment(runtime!)).toEqual({ A: '1', B: 'two words' });
    expect(copies(runtime!)).toEqual([
      { flags: { chmod: '0555' }, sources: ["<<'SCRIPT'"], destination: '/bin/run', heredocs: { SCRIPT: '#!/bin/sh\necho "$A"\n' } },
      { flags: { from: 'build' }, sources: ['/w/dist/'], destination: '/srv/', heredocs: {} },
    ]);
    expect(lastArgs(runtime!, 'USER')).toBe('101:101');
    expect(execForm(lastArgs(runtime!, 'CMD')!)).toEqual(['run', '-t']);
  });

  it('treats a missing USER, root and uid 0 as root', () => {
    expect([undefined, 'root', '0', '0:0', 'root:staff'].map(isRootUser)).toEqual([true, true, true, true, true]);
    expect(['101:101', '1000', 'node'].map(isRootUser)).toEqual([false, false, false]);
  });
});

import { execFileSync } from 'node:child_process';

/**
 * The files `docker build` would send as context from `root`, given the lines of a .dockerignore:
 * a file is left out when the last pattern matching it (or one of its folders) is not a `!` one.
 */
export function contextFiles(root: string, ignoreFile: string): string[] {
  const rules = ignoreFile
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => ({ include: line.startsWith('!'), pattern: globToRegExp(line.replace(/^!/, '')) }));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file !== '');
  return files.filter((file) => {
    const parts = file.split('/');
    const paths = parts.map((_, index) => parts.slice(0, index + 1).join('/'));
    let included = true;
    for (const { include, pattern } of rules) {
      if (paths.some((path) => pattern.test(path))) included = include;
    }
    return included;
  });
}

/** Docker's patterns: `*` and `?` within one path segment, `**` across any number of them. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] ?? '';
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source.replace(/\/$/, '')}$`);
}

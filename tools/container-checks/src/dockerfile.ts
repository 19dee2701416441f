/** One Dockerfile instruction, continuation lines joined, with the here-documents it opens. */
export interface Instruction {
  keyword: string;
  /** Everything after the keyword, on one line. */
  args: string;
  /** Here-document bodies by name (`COPY <<'NAME' /path`), each ending with a newline. */
  heredocs: Record<string, string>;
}

/** One `FROM` stage and its instructions. */
export interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

/**
 * Parses the subset of Dockerfile syntax this repository uses: comments, `\` continuations,
 * here-documents and multi-stage builds. Enough to read back what an image will hold.
 */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split('\n');
  const lineAt = (index: number) => lines[index] ?? '';
  for (let i = 0; i < lines.length; i++) {
    let line = lineAt(i);
    if (/^\s*(#|$)/.test(line)) continue;
    while (line.endsWith('\\') && i + 1 < lines.length) {
      line = `${line.slice(0, -1)} ${lineAt(++i).trim()}`;
    }
    const [, keyword = '', args = ''] = /^\s*(\S+)\s*(.*)$/.exec(line) ?? [];
    const heredocs: Record<string, string> = {};
    for (const [, name = ''] of args.matchAll(/<<-?['"]?(\w+)['"]?/g)) {
      let body = '';
      while (++i < lines.length && lineAt(i) !== name) body += `${lineAt(i)}\n`;
      heredocs[name] = body;
    }
    const instruction = { keyword: keyword.toUpperCase(), args, heredocs };
    const stage = stages.at(-1);
    if (instruction.keyword === 'FROM') {
      const [, image = '', name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ image, ...(name ? { name } : {}), instructions: [] });
    } else if (!stage) {
      throw new Error(`"${keyword}" before the first FROM`);
    } else {
      stage.instructions.push(instruction);
    }
  }
  return stages;
}

/** The instructions of `stage` with this keyword. */
export function instructions(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword);
}

/** The last value of a single-valued instruction (`USER`, `WORKDIR`, ...), if any. */
export function lastArgs(stage: Stage, keyword: string): string | undefined {
  return instructions(stage, keyword).at(-1)?.args;
}

/** `ENV KEY=value ...` of the stage, in order (quoted values unquoted). */
export function environment(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of instructions(stage, 'ENV')) {
    for (const [, key = '', quoted, bare] of args.matchAll(/(\w+)=(?:"([^"]*)"|(\S*))/g)) {
      env[key] = quoted ?? bare ?? '';
    }
  }
  return env;
}

/** A `COPY`: its `--flag=value` options, sources and destination. */
export interface Copy {
  flags: Record<string, string>;
  sources: string[];
  destination: string;
  heredocs: Record<string, string>;
}

export function copies(stage: Stage): Copy[] {
  return instructions(stage, 'COPY').map(({ args, heredocs }) => {
    const words = args.split(/\s+/);
    const flags = Object.fromEntries(
      words.filter((word) => word.startsWith('--')).map((word) => word.slice(2).split('=') as [string, string]),
    );
    const paths = words.filter((word) => !word.startsWith('--'));
    return { flags, sources: paths.slice(0, -1), destination: paths.at(-1) ?? '', heredocs };
  });
}

/** The exec-form (JSON array) arguments of an instruction such as `CMD` or `HEALTHCHECK ... CMD`. */
export function execForm(args: string): string[] {
  const json = /(\[.*\])\s*$/.exec(args)?.[1];
  if (!json) throw new Error(`not in exec form: ${args}`);
  return JSON.parse(json) as string[];
}

/** Whether a `USER` value names root (by name or id 0, with or without a group). */
export function isRootUser(user: string | undefined): boolean {
  return user === undefined || /^(root|0)(:.*)?$/.test(user.trim());
}

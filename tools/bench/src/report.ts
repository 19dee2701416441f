import { backendCpuOverSdk } from './budgets';
import type { BenchResults, BudgetOutcome, LoadStats } from './results';
import { renderShipping } from './shipping/replay-score';

/** A Markdown table; cells are already formatted text. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Fixed decimals, so columns of figures line up when read. */
export function fixed(value: number | undefined, digits = 2): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function latency(stats: LoadStats): string {
  return `${fixed(stats.p50Ms)} / ${fixed(stats.p99Ms)}`;
}

function budgetRow(outcome: BudgetOutcome): string[] {
  const sign = outcome.kind === 'max' ? '≤' : '≥';
  const unit = outcome.unit ? ` ${outcome.unit}` : '';
  return [
    outcome.label,
    `${sign} ${outcome.limit}${unit}`,
    outcome.actual === undefined ? 'not measured' : `${fixed(outcome.actual)}${unit}`,
    outcome.detail ?? '',
    outcome.pass ? 'pass' : '**MISS**',
  ];
}

/** Renders `bench/results.md` from the results: every figure, the budgets and how each was measured. */
export function renderReport(results: BenchResults): string {
  const { machine } = results;
  const parts: string[] = [
    '# Benchmark results',
    '',
    `Mode: **${results.mode}**${results.mode === 'smoke' ? ' (tiny runs that prove the code works; figures mean nothing, budgets are not checked)' : ''}. ` +
      `Run ${results.startedAt} to ${results.finishedAt}, commit \`${machine.commit}\`.`,
    '',
    `Machine: ${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}; load average (1/5/15 min) ` +
      `${machine.loadAverageStart.map((value) => value.toFixed(2)).join(' / ')} at the start, ` +
      `${machine.loadAverageEnd.map((value) => value.toFixed(2)).join(' / ')} at the end. ` +
      'The machine is shared: absolute figures vary run to run; ratios against a reference measured in the same run are what the budgets use where they can.',
    '',
    '## Budgets',
    '',
    markdownTable(['budget', 'limit', 'measured', 'from', 'result'], results.budgets.map(budgetRow)),
  ];

  if (results.failures.length) {
    parts.push('', '## Sections that failed', '', ...results.failures.map((failure) => `- **${failure.section}**: ${failure.error}`));
  }

  if (results.api?.length) {
    parts.push(
      '',
      '## 1. API versus the store alone',
      '',
      markdownTable(
        ['operation', 'conns', 'store req/s', 'API req/s', 'API/store median of rounds', 'pooled', 'rounds', 'store p50 / p99 ms', 'API p50 / p99 ms', 'errors store / API', 'backend CPU ms/req best round / pooled', 'SDK driver CPU ms/op best round / pooled', 'backend / SDK', 'dynalite CPU ms/req store / API', 'autocannon CPU ms/req'],
        results.api.map((entry) => [
          entry.operation,
          String(entry.connections),
          fixed(entry.store.rps, 0),
          fixed(entry.api.rps, 0),
          `${fixed(entry.ratio * 100, 1)}%`,
          `${fixed(entry.pooledRatio * 100, 1)}%`,
          entry.roundRatios.map((ratio) => `${fixed(ratio * 100, 0)}%`).join(' '),
          latency(entry.store),
          latency(entry.api),
          `${entry.store.errors} / ${entry.api.errors}`,
          `${fixed(entry.backendCpuMsPerRequest, 3)} / ${fixed(entry.backendCpuMsPerRequestPooled, 3)}`,
          `${fixed(entry.driverCpuMsPerRequest, 3)} / ${fixed(entry.driverCpuMsPerRequestPooled, 3)}`,
          `${fixed(backendCpuOverSdk(entry))}×`,
          `${fixed(entry.storeCpuMsPerRequest.store, 3)} / ${fixed(entry.storeCpuMsPerRequest.api, 3)}`,
          fixed(entry.loadGeneratorCpuMsPerRequest, 3),
        ]),
      ),
      '',
      'Method: dynalite runs in a child process of its own; the backend bundle in another; the load (autocannon for the API, ' +
        'a closed loop of the same number of concurrent callers through `@aws-sdk/lib-dynamodb` with keep-alive for the store) ' +
        'comes from the bench process. Store and API runs alternate in short rounds against the same dynalite and table; the ratio is the median of the rounds\' own ratios (the pooled one beside it). ' +
        '`list` is one page of 50 from a table of 1,000 todos; `create` a conditional put; `toggle` a PATCH of `completed` with `If-Match` ' +
        '(the todos go round a queue, ten per connection, so none loses a race; their versions are read back after each run). ' +
        'CPU per request is the change of `utime + stime` in `/proc/<pid>/stat` of that process over the measured runs (warm-up excluded), ' +
        'divided by the requests completed; it includes garbage collection and the request logs (production level `info`). ' +
        'The SDK driver\'s CPU per operation is the bench process\'s own `process.cpuUsage()` over the store-alone runs: the floor, since the backend makes the same call through the same SDK. ' +
        'Both are read from the round that needed least (contention on a shared machine only ever adds CPU time, so the least-disturbed round is the best estimate of the code\'s own cost), the pooled figures beside them; the budget is their ratio, backend / SDK.',
    );
  }

  if (results.nginx?.length) {
    parts.push(
      '',
      '## 2. Through nginx',
      '',
      markdownTable(
        ['operation', 'conns', 'direct p50 / p99 ms', 'via nginx p50 / p99 ms', 'added p50 ms', 'added p99 ms', 'direct / via nginx req/s'],
        results.nginx.map((entry) => [
          entry.operation,
          String(entry.connections),
          latency(entry.direct),
          latency(entry.proxied),
          fixed(entry.addedP50Ms),
          fixed(entry.addedP99Ms),
          `${fixed(entry.direct.rps, 0)} / ${fixed(entry.proxied.rps, 0)}`,
        ]),
      ),
      '',
      'Method: nginx runs the production template (rendered with envsubst) in front of the same backend; direct and proxied runs alternate in rounds. ' +
        'Latencies are every response time autocannon reported, pooled over the rounds.',
    );
  }

  if (results.startup) {
    const { startup } = results;
    parts.push(
      '',
      '## 3. Start-up',
      '',
      `Launch of \`node apps/backend/dist/main.js\` to the first 200 from \`/ready\`: median **${fixed(startup.medianMs, 0)} ms** ` +
        `over ${startup.runsMs.length} runs (${startup.runsMs.map((run) => run.toFixed(0)).join(', ')} ms), ` +
        `having used ${fixed(startup.cpuMsAtReadyMedian, 0)} ms of CPU by then (median). ` +
        `A bare Node HTTP server, launched the same way between those runs, answered after ${fixed(startup.referenceMedianMs, 0)} ms (median): ` +
        'that much of the figure is Node and the machine. ' +
        `Bundle: ${kb(startup.bundleBytes)} on disk, ${kb(startup.bundleGzipBytes)} gzipped.`,
    );
  }

  if (results.frontendBuild) {
    const build = results.frontendBuild;
    parts.push(
      '',
      '## 4. Frontend',
      '',
      markdownTable(
        ['file', 'kind', 'initial', 'raw', 'gzip'],
        build.files.map((file) => [file.file, file.kind, file.initial ? 'yes' : 'no', kb(file.rawBytes), kb(file.gzipBytes)]),
      ),
      '',
      `JavaScript ${kb(build.jsRawBytes)} raw, ${kb(build.jsGzipBytes)} gzipped (initial: ${kb(build.initialJsGzipBytes)}); ` +
        `CSS ${kb(build.cssRawBytes)} raw, ${kb(build.cssGzipBytes)} gzipped. Gzip at zlib level 6. ` +
        '"Initial" files are those index.html loads itself.',
    );
  }

  if (results.browser?.length) {
    parts.push(
      '',
      markdownTable(
        ['todos', 'first visible ms', 'all visible ms', 'toggle repaint ms', 'toggle runs: input delay + update + frame ms', 'runs'],
        results.browser.map((entry) => [
          String(entry.todos),
          fixed(entry.firstVisibleMs, 0),
          fixed(entry.allVisibleMs, 0),
          fixed(entry.toggleRepaintMs, 1),
          entry.runs
            .flatMap((run) => (run.toggleParts ? [`${fixed(run.toggleParts.inputDelayMs, 1)} + ${fixed(run.toggleParts.updateMs, 1)} + ${fixed(run.toggleParts.frameMs, 1)}`] : []))
            .join('; ') || '–',
          String(entry.runs.length),
        ]),
      ),
      '',
      'Method: headless Debian Chromium driven by Playwright, through nginx and the backend, with the todos already in the store. ' +
        'Times are measured in the page: navigation start to the first and to the last todo element in the DOM (a MutationObserver), ' +
        "and for the toggle, on the settled page (after an idle callback), the click event's timestamp to the end of the frame after the todo's row changed class " +
        '(an animation frame, then a task), split into the wait for the main thread, the app\'s handler and render, and the frame. Medians of the runs.',
    );
  }

  if (results.planner) {
    const { planner } = results;
    parts.push(
      '',
      '## 5. Planner',
      '',
      markdownTable(
        ['workspace', 'projects', 'wall median ms', 'wall runs ms', 'CPU median ms', 'CPU runs ms'],
        [planner.repo, ...planner.scaling].map((run, index) => [
          index === 0 ? 'this repository' : 'generated',
          String(run.projects),
          fixed(run.medianMs, 0),
          run.runsMs.map((value) => value.toFixed(0)).join(', '),
          fixed(run.cpuMedianMs, 0),
          run.cpuRunsMs.map((value) => value.toFixed(0)).join(', '),
        ]),
      ),
      '',
      `Line through the CPU-time medians of the generated workspaces: ${fixed(planner.fit.fixedMs, 0)} ms + ${fixed(planner.fit.msPerProject, 2)} ms per project (r² ${fixed(planner.fit.r2, 3)}). ` +
        `Growth exponent of the CPU time above the smallest workspace's, over the sizes of 100 and more: **${fixed(planner.growthExponent, 2)}** (1 = linear, 2 = quadratic). ` +
        'CPU time (the planner and the Nx plugin workers it starts) is used for the growth because wall time here moves two- to three-fold with other people\'s work.',
      ...(planner.everyProjectChanged
        ? [
            '',
            `When the last commit changes every project instead (one run per size): ${planner.everyProjectChanged.scaling
              .map((run) => `${run.projects} projects ${fixed(run.medianMs, 0)} ms (CPU ${fixed(run.cpuMedianMs, 0)} ms)`)
              .join(', ')}; growth exponent **${fixed(planner.everyProjectChanged.growthExponent, 2)}**. ` +
              'Here the changed files grow with the project count too; no budget applies, it shows the cost of a sweeping change.',
          ]
        : []),
      '',
      'Method: `npm run deploy-plan -- --base HEAD~1 --json` as a new process with `NX_DAEMON=false` and an empty Nx workspace-data folder ' +
        '(`NX_WORKSPACE_DATA_DIRECTORY`), so every run builds the project graph from nothing. Generated workspaces are scratch git repositories ' +
        'with this repository\'s nx.json and plugins, two services and N libraries in a dependency chain; their last commit changes one library.',
    );
  }

  if (results.nodeVersions) {
    const { pinned, previous, ratios } = results.nodeVersions;
    const figures = (runtime: typeof pinned) => [
      fixed(runtime.startupMedianMs, 0),
      fixed(runtime.cpuMsAtReadyMedian, 0),
      fixed(runtime.createCpuMsPerRequest, 3),
      fixed(runtime.listCpuMsPerRequest, 3),
    ];
    parts.push(
      '',
      '## 6. Node versions',
      '',
      markdownTable(
        ['Node', 'start-up median ms', 'CPU at ready ms', 'create CPU ms/req', 'list-50 CPU ms/req'],
        [
          [`${pinned.version} (pinned)`, ...figures(pinned)],
          [`${previous.version} (previous)`, ...figures(previous)],
          ['ratio', fixed(ratios.startup), fixed(ratios.cpuAtReady), fixed(ratios.create), fixed(ratios.list)],
        ],
      ),
      '',
      'Method: the same `apps/backend/dist/main.js` launched on each official Node binary (installed from the npm registry by ' +
        '`tools/node/install-pinned-node.sh`), the two alternating in rounds against one dynalite; in each launch, start-up to the first 200 ' +
        'from `/ready`, then backend CPU per request over a load run of lists and then creates at 10 connections. Medians of the rounds; ' +
        'a ratio below 1 means the pinned Node costs less.',
    );
  }

  if (results.generator) {
    const generator = results.generator;
    const runs = (values: number[]) => values.map((ms) => fixed(ms, 0)).join(', ');
    parts.push(
      '',
      '## 7. Service generator',
      '',
      markdownTable(
        ['step', 'median ms', 'runs ms'],
        [
          ['`nx g @todo/platform:service stats`', fixed(generator.generateMedianMs, 0), runs(generator.generateRunsMs)],
          [`cdk synth, two services (${generator.stacks.two} stacks)`, fixed(generator.synthTwoServicesMedianMs, 0), runs(generator.synthTwoServicesRunsMs)],
          [`cdk synth, three services (${generator.stacks.three} stacks)`, fixed(generator.synthThreeServicesMedianMs, 0), runs(generator.synthThreeServicesRunsMs)],
        ],
      ),
      '',
      `Three-service synth over the same round's two-service synth: **${fixed(generator.synthRatio)}**. Files: ${generator.files.map((f) => `\`${f}\``).join(', ')}.`,
      '',
      'Method: in a scratch git copy of this workspace (node_modules linked), each round runs the CDK CLI synth (`cdk synth --quiet`, cdk-nag ' +
        'included, as `nx run infra:synth`), then `nx g @todo/platform:service stats --callers backend --public-path /api/stats` as a new process ' +
        '(Nx start-up included, no daemon), then the synth again, then resets the copy.',
    );
  }

  if (results.containers) {
    const { containers } = results;
    const seconds = (values: readonly number[]) => (values.length ? values.map((value) => (value / 1000).toFixed(1)).join(', ') : 'not run');
    parts.push(
      '',
      '## 8. Containers',
      '',
      markdownTable(
        ['image', 'size', 'above its base', 'cold build s', 'build with Nx cached s'],
        containers.images.map((image) => [
          `todo/${image.service}`,
          `${fixed(image.sizeBytes / 1e6, 1)} MB`,
          kb(image.addedBytes),
          seconds(image.coldBuildMs),
          seconds(image.cachedBuildMs),
        ]),
      ),
      '',
      `\`npm run start:containers\` to the first 200 from \`/api/todos\` through nginx: median **${fixed(containers.startToFirst200MedianMs / 1000, 1)} s** ` +
        `(${seconds(containers.startToFirst200Ms)} s), with the images' Nx builds cached. A bare \`run --rm <base> true\` between those runs took ` +
        `${fixed(containers.bareContainerStartMedianMs / 1000, 1)} s (median): the engine's own cost of one container start (the site starts two, and a network).`,
      '',
      `Method: ${containers.engine}; each build is \`nx run <service>:container\` as a new process, cold with \`--skip-nx-cache -- --no-cache\` ` +
        '(the Nx build and every image layer redone), then again with both caches. Sizes are what the engine reports; "above its base" is the size ' +
        'minus that of the image whose layers it starts with.',
    );
  }

  parts.push(...renderShipping(results.shipping));
  return `${parts.join('\n')}\n`;
}

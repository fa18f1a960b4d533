import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { builtinLexicons, builtinRules } from '../../rules';
import { ModelBuilder } from './core/build';
import { ConfigResolver, type ResolverOptions } from './core/config';
import { ProjectBoundary } from './core/project-boundary';
import { lintDocument } from './core/rules/engine';
import { scoreRow, type ScoreRow } from './core/score-rows';

// `actionable score`: lint many documents across CPU cores with worker_threads. The CLI bundle is
// also the worker script: started as a worker, it lints the roots it is given and posts one row each.

interface Job {
  roots: string[];
  cwd: string;
  resolver: ResolverOptions;
  maxFileSize?: number;
}

type Message = { row: ScoreRow; index: number } | { error: string; index: number };

export function scoreInWorkers(roots: string[], job: Omit<Job, 'roots'>, jobs: number, onRow: (done: number) => void): Promise<ScoreRow[]> {
  const rows: ScoreRow[] = new Array(roots.length);
  const workers = Math.max(1, Math.min(jobs, roots.length));
  let done = 0;
  const slices: Array<Array<{ root: string; index: number }>> = Array.from({ length: workers }, () => []);
  roots.forEach((root, index) => slices[index % workers].push({ root, index }));
  return new Promise((resolve, reject) => {
    let running = workers;
    for (const slice of slices) {
      const worker = new Worker(__filename, { workerData: { actionableScoreJob: { ...job, roots: slice.map((s) => s.root) } } });
      worker.on('message', (m: Message) => {
        const index = slice[m.index].index;
        if ('error' in m) reject(new Error(`${roots[index]}: ${m.error}`));
        else {
          rows[index] = m.row;
          onRow(++done);
        }
      });
      worker.on('error', reject);
      worker.on('exit', () => {
        if (--running === 0) resolve(rows);
      });
    }
  });
}

export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Runs when this bundle is loaded as a score worker. */
function runWorker(job: Job): void {
  // The same boundary as the command line's: each root's project, and the working directory.
  const boundary = new ProjectBoundary({ cwd: job.cwd });
  boundary.enterFolder(job.cwd);
  const builder = new ModelBuilder({ maxFileSize: job.maxFileSize, boundary });
  const resolver = new ConfigResolver(builtinRules, { ...job.resolver, boundary, cwd: job.cwd });
  job.roots.forEach((root, index) => {
    try {
      const result = lintDocument(builder.build(root), builtinRules, builtinLexicons(), resolver.forFile(root));
      parentPort!.postMessage({ row: scoreRow(result, job.cwd), index } satisfies Message);
    } catch (error) {
      parentPort!.postMessage({ error: (error as Error).message, index } satisfies Message);
    }
  });
}

if (!isMainThread && workerData?.actionableScoreJob) runWorker(workerData.actionableScoreJob as Job);

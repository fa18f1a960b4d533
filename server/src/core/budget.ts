/**
 * How long one document may take to read, and then how long its rules may take: far above what any
 * real paper under the size limit needs, so that it only stops a draft made to be slow, and the other
 * documents of a run go on (issue 14). `--time-budget` and the `timeBudget` option change it.
 */
export const DEFAULT_TIME_BUDGET_MS = 30_000;

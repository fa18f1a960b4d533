import envPaths from 'env-paths';

// The cache lives in the user's cache folder (XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches
// on macOS, %LOCALAPPDATA% on Windows; env-paths knows them), not in the repository being linted: a
// pull request controls every file of its checkout, and a cache entry it committed must never decide
// what a run reports.

export function defaultCacheLocation(): string {
  return envPaths('actionable', { suffix: '' }).cache;
}

import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject } from 'ajv';
import safeRegex from 'safe-regex2';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BAR_SCHEMA, type Bar } from './bar';
import { PAPER_KINDS } from './directives';
import { didYouMean } from './text/suggest';
import type { PaperKind } from './model';
import { checkNamed, isInside, MAX_CONFIG_SIZE, type ProjectBoundary, readRegularFile, repositoryTop } from './project-boundary';
import type { LintConfig, RuleSetting } from './rules/engine';
import { LEXICON_NAMES, type LexiconData, type LexiconName } from './rules/lexicon';
import type { Rule } from './rules/types';

// The config file a team commits: `.actionable.json` or `.actionable.jsonc`, found upward from each
// draft. Files cascade: the nearest file wins key by key, and a file with `"root": true` stops the
// search, as in ESLint. Every file is validated against the JSON Schema built from the rules, so an
// unknown key, rule id or option is an error that names the key and the file.

export const CONFIG_NAMES = ['.actionable.json', '.actionable.jsonc'];

export interface ConfigFile {
  root?: boolean;
  kind?: PaperKind;
  rules?: Record<string, RuleSetting>;
  lexicons?: Partial<Record<LexiconName, LexiconData>>;
  ignore?: string[];
  require?: Bar;
}

export interface ResolvedConfig extends LintConfig {
  /** The bar each document must meet (merged key by key, nearest file first). */
  require?: Bar;
  /** Where each set key came from (`kind`, `rules.<id>`, `require.<key>`, `lexicons.<name>`): a file, or "command line". */
  sources?: Record<string, string>;
  /** The files it came from, nearest first. */
  files: string[];
  /** `ignore` patterns of each file, relative to that file's folder. */
  ignores: Array<{ base: string; patterns: string[]; file?: string }>;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    /** What is wrong, without the file name (an editor shows it on the file itself). */
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

const SEVERITY = { enum: ['off', 'info', 'warning', 'error'] };

/** The JSON Schema of the config file, with each rule's own options schema. */
export function configSchema(rules: readonly Rule<any>[]): Record<string, unknown> {
  const ruleProperties = Object.fromEntries(
    rules.map((r) => [
      r.meta.id,
      {
        description: `${r.meta.description} (${r.meta.paperSection}; default ${r.meta.defaultSeverity}).`,
        oneOf: [
          SEVERITY,
          { type: 'array', prefixItems: [SEVERITY, r.meta.optionsSchema], items: false, minItems: 1 },
        ],
      },
    ]),
  );
  const lexiconProperties = Object.fromEntries(
    LEXICON_NAMES.map((name) => [name, { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } }, description: `Extra phrases for the ${name} lexicon, by category.` }]),
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Actionable configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      root: { type: 'boolean', description: 'Stop looking for config files in parent folders.' },
      kind: { enum: [...PAPER_KINDS], description: 'The paper kind; by default a directive or the abstract decides.' },
      rules: { type: 'object', additionalProperties: false, properties: ruleProperties, description: 'Severity, or [severity, options], per rule id.' },
      lexicons: { type: 'object', additionalProperties: false, properties: lexiconProperties, description: 'Extra phrases for the lexicons the rules match.' },
      ignore: { type: 'array', items: { type: 'string' }, description: 'Paths not to lint when searching folders, in .gitignore syntax, relative to this file.' },
      require: BAR_SCHEMA,
    },
  };
}

let validator: { rules: readonly Rule<any>[]; validate: ReturnType<Ajv2020['compile']> } | undefined;

function validate(rules: readonly Rule<any>[], data: unknown, file: string): ConfigFile {
  if (!validator || validator.rules !== rules) {
    // verbose: each error carries its schema, whose property names feed "did you mean".
    const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
    validator = { rules, validate: ajv.compile(configSchema(rules)) };
  }
  if (!validator.validate(data)) throw new ConfigError(file, describeErrors(validator.validate.errors ?? []));
  const unsafe = unsafePhrase(data);
  if (unsafe) throw new ConfigError(file, unsafe);
  return data as ConfigFile;
}

/**
 * Editor settings (`kind`, `rules`) checked against the same schema as a config file. An entry a
 * config file could not hold is dropped and described, never used: an unknown kind would switch
 * every rule off, a severity "fatal" would give diagnostics with no severity, an option of the wrong
 * type would make its rule throw, a nested-repetition phrase could hang the server.
 */
export function checkSettings(rules: readonly Rule<any>[], settings: { kind?: unknown; rules?: unknown }): { overrides: LintConfig; problems: string[] } {
  const data: Record<string, unknown> = {};
  if (settings.kind !== undefined && settings.kind !== null && settings.kind !== '') data.kind = settings.kind;
  if (settings.rules !== undefined && settings.rules !== null) data.rules = settings.rules;
  const problems: string[] = [];
  if (data.rules !== undefined && (typeof data.rules !== 'object' || Array.isArray(data.rules))) {
    problems.push('rules: must be an object of rule id → severity or [severity, options]');
    delete data.rules;
  }
  // Check each entry on its own, so that one bad entry drops only itself.
  const entries: Array<[string, Record<string, unknown>]> = [];
  if (data.kind !== undefined) entries.push(['kind', { kind: data.kind }]);
  for (const [id, setting] of Object.entries((data.rules ?? {}) as Record<string, unknown>)) entries.push([id, { rules: { [id]: setting } }]);
  const overrides: LintConfig = {};
  for (const [key, piece] of entries) {
    const problem = settingProblem(rules, piece);
    if (problem) problems.push(problem);
    else if (key === 'kind') overrides.kind = piece.kind as PaperKind;
    else (overrides.rules ??= {})[key] = (piece.rules as Record<string, RuleSetting>)[key];
  }
  return { overrides, problems };
}

function settingProblem(rules: readonly Rule<any>[], piece: Record<string, unknown>): string | undefined {
  try {
    validate(rules, piece, 'settings');
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error.detail;
    throw error;
  }
}

/** Longest `/regex/` phrase accepted: a phrase is a word or an idiom, not a program. */
const MAX_REGEX_PHRASE = 500;

/**
 * The first `/regex/` phrase in a config that does not compile or could take exponential time on a
 * line of a draft ("/(a+)+$/": nested repetition, found by safe-regex2's star-height check), with the
 * reason; phrases without slashes are literal and always safe.
 */
export function unsafePhrase(data: unknown, at = ''): string | undefined {
  if (typeof data === 'string') {
    if (!(data.length > 2 && data.startsWith('/') && data.endsWith('/'))) return undefined;
    const where = at ? `${at}: ` : '';
    if (data.length > MAX_REGEX_PHRASE) return `${where}the regular-expression phrase is longer than ${MAX_REGEX_PHRASE} characters`;
    let re: RegExp;
    try {
      // The flags the lexicons compile with (core/rules/lexicon.ts regexFlags): Unicode only for \p{…} and \u{…}.
      re = new RegExp(data.slice(1, -1), /\\[pPu]\{/.test(data) ? 'iu' : 'i');
    } catch (error) {
      return `${where}${JSON.stringify(data)} is not a valid regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`;
    }
    if (!safeRegex(re)) return `${where}${JSON.stringify(data)} nests repetition (as in "(a+)+") and could take exponential time; write it without a repeated group that itself repeats, or as a literal phrase without slashes`;
    return undefined;
  }
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) {
      const found = unsafePhrase(data[i], `${at}[${i}]`);
      if (found) return found;
    }
  } else if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      const found = unsafePhrase(value, at ? `${at}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * An error's place in words: `rules.vague-action`, and for a rule's options (index 1 of
 * [severity, options]) `option "extraPhrases" of rule vague-action` rather than `rules.vague-action.1.extraPhrases`.
 */
function placeOf(instancePath: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (parts.length >= 3 && parts[0] === 'rules' && parts[2] === '1') {
    const rest = parts.slice(3).join('.');
    return rest ? `option "${rest}" of rule ${parts[1]}` : `options of rule ${parts[1]}`;
  }
  return parts.join('.') || '(top level)';
}

function describeErrors(errors: ErrorObject[]): string {
  // The most specific error per location: "rules.vague-action" beats the oneOf summary.
  const seen = new Set<string>();
  const lines: string[] = [];
  // A value may fail both branches of "severity or [severity, options]": keep the error of the
  // branch it was meant for (the deepest one, or the enum for a plain string).
  const paths = errors.map((e) => e.instancePath);
  const relevant = errors.filter(
    (e) =>
      !((e.keyword === 'enum' || e.keyword === 'type') && paths.some((p) => p.startsWith(`${e.instancePath}/`))) &&
      !(e.keyword === 'type' && errors.some((o) => o !== e && o.instancePath === e.instancePath && o.keyword === 'enum')),
  );
  for (const e of relevant) {
    if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const at = placeOf(e.instancePath);
    let message: string;
    if (e.keyword === 'additionalProperties') {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
      const hint = didYouMean(key, known);
      const rule = /^options? .*\bof rule (\S+)$/.exec(at);
      if (at === 'rules') message = `unknown rule id "${key}"${hint || ' (run `actionable rules` for the list)'}`;
      else if (rule) message = `unknown option "${key}" of rule ${rule[1]}${hint}`;
      else message = `unknown key "${at === '(top level)' ? key : `${at}.${key}`}"${hint}`;
    } else if (e.keyword === 'enum') {
      message = `${at}: must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    } else {
      message = `${at}: ${e.message}`;
    }
    if (!seen.has(message)) {
      seen.add(message);
      lines.push(message);
    }
  }
  return lines.slice(0, 5).join('; ') || 'invalid configuration';
}

/**
 * Reads and validates one config file. `project`: the folder it must resolve inside (a link out
 * is refused). It must be a regular file of at most 1 MB (a link to /dev/zero, a FIFO or a
 * folder is refused, not read).
 */
export function readConfigFile(file: string, rules: readonly Rule<any>[], project?: string | ProjectBoundary): ConfigFile {
  let real = file;
  if (project !== undefined) {
    const checked = typeof project === 'string' ? boundaryCheck(file, project) : project.check(file);
    if (!checked.ok) throw new ConfigError(file, checked.reason);
    real = checked.real;
  }
  const read = readRegularFile(real, MAX_CONFIG_SIZE);
  if (!read.ok) throw new ConfigError(file, `${read.reason}; it was not read`);
  // A byte-order mark, as Windows editors write one, is not part of the JSON.
  const text = read.data.toString('utf8').replace(/^\uFEFF/, '');
  // A parser and a schema validator recurse per level: a file nested 200,000 deep would overflow the stack.
  const depth = nestingDepth(text);
  if (depth > MAX_CONFIG_DEPTH) throw new ConfigError(file, `nests ${depth} levels deep (at most ${MAX_CONFIG_DEPTH}); it was not read`);
  const errors: ParseError[] = [];
  const data = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const e = errors[0];
    const before = text.slice(0, e.offset).split(/\r?\n/);
    throw new ConfigError(file, `not valid JSON at line ${before.length}, column ${before[before.length - 1].length + 1}: ${JSONC_ERRORS[printParseErrorCode(e.error)] ?? printParseErrorCode(e.error)}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(file, 'must be a JSON object');
  return validate(rules, data, file);
}

/** jsonc-parser's error codes in words. */
const JSONC_ERRORS: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a key in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon (:) was expected after the key',
  CommaExpected: 'a comma was expected between two entries',
  CloseBraceExpected: 'a closing brace (}) was expected: a comma or a brace is missing before this point',
  CloseBracketExpected: 'a closing bracket (]) was expected: a comma or a bracket is missing before this point',
  EndOfFileExpected: 'the file should end after the closing brace',
  InvalidCommentToken: 'a malformed comment',
  UnexpectedEndOfComment: 'a /* comment is never closed',
  UnexpectedEndOfString: 'a string is never closed (a missing ")',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'an invalid \\u escape in a string',
  InvalidEscapeCharacter: 'an invalid backslash escape in a string',
  InvalidCharacter: 'a control character inside a string',
};

/** Deepest nesting a config may have: a real one is four or five levels deep. */
const MAX_CONFIG_DEPTH = 64;

/** The deepest nesting of brackets and braces in JSON with comments, outside strings and comments (one linear pass). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return max;
}

function boundaryCheck(file: string, project: string): { ok: true; real: string } | { ok: false; reason: string } {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return { ok: true, real: file }; // reported by the read
  }
  let realProject = project;
  try {
    realProject = fs.realpathSync(project);
  } catch {
    // keep the path
  }
  return isInside(real, realProject) ? { ok: true, real } : { ok: false, reason: `is a link to ${real}, outside the project folder (${project}); it was not read` };
}

/** Whether anything (a file, a folder, a link, even a dangling one) has this name. */
function present(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Config files that apply to a folder, nearest first, up to one with `"root": true`. The search
 * stops at the top of the repository (the folder holding `.git`) and at the project folder, so a
 * file above them (in a home folder, on a CI runner) never applies.
 */
export function findConfigFiles(dir: string, rules: readonly Rule<any>[], boundary?: ProjectBoundary): Array<{ file: string; config: ConfigFile }> {
  const found: Array<{ file: string; config: ConfigFile }> = [];
  let current = path.resolve(dir);
  const project = boundary?.projectOf(current);
  const top = repositoryTop(current);
  if (boundary && !project) return found;
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const file = path.join(current, name);
      if (present(file)) {
        const config = readConfigFile(file, rules, project ?? top);
        found.push({ file, config });
        if (config.root) return found;
        break;
      }
    }
    if (current === project || current === top) return found;
    const parent = path.dirname(current);
    if (parent === current) return found;
    current = parent;
  }
}

/** Merges config files, nearest first: the nearest file wins for each key, rule and lexicon category. */
export function mergeConfigs(files: Array<{ file: string; config: ConfigFile }>): ResolvedConfig {
  const out: ResolvedConfig = { files: files.map((f) => f.file), ignores: [], sources: {} };
  const from = (keys: string[], file: string) => {
    for (const key of keys) out.sources![key] = file;
  };
  for (const { file, config } of [...files].reverse()) {
    if (config.ignore?.length) out.ignores.push({ base: path.dirname(file), patterns: config.ignore, file });
    if (config.kind) out.kind = config.kind;
    if (config.kind) from(['kind'], file);
    if (config.rules) out.rules = { ...out.rules, ...config.rules };
    from(Object.keys(config.rules ?? {}).map((id) => `rules.${id}`), file);
    if (config.require) out.require = { ...out.require, ...config.require };
    from(Object.keys(config.require ?? {}).map((key) => `require.${key}`), file);
    from(Object.keys(config.lexicons ?? {}).map((name) => `lexicons.${name}`), file);
    if (config.lexicons) {
      out.lexicons = { ...out.lexicons };
      for (const [name, data] of Object.entries(config.lexicons) as Array<[LexiconName, LexiconData]>) {
        out.lexicons[name] = { ...out.lexicons[name], ...data };
      }
    }
  }
  return out;
}

/** A starter config with comments, for `actionable init`. */
export function starterConfig(): string {
  return `{
  // Actionable configuration (see "Configuration" in Actionable's README). Editors can validate this
  // file against schema/actionable.schema.json from the Actionable repository.
  // Stop looking for config files in parent folders.
  "root": true,
  // The paper kind: empirical, method, analysis, benchmark, position or survey.
  // Leave it out to let "% actionable: kind=…" or the abstract decide.
  // "kind": "empirical",
  "rules": {
    // Severity per rule: "off", "info", "warning" or "error"; or [severity, options].
    // "vague-action": "error",
    // "missing-baselines": ["warning", { "extraBaselines": { "fine-tuning": ["ReFT"] } }]
  },
  "lexicons": {
    // Extra phrases the rules should recognise, by lexicon and category.
    // "audiences": { "Domain experts and practitioners": ["genomicists"] }
  }
}
`;
}

export interface ResolverOptions {
  /** Use this file instead of searching (`--config`). */
  configFile?: string;
  /** Do not read any config file (`--no-config`). */
  noConfig?: boolean;
  /** Settings that win over every file (`--kind`, `--rule`, `--min-…`). */
  overrides?: LintConfig & { require?: Bar };
  /** Config files are read only inside its project folders (and never above a repository's top). */
  boundary?: ProjectBoundary;
  /** The working directory a `configFile` is relative to. */
  cwd?: string;
}

/** The config for each draft, found upward from its folder and cached per folder. */
export class ConfigResolver {
  private readonly byDir = new Map<string, ResolvedConfig>();
  private explicit?: ResolvedConfig;

  constructor(
    private readonly rules: readonly Rule<any>[],
    private readonly options: ResolverOptions = {},
  ) {}

  /** Throws ConfigError for a broken, unreadable or invalid config file. */
  forFile(file: string): ResolvedConfig {
    this.options.boundary?.enter(file);
    return this.forDirectory(path.dirname(path.resolve(file)));
  }

  /** The config that applies in a folder (for a draft in it, or for a folder search starting there). */
  forDirectory(directory: string): ResolvedConfig {
    const { configFile, noConfig } = this.options;
    let base: ResolvedConfig;
    if (noConfig) base = { files: [], ignores: [] };
    else if (configFile) {
      const abs = path.resolve(this.options.cwd ?? process.cwd(), configFile);
      if (!this.explicit) {
        // Named on the command line: it may be anywhere, but not redirected out by a link.
        const named = checkNamed(abs, this.options.cwd);
        if (!named.ok) throw new ConfigError(abs, `${named.reason}; it was not read`);
        this.explicit = mergeConfigs([{ file: abs, config: readConfigFile(abs, this.rules) }]);
      }
      base = this.explicit;
    } else {
      const dir = path.resolve(directory);
      let found = this.byDir.get(dir);
      if (!found) {
        found = mergeConfigs(findConfigFiles(dir, this.rules, this.options.boundary));
        this.byDir.set(dir, found);
      }
      base = found;
    }
    return applyOverrides(base, this.options.overrides);
  }
}

function applyOverrides(base: ResolvedConfig, overrides: (LintConfig & { require?: Bar }) | undefined): ResolvedConfig {
  if (!overrides) return base;
  const require = overrides.require ? { ...base.require, ...stripUndefined(overrides.require) } : base.require;
  const sources = { ...base.sources };
  const flagged = [
    ...(overrides.kind ? ['kind'] : []),
    ...Object.keys(overrides.rules ?? {}).map((id) => `rules.${id}`),
    ...Object.keys(stripUndefined(overrides.require ?? {})).map((key) => `require.${key}`),
  ];
  for (const key of flagged) sources[key] = COMMAND_LINE;
  return {
    ...base,
    sources,
    kind: overrides.kind ?? base.kind,
    rules: overrides.rules ? { ...base.rules, ...overrides.rules } : base.rules,
    lexicons: base.lexicons,
    ...(require ? { require } : {}),
  };
}

/** The source of a setting given by a flag (or, in the editor, by a setting). */
export const COMMAND_LINE = 'command line';

/**
 * The configuration in force for a draft, as `print-config` shows it: the kind, every rule's
 * severity and options (defaults filled in), the bar, the ignores and the lexicon additions, each
 * with where it came from ("default", a config file, or "command line"). `rel` shortens paths.
 */
export function effectiveConfig(resolved: ResolvedConfig, rules: readonly Rule<any>[], rel: (file: string) => string = (f) => f): Record<string, unknown> {
  const source = (key: string, fallback = 'default') => {
    const s = resolved.sources?.[key];
    return s === undefined ? fallback : s === COMMAND_LINE ? s : rel(s);
  };
  const ruleRows: Record<string, unknown> = {};
  for (const rule of rules) {
    const setting = resolved.rules?.[rule.meta.id];
    const [severity, options] = Array.isArray(setting) ? setting : [setting, undefined];
    ruleRows[rule.meta.id] = {
      severity: severity ?? rule.meta.defaultSeverity,
      options: { ...rule.defaultOptions, ...(options as Record<string, unknown> | undefined) },
      from: source(`rules.${rule.meta.id}`),
    };
  }
  const bar = resolved.require ?? {};
  return {
    files: resolved.files.map(rel),
    kind: resolved.kind ? { value: resolved.kind, from: source('kind') } : { value: null, from: 'not set: a directive or the abstract decides' },
    rules: ruleRows,
    require: Object.fromEntries(Object.entries(bar).map(([key, value]) => [key, { value, from: source(`require.${key}`) }])),
    ignore: resolved.ignores.flatMap((i) => i.patterns.map((pattern) => ({ pattern, base: rel(i.base) || '.', from: i.file ? rel(i.file) : COMMAND_LINE }))),
    lexicons: Object.fromEntries(Object.entries(resolved.lexicons ?? {}).map(([name, data]) => [name, { added: data, from: source(`lexicons.${name}`) }])),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

import { uriReference } from './safe-text';
import type * as Sarif from 'sarif';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LintResult } from '../rules/engine';
import type { Rule } from '../rules/types';
import { toJsonDocument, type JsonFix, type JsonLocation } from './report';
import { ruleDocUrl, ruleHelp } from './rule-docs';
import * as fs from 'node:fs';

// SARIF 2.1.0 for code scanning: one run, the rules as reportingDescriptors (checklist step and
// paper section as tags), results with locations, related locations and fixes. Columns count UTF-16
// code units, SARIF's default, and regions end exclusively, as in our JSON.

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export const EXTRA_RULES: Array<{ id: string; text: string }> = [
  { id: 'input', text: 'A problem with the input itself: unreadable, binary, too large, an \\input cycle or a path outside the project.' },
  { id: 'unused-directive', text: 'An actionable-disable directive that disables nothing, or names an unknown rule.' },
  { id: 'internal', text: 'A rule failed and was skipped; the other rules ran.' },
];

export interface SarifTool {
  version: string;
  /** The folder that holds `rules/<id>/README.md` and `README.md`, read for each rule's help. */
  docsRoot: string;
  /** The documentation on the web (`https://…/blob/v1.2.3/`); without it, links are local files. */
  docsBase?: string;
}

export function formatSarif(results: LintResult[], cwd: string, rules: readonly Rule<any>[], tool: SarifTool): string {
  const { version, docsRoot, docsBase } = tool;
  const docUrl = (relative: string) => (docsBase ? new URL(relative, docsBase).href : pathToFileURL(path.join(docsRoot, relative)).href);
  const descriptors: Sarif.ReportingDescriptor[] = [
    ...rules.map((r) => {
      const helpUri = docsBase ? ruleDocUrl(docsBase, r.meta.id) : docUrl(`rules/${r.meta.id}/README.md`);
      return {
        id: r.meta.id,
        name: pascalCase(r.meta.id),
        shortDescription: { text: r.meta.description },
        helpUri,
        help: ruleHelp(readIfPresent(path.join(docsRoot, 'rules', r.meta.id, 'README.md')), r.meta.description, helpUri),
        defaultConfiguration: { level: LEVEL[r.meta.defaultSeverity] },
        properties: { tags: [...(r.meta.checklistStep ? [`checklist-step-${r.meta.checklistStep}`] : []), `paper-${r.meta.paperSection}`] },
      };
    }),
    ...EXTRA_RULES.map((r) => ({ id: r.id, name: pascalCase(r.id), shortDescription: { text: r.text } })),
  ];
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const sarifResults: Sarif.Result[] = [];
  for (const result of results) {
    for (const f of toJsonDocument(result, cwd).findings) {
      const out: Sarif.Result = {
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId),
        level: LEVEL[f.severity],
        // The advice first (viewers show the first line), then the evidence.
        message: { text: f.detail ? `${f.message}\n\n${f.detail}` : f.message },
        locations: [physical(f)],
      };
      if (f.related?.length) out.relatedLocations = f.related.map((r, id) => ({ id, ...physical(r), message: { text: r.message } }));
      if (f.fix) out.fixes = [fix(f.fix)];
      sarifResults.push(out);
    }
  }
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'actionable', version, semanticVersion: version, informationUri: docUrl('README.md'), rules: descriptors } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd + path.sep).href } },
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function readIfPresent(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** SARIF wants a rule's name to differ from its id: "vague-action" → "VagueAction". */
function pascalCase(id: string): string {
  return id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
}

function region(at: JsonLocation): Sarif.Region {
  return { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn };
}

function physical(at: JsonLocation): Sarif.Location {
  return { physicalLocation: { artifactLocation: { uri: uriReference(at.file), uriBaseId: 'SRCROOT' }, region: region(at) } };
}

function fix(f: JsonFix): Sarif.Fix {
  const byFile = new Map<string, Sarif.Replacement[]>();
  for (const e of f.edits) {
    byFile.set(e.file, [...(byFile.get(e.file) ?? []), { deletedRegion: region(e), insertedContent: { text: e.text } }]);
  }
  return {
    description: { text: f.title },
    artifactChanges: [...byFile].map(([file, replacements]) => ({ artifactLocation: { uri: uriReference(file), uriBaseId: 'SRCROOT' }, replacements })),
  };
}

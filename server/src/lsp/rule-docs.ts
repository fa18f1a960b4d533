import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXTRA_RULES } from '../core/formats/sarif';
import type { Rule } from '../core/rules/types';

// Each rule's README (rules/<id>/README.md, shipped with the extension) is its user documentation:
// diagnostics link to it and hovers quote its "Why" and "How to fix" sections.

export interface RuleDoc {
  id: string;
  url: string;
  title: string;
  summary: string;
  why: string;
  howToFix: string;
  checklist: string;
  paperSection: string;
}

/** Findings that come from no rule (input problems, unused directives, a failed rule), as SARIF describes them. */
const OTHER_IDS = new Map(EXTRA_RULES.map((r) => [r.id, r.text]));

export class RuleDocs {
  private readonly cache = new Map<string, RuleDoc>();
  private readonly rules: Map<string, Rule<any>>;

  /** `docsRoot` is the folder holding `rules/<id>/README.md` and `README.md`. */
  constructor(
    rules: readonly Rule<any>[],
    private readonly docsRoot: string,
  ) {
    this.rules = new Map(rules.map((r) => [r.meta.id, r]));
  }

  readmePath(id: string): string {
    return this.rules.has(id) ? path.join(this.docsRoot, 'rules', id, 'README.md') : path.join(this.docsRoot, 'README.md');
  }

  url(id: string): string {
    return pathToFileURL(this.readmePath(id)).href;
  }

  get(id: string): RuleDoc {
    let doc = this.cache.get(id);
    if (!doc) {
      doc = this.load(id);
      this.cache.set(id, doc);
    }
    return doc;
  }

  private load(id: string): RuleDoc {
    const rule = this.rules.get(id);
    const base = { id, url: this.url(id), title: id, why: '', howToFix: '', checklist: '', paperSection: '' };
    if (!rule) return { ...base, summary: OTHER_IDS.get(id) ?? '' };
    let text = '';
    try {
      text = fs.readFileSync(this.readmePath(id), 'utf8');
    } catch {
      // Docs missing from the install: fall back to the one-line description.
    }
    const sections = splitSections(text);
    const step = /Checklist step \| ([^|\n]+)\|/.exec(text)?.[1].trim() ?? (rule.meta.checklistStep ? String(rule.meta.checklistStep) : '');
    return {
      ...base,
      summary: firstParagraph(sections.get('') ?? '') || rule.meta.description,
      why: firstParagraph(sections.get('why') ?? ''),
      howToFix: firstParagraph(sections.get('how to fix') ?? ''),
      checklist: step,
      paperSection: rule.meta.paperSection,
    };
  }
}

/** Markdown text by lower-cased `##` heading; '' is the text before the first one (title removed). */
function splitSections(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  let name = '';
  let body: string[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^##\s+(.*)$/.exec(line);
    if (heading) {
      out.set(name, body.join('\n'));
      name = heading[1].trim().toLowerCase();
      body = [];
    } else if (!/^#\s/.test(line)) body.push(line);
  }
  out.set(name, body.join('\n'));
  return out;
}

/** The first prose paragraph (not a table or code), with its lines joined. */
function firstParagraph(text: string): string {
  for (const para of text.split(/\n\s*\n/)) {
    const trimmed = para.trim();
    if (trimmed && !trimmed.startsWith('|') && !trimmed.startsWith('```')) return trimmed.replace(/\s*\n\s*/g, ' ');
  }
  return '';
}

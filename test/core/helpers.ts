import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModelBuilder } from '../../server/src/core/build';
import type { Block, PaperDocument } from '../../server/src/core/model';

/**
 * Writes files into a fresh temp folder and returns its path. The folder holds an empty `.git`
 * folder, as a checkout does: it is the project, which every read stays inside.
 */
export function tempProject(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-test-'));
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

export function buildText(name: string, text: string): PaperDocument {
  const dir = tempProject({ [name]: text });
  return new ModelBuilder().build(path.join(dir, name));
}

export function texts(doc: PaperDocument, kind?: Block['kind']): string[] {
  return doc.blocks.filter((b) => !kind || b.kind === kind).map((b) => b.text);
}

/** The source text a block's text range maps to. */
export function sourceOf(doc: PaperDocument, block: Block, start = 0, end = block.text.length): string {
  const text = doc.sources.get(block.file)!.text;
  return text.slice(block.base + block.starts[start], block.base + block.ends[end - 1]);
}

export const FIXTURES = path.resolve(__dirname, '../fixtures');
export const EXAMPLES = path.resolve(__dirname, '../../examples');

import { markdownReader } from '../server/src/core/markdown/reader';
for (const [name, text] of [
  ['bq1000', '>'.repeat(1000) + ' deep'],
  ['bq20000', '>'.repeat(20000) + ' deep'],
  ['list1000', Array.from({ length: 1000 }, (_, i) => ' '.repeat(2 * i) + '- x').join('\n')],
  ['emph', '*'.repeat(5000) + 'x' + '*'.repeat(5000)],
  ['brackets', '['.repeat(10000) + 'x' + ']'.repeat(10000)],
  ['bq-lines', Array.from({ length: 1000 }, (_, i) => '>'.repeat(i + 1) + ' x').join('\n')],
  ['list-inline', '- '.repeat(3000) + 'x'],
] as const) {
  const t0 = Date.now();
  const r = markdownReader.read(text, new Map());
  console.log(name, Date.now() - t0, 'ms', r.items.length, r.items.map((i) => i.type).slice(0, 3).join(','), (r.items[0] as any).message ?? '');
}

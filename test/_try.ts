import { markdownReader } from '../server/src/core/markdown/reader';
const text = require('fs').readFileSync(process.argv[2], 'utf8');
for (const span of markdownReader.split(text)) {
  const chunk = text.slice(span.start, span.end);
  console.log('=== chunk', span.start, span.end);
  for (const it of markdownReader.read(chunk, new Map()).items) {
    const b = (it as any).block;
    if (b) console.log(it.type, b.kind, JSON.stringify(b.text), b.refs.length ? JSON.stringify(b.refs) : '', b.cell ? JSON.stringify(b.cell) : '', (it as any).level ?? '');
    else console.log(JSON.stringify(it));
  }
}

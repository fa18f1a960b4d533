import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
const p = unified().use(remarkParse).use(remarkGfm).use(remarkMath);
for (const [name, text] of [
  ['bq100 x 3000 lines', Array.from({ length: 3000 }, () => '>'.repeat(100) + ' x').join('\n')],
  ['bq 1..100 staircase x30', Array.from({ length: 3000 }, (_, i) => '>'.repeat((i % 100) + 1) + ' x').join('\n')],
  ['list 50 deep (100 spaces) x 60', Array.from({ length: 3000 }, (_, i) => ' '.repeat(2 * (i % 50)) + '- x').join('\n')],
  ['"- " x 50 inline x 3000', Array.from({ length: 3000 }, () => '- '.repeat(50) + 'x').join('\n')],
] as const) {
  const t0 = Date.now();
  p.parse(text);
  console.log(name, text.length, Date.now() - t0, 'ms');
}

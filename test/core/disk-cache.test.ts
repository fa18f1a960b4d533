import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheKey, DiskCache } from '../../server/src/core/cache/disk-cache';

// The cache folder: values round-trip (typed arrays, maps, sets, shared objects), a damaged entry is
// a miss, the folder stays under its size limit with the least recently used entries going first,
// and housekeeping removes only what the cache itself wrote.

function folder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-disk-cache-'));
}

function size(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    total += e.isDirectory() ? size(f) : fs.statSync(f).size;
  }
  return total;
}

describe('DiskCache', () => {
  it('round-trips what a chunk or a result holds, shared objects included', () => {
    const cache = new DiskCache(folder(), 1e9, '0123456789abcdef');
    const token = { text: 'heads', pos: 'NOUN' };
    const value = { starts: Int32Array.from([1, 2, 3]), map: new Map([['a', 1]]), set: new Set(['x']), tokens: [token], claims: [{ tokens: [token] }] };
    cache.set('chunks', cacheKey('k'), value);
    const back = cache.get('chunks', cacheKey('k')) as typeof value;
    assert.deepEqual(back.starts, value.starts);
    assert.deepEqual([...back.map], [['a', 1]]);
    assert.ok(back.set.has('x'));
    assert.equal(back.claims[0].tokens[0], back.tokens[0], 'one object stays one object');
    assert.equal(cache.get('chunks', cacheKey('other')), undefined);
  });

  it('an entry of another build is never read', () => {
    const dir = folder();
    new DiskCache(dir, 1e9, '0123456789abcdef').set('result', cacheKey('k'), 1);
    assert.equal(new DiskCache(dir, 1e9, 'fedcba9876543210').get('result', cacheKey('k')), undefined);
  });

  it('a value that cannot be serialised is simply not cached', () => {
    const cache = new DiskCache(folder(), 1e9, '0123456789abcdef');
    cache.set('result', cacheKey('f'), { f: () => 1 });
    assert.equal(cache.get('result', cacheKey('f')), undefined);
    assert.deepEqual(cache.problems, []);
  });

  it('stays under its limit, least recently used first, and leaves foreign files alone', () => {
    const dir = folder();
    fs.mkdirSync(path.join(dir, 'fedcba9876543210', 'result'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'fedcba9876543210', 'result', `${cacheKey('old')}.bin`), 'an old build');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'the user put this here');
    const limit = 200_000;
    const cache = new DiskCache(dir, limit, '0123456789abcdef');
    const blob = 'x'.repeat(30_000);
    for (let i = 0; i < 20; i++) cache.set('chunks', cacheKey(String(i)), `${i}${blob}`);
    // Entry 0 was used last: it must survive the prune.
    const past = new Date(Date.now() - 60_000);
    for (let i = 1; i < 20; i++) fs.utimesSync(path.join(dir, '0123456789abcdef', 'chunks', `${cacheKey(String(i))}.bin`), past, past);
    assert.ok(cache.get('chunks', cacheKey('0')));
    cache.close();
    assert.ok(size(path.join(dir, '0123456789abcdef')) <= limit, `${size(dir)} bytes`);
    assert.ok(cache.get('chunks', cacheKey('0')), 'the most recently used entry is kept');
    assert.ok(!fs.existsSync(path.join(dir, 'fedcba9876543210')), "another build's folder goes");
    assert.equal(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8'), 'the user put this here');
  });
});

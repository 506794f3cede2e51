import test from 'ava';
import { BoundedCounter, OTHER } from '../../dissect/stats/bounded-counter.js';

test('a counter sorts keys by count, largest first, ties in key order', (t) => {
  const counter = new BoundedCounter();
  for (const key of ['b', 'a', 'c', 'c', 'b', 'c']) counter.add(key);
  t.deepEqual(
    counter.sorted().map((e) => [e.key, e.count]),
    [
      ['c', 3],
      ['b', 2],
      ['a', 1],
    ],
  );
  t.is(counter.total, 6);
  t.is(counter.count('c'), 3);
  t.is(counter.count('z'), 0);
});

test('a counter sorted by bytes puts the heaviest key first and honours the limit', (t) => {
  const counter = new BoundedCounter();
  counter.add('10.0.0.1', 100);
  counter.add('10.0.0.2', 1500);
  counter.add('10.0.0.1', 100);
  counter.add('10.0.0.3', 60);
  t.deepEqual(
    counter.sorted('bytes', 2).map((e) => [e.key, e.count, e.bytes]),
    [
      ['10.0.0.2', 1, 1500],
      ['10.0.0.1', 2, 200],
    ],
  );
});

test('past its bound a counter adds new keys to "(other)" and keeps counting the known ones', (t) => {
  const counter = new BoundedCounter(2);
  for (const key of ['a', 'b', 'c', 'd', 'a', 'e']) counter.add(key);
  t.deepEqual(
    counter.sorted().map((e) => [e.key, e.count]),
    [
      [OTHER, 3],
      ['a', 2],
      ['b', 1],
    ],
  );
  t.is(counter.total, 6);
});

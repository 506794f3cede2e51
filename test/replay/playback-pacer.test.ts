/** The playback pacer against a clock the test drives: when it waits, how long, and when not. */
import test from 'ava';
import { Pacer, paced, type Clock } from '../../replay/playback/pacer.js';

/** A clock that only moves when slept on (or when the test moves it), recording every sleep. */
class TestClock implements Clock {
  time = 1000;
  readonly sleeps: number[] = [];

  now(): number {
    return this.time;
  }

  async sleep(milliseconds: number): Promise<void> {
    this.sleeps.push(milliseconds);
    this.time += milliseconds;
  }
}

test('the first event is due at once and anchors capture time to the clock', (t) => {
  const clock = new TestClock();
  const pacer = new Pacer(1, clock);
  t.is(pacer.delayFor(50.25), 0);
  t.is(pacer.delayFor(50.25), 0, 'an event at the same capture time is due too');
  t.is(pacer.delayFor(51.25), 1000);
});

test('the speed divides the waits: twice as fast waits half as long, 0.5 twice as long', (t) => {
  for (const [speed, expected] of [[1, 250], [2, 125], [0.5, 500]] as const) {
    const clock = new TestClock();
    const pacer = new Pacer(speed, clock);
    pacer.delayFor(10);
    t.is(pacer.delayFor(10.25), expected, `speed ${speed}`);
  }
});

test('time already spent counts: only the rest is waited, and a late event is due at once', (t) => {
  const clock = new TestClock();
  const pacer = new Pacer(1, clock);
  pacer.delayFor(0);
  clock.time += 400;
  t.is(pacer.delayFor(1), 600);
  clock.time += 5000;
  t.is(pacer.delayFor(2), 0, 'behind schedule: no wait');
  t.is(pacer.delayFor(6.5), 1100, 'the schedule stays anchored to the first event (due at 7500), so playback catches up');
});

test('capture time that goes backwards is never waited for', (t) => {
  const clock = new TestClock();
  const pacer = new Pacer(1, clock);
  pacer.delayFor(100);
  t.is(pacer.delayFor(99), 0);
});

test('speed 0 and an infinite speed never wait', async (t) => {
  for (const speed of [0, Number.POSITIVE_INFINITY]) {
    const clock = new TestClock();
    const pacer = new Pacer(speed, clock);
    t.is(pacer.delayFor(0), 0);
    t.is(pacer.delayFor(3600), 0);
    await pacer.wait(7200);
    t.deepEqual(clock.sleeps, [], `speed ${speed}`);
  }
});

test('paced() passes every item on in order, sleeping out the gaps between their capture times', async (t) => {
  const clock = new TestClock();
  async function* items(): AsyncGenerator<{ name: string; at: number }> {
    yield { name: 'open', at: 5 };
    yield { name: 'hello', at: 5.001 };
    yield { name: 'hello again', at: 5.001 };
    yield { name: 'data', at: 5.5 };
    yield { name: 'close', at: 7 };
  }
  const seen: Array<[string, number]> = [];
  for await (const item of paced(items(), new Pacer(2, clock), (i) => i.at)) seen.push([item.name, clock.now()]);
  t.deepEqual(seen.map(([name]) => name), ['open', 'hello', 'hello again', 'data', 'close']);
  const waits = clock.sleeps.map((ms) => Math.round(ms * 1000) / 1000);
  t.deepEqual(waits, [0.5, 249.5, 750]);
  t.is(Math.round(clock.now() - 1000), 1000, 'two seconds of capture at speed 2 take one second');
});

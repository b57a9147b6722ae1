import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  chanrecv, chanrecvWoken, chansend, chansendWoken, closechan, makechan, selectgo, selectgoWoken,
  type ChanHost, type G, type HChan,
} from '../../src/sim/chan/hchan';
import { mulberry32 } from '../../src/shared/random';
import { GoPanic, type Value } from '../../src/sim/chan/values';

function host(seed = 1): ChanHost & { readied: G[]; kinds: string[] } {
  const rand = mulberry32(seed);
  const h = {
    ops: 0,
    trace: true,
    readied: [] as G[],
    kinds: [] as string[],
    ready(g: G) { g.state = 'runnable'; h.readied.push(g); },
    event(_g: G, kind: string) { h.kinds.push(kind); },
    randn: (n: number) => Math.floor(rand() * n),
    show: (v: Value) => String(v),
  };
  return h;
}
let gid = 0;
function g(): G {
  return { id: ++gid, state: 'running', waitReason: '', line: 1, fn: 'main.main', selectDone: false, param: null, waiting: [] };
}
const INT = { k: 'int' } as const;
function panics(f: () => void, msg: string): void {
  assert.throws(f, (e: unknown) => e instanceof GoPanic && typeof e.value === 'object' && e.value !== null && 'msg' in e.value && e.value.msg === msg);
}

describe('chan simulator: hchan (runtime/chan.go, select.go)', () => {
  it('chansend on a nil channel parks forever; non-blocking returns false', () => {
    const h = host();
    const s = g();
    assert.equal(chansend(h, null, 1, s, false), 'would-block');
    assert.equal(chansend(h, null, 1, s, true), 'parked');
    assert.equal(s.state, 'blocked-send');
    assert.equal(s.waitReason, 'chan send (nil chan)');
  });

  it('chansend on a closed channel panics', () => {
    const h = host();
    const c = makechan(1, INT, 1);
    closechan(h, c, g());
    panics(() => chansend(h, c, 1, g(), true), 'send on closed channel');
  });

  it('chansend hands the value directly to a waiting receiver, bypassing the buffer', () => {
    const h = host();
    const c = makechan(1, INT, 2);
    const r = g();
    assert.equal(chanrecv(h, c, r, true).status, 'parked');
    assert.equal(c.recvq.length, 1);
    assert.equal(chansend(h, c, 7, g(), true), 'ok');
    assert.equal(c.qcount, 0, 'the buffer was not used');
    assert.deepEqual(h.readied, [r]);
    assert.deepEqual(chanrecvWoken(h, r), { value: 7, ok: true });
    assert.ok(h.kinds.includes('send.direct'));
  });

  it('chansend fills the buffer at sendx, wrapping around, then parks in sendq', () => {
    const h = host();
    const c = makechan(1, INT, 2);
    const s = g();
    assert.equal(chansend(h, c, 1, s, true), 'ok');
    assert.equal(chansend(h, c, 2, s, true), 'ok');
    assert.equal(c.sendx, 0, 'sendx wrapped');
    assert.equal(c.qcount, 2);
    assert.equal(chansend(h, c, 3, s, false), 'would-block');
    assert.equal(chansend(h, c, 3, s, true), 'parked');
    assert.equal(c.sendq.length, 1);
    assert.equal(s.waitReason, 'chan send');
  });

  it('chanrecv takes the head of a full buffer and moves the parked sender\'s value into the freed slot', () => {
    const h = host();
    const c = makechan(1, INT, 2);
    const s = g();
    chansend(h, c, 1, s, true);
    chansend(h, c, 2, s, true);
    const s2 = g();
    assert.equal(chansend(h, c, 3, s2, true), 'parked');
    const r = chanrecv(h, c, g(), true);
    assert.deepEqual(r, { status: 'ok', value: 1, ok: true });
    assert.equal(c.qcount, 2);
    assert.equal(c.recvx, 1);
    assert.equal(c.sendx, c.recvx);
    assert.deepEqual(h.readied, [s2]);
    chansendWoken(h, s2);
    assert.deepEqual([chanrecv(h, c, g(), true), chanrecv(h, c, g(), true)].map((x) => (x.status === 'ok' ? x.value : null)), [2, 3]);
    assert.ok(h.kinds.includes('recv.bufferAndSender'));
  });

  it('chanrecv on an unbuffered channel copies straight from a parked sender', () => {
    const h = host();
    const c = makechan(1, INT, 0);
    const s = g();
    assert.equal(chansend(h, c, 5, s, true), 'parked');
    assert.deepEqual(chanrecv(h, c, g(), true), { status: 'ok', value: 5, ok: true });
    assert.ok(h.kinds.includes('recv.directFromSender'));
  });

  it('chanrecv on a closed channel drains the buffer first, then returns zero, false', () => {
    const h = host();
    const c = makechan(1, INT, 2);
    chansend(h, c, 9, g(), true);
    closechan(h, c, g());
    assert.deepEqual(chanrecv(h, c, g(), true), { status: 'ok', value: 9, ok: true });
    assert.deepEqual(chanrecv(h, c, g(), true), { status: 'ok', value: 0, ok: false });
    assert.deepEqual(chanrecv(h, c, g(), false), { status: 'ok', value: 0, ok: false });
  });

  it('chanrecv parks in recvq; nil channel parks forever; non-blocking empty returns', () => {
    const h = host();
    const c = makechan(1, INT, 0);
    assert.equal(chanrecv(h, c, g(), false).status, 'would-block');
    const r = g();
    assert.equal(chanrecv(h, c, r, true).status, 'parked');
    assert.equal(r.waitReason, 'chan receive');
    const n = g();
    assert.equal(chanrecv(h, null, n, true).status, 'parked');
    assert.equal(n.waitReason, 'chan receive (nil chan)');
  });

  it('closechan panics on nil and on closed channels', () => {
    const h = host();
    panics(() => closechan(h, null, g()), 'close of nil channel');
    const c = makechan(1, INT, 0);
    closechan(h, c, g());
    panics(() => closechan(h, c, g()), 'close of closed channel');
  });

  it('closechan wakes every receiver (zero, false) and every sender (which then panics)', () => {
    const h = host();
    const c = makechan(1, INT, 0);
    const r1 = g(); const r2 = g();
    chanrecv(h, c, r1, true);
    chanrecv(h, c, r2, true);
    const c2 = makechan(2, INT, 0);
    const s1 = g();
    chansend(h, c2, 1, s1, true);
    closechan(h, c, g());
    assert.deepEqual(new Set(h.readied), new Set([r1, r2]));
    assert.deepEqual(h.readied, [r2, r1], 'the gList is a stack: readied in reverse order');
    assert.deepEqual(chanrecvWoken(h, r1), { value: 0, ok: false });
    closechan(h, c2, g());
    panics(() => chansendWoken(h, s1), 'send on closed channel');
    assert.equal(c.recvq.length + c2.sendq.length, 0);
  });

  it('selectgo skips nil channels, takes default when nothing is ready, and parks on all otherwise', () => {
    const h = host();
    const a = makechan(1, INT, 0);
    const me = g();
    assert.deepEqual(selectgo(h, [{ c: null, dir: 'recv' }, { c: a, dir: 'recv' }], me, false), { status: 'default' });
    assert.ok(h.kinds.includes('select.nilCase'));
    const b = makechan(2, INT, 0);
    assert.equal(selectgo(h, [{ c: a, dir: 'recv' }, { c: b, dir: 'send', value: 3 }], me, true).status, 'parked');
    assert.equal(a.recvq.length, 1);
    assert.equal(b.sendq.length, 1);
    // A receiver on b wins the select's send case; the sudog on a is skipped and then dequeued.
    const r = g();
    assert.deepEqual(chanrecv(h, b, r, true), { status: 'ok', value: 3, ok: true });
    assert.equal(me.selectDone, true);
    const other = g();
    assert.equal(chansend(h, a, 1, other, true), 'parked', 'the stale select sudog on a is skipped');
    assert.ok(h.kinds.includes('dequeue.skipSelected'));
    assert.deepEqual(selectgoWoken(h, [{ c: a, dir: 'recv' }, { c: b, dir: 'send', value: 3 }], me), { index: 1, value: null, ok: true });
    assert.equal(a.recvq.length, 0);
  });

  it('selectgo with every channel nil blocks forever; a ready case is chosen without parking', () => {
    const h = host();
    const me = g();
    assert.equal(selectgo(h, [{ c: null, dir: 'recv' }, { c: null, dir: 'send', value: 1 }], me, true).status, 'parked');
    assert.equal(me.waitReason, 'select');
    const c = makechan(1, INT, 1);
    chansend(h, c, 4, g(), true);
    assert.deepEqual(selectgo(h, [{ c: null, dir: 'recv' }, { c, dir: 'recv' }], g(), true), { status: 'ok', index: 1, value: 4, ok: true });
  });

  it('selectgo send case on a closed channel panics', () => {
    const h = host();
    const c = makechan(1, INT, 1);
    closechan(h, c, g());
    const d = makechan(2, INT, 0);
    panics(() => selectgo(h, [{ c: d, dir: 'recv' }, { c, dir: 'send', value: 1 }], g(), true), 'send on closed channel');
  });

  it('selectgo polls ready cases in a uniformly shuffled order', () => {
    const counts = [0, 0, 0];
    const h = host(7);
    for (let i = 0; i < 3000; i++) {
      const cs: HChan[] = [0, 1, 2].map((k) => makechan(k, INT, 1));
      for (const c of cs) chansend(h, c, 1, g(), true);
      const r = selectgo(h, cs.map((c) => ({ c, dir: 'recv' as const })), g(), true);
      if (r.status === 'ok') counts[r.index]++;
    }
    for (const n of counts) assert.ok(n > 850 && n < 1150, `counts ${counts}`);
  });

  it('property: random send/recv/close sequences keep qcount, FIFO order and sendx/recvx consistent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.array(fc.oneof(fc.constant('send'), fc.constant('recv'), fc.constant('close')), { maxLength: 60 }), (cap, ops) => {
        const h = host();
        const c = makechan(1, INT, cap);
        const model: number[] = [];
        const parkedSenders: { g: G; v: number }[] = [];
        const parkedRecv: G[] = [];
        let next = 1;
        let closed = false;
        for (const op of ops) {
          if (op === 'send') {
            const s = g();
            const v = next++;
            if (closed) { panics(() => chansend(h, c, v, s, true), 'send on closed channel'); continue; }
            const r = chansend(h, c, v, s, true);
            if (r === 'parked') parkedSenders.push({ g: s, v });
            else if (parkedRecv.length) {
              const rg = parkedRecv.shift() as G;
              assert.deepEqual(chanrecvWoken(h, rg), { value: v, ok: true });
            } else model.push(v);
          } else if (op === 'recv') {
            const rg = g();
            const r = chanrecv(h, c, rg, true);
            if (r.status === 'parked') { parkedRecv.push(rg); continue; }
            assert.equal(r.status, 'ok');
            if (r.status !== 'ok') continue;
            if (model.length) {
              assert.equal(r.value, model.shift(), 'FIFO');
              if (parkedSenders.length) { const ps = parkedSenders.shift() as { g: G; v: number }; chansendWoken(h, ps.g); model.push(ps.v); }
            } else if (parkedSenders.length) {
              const ps = parkedSenders.shift() as { g: G; v: number };
              assert.equal(r.value, ps.v);
              chansendWoken(h, ps.g);
            } else {
              assert.ok(closed);
              assert.deepEqual([r.value, r.ok], [0, false]);
            }
          } else if (closed) {
            panics(() => closechan(h, c, g()), 'close of closed channel');
          } else {
            closechan(h, c, g());
            closed = true;
            for (const rg of parkedRecv.splice(0)) assert.deepEqual(chanrecvWoken(h, rg), { value: 0, ok: false });
            for (const ps of parkedSenders.splice(0)) panics(() => chansendWoken(h, ps.g), 'send on closed channel');
          }
          // Invariants.
          assert.equal(c.qcount, model.length, 'qcount = values sent and not yet received');
          assert.ok(c.qcount <= c.dataqsiz);
          if (cap > 0) {
            assert.equal((c.recvx + c.qcount) % cap, c.sendx, 'sendx = recvx + qcount (mod dataqsiz)');
            const inBuf: Value[] = [];
            for (let i = 0; i < c.qcount; i++) inBuf.push(c.buf[(c.recvx + i) % cap]);
            assert.deepEqual(inBuf, model, 'the ring buffer holds the values in FIFO order');
          }
          assert.ok(c.sendq.length === 0 || c.qcount === c.dataqsiz, 'senders wait only when the buffer is full');
          assert.ok(c.recvq.length === 0 || c.qcount === 0, 'receivers wait only when the buffer is empty');
          assert.ok(c.sendq.length === 0 || c.recvq.length === 0);
        }
      }),
      { numRuns: 500 },
    );
  });
});

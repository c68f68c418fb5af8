import { expect } from '@open-wc/testing';
import { OUTBOX_LIMIT, Outbox, type OutboxEntry } from '../../../src/core/delivery/outbox.js';

// Messages waiting for acknowledgements, per recipient identity.

const entry = (id: string, direct = false): OutboxEntry => ({ id, text: `text of ${id}`, sentAt: 0, direct });
const ids = (entries: OutboxEntry[]) => entries.map((e) => e.id);

describe('Outbox', () => {
  it('keeps a message for each of its recipients until each acknowledges it', () => {
    const box = new Outbox();
    expect(box.add(entry('m1'), ['alice', 'bob'])).to.deep.equal([]);
    expect([box.has('alice', 'm1'), box.has('bob', 'm1'), box.has('carol', 'm1')]).to.deep.equal([true, true, false]);
    expect(box.waitingOn('m1')).to.have.members(['alice', 'bob']);
    expect(box.size).to.equal(2);
  });

  it('lists what waits for one identity, oldest first, with the entries as given', () => {
    const box = new Outbox();
    const dm = entry('m2', true);
    box.add(entry('m1'), ['alice']);
    box.add(dm, ['alice', 'bob']);
    box.add(entry('m3'), ['alice']);
    expect(ids(box.pendingFor('alice'))).to.deep.equal(['m1', 'm2', 'm3']);
    expect(box.pendingFor('bob')).to.deep.equal([dm]);
    expect(box.pendingFor('nobody')).to.deep.equal([]);
  });

  it('hands out a copy of the pending list', () => {
    const box = new Outbox();
    box.add(entry('m1'), ['alice']);
    box.pendingFor('alice').pop();
    expect(ids(box.pendingFor('alice'))).to.deep.equal(['m1']);
  });

  it('counts a message added twice for one identity once, in its first place', () => {
    const box = new Outbox();
    box.add(entry('m1'), ['alice']);
    box.add(entry('m2'), ['alice']);
    box.add(entry('m1'), ['alice', 'bob']);
    expect(ids(box.pendingFor('alice'))).to.deep.equal(['m1', 'm2']);
    expect(box.size).to.equal(3);
  });

  it('keeps nothing for a message with no recipients', () => {
    const box = new Outbox();
    expect(box.add(entry('m1'), [])).to.deep.equal([]);
    expect(box.size).to.equal(0);
    expect(box.waitingOn('m1')).to.deep.equal([]);
  });

  it('takes recipients from any iterable', () => {
    const box = new Outbox();
    box.add(entry('m1'), new Set(['alice', 'bob']));
    box.add(entry('m2'), new Map([['carol', 1]]).keys());
    expect(box.waitingOn('m1')).to.have.members(['alice', 'bob']);
    expect(box.waitingOn('m2')).to.deep.equal(['carol']);
  });

  it('acknowledges per identity: true once, then false', () => {
    const box = new Outbox();
    box.add(entry('m1'), ['alice', 'bob']);
    expect(box.ack('alice', 'm1')).to.be.true;
    expect(box.ack('alice', 'm1')).to.be.false;
    expect(box.has('alice', 'm1')).to.be.false;
    expect(box.waitingOn('m1')).to.deep.equal(['bob']);
    expect(box.ack('bob', 'm1')).to.be.true;
    expect(box.waitingOn('m1')).to.deep.equal([]);
    expect(box.size).to.equal(0);
  });

  it('ignores acknowledgements it does not wait for', () => {
    const box = new Outbox();
    box.add(entry('m1'), ['alice']);
    expect(box.ack('alice', 'other')).to.be.false;
    expect(box.ack('mallory', 'm1')).to.be.false;
    expect(box.has('alice', 'm1')).to.be.true;
    expect(box.size).to.equal(1);
  });

  it('keeps the other messages of an identity when one is acknowledged', () => {
    const box = new Outbox();
    for (const id of ['m1', 'm2', 'm3']) box.add(entry(id), ['alice']);
    box.ack('alice', 'm2');
    expect(ids(box.pendingFor('alice'))).to.deep.equal(['m1', 'm3']);
  });

  it('forgets everything pending for one identity, and only for it', () => {
    const box = new Outbox();
    box.add(entry('m1'), ['alice', 'bob']);
    box.add(entry('m2'), ['alice']);
    box.forget('alice');
    box.forget('nobody');
    expect(box.pendingFor('alice')).to.deep.equal([]);
    expect(box.waitingOn('m1')).to.deep.equal(['bob']);
    expect(box.waitingOn('m2')).to.deep.equal([]);
    expect(box.size).to.equal(1);
  });

  it('holds OUTBOX_LIMIT messages per identity without giving any up', () => {
    const box = new Outbox();
    for (let i = 0; i < OUTBOX_LIMIT; i++) expect(box.add(entry(`m${i}`), ['alice'])).to.deep.equal([]);
    expect(box.pendingFor('alice')).to.have.length(OUTBOX_LIMIT);
  });

  it('gives up the oldest message past OUTBOX_LIMIT and returns it', () => {
    const box = new Outbox();
    for (let i = 0; i < OUTBOX_LIMIT; i++) box.add(entry(`m${i}`), ['alice']);
    const dropped = box.add(entry('newest'), ['alice']);
    expect(ids(dropped)).to.deep.equal(['m0']);
    expect(box.has('alice', 'm0')).to.be.false;
    expect(box.has('alice', 'newest')).to.be.true;
    const pending = box.pendingFor('alice');
    expect(pending).to.have.length(OUTBOX_LIMIT);
    expect([pending[0].id, pending.at(-1)!.id]).to.deep.equal(['m1', 'newest']);
    expect(box.ack('alice', 'm0')).to.be.false;
  });

  it('applies the limit per identity: a full queue for one leaves the others alone', () => {
    const box = new Outbox();
    box.add(entry('for-bob'), ['bob']);
    for (let i = 0; i <= OUTBOX_LIMIT; i++) box.add(entry(`m${i}`), ['alice']);
    expect(ids(box.pendingFor('bob'))).to.deep.equal(['for-bob']);
    expect(box.size).to.equal(OUTBOX_LIMIT + 1);
  });

  it('reports a message given up for each identity that gave it up', () => {
    const box = new Outbox();
    for (let i = 0; i < OUTBOX_LIMIT; i++) box.add(entry(`m${i}`), ['alice', 'bob']);
    box.add(entry('only-carol'), ['carol']);
    const dropped = box.add(entry('newest'), ['alice', 'bob', 'carol']);
    expect(ids(dropped)).to.deep.equal(['m0', 'm0']);
    expect(box.waitingOn('m0')).to.deep.equal([]);
    expect(box.waitingOn('newest')).to.have.members(['alice', 'bob', 'carol']);
  });
});

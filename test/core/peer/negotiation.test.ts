import { expect } from '@open-wc/testing';
import { Negotiation, type PeerState } from '../../../src/core/peer/negotiation.js';

/** A machine that records every change it reports. */
function machine(role: 'offerer' | 'answerer' = 'offerer') {
  const changes: string[] = [];
  const n: Negotiation = new Negotiation(role, (previous: PeerState) => changes.push(`${previous}→${n.state}`));
  return { n, changes };
}

describe('peer negotiation state machine', () => {
  it('walks pending → connecting → connected → verified, reporting each change once', () => {
    const { n, changes } = machine();
    expect(n.apply('start')).to.be.true;
    expect(n.apply('open')).to.be.true;
    expect(n.apply('prove')).to.be.true;
    expect(n.state).to.equal('verified');
    expect(changes).to.deep.equal(['pending→connecting', 'connecting→connected', 'connected→verified']);
  });

  it('refuses a transition the table does not have, and changes nothing', () => {
    const { n, changes } = machine();
    expect(n.apply('prove'), 'a proof before any channel').to.be.false;
    expect(n.apply('open'), 'an open channel before a connection').to.be.false;
    n.apply('start');
    expect(n.apply('prove'), 'a proof before the channel opened').to.be.false;
    expect(n.state).to.equal('connecting');
    expect(changes).to.deep.equal(['pending→connecting']);
  });

  it('ends in declined, failed or closed by reason, and a final state never moves again', () => {
    for (const [reason, final] of [
      ['declined', 'declined'],
      ['failed', 'failed'],
      ['lost', 'closed'],
      ['policy', 'closed'],
    ] as const) {
      const { n } = machine();
      n.apply('start');
      expect(n.end(reason)).to.be.true;
      expect(n.state).to.equal(final);
      for (const input of ['start', 'open', 'prove', 'close', 'fail', 'decline'] as const) expect(n.apply(input), `${final} + ${input}`).to.be.false;
      expect(n.state).to.equal(final);
    }
  });

  it('on reset takes the new role and goes back to pending unless the user accepted', () => {
    const asked = machine('offerer');
    asked.n.apply('start');
    asked.n.reset('answerer');
    expect([asked.n.state, asked.n.role]).to.deep.equal(['pending', 'answerer']);

    const accepted = machine('offerer');
    accepted.n.consent = 'accepted';
    accepted.n.apply('start');
    accepted.n.reset('answerer');
    expect([accepted.n.state, accepted.n.role]).to.deep.equal(['connecting', 'answerer']);
    expect(accepted.changes).to.deep.equal(['pending→connecting']);
  });

  it('leaves a live connection alone on reset (only the role changes)', () => {
    const { n } = machine('offerer');
    n.apply('start');
    n.apply('open');
    n.reset('answerer');
    expect(n.state).to.equal('connected');
  });
});

/**
 * Questions between verified peers (`peer.ask`): ours waiting for answers, with their
 * timeouts and abort signals, and how many of theirs we are answering at once.
 */
import { PeerGoneError, RemoteError, TimeoutError } from '../errors.js';
import { MAX_PAYLOAD_JSON } from './frames.js';

/** Our questions waiting for an answer, at most. */
const MAX_OUTSTANDING = 64;
/** Their questions being answered at once, at most; more are answered `busy`. */
const MAX_INCOMING = 16;
const DEFAULT_TIMEOUT_MS = 10_000;

/** Options of `Peer.ask`. */
export interface AskOptions {
  /** Milliseconds to wait for the answer (default 10 000). */
  timeout?: number;
  /** Gives up waiting when aborted: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

interface Waiting {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  done: () => void;
}

export class Asks {
  private readonly waiting = new Map<string, Waiting>();
  private incoming = 0;

  /**
   * Registers a question with id `id` and returns its answer.
   * @throws {RangeError} for a question that is not JSON of at most 32 KiB
   * @throws {Error} when too many questions wait already
   * @throws {TimeoutError} after `timeout`; the signal's reason when aborted
   */
  ask(id: string, question: unknown, label: string, options: AskOptions, send: () => void): Promise<unknown> {
    if (question === undefined || JSON.stringify(question).length > MAX_PAYLOAD_JSON) {
      return Promise.reject(new RangeError('question must be JSON of at most 32 KiB'));
    }
    if (this.waiting.size >= MAX_OUTSTANDING) return Promise.reject(new Error('too many unanswered questions'));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        done();
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        done();
        reject(new TimeoutError(`no answer from ${label} within ${timeout} ms`, timeout));
      }, timeout);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiting.delete(id);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(id, { resolve, reject, done });
      send();
    });
  }

  /**
   * An answer from the peer.
   * @returns false when no question of ours has this id
   */
  answer(id: string, answer: { a?: unknown; error?: string }): boolean {
    const w = this.waiting.get(id);
    if (!w) return false;
    w.done();
    if (answer.error !== undefined) w.reject(new RemoteError(answer.error));
    else w.resolve(answer.a ?? null);
    return true;
  }

  /** Rejects every waiting question: the peer went away. */
  gone(label: string): void {
    for (const w of [...this.waiting.values()]) {
      w.done();
      w.reject(new PeerGoneError(`${label} went away`));
    }
  }

  /**
   * Answers one of their questions with `answer(question)`, in the background (a slow answer
   * does not hold up the frames behind it), or `busy` past MAX_INCOMING.
   */
  answerTheirs(question: unknown, answer: (q: unknown) => Promise<unknown>, reply: (r: { a: unknown } | { error: string }) => void): void {
    if (this.incoming >= MAX_INCOMING) return reply({ error: 'busy' });
    this.incoming++;
    answer(question)
      .then(
        (a) => {
          const value = a === undefined ? null : a;
          if (JSON.stringify(value).length > MAX_PAYLOAD_JSON) throw new RangeError('answer larger than 32 KiB');
          reply({ a: value });
        },
        (e) => reply({ error: e instanceof Error ? e.message : String(e) }),
      )
      .catch((e) => reply({ error: String(e instanceof Error ? e.message : e) }))
      .finally(() => this.incoming--);
  }
}

/**
 * How `<rt-message-log>` draws a file line: name and size, then per transfer its state, a
 * progress bar while bytes move, Accept / Decline for an offer, Cancel while running, and a
 * download link (plus a small preview for raster images) once a file arrived.
 *
 * Screen readers hear the line when it appears and each state change (offered, sending,
 * sent); the progress bar carries the percentage without putting it in the live log.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FileTransfer } from '../../core/index.js';
import { formatSize } from '../internal/locale.js';
import type { RTChatStrings } from '../strings.js';
import type { FileLine } from './message-history.js';

/** Image types shown as a preview: raster formats only (an SVG is a document). */
const PREVIEW_TYPES = /^image\/(png|jpeg|gif|webp|avif|bmp)$/;
/** Larger images get a link only: decoding them costs more than a preview is worth. */
const PREVIEW_MAX_BYTES = 25 * 1024 * 1024;

/** What a file line needs from the log. */
export interface FileViewContext {
  t: RTChatStrings;
  time: Intl.DateTimeFormat;
  locale: string;
  /** An object URL for `file`, kept for the line until it is dropped. */
  urlFor(line: FileLine, file: File): string;
  /** A button changed a transfer's state (accept sets no event off): redraw. */
  changed(): void;
  /** A preview image finished loading (the log may need to scroll). */
  imageLoaded(): void;
}

export function renderFileLine(line: FileLine, c: FileViewContext): TemplateResult {
  const { t } = c;
  const when = new Date(line.time);
  const side = line.own ? 'own' : 'other';
  const nameId = `file-${line.key}`;
  return html`<li part="file ${side}" class="file ${side}" tabindex="-1" data-key=${line.key}>
    <div class="meta">
      <span part="sender" class="sender">${line.own ? t.you : line.sender}</span>
      ${line.to ? html`<span part="direct" class="direct">${t.toPeer(line.to)}</span>` : nothing}
      <time part="time" class="time" datetime=${when.toISOString()}>${c.time.format(when)}</time>
    </div>
    <p part="file-name" class="file-name" id=${nameId}>${t.fileSummary(line.name, formatSize(line.size, c.locale))}</p>
    ${
      line.own
        ? html`<ul class="transfers">
          ${line.transfers.map(({ transfer, peer }) => html`<li part="transfer" class="transfer"><span part="transfer-peer" class="transfer-peer">${peer}</span> ${renderTransfer(line, transfer, peer, nameId, c)}</li>`)}
        </ul>`
        : line.transfers.map(({ transfer, peer }) => html`<div part="transfer" class="transfer">${renderTransfer(line, transfer, peer, nameId, c)}</div>`)
    }
  </li>`;
}

function renderTransfer(line: FileLine, transfer: FileTransfer, peer: string, nameId: string, c: FileViewContext) {
  const { t } = c;
  const act = (fn: () => void) => () => {
    fn();
    c.changed();
  };
  const button = (part: string, label: string, fn: () => void) =>
    html`<button part=${part} class=${part} tabindex="-1" aria-describedby=${nameId} @click=${act(fn)}>${label}</button>`;
  const status = (text: string, state: string) => html`<span part="file-status" class="file-status" data-state=${state}>${text}</span>`;
  const receiving = transfer.direction === 'receive';
  switch (transfer.state) {
    case 'hashing':
    case 'offered':
      return receiving
        ? html`${status(t.fileOffered, 'offered')}
            <span class="actions">
              ${button('accept-button', t.acceptFile, () => transfer.accept())} ${button('decline-button', t.declineFile, () => transfer.decline())}
            </span>`
        : html`${status(t.fileWaiting, 'offered')} ${button('cancel-button', t.cancelFile, () => transfer.cancel())}`;
    case 'transferring': {
      const percent = Math.floor(transfer.progress * 100);
      return html`${status(receiving ? t.fileReceiving : t.fileSending, 'transferring')}
        <span class="progress-line">
          <progress part="progress" class="progress" max="100" .value=${percent} aria-label=${t.fileProgress(line.name, peer)}></progress>
          <span class="percent" aria-hidden="true">${percent}%</span>
          ${button('cancel-button', t.cancelFile, () => transfer.cancel())}
        </span>`;
    }
    case 'done':
      if (receiving && transfer.file) return renderReceived(line, transfer.file, c);
      return status(receiving ? t.fileReceived : t.fileSent, 'done');
    case 'declined':
      return status(t.fileDeclined, 'declined');
    case 'cancelled':
      return status(t.fileCancelled, 'cancelled');
    case 'failed':
      return status(t.fileFailed(transfer.failure ?? 'channel'), 'failed');
  }
}

/** The link shows the name the peer gave; it saves under the file's own name, with an extension that matches its passive type (core file-names.ts). */
function renderReceived(line: FileLine, file: File, c: FileViewContext) {
  const url = c.urlFor(line, file);
  const preview = PREVIEW_TYPES.test(line.type) && line.size <= PREVIEW_MAX_BYTES;
  return html`<span class="received">
    <a part="download" class="download" tabindex="-1" href=${url} download=${file.name}>${c.t.saveFile(line.name)}</a>
    ${preview ? html`<img part="preview" class="preview" src=${url} alt=${line.name} @load=${c.imageLoaded} />` : nothing}
  </span>`;
}

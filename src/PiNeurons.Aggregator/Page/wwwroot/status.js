// The page's two status lines: the stream's connection badge and the message bar under the top bar.

import { $ } from './dom.js';

const connection = $('connection');
const message = $('command-status');
const LABELS = { live: 'live', reconnecting: 'reconnecting…' };

export function setConnection(state) {
  connection.dataset.state = state;
  connection.querySelector('.label').textContent = LABELS[state] || state;
}

export function showStatus(kind, text) {
  message.hidden = false;
  message.className = `command-status ${kind}`;
  message.textContent = text;
}

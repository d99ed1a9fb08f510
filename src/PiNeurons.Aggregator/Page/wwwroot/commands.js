// Kick and Fire from the page, with the operator token the browser keeps in localStorage.

import { postCommand } from './client.js';
import { $ } from './dom.js';
import { showStatus } from './status.js';

const TOKEN_KEY = 'pineurons.operatorToken';
const tokenInput = $('operator-token');

export function restoreToken() {
  tokenInput.value = localStorage.getItem(TOKEN_KEY) || '';
}

export function tokenEdited() {
  const t = tokenInput.value.trim();
  if (t) localStorage.setItem(TOKEN_KEY, t); else localStorage.removeItem(TOKEN_KEY);
  tokenInput.classList.remove('needed');
}

export async function command(id, action) {
  showStatus('pending', `${action} ${id}…`);
  let response;
  try {
    response = await postCommand(id, action, tokenInput.value.trim());
  } catch (err) {
    showStatus('error', `${action} ${id} failed: the aggregator cannot be reached (${err.message}).`);
    return;
  }
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  if (response.ok) {
    showStatus('ok', `${action === 'kick' ? 'Kicked' : 'Fired'} ${id}${body && body.topic ? ` (published on ${body.topic})` : ''}.`);
  } else if (response.status === 401) {
    showStatus('auth', `${action} ${id} refused: this aggregator requires the operator token. Enter it in “Operator token” at the top right and try again.`);
    tokenInput.classList.add('needed');
    tokenInput.focus();
  } else {
    showStatus('error', `${action} ${id} failed (${response.status}): ${(body && body.error) || response.statusText || 'no reason given'}`);
  }
}

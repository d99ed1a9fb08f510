// Kick, Fire and Teach from the page, with the operator token the browser keeps in localStorage.

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

const DONE = { kick: 'Kicked', fire: 'Fired', teach: 'Taught' };

/** Posts `action` to neuron `id`; `body` is the command's JSON, for teach: { target: 1 } or { target: 0 }. */
export async function command(id, action, body) {
  showStatus('pending', `${action} ${id}…`);
  let response;
  try {
    response = await postCommand(id, action, tokenInput.value.trim(), body);
  } catch (err) {
    showStatus('error', `${action} ${id} failed: the aggregator cannot be reached (${err.message}).`);
    return;
  }
  let answer = null;
  try { answer = await response.json(); } catch { answer = null; }
  if (response.ok) {
    const taught = action === 'teach' && body ? `: it should ${body.target === 1 ? '' : 'not '}fire` : '';
    showStatus('ok', `${DONE[action] || action} ${id}${taught}${answer && answer.topic ? ` (published on ${answer.topic})` : ''}.`);
  } else if (response.status === 401) {
    showStatus('auth', `${action} ${id} refused: this aggregator requires the operator token. Enter it in “Operator token” at the top right and try again.`);
    tokenInput.classList.add('needed');
    tokenInput.focus();
  } else {
    showStatus('error', `${action} ${id} failed (${response.status}): ${(answer && answer.error) || response.statusText || 'no reason given'}`);
  }
}

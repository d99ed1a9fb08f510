// How a neuron's learning is written: its rule with the rule's parameters (the state's config.learning, docs/protocol.md)
// and the change a learned event made. Pure: no DOM.

import { fmtNumber } from './format.js';

// The parameters people know by another name; any other one is written as it is named.
const NAMES = {
  rate: 'rate', teachWindowMs: 'teach window', maxWeight: 'max weight',
  aPlus: 'A+', aMinus: 'A−', tauPlusMs: 'τ+', tauMinusMs: 'τ−',
};

/** The rule's name, or null for a neuron that learns nothing (no learning object, or the rule "none"). */
export function ruleOf(learning) {
  return learning && typeof learning.rule === 'string' && learning.rule !== 'none' ? learning.rule : null;
}

/** "perceptron · rate 0.1 · teach window 5000 ms · max weight 10", or null when it learns nothing. */
export function fmtLearning(learning) {
  const rule = ruleOf(learning);
  if (!rule) return null;
  const params = Object.entries(learning)
    .filter(([k]) => k !== 'rule')
    .map(([k, v]) => `${NAMES[k] || k.replace(/Ms$/, '')} ${fmtNumber(v)}${k.endsWith('Ms') ? ' ms' : ''}`);
  return [rule, ...params].join(' · ');
}

/** "weight 0.4 → 0.5" or "θ 0.9 → 0.8": what a learned event (its `learned` object) changed. */
export function fmtChange(learned) {
  if (!learned) return '';
  const what = learned.field === 'threshold' ? 'θ' : learned.field || 'change';
  return `${what} ${fmtNumber(learned.old)} → ${fmtNumber(learned.new)}`;
}

// The notice under the top bar while the neurons run more than one version: some nodes missed an update. It reads
// the topology's `versions` (docs/aggregator-api.md), so the page and `pineurons status` group by the same rule.

import { $ } from './dom.js';
import { fmtVersion } from './format.js';
import { topology } from './store.js';

const notice = $('version-notice');

export function renderVersions() {
  const groups = topology.versions || [];
  notice.hidden = !topology.mixedVersions;
  if (notice.hidden) return;
  const count = (g) => `${g.neurons.length} ${g.neurons.length === 1 ? 'neuron' : 'neurons'}`;
  notice.textContent = `Mixed versions: ${groups.map((g) => `${fmtVersion(g.version)} on ${count(g)}`).join(', ')}`;
  notice.title = groups.map((g) => `${g.version}: ${g.neurons.join(', ')}`).join('\n');
}

// The aggregator's HTTP API (docs/aggregator-api.md): JSON reads, the kick, fire and teach commands, and the live
// stream of /api/stream. URLs are relative to the page, so it also works behind a path prefix.

export async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let reason = response.statusText;
    try { reason = (await response.json()).error || reason; } catch { /* not JSON */ }
    throw new Error(`${url}: ${response.status} ${reason}`);
  }
  return response.json();
}

// Kick and fire go without a body: the contract's kick body is optional, and without one the neuron counts it as an
// external kick. Teach sends its target as JSON.
export function postCommand(id, action, token, body) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  const init = { method: 'POST', headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return fetch(`api/neurons/${encodeURIComponent(id)}/${action}`, init);
}

/**
 * Opens /api/stream and keeps it open. The browser reconnects by itself, sending Last-Event-ID, so the
 * events come back; when it gives up (an HTTP error, e.g. 503) a new stream starts 3 s later.
 * on: { neuronEvent(e), neuron(n), state('live' | 'reconnecting'), reopened(), restarted() }:
 * reopened after any reconnect (status and topology may have moved), restarted after a new stream
 * (which has no Last-Event-ID: what was missed must be reloaded).
 */
export function openStream(on) {
  let everOpened = false;
  const connect = () => {
    const source = new EventSource('api/stream');
    source.addEventListener('neuron-event', (msg) => on.neuronEvent(JSON.parse(msg.data)));
    source.addEventListener('neuron', (msg) => on.neuron(JSON.parse(msg.data)));
    source.onopen = () => {
      on.state('live');
      if (everOpened) on.reopened();
      everOpened = true;
    };
    source.onerror = () => {
      on.state('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(() => { connect(); on.restarted(); }, 3000);
      }
    };
  };
  connect();
}

// The editor's API, and the secret that opens it. The printed address carries a one-time
// launch token in its fragment, which the browser never sends anywhere; the page trades it once
// for the session's secret, keeps that in this tab's sessionStorage (this origin, this port,
// only: no other local server ever sees it, as it would a cookie) and sends it as a header with
// every request to /api/, reads included. No cookie is ever set.

const KEY = 'uppfoljning-session';
let session = sessionStorage.getItem(KEY);

// Whether the page holds a session: the one kept in this tab, or one traded for the address's
// launch token now.
export async function connect() {
  // Mounted in the service, the service's own door lets the officer in: no secret to trade.
  if (document.documentElement.dataset.session === 'none') return true;
  const params = new URLSearchParams(location.hash.slice(1));
  const launch = params.get('launch');
  if (launch) {
    // Out of the address bar and the history before anything else.
    params.delete('launch');
    const rest = params.toString();
    history.replaceState(null, '', location.pathname + (rest ? `#${rest}` : ''));
    const response = await fetch('api/session', { method: 'POST', headers: { 'X-Uppfoljning-Launch': launch }, credentials: 'omit' });
    if (response.ok) {
      session = (await response.json()).session;
      sessionStorage.setItem(KEY, session);
    }
  }
  return session !== null;
}

// A request to the API with the session's secret.
export function api(url, options = {}) {
  const headers = { ...(options.headers || {}), 'X-Uppfoljning-Session': session || '' };
  // Mounted for a person logged in, every change carries their session's CSRF token.
  const csrf = document.documentElement.dataset.csrf;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  // Mounted, the service knows the officer by their session's cookie; `edit` sets none.
  const credentials = document.documentElement.dataset.session === 'none' ? 'same-origin' : 'omit';
  return fetch(url, { ...options, headers, credentials });
}

// A JSON body posted to the API.
export function post(url, body) {
  return api(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

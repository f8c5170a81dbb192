// The HTTP API (../shared/design/api.md): every call the UI makes, and its errors as ApiError.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// A server started with --read-token/--write-token wants `Authorization: Bearer …`: the UI asks
// once, keeps the token in session storage (gone when the tab closes), and sends it with every call.
const TOKEN_KEY = 'meterline.token';

function withToken(headers = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { ...headers, Authorization: `Bearer ${token}` } : headers;
}

async function call(path, options = {}, asked = false) {
  let res;
  try {
    res = await fetch(path, { ...options, headers: withToken(options.headers || { Accept: 'application/json' }) });
  } catch (e) {
    throw new ApiError(0, `Meterline did not answer (${e.message}).`);
  }
  if ((res.status === 401 || res.status === 403) && !asked) {
    const token = window.prompt(res.status === 401
      ? 'This Meterline wants a token. Token:' : 'This needs the write token. Token:');
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token.trim());
      return call(path, options, true);
    }
  }
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = await res.json();
      if (body && body.error) message = body.error;
    } catch { /* not JSON: keep the status line */ }
    throw new ApiError(res.status, message);
  }
  return res;
}

const metricPath = (name) => `/metrics/${encodeURIComponent(name)}`;

export async function listMetrics() {
  return (await call('/metrics')).json();
}

export async function createMetric(definition) {
  return (await call('/metrics', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(definition),
  })).json();
}

export async function labelValues(name) {
  return (await call(`${metricPath(name)}/labels`)).json();
}

/** History rows plus the cursor of the next raw page (X-Next-Start-Time), null on the last page. */
export async function readData(name, params, signal) {
  const res = await call(`${metricPath(name)}/data?${params}`, { signal });
  return { rows: await res.json(), next: res.headers.get('X-Next-Start-Time') };
}

export async function readDistribution(name, params, signal) {
  return (await call(`${metricPath(name)}/distribution?${params}`, { signal })).json();
}

export function csvHref(name, params) {
  return `${metricPath(name)}/data.csv?${params}`;
}

/** A download link can't send a header: with a token, fetch the file and hand the browser a blob. */
export async function downloadWithToken(event) {
  if (!sessionStorage.getItem(TOKEN_KEY)) return; // no token: the plain link downloads
  event.preventDefault();
  const link = event.currentTarget;
  const res = await call(link.getAttribute('href'), { headers: { Accept: 'text/csv' } });
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: link.getAttribute('download') || 'export.csv' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

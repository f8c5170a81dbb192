// The HTTP API (../shared/design/api.md): every call the UI makes, and its errors as ApiError.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(path, options = {}) {
  let res;
  try {
    res = await fetch(path, { headers: { Accept: 'application/json' }, ...options });
  } catch (e) {
    throw new ApiError(0, `Meterline did not answer (${e.message}).`);
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

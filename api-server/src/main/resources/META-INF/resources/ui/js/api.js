// Every call to the REST API goes through here: the bearer token, problem+json errors, and the
// sign-in screen when the API answers 401.

const TOKEN_KEY = 'c8s.token';
const NAMESPACE_KEY = 'c8s.namespace';
const RETURN_KEY = 'c8s.returnTo';

/** An API failure as the API described it (RFC 9457), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

// Tokens live in sessionStorage: gone when the tab closes, never shared with other tabs or sites.
export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  setToken: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  clearToken: () => sessionStorage.removeItem(TOKEN_KEY),
  namespace: () => localStorage.getItem(NAMESPACE_KEY) || 'default',
  setNamespace: (namespace) => localStorage.setItem(NAMESPACE_KEY, namespace),
  // Where to go after signing in: the shared link that led to the sign-in page.
  setReturnTo: (hash) => sessionStorage.setItem(RETURN_KEY, hash),
  takeReturnTo: () => {
    const hash = sessionStorage.getItem(RETURN_KEY);
    sessionStorage.removeItem(RETURN_KEY);
    return hash && !hash.startsWith('#/signin') ? hash : '#/runs';
  },
};

/** "/api/v1/namespaces/<ns>/<parts joined, each encoded>". */
export function apiPath(namespace, ...parts) {
  return '/api/v1/namespaces/' + [namespace, ...parts].map(encodeURIComponent).join('/');
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      const body = await response.json();
      return new ApiError(response.status, body.title || response.statusText, body.detail || body.title);
    } catch {
      // fall through to the status line
    }
  }
  return new ApiError(response.status, response.statusText || 'Error', `the api-server answered ${response.status}`);
}

/**
 * Sends a request and returns the Response if it succeeded, else throws an ApiError. A 401 also
 * raises the event "c8s:unauthorized" so the app can return to sign-in.
 */
export async function request(path, { method = 'GET', query, signal } = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }
  const token = session.token();
  const headers = { Accept: 'application/json, application/problem+json, text/plain, */*' };
  if (token) headers.Authorization = 'Bearer ' + token;
  let response;
  try {
    response = await fetch(url, { method, headers, signal, cache: 'no-store' });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, 'Network error', 'cannot reach the c8s api-server; check your connection and try again');
  }
  if (response.ok) return response;
  const problem = await problemOf(response);
  if (response.status === 401) {
    window.dispatchEvent(new CustomEvent('c8s:unauthorized', { detail: { problem, hadToken: Boolean(token) } }));
  }
  throw problem;
}

/** request() and parse the JSON body. */
export async function json(path, options) {
  return (await request(path, options)).json();
}

/** A human sentence for any error; never a stack trace. */
export function describe(error) {
  if (error instanceof ApiError) {
    return error.status ? `${error.status} ${error.title}: ${error.detail}` : error.detail;
  }
  return 'something went wrong in the dashboard; reload the page';
}

/** How often views ask the API again: it has no watch, so live pages poll. */
export const POLL_MS = 3000;

/**
 * Calls task now and then POLL_MS after each call finished, until signal aborts or task returns
 * false. One call at a time: a slow API is never asked twice at once.
 */
export function poll(task, signal) {
  let timer = null;
  const run = async () => {
    if (signal.aborted) return;
    let again = true;
    try {
      again = (await task()) !== false;
    } catch (error) {
      if (error.name === 'AbortError') return;
    }
    if (again && !signal.aborted) timer = setTimeout(run, POLL_MS);
  };
  signal.addEventListener('abort', () => clearTimeout(timer));
  run();
}

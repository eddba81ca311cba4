// Boot, header and hash routing of the dashboard. Routes are shareable URLs:
//   #/signin   #/runs?ns=&pipeline=&branch=&phase=   #/runs/NS/RUN   #/runs/NS/RUN/steps/STEP#L12

import { apiPath, json, session } from './api.js';
import { h, replace } from './dom.js';
import { logView } from './log.js';
import { runView } from './run.js';
import { runsView } from './runs.js';
import { signInView } from './signin.js';

const ROUTES = [
  [/^\/signin$/, () => signInView],
  [/^\/runs$/, () => runsView],
  [/^\/runs\/([^/]+)\/([^/]+)$/, () => runView],
  [/^\/runs\/([^/]+)\/([^/]+)\/steps\/([^/]+)$/, () => logView],
];

const main = document.getElementById('main');
const signOut = document.getElementById('sign-out');
const namespaceForm = document.getElementById('namespace-form');
const namespaceInput = document.getElementById('namespace');
let current = null; // {route, view}
let devMode = false;
let signInMessage = '';

/** "#/runs/a/b#L3" -> {route: "/runs/a/b", path, query, anchor: "L3"}. */
function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/runs';
  const [route, anchor = ''] = raw.split('#', 2);
  const [path, search = ''] = route.split('?', 2);
  return { route, path, query: new URLSearchParams(search), anchor };
}

function notFound(container) {
  container.append(
    h('h1', { id: 'view-title', tabindex: '-1', text: 'Page not found' }),
    h('p', {}, 'The dashboard has no page at this address. ', h('a', { href: '#/runs', text: 'Go to the runs' })));
  return { title: 'Not found' };
}

function render() {
  const where = parseHash();
  if (current && current.route === where.route) {
    current.view.onAnchor?.(where.anchor);
    return;
  }
  current?.view.dispose?.();
  if (!session.token() && !devMode && where.path !== '/signin') {
    session.setReturnTo(location.hash);
    location.replace('#/signin');
    return;
  }
  const signingIn = where.path === '/signin';
  signOut.hidden = signingIn || !session.token();
  namespaceForm.hidden = signingIn;
  namespaceInput.value = where.query.get('ns') || session.namespace();
  const match = ROUTES.find(([pattern]) => pattern.test(where.path));
  const params = match ? where.path.match(match[0]).slice(1).map(decodeURIComponent) : [];
  const container = replace(main);
  const view = match
    ? match[1]()(container, { params, query: where.query, anchor: where.anchor, message: signInMessage })
    : notFound(container);
  signInMessage = '';
  current = { route: where.route, view };
  document.title = `${view.title} · c8s`;
  // Move focus to the new page (its heading, or its error) so keyboard and screen-reader users
  // start there.
  (view.focus || document.getElementById('view-title'))?.focus();
}

window.addEventListener('c8s:unauthorized', (event) => {
  session.clearToken();
  devMode = false;
  // Only a token that was tried and refused deserves an error; a first visit just asks for one.
  signInMessage = event.detail.hadToken ? `Sign-in failed: ${event.detail.problem.detail}` : '';
  current?.view.dispose?.();
  current = null;
  if (location.hash === '#/signin') {
    render();
  } else {
    session.setReturnTo(location.hash);
    location.hash = '#/signin';
  }
});

namespaceForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const ns = namespaceInput.value.trim();
  if (ns) {
    session.setNamespace(ns);
    location.hash = '#/runs?ns=' + encodeURIComponent(ns);
  }
});

// The skip link must not change the hash: that is the router's.
document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

signOut.addEventListener('click', () => {
  session.clearToken();
  current?.view.dispose?.();
  current = null;
  location.hash = '#/signin';
});

async function start() {
  if (!session.token()) {
    // With the api-server's development switch on, the API answers without a token: no sign-in.
    try {
      await json(apiPath(session.namespace(), 'pipelineruns'), { query: { limit: 1 } });
      devMode = true;
    } catch {
      devMode = false;
    }
  }
  document.getElementById('dev-mode').hidden = !devMode;
  window.addEventListener('hashchange', render);
  render();
}

start();

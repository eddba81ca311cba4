// Sign-in: the dashboard acts with the reader's own Kubernetes identity, given as a bearer token,
// exactly as the REST API does. The token is checked by listing runs in the chosen namespace.

import { ApiError, apiPath, describe, json, session } from './api.js';
import { h } from './dom.js';

/** The sign-in view; message is the API's reason for the last 401, if any. */
export function signInView(container, { message }) {
  const error = h('p', { id: 'signin-error', class: 'error', role: 'alert', text: message || '' });
  const namespace = h('input', {
    id: 'signin-namespace', name: 'namespace', required: true, autocomplete: 'off', spellcheck: 'false',
    value: session.namespace(),
  });
  const token = h('input', {
    id: 'signin-token', name: 'token', type: 'password', required: true, autocomplete: 'off',
    spellcheck: 'false', 'aria-describedby': 'token-help',
  });
  const submit = h('button', { type: 'submit', text: 'Sign in' });
  const form = h('form', { class: 'signin', 'aria-labelledby': 'view-title' },
    h('label', { for: 'signin-namespace', text: 'Namespace' }), namespace,
    h('label', { for: 'signin-token', text: 'Kubernetes bearer token' }), token,
    h('p', { id: 'token-help', class: 'muted' },
      'For a ServiceAccount: ', h('code', { text: 'kubectl create token <service-account> -n <namespace>' }),
      '. Your Kubernetes RBAC on c8s.dev in the namespace decides what you can see and do. The token is kept ',
      'in this browser tab only (sessionStorage) and sent only to this api-server.'),
    submit, error);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.textContent = '';
    const ns = namespace.value.trim();
    session.setNamespace(ns);
    session.setToken(token.value.trim());
    try {
      await json(apiPath(ns, 'pipelineruns'), { query: { limit: 1 } });
      location.hash = session.takeReturnTo();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 403) {
        // The token is valid; what it may not do the runs page says.
        location.hash = session.takeReturnTo();
      } else if (!(failure instanceof ApiError && failure.status === 401)) {
        // A 401 re-renders this view with the API's reason (see main.js).
        session.clearToken();
        error.textContent = 'Sign-in failed: ' + describe(failure);
      }
    } finally {
      submit.disabled = false;
    }
  });

  container.append(
    h('h1', { id: 'view-title', tabindex: '-1', text: 'Sign in to c8s' }),
    h('p', { text: 'Runs, step logs and artifacts of your pipelines. Sign in with a Kubernetes token.' }),
    form);
  return { title: 'Sign in', focus: message ? error : null };
}

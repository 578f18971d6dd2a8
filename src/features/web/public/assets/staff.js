// The staff pages' shared client code: sign-in with a token kept in sessionStorage, calls to the
// JSON API with a bearer header, problem+json errors, a Server-Sent Events reader that can send
// the header (EventSource cannot), and a tiny DOM builder that only ever sets text.
const KEY = 'edge-helpdesk.staff-token';
const ROLES = ['agent', 'editor', 'admin'];

export const locale = document.body.dataset.locale === 'en' ? 'en' : 'zh';
/** @type {Record<string, string>} */
export const texts = JSON.parse(document.getElementById('texts')?.textContent || '{}');
export const t = (key) => texts[key] ?? key;

/** The API's error, carrying the problem+json body. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export const token = () => sessionStorage.getItem(KEY);

/** fetch() on the API with the staff token; JSON in, JSON out; throws ApiError with the problem. */
export async function api(path, { method = 'GET', body, headers = {}, signal } = {}) {
  const h = { Accept: 'application/json', ...headers };
  const tk = token();
  if (tk) h.Authorization = `Bearer ${tk}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), signal });
  if (res.status === 401) {
    sessionStorage.removeItem(KEY);
    showSignIn();
  }
  const type = res.headers.get('content-type') || '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) throw new ApiError(res.status, typeof data === 'object' ? data : { detail: data });
  return data;
}

/**
 * Reads a text/event-stream with the staff token; calls onEvent({event, data, id}) per event and
 * reconnects after a drop (resuming from the last id). Returns a function that stops it.
 */
export function sse(path, onEvent, { onOpen } = {}) {
  const controller = new AbortController();
  let lastId = '';
  let stopped = false;
  const run = async () => {
    while (!stopped) {
      try {
        const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${token()}` };
        if (lastId) headers['Last-Event-ID'] = lastId;
        const res = await fetch(path, { headers, signal: controller.signal });
        if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
        onOpen?.();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const ev = { event: 'message', data: '', id: '' };
            for (const line of block.split('\n')) {
              const i = line.indexOf(':');
              if (i <= 0) continue;
              const field = line.slice(0, i);
              const val = line.slice(i + 1).replace(/^ /, '');
              if (field === 'event') ev.event = val;
              else if (field === 'data') ev.data += (ev.data ? '\n' : '') + val;
              else if (field === 'id') ev.id = lastId = val;
            }
            if (ev.data) {
              let data = ev.data;
              try {
                data = JSON.parse(ev.data);
              } catch {
                /* plain text event */
              }
              onEvent({ ...ev, data });
            }
          }
        }
      } catch (error) {
        if (stopped) return;
        console.warn(String(error));
      }
      if (!stopped) await new Promise((r) => setTimeout(r, 2000));
    }
  };
  void run();
  return () => {
    stopped = true;
    controller.abort();
  };
}

/** el('a', {href, class, onclick}, 'text', child…): attributes set as properties or attributes, children as text nodes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k in node && typeof v !== 'string') node[k] = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}

/** Formats a date in the page's language. */
export const when = (iso) =>
  iso ? new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '';

/** Shows a transient message in the page's live region. */
export function toast(message, kind = 'info') {
  let box = document.getElementById('toast');
  if (!box) {
    box = el('div', { id: 'toast', role: 'status', 'aria-live': 'polite' });
    document.body.append(box);
  }
  box.className = kind;
  box.textContent = message;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (box.textContent = ''), 5000);
}

function showSignIn() {
  document.getElementById('main').hidden = true;
  document.getElementById('sign-in').hidden = false;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('token')?.focus();
}

/**
 * Signs the page in (asking for the token when there is none), checks the page's role, then
 * calls start(me) once. `me` is {id, name, role}.
 */
export function boot(start) {
  const need = document.body.dataset.role || 'agent';
  const form = document.getElementById('sign-in-form');
  const error = document.getElementById('sign-in-error');
  const ready = (me) => {
    document.getElementById('who').textContent = `${me.name} · ${me.role}`;
    for (const a of document.querySelectorAll('nav a[data-min-role]')) {
      a.hidden = ROLES.indexOf(me.role) < ROLES.indexOf(a.dataset.minRole);
    }
    document.getElementById('sign-in').hidden = true;
    document.getElementById('sign-out').hidden = false;
    const main = document.getElementById('main');
    main.hidden = false;
    if (ROLES.indexOf(me.role) < ROLES.indexOf(need)) {
      main.replaceChildren(el('p', { class: 'error', role: 'alert' }, t('needsRole').replace('{role}', need)));
      return;
    }
    start(me);
  };
  const check = async () => {
    try {
      ready(await api('/api/me'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        error.textContent = token() ? t('badToken') : '';
        showSignIn();
      } else error.textContent = t('failed');
    }
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = new FormData(form).get('token')?.toString().trim() ?? '';
    sessionStorage.setItem(KEY, value);
    try {
      ready(await api('/api/me'));
      form.reset();
      error.textContent = '';
    } catch {
      sessionStorage.removeItem(KEY);
      error.textContent = t('badToken');
      showSignIn();
    }
  });
  document.getElementById('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    location.reload();
  });
  if (token()) void check();
  else showSignIn();
}

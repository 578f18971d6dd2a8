// Staff management (/{locale}/admin/staff): the list of staff accounts (GET /api/admin/staff),
// a form that creates one and shows its API token once (POST), and deactivate / reactivate
// buttons (PATCH). The token is only ever put in a read-only input's value, and cleared when
// the admin confirms they stored it.
import { api, boot, el, t, toast, when } from './staff.js';

const $ = (id) => document.getElementById(id);
const fill = (key, vars) => t(key).replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
let me = null;

function row(s) {
  const self = s.id === me.id;
  const action = el(
    'button',
    {
      type: 'button',
      class: s.active ? 'secondary' : '',
      dataset: { id: s.id },
      disabled: self,
      'aria-label': fill(s.active ? 'deactivateName' : 'reactivateName', { name: s.name }),
      onclick: () => void toggle(s),
    },
    s.active ? t('deactivate') : t('reactivate'),
  );
  return el(
    'tr',
    { class: s.active ? '' : 'inactive' },
    el('th', { scope: 'row' }, el('span', { class: 'name' }, s.name), self ? el('span', { class: 'muted' }, ` (${t('you')})`) : null, s.email ? el('div', { class: 'muted email' }, s.email) : null),
    el('td', {}, t(`role_${s.role}`)),
    el('td', {}, el('span', { class: `badge ${s.active ? 'ok' : 'off'}` }, s.active ? t('active') : t('inactive'))),
    el('td', { class: 'actions' }, action),
    el('td', {}, el('code', {}, `${s.token_prefix}…`)),
    el('td', {}, s.last_seen_at ? when(s.last_seen_at) : t('never')),
    el('td', {}, when(s.created_at)),
  );
}

async function refresh() {
  const box = $('staff-list');
  const { items } = await api('/api/admin/staff');
  const heads = ['colName', 'colRole', 'colStatus', 'colAction', 'colPrefix', 'colLastSeen', 'colCreated'];
  box.replaceChildren(
    items.length === 0
      ? el('p', { class: 'muted' }, t('noStaff'))
      : el(
          'table',
          { class: 'list staff-list' },
          el('thead', {}, el('tr', {}, heads.map((h) => el('th', { scope: 'col', class: h === 'colAction' ? 'actions' : undefined }, t(h))))),
          el('tbody', {}, items.map(row)),
        ),
  );
  box.setAttribute('aria-busy', 'false');
}

async function toggle(s) {
  try {
    await api(`/api/admin/staff/${encodeURIComponent(s.id)}`, { method: 'PATCH', body: { active: !s.active } });
    toast(fill(s.active ? 'deactivated' : 'reactivated', { name: s.name }));
    await refresh();
    // Keep the keyboard where it was: on the same row's button.
    document.querySelector(`#staff-list button[data-id="${CSS.escape(s.id)}"]`)?.focus();
  } catch (e) {
    toast(e.message || t('failed'), 'error');
  }
}

function showToken(name, token) {
  const panel = $('new-token');
  $('new-token-heading').textContent = fill('newTokenHeading', { name });
  $('new-token-value')?.parentElement.remove();
  const field = el(
    'p',
    { class: 'token-field' },
    el('label', { for: 'new-token-value' }, t('newTokenLabel')),
    el('input', { id: 'new-token-value', readonly: true, value: token, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'token-warning' }),
  );
  $('new-token-row').before(field);
  panel.hidden = false;
  panel.focus();
}

function hideToken() {
  $('new-token-value')?.parentElement.remove();
  $('new-token').hidden = true;
  $('staff-name').focus();
}

async function copyToken() {
  const input = $('new-token-value');
  try {
    await navigator.clipboard.writeText(input.value);
    toast(t('copied'));
  } catch {
    input.select();
    toast(t('copyFailed'), 'error');
  }
}

async function create(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const error = $('add-error');
  error.textContent = '';
  const data = new FormData(form);
  const body = { name: String(data.get('name') ?? '').trim(), role: String(data.get('role')) };
  const email = String(data.get('email') ?? '').trim();
  if (email) body.email = email;
  try {
    const created = await api('/api/admin/staff', { method: 'POST', body });
    form.reset();
    toast(fill('created', { name: created.staff.name }));
    showToken(created.staff.name, created.token);
    await refresh();
  } catch (e) {
    const fields = e.problem?.errors?.map((x) => x.message).join(' ') ?? '';
    error.textContent = [e.message || t('failed'), fields].filter(Boolean).join(' ');
  }
}

boot(async (who) => {
  me = who;
  $('add-staff').addEventListener('submit', create);
  $('copy-token').addEventListener('click', () => void copyToken());
  $('token-done').addEventListener('click', hideToken);
  try {
    await refresh();
  } catch (e) {
    toast(e.message || t('failed'), 'error');
  }
});

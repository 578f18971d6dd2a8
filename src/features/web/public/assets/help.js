// Help center: as-you-type suggestions on the search box (GET /api/search/suggest), as an ARIA
// 1.2 combobox with a listbox popup. Progressive enhancement: without this script the box is a
// plain search form. Keys: ↓/↑ move through the options (focus stays in the box), Enter opens
// the chosen one (or searches when none is chosen), Escape closes, Tab leaves. Article titles
// and queries are set as text only.
const form = document.querySelector('form.search');
const input = form?.querySelector('#q');

const DEBOUNCE_MS = 150;
const hasCjk = (s) => /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(s);

if (form && input) enhance(form, input);

function enhance(form, input) {
  const locale = form.dataset.locale === 'en' ? 'en' : 'zh';
  const list = document.createElement('div');
  list.id = 'q-suggestions';
  list.className = 'suggest';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', form.dataset.suggestions ?? '');
  list.hidden = true;
  const status = document.createElement('div');
  status.className = 'sr-only';
  status.setAttribute('role', 'status');
  input.parentElement.append(list, status);

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('autocomplete', 'off');

  /** @type {{label: string, href: string}[]} */
  let options = [];
  let active = -1;
  let timer;
  let controller;
  let asked = '';

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const select = (i) => {
    active = i;
    for (const [n, node] of [...list.querySelectorAll('[role=option]')].entries()) node.setAttribute('aria-selected', String(n === i));
    if (i < 0) {
      input.removeAttribute('aria-activedescendant');
      return;
    }
    const node = document.getElementById(`q-option-${i}`);
    input.setAttribute('aria-activedescendant', node.id);
    node.scrollIntoView({ block: 'nearest' });
  };

  const open = (i) => {
    const choice = options[i];
    if (choice) location.assign(choice.href);
  };

  const group = (key, label, items) => {
    if (items.length === 0) return [];
    const box = document.createElement('div');
    box.setAttribute('role', 'group');
    const heading = document.createElement('div');
    heading.setAttribute('role', 'presentation');
    heading.id = `q-group-${key}`;
    heading.textContent = label;
    box.setAttribute('aria-labelledby', heading.id);
    box.append(heading);
    for (const item of items) {
      const i = options.length;
      options.push(item);
      const option = document.createElement('div');
      option.setAttribute('role', 'option');
      option.id = `q-option-${i}`;
      option.setAttribute('aria-selected', 'false');
      option.textContent = item.label;
      option.addEventListener('click', () => open(i));
      box.append(option);
    }
    return [box];
  };

  const render = (data) => {
    options = [];
    const q = input.value.trim().toLowerCase();
    const articles = data.articles.map((a) => ({ label: a.title, href: a.url }));
    const queries = data.queries
      .filter((text) => text.toLowerCase() !== q)
      .map((text) => ({ label: text, href: `/${locale}/search?q=${encodeURIComponent(text)}` }));
    list.replaceChildren(...group('articles', form.dataset.articles ?? '', articles), ...group('queries', form.dataset.queries ?? '', queries));
    if (options.length === 0) {
      close();
      status.textContent = '';
      return;
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    select(-1);
    const template = options.length === 1 ? form.dataset.countOne : form.dataset.count;
    status.textContent = (template ?? '').replace('{n}', String(options.length));
  };

  const ask = async () => {
    const q = input.value.trim();
    if (q === asked) return;
    asked = q;
    controller?.abort();
    if (q.length < (hasCjk(q) ? 1 : 2)) {
      close();
      return;
    }
    controller = new AbortController();
    try {
      const params = new URLSearchParams({ q, locale, limit: '6' });
      const res = await fetch(`/api/search/suggest?${params}`, { headers: { Accept: 'application/json' }, signal: controller.signal });
      if (!res.ok) return close(); // suggestions are a convenience: the form still searches
      const data = await res.json();
      if (input.value.trim() === q && document.activeElement === input) render(data);
    } catch (error) {
      if (error.name !== 'AbortError') close();
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(ask, DEBOUNCE_MS);
  });

  input.addEventListener('keydown', (event) => {
    const expanded = !list.hidden && options.length > 0;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!expanded) {
        asked = '';
        void ask();
        return;
      }
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const next = active + step;
      select(next < -1 ? options.length - 1 : next >= options.length ? -1 : next);
    } else if (event.key === 'Enter' && expanded && active >= 0) {
      event.preventDefault();
      open(active);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') {
      close();
    }
  });

  // A click on an option must not blur the box first (that would close the list under the pointer).
  list.addEventListener('mousedown', (event) => event.preventDefault());
  input.addEventListener('blur', close);
  form.addEventListener('submit', close);
}

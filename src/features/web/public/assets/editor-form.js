// The article form's fields: reading and writing an article's content, the alternate-question
// rows, and showing the API's field errors (problem+json `errors`, e.g. body.slug) beside fields.
import { el, t } from './staff.js';
import { tf } from './editor-common.js';

const SIMPLE = ['title', 'slug', 'category', 'kind', 'audience', 'summary', 'body'];

const clean = (list) => (list ?? []).map((s) => String(s).trim()).filter(Boolean);

/** An article's content fields, trimmed, in one key order: equal content gives equal JSON. */
export function normalize(content) {
  const out = {};
  for (const name of SIMPLE) out[name] = String(content[name] ?? '').trim();
  out.tags = clean(content.tags);
  out.questions = clean(content.questions);
  return out;
}

export function createForm(form, { onChange }) {
  const list = form.querySelector('#questions');
  let rowId = 0;

  const renumber = () =>
    [...list.children].forEach((li, i) => {
      li.querySelector('label').textContent = tf('questionN', { n: i + 1 });
      li.querySelector('button').setAttribute('aria-label', tf('removeQuestion', { n: i + 1 }));
    });

  function addQuestion(value = '', focus = false) {
    const id = `question-${++rowId}`;
    const input = el('input', { id, name: 'question', maxlength: 300, autocomplete: 'off', value });
    const li = el(
      'li',
      {},
      el('label', { for: id, class: 'sr-only' }),
      input,
      el('button', {
        type: 'button',
        class: 'secondary icon',
        onclick: () => {
          const sibling = li.nextElementSibling ?? li.previousElementSibling;
          li.remove();
          renumber();
          (sibling?.querySelector('input') ?? form.querySelector('#add-question')).focus();
          onChange();
        },
      }, '×'),
    );
    list.append(li);
    renumber();
    if (focus) input.focus();
  }

  form.querySelector('#add-question').addEventListener('click', () => {
    addQuestion('', true);
    onChange();
  });
  form.addEventListener('input', onChange);
  form.addEventListener('change', onChange);

  /** The content as the API takes it (empty questions and tags dropped). */
  function read() {
    const raw = {};
    for (const name of SIMPLE) raw[name] = form.elements[name].value;
    raw.tags = form.elements.tags.value.split(/[,，]/);
    raw.questions = [...list.querySelectorAll('input')].map((i) => i.value);
    return normalize(raw);
  }

  function write(content) {
    for (const name of SIMPLE) if (content[name] !== undefined) form.elements[name].value = content[name];
    form.elements.tags.value = (content.tags ?? []).join(', ');
    list.replaceChildren();
    for (const q of content.questions ?? []) addQuestion(q);
    clearErrors();
  }

  function clearErrors() {
    for (const node of form.querySelectorAll('.field-error')) node.remove();
    for (const node of form.querySelectorAll('[aria-invalid]')) {
      node.removeAttribute('aria-invalid');
      const rest = (node.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.endsWith('-error'));
      if (rest.length) node.setAttribute('aria-describedby', rest.join(' '));
      else node.removeAttribute('aria-describedby');
    }
    form.querySelector('#form-error').textContent = '';
  }

  /** Puts each `errors[].path` (body.title, body.questions.2) next to its field; false if none matched. */
  function showErrors(problem) {
    clearErrors();
    let first = null;
    for (const e of problem?.errors ?? []) {
      const [, name, index] = e.path.split('.');
      let field = name === 'questions' ? list.querySelectorAll('input')[Number(index) || 0] : form.elements[name];
      if (!field || !(field instanceof HTMLElement)) continue;
      field.setAttribute('aria-invalid', 'true');
      const id = `${field.id}-error`;
      field.setAttribute('aria-describedby', [field.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
      field.after(el('small', { class: 'field-error error', id }, e.message));
      first ??= field;
    }
    form.querySelector('#form-error').textContent = problem?.detail ? `${t('invalid')} ${problem.detail}` : t('invalid');
    first?.focus();
    return first !== null;
  }

  return { read, write, addQuestion, clearErrors, showErrors };
}

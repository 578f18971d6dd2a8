// The admin dashboard (/{locale}/admin): service metrics for a period from
// GET /api/metrics/summary, as key figures and inline-SVG charts (admin-charts.js). The period
// and language live in the page URL (?from=YYYY-MM-DD&to=YYYY-MM-DD&locale=), `to` inclusive
// for people; the API's `to` is exclusive, so the day after is sent.
import { api, boot, el, t, toast } from './staff.js';
import { barChart, fill, fmt, lineChart } from './admin-charts.js';

const REASONS = ['human_request', 'complaint', 'repeated_failure', 'low_confidence', 'out_of_scope', 'customer_button'];
const SEVERITIES = [
  { key: 'major', color: '#b42318' },
  { key: 'medium', color: '#dc6803' },
  { key: 'general', color: '#175cd3' },
];

const $ = (id) => document.getElementById(id);
const pad = (n) => String(n).padStart(2, '0');
/** Today in the service time zone (rendered by the server), the browser's own date as a fallback. */
const today = () => {
  const served = document.getElementById('range').dataset.today ?? '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(served)) return served;
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const addDays = (day, n) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const label = (prefix, key) => {
  const text = t(`${prefix}_${key}`);
  return text === `${prefix}_${key}` ? key : text;
};
const duration = (minutes) => {
  if (minutes === null || minutes === undefined) return t('noValue');
  return minutes < 120 ? fill('minutes', { n: fmt.dec(Math.round(minutes)) }) : fill('hours', { n: fmt.dec(Math.round(minutes / 6) / 10) });
};

let last = null; // the summary shown, redrawn when the width changes
let pending = null;

function kpi(name, value, hint) {
  return el('div', { class: 'kpi' }, el('dt', {}, name), el('dd', { class: 'value' }, value), hint ? el('dd', { class: 'hint' }, hint) : null);
}

function renderKpis(m) {
  $('kpis').replaceChildren(
    kpi(t('kpiConversations'), fmt.int(m.conversations), t('kpiConversationsHint')),
    kpi(t('kpiDeflection'), fmt.pct(m.bot_resolved_share), t('kpiDeflectionHint')),
    kpi(t('kpiHandoffs'), fmt.int(m.handoffs), fill('kpiHandoffsHint', { rate: fmt.pct(m.handoff_rate) })),
    kpi(t('kpiFcr'), fmt.pct(m.first_contact_resolution), t('kpiFcrHint')),
    kpi(t('kpiFirstResponse'), duration(m.time_to_first_response_minutes.median), fill('kpiP90Hint', { value: duration(m.time_to_first_response_minutes.p90) })),
    kpi(t('kpiResolution'), duration(m.time_to_resolution_minutes.median), fill('kpiP90Hint', { value: duration(m.time_to_resolution_minutes.p90) })),
    kpi(t('kpiSla'), fmt.int(m.sla_breaches.first_response + m.sla_breaches.resolution), fill('kpiSlaHint', { first: fmt.int(m.sla_breaches.first_response), resolution: fmt.int(m.sla_breaches.resolution) })),
    kpi(t('kpiCsat'), fmt.dec(m.csat.average), fill('kpiCsatHint', { n: fmt.int(m.csat.responses) })),
    kpi(t('kpiZero'), fmt.pct(m.search.zero_result_share), fill('kpiZeroHint', { zero: fmt.int(m.search.zero_result), n: fmt.int(m.search.searches) })),
    kpi(t('kpiFollowUps'), fmt.int(m.follow_ups.done), fill('kpiFollowUpsHint', { done: fmt.int(m.follow_ups.done), due: fmt.int(m.follow_ups.due), satisfied: fmt.int(m.follow_ups.satisfied) })),
    kpi(t('kpiCallbacks'), fmt.int(m.callbacks.open), fill('kpiCallbacksHint', { overdue: fmt.int(m.callbacks.overdue), done: fmt.int(m.callbacks.done) })),
  );
  $('kpis').setAttribute('aria-busy', 'false');
}

const time = (iso) => new Date(iso).toLocaleString(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short' });

/** The search section: the index and semantic re-ranking as the answering process sees them. */
async function loadSearchHealth() {
  const box = $('search-health');
  try {
    const s = await api('/api/admin/search-status');
    const items = [kpi(t('searchIndex'), fmt.int(s.articles), fill('searchIndexHint', { backend: s.backend ? label('backend', s.backend) : t('noValue') }))];
    const m = s.semantic;
    if (!m) items.push(kpi(t('semanticTitle'), t('semanticOff'), t('semanticOffHint')));
    else {
      const hint = m.model_paused_until ? fill('semanticPaused', { time: time(m.model_paused_until) }) : fill('semanticOnHint', { articles: fmt.int(m.articles_loaded), parts: fmt.int(m.parts_loaded) });
      items.push(kpi(t('semanticTitle'), m.model, hint));
      const run = m.last_run;
      if (!run) items.push(kpi(t('semanticLastRun'), t('noValue'), t('semanticNoRun')));
      else if ('error' in run) items.push(kpi(t('semanticLastRun'), t('semanticRunFailed'), `${time(run.at)}: ${run.error}`));
      else items.push(kpi(t('semanticLastRun'), time(run.at), fill('semanticRunHint', { embedded: fmt.int(run.embedded), removed: fmt.int(run.removed), refused: fmt.int(run.refused) })));
    }
    box.replaceChildren(...items);
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error' }, e.message || t('failed')));
  }
  box.setAttribute('aria-busy', 'false');
}

/** Draws one chart into its section; `draw` returns the figure for the container's width. */
function place(id, ...draws) {
  const box = $(`chart-${id}`);
  const title = $(`h-${id}`).textContent;
  box.replaceChildren(...draws.map((draw) => draw(box, title)));
}

function renderCharts(m) {
  const days = m.series.points.map((p) => p.start);
  const col = (key) => m.series.points.map((p) => p[key]);
  place('volume', (box, title) =>
    lineChart(box, {
      title,
      days,
      series: [
        { name: t('seriesConversations'), values: col('conversations'), color: '#0b6bcb' },
        { name: t('seriesHandoffs'), values: col('handoffs'), color: '#b54708', dash: true },
      ],
    }),
  );
  place('deflection', (box, title) =>
    lineChart(box, { title, days, min: 0, max: 1, integer: false, format: fmt.pct, series: [{ name: t('seriesDeflection'), values: col('bot_resolved_share'), color: '#067647' }] }),
  );
  place('csat', (box, title) =>
    lineChart(box, { title, days, min: 1, max: 5, format: fmt.dec, series: [{ name: t('seriesCsat'), values: col('csat_average'), color: '#6941c6' }] }),
  );
  place('csat-dist', (box, title) =>
    barChart(box, { title, color: '#6941c6', rows: [5, 4, 3, 2, 1].map((r) => ({ label: fill('rating', { n: r }), value: m.csat.distribution[String(r)] ?? 0 })) }),
  );
  const reasons = [...new Set([...REASONS, ...Object.keys(m.handoffs_by_reason)])]
    .map((key) => ({ label: label('reason', key), value: m.handoffs_by_reason[key] ?? 0 }))
    .filter((r) => r.value > 0)
    .sort((a, b) => b.value - a.value);
  place('reasons', (box, title) => barChart(box, { title, rows: reasons }));
  place(
    'sla',
    (box, title) =>
      barChart(box, {
        title,
        zeroes: m.handoffs > 0,
        color: '#b42318',
        rows: [
          { label: t('slaFirst'), value: m.sla_breaches.first_response },
          { label: t('slaResolution'), value: m.sla_breaches.resolution },
        ],
      }),
    (box, title) => lineChart(box, { title, days, zeroes: m.handoffs > 0, series: [{ name: t('seriesBreached'), values: col('sla_breached'), color: '#b42318' }] }),
    () => el('p', { class: 'muted' }, fill('slaOf', { n: fmt.int(m.handoffs) })),
  );
  const complaints = Object.entries(m.complaints_by_category)
    .map(([key, parts]) => ({ label: label('category', key), parts }))
    .sort((a, b) => Object.values(b.parts).reduce((s, v) => s + v, 0) - Object.values(a.parts).reduce((s, v) => s + v, 0));
  place('complaints', (box, title) => barChart(box, { title, rows: complaints, series: SEVERITIES.map((s) => ({ ...s, name: t(`severity_${s.key}`) })) }));
}

function render(m, range) {
  last = m;
  const notes = [fill('periodNote', { from: range.from, to: range.to, zone: m.series.time_zone })];
  if (m.series.bucket_days > 1) notes.push(fill('bucketNote', { n: m.series.bucket_days }));
  $('period').textContent = notes.join(' ');
  renderKpis(m);
  renderCharts(m);
}

function readForm() {
  const form = $('range');
  return { from: form.from.value, to: form.to.value, locale: form.locale.value };
}

async function load(range) {
  const error = $('range-error');
  if (!range.from || !range.to || range.from > range.to) {
    error.textContent = t('rangeError');
    $('from').setAttribute('aria-invalid', 'true');
    return;
  }
  error.textContent = '';
  $('from').removeAttribute('aria-invalid');
  const form = $('range');
  form.from.value = range.from;
  form.to.value = range.to;
  form.locale.value = range.locale;
  const query = new URLSearchParams({ from: range.from, to: addDays(range.to, 1) });
  if (range.locale) query.set('locale', range.locale);
  const url = new URL(location.href);
  url.search = new URLSearchParams(Object.entries(range).filter(([, v]) => v)).toString();
  history.replaceState(null, '', url);
  pending?.abort();
  pending = new AbortController();
  $('kpis').setAttribute('aria-busy', 'true');
  try {
    render(await api(`/api/metrics/summary?${query}`, { signal: pending.signal }), range);
  } catch (e) {
    if (e.name !== 'AbortError') toast(e.message || t('failed'), 'error');
  }
}

function start() {
  const params = new URLSearchParams(location.search);
  const to = /^\d{4}-\d{2}-\d{2}$/.test(params.get('to') ?? '') ? params.get('to') : today();
  const from = /^\d{4}-\d{2}-\d{2}$/.test(params.get('from') ?? '') ? params.get('from') : addDays(to, -29);
  const locale = ['zh', 'en'].includes(params.get('locale') ?? '') ? params.get('locale') : '';
  $('range').addEventListener('submit', (event) => {
    event.preventDefault();
    void load(readForm());
  });
  for (const button of document.querySelectorAll('#range [data-days]')) {
    button.addEventListener('click', () => {
      const end = today();
      void load({ from: addDays(end, 1 - Number(button.dataset.days)), to: end, locale: $('range').locale.value });
    });
  }
  // Charts are drawn at their pixel width: redraw when the width changes (before the next paint).
  // The observed probe has no height, so redrawing never resizes what is observed.
  const probe = el('div', { class: 'width-probe', 'aria-hidden': 'true' });
  document.querySelector('.charts').before(probe);
  let width = 0;
  new ResizeObserver(([entry]) => {
    const now = Math.round(entry.contentRect.width);
    if (last && now !== width) renderCharts(last);
    width = now;
  }).observe(probe);
  void load({ from, to, locale });
  void loadSearchHealth();
}

boot(start);

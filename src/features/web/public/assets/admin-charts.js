// Plain inline-SVG charts for the admin dashboard: horizontal bars, stacked bars and lines.
// Each is drawn at its container's pixel width (so text stays readable on a phone) with axis
// labels, carries role="img" with a one-sentence summary as its aria-label, and comes with the
// same figures as a table under a <details> for screen readers and exact numbers. Only text
// nodes and attributes are set: no data ever goes through innerHTML.
import { el, locale, t } from './staff.js';

const NS = 'http://www.w3.org/2000/svg';
const LANG = locale === 'zh' ? 'zh-CN' : 'en';
const FONT = '12px system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif';

/** Fills `{name}` placeholders of a translated string. */
export const fill = (key, vars = {}) => t(key).replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));

const int = new Intl.NumberFormat(LANG);
const pct = new Intl.NumberFormat(LANG, { style: 'percent', maximumFractionDigits: 1 });
const dec = new Intl.NumberFormat(LANG, { maximumFractionDigits: 2 });
const dayFmt = new Intl.DateTimeFormat(LANG, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Number formats in the page's language; null shows as a dash. */
export const fmt = {
  int: (n) => (n === null || n === undefined ? t('noValue') : int.format(n)),
  pct: (n) => (n === null || n === undefined ? t('noValue') : pct.format(n)),
  dec: (n) => (n === null || n === undefined ? t('noValue') : dec.format(n)),
  /** A YYYY-MM-DD day as "Nov 18" / "11月18日". */
  day: (iso) => dayFmt.format(new Date(`${iso}T00:00:00Z`)),
};

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  for (const c of children) if (c !== undefined && c !== null) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

let ctx;
/** Width of a text in the charts' font, in pixels. */
function textWidth(text) {
  ctx ??= document.createElement('canvas').getContext('2d');
  ctx.font = FONT;
  return ctx.measureText(String(text)).width;
}

/** Round tick values from min to at least max: steps of 1, 2 or 5 × 10^k. */
export function ticks(min, max, count = 4, integer = true) {
  const span = Math.max(max - min, integer ? 1 : 1e-9);
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  if (integer) step = Math.max(1, Math.round(step));
  const out = [];
  for (let v = min; out.length < 12; v += step) {
    out.push(Math.round(v * 1e6) / 1e6);
    if (v >= max - 1e-9 && out.length >= 2) break;
  }
  return out;
}

const widthOf = (container) => Math.max(260, Math.floor(container.clientWidth || 600));

/** The figure: an optional legend, the SVG as one image, and the data table. */
function figure(title, summary, chart, table, legend) {
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', `${title}${locale === 'zh' ? '：' : ': '}${summary}`);
  return el(
    'figure',
    { class: 'figure' },
    legend ?? null,
    chart,
    el('details', {}, el('summary', {}, t('dataTable')), table),
  );
}

function dataTable(head, rows) {
  return el(
    'table',
    { class: 'list data' },
    el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c) : el('td', {}, c)))))),
  );
}

function legendOf(series) {
  return el(
    'ul',
    { class: 'legend' },
    series.map((s) => el('li', {}, el('span', { class: `swatch${s.dash ? ' dashed' : ''}`, style: `--c:${s.color}`, 'aria-hidden': 'true' }), s.name)),
  );
}

/**
 * Horizontal bars, one row per item, or stacked segments when `series` is given (each row then
 * has `parts` keyed by series key). Labels sit left of the bars, or above them when narrow.
 * All-zero data shows "no data" unless `zeroes` says a zero is a result worth drawing.
 */
export function barChart(container, { title, rows, format = fmt.int, color = '#0b6bcb', series, zeroes = false }) {
  const totals = rows.map((r) => (series ? series.reduce((s, x) => s + (r.parts[x.key] ?? 0), 0) : r.value));
  if (rows.length === 0 || (!zeroes && totals.every((v) => !v))) return el('p', { class: 'muted' }, t('noData'));
  const W = widthOf(container);
  const labelW = Math.ceil(Math.max(...rows.map((r) => textWidth(r.label)))) + 12;
  const compact = labelW > W * 0.42;
  const left = compact ? 4 : labelW;
  const right = 44;
  const rowH = compact ? 46 : 32;
  const barH = 18;
  const top = 6;
  const axisY = top + rows.length * rowH + 4;
  const H = axisY + 24;
  const scaleTicks = ticks(0, Math.max(...totals));
  const max = scaleTicks.at(-1);
  const x = (v) => left + (v / max) * (W - left - right);
  const chart = svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, class: 'chart-svg' });
  for (const v of scaleTicks) {
    chart.append(svg('line', { x1: x(v), x2: x(v), y1: top, y2: axisY, class: 'grid' }));
    chart.append(svg('text', { x: x(v), y: axisY + 16, 'text-anchor': 'middle', class: 'tick' }, format(v)));
  }
  chart.append(svg('line', { x1: left, x2: W - right, y1: axisY, y2: axisY, class: 'axis' }));
  rows.forEach((r, i) => {
    const y0 = top + i * rowH;
    const barY = compact ? y0 + 20 : y0 + (rowH - barH) / 2;
    chart.append(svg('text', { x: compact ? left : 0, y: compact ? y0 + 14 : barY + 13, class: 'label' }, r.label));
    let cursor = 0;
    for (const part of series ?? [{ key: 'value', color }]) {
      const v = series ? (r.parts[part.key] ?? 0) : r.value;
      if (v > 0) {
        chart.append(svg('rect', { x: x(cursor), y: barY, width: Math.max(1, x(cursor + v) - x(cursor)), height: barH, fill: part.color, class: 'bar' }, svg('title', {}, series ? `${r.label} · ${part.name}: ${format(v)}` : `${r.label}: ${format(v)}`)));
      }
      cursor += v;
    }
    chart.append(svg('text', { x: x(totals[i]) + 6, y: barY + 13, class: 'value' }, format(totals[i])));
  });
  const summary = rows.map((r, i) => `${r.label} ${format(totals[i])}`).join(locale === 'zh' ? '，' : ', ');
  const table = series
    ? dataTable([t('colCategory'), ...series.map((s) => s.name), t('colTotal')], rows.map((r, i) => [r.label, ...series.map((s) => format(r.parts[s.key] ?? 0)), format(totals[i])]))
    : dataTable([t('colItem'), t('colCount')], rows.map((r) => [r.label, format(r.value)]));
  return figure(title, summary, chart, table, series ? legendOf(series) : undefined);
}

/**
 * Which days get a label on the x axis: every k-th (k wide enough for the longest label), kept
 * inside the chart, plus the last day, which replaces its neighbour when the two would touch.
 */
function dayTicks(labels, x, W) {
  const n = labels.length;
  const gap = 10;
  const longest = Math.max(...labels.map(textWidth));
  const stepPx = n > 1 ? Math.abs(x(1) - x(0)) : W;
  const every = Math.max(1, Math.ceil((longest + gap) / stepPx));
  const place = (i) => {
    const w = textWidth(labels[i]);
    const cx = Math.min(Math.max(x(i), 2 + w / 2), W - 2 - w / 2);
    return { label: labels[i], x: cx, a: cx - w / 2, b: cx + w / 2 };
  };
  const out = [];
  for (let i = 0; i < n; i++) {
    if (i % every !== 0 && i !== n - 1) continue;
    const tick = place(i);
    const prev = out.at(-1);
    if (prev && tick.a < prev.b + gap) {
      if (i !== n - 1) continue;
      out.pop();
    }
    out.push(tick);
  }
  return out;
}

function describeSeries(s, days, format) {
  const known = s.values.map((v, i) => [v, i]).filter(([v]) => v !== null && v !== undefined);
  if (known.length === 0) return fill('summaryNone', { name: s.name });
  const hi = known.reduce((a, b) => (b[0] > a[0] ? b : a));
  const lo = known.reduce((a, b) => (b[0] < a[0] ? b : a));
  return fill('summaryHighLow', { name: s.name, max: format(hi[0]), maxDay: days[hi[1]], min: format(lo[0]), minDay: days[lo[1]] });
}

/**
 * Lines over days: `days` are YYYY-MM-DD, each series {name, values (null = no data: the line
 * breaks), color, dash}. `min`/`max` fix the y scale (1–5 for ratings, 0–1 for shares).
 */
export function lineChart(container, { title, days, series, format = fmt.int, min = 0, max, integer = true, zeroes = false }) {
  const empty = (v) => v === null || v === undefined || (!zeroes && v === 0);
  if (series.every((s) => s.values.every(empty))) return el('p', { class: 'muted' }, t('noData'));
  const labels = days.map(fmt.day);
  const W = widthOf(container);
  const H = W < 480 ? 190 : 230;
  const top = 12;
  const bottom = H - 28;
  const highest = Math.max(...series.flatMap((s) => s.values.filter((v) => v !== null)));
  const yTicks = ticks(min, max ?? highest, 4, integer);
  const yMax = yTicks.at(-1);
  const left = Math.ceil(Math.max(...yTicks.map((v) => textWidth(format(v))))) + 12;
  const right = 14;
  const n = days.length;
  const x = (i) => (n === 1 ? (left + W - right) / 2 : left + (i / (n - 1)) * (W - left - right));
  const y = (v) => bottom - ((v - min) / (yMax - min)) * (bottom - top);
  const chart = svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, class: 'chart-svg' });
  for (const v of yTicks) {
    chart.append(svg('line', { x1: left, x2: W - right, y1: y(v), y2: y(v), class: v === min ? 'axis' : 'grid' }));
    chart.append(svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, format(v)));
  }
  for (const tick of dayTicks(labels, x, W)) chart.append(svg('text', { x: tick.x, y: H - 8, 'text-anchor': 'middle', class: 'tick' }, tick.label));
  for (const s of series) {
    let d = '';
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      d += `${d && s.values[i - 1] !== null && s.values[i - 1] !== undefined ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    });
    chart.append(svg('path', { d, fill: 'none', stroke: s.color, 'stroke-width': 2.5, 'stroke-dasharray': s.dash ? '6 4' : undefined, class: 'line' }));
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      chart.append(svg('circle', { cx: x(i), cy: y(v), r: n > 40 ? 2.5 : 3.5, fill: s.color, class: 'dot' }, svg('title', {}, `${labels[i]} · ${s.name} ${format(v)}`)));
    });
  }
  const summary = series.map((s) => describeSeries(s, labels, format)).join(locale === 'zh' ? '；' : '; ');
  const table = dataTable([t('colDay'), ...series.map((s) => s.name)], labels.map((label, i) => [label, ...series.map((s) => format(s.values[i] ?? null))]));
  return figure(title, summary, chart, table, legendOf(series));
}

/** @jsxImportSource hono/jsx */
/**
 * The admin pages: the service-metrics dashboard (/{locale}/admin, script /assets/admin.js)
 * and staff management (/{locale}/admin/staff, script /assets/admin-staff.js). The server
 * renders the labelled forms and empty sections; the scripts fill them from the JSON API after
 * sign-in. Every string comes from admin.i18n.ts.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../../deps.js';
import type { WebLocale } from '../web.i18n.js';
import { StaffLayout } from '../staff/staff.layout.js';
import { ADMIN_TEXTS } from './admin.i18n.js';

export const adminPages = new Hono<AppEnv>();

/** The charts of the dashboard, in reading order: id and heading key. */
const CHARTS = [
  ['volume', 'chartVolume'],
  ['deflection', 'chartDeflection'],
  ['csat', 'chartCsat'],
  ['csat-dist', 'chartCsatDist'],
  ['reasons', 'chartReasons'],
  ['sla', 'chartSla'],
  ['complaints', 'chartComplaints'],
] as const;

/** Today's date in the service time zone: the dashboard's default period ends with it. */
function serviceToday(c: Context<AppEnv>): string {
  const { timeZone } = c.var.deps.config.serviceCalendar;
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(c.var.deps.clock.now());
}

function Dashboard({ t, today }: { t: (typeof ADMIN_TEXTS)[WebLocale]; today: string }) {
  return (
    <>
      <form id="range" class="panel range" data-today={today} novalidate>
        <fieldset>
          <legend>{t.rangeLegend}</legend>
          <div class="fields">
            <p>
              <label for="from">{t.from}</label>
              <input id="from" name="from" type="date" required />
            </p>
            <p>
              <label for="to">{t.to}</label>
              <input id="to" name="to" type="date" required />
            </p>
            <p>
              <label for="lang">{t.language}</label>
              <select id="lang" name="locale">
                <option value="">{t.allLanguages}</option>
                <option value="zh">{t.langZh}</option>
                <option value="en">{t.langEn}</option>
              </select>
            </p>
            <p>
              <button type="submit">{t.apply}</button>
            </p>
          </div>
          <div class="row" role="group" aria-label={t.quickRanges}>
            <button type="button" class="secondary" data-days="7">
              {t.last7}
            </button>
            <button type="button" class="secondary" data-days="30">
              {t.last30}
            </button>
            <button type="button" class="secondary" data-days="90">
              {t.last90}
            </button>
          </div>
          <p id="range-error" class="error" role="alert" />
        </fieldset>
      </form>
      <p id="period" class="muted" aria-live="polite" />
      <section aria-labelledby="kpi-heading">
        <h2 id="kpi-heading" class="sr-only">
          {t.keyFigures}
        </h2>
        <dl id="kpis" class="kpis" aria-busy="true" />
      </section>
      <div class="charts">
        {CHARTS.map(([id, key]) => (
          <section class="panel chart" aria-labelledby={`h-${id}`}>
            <h2 id={`h-${id}`}>{t[key]}</h2>
            <div id={`chart-${id}`} class="chart-body" />
          </section>
        ))}
      </div>
      <section class="panel search-health" aria-labelledby="search-health-heading">
        <h2 id="search-health-heading">{t.searchHealth}</h2>
        <dl id="search-health" class="kpis" aria-busy="true" />
      </section>
    </>
  );
}

function StaffManagement({ t }: { t: (typeof ADMIN_TEXTS)[WebLocale] }) {
  return (
    <>
      <section class="panel" aria-labelledby="add-heading">
        <h2 id="add-heading">{t.addHeading}</h2>
        <form id="add-staff" class="add-staff">
          <p>
            <label for="staff-name">{t.name}</label>
            <input id="staff-name" name="name" required maxlength={100} autocomplete="off" />
          </p>
          <p>
            <label for="staff-email">{t.email}</label>
            <input id="staff-email" name="email" type="email" maxlength={200} autocomplete="off" />
          </p>
          <p>
            <label for="staff-role">{t.role}</label>
            <select id="staff-role" name="role" aria-describedby="role-hint">
              <option value="agent">{t.role_agent}</option>
              <option value="editor">{t.role_editor}</option>
              <option value="admin">{t.role_admin}</option>
            </select>
          </p>
          <p>
            <button type="submit">{t.create}</button>
          </p>
          <p id="role-hint" class="muted hint">
            {t.roleHint}
          </p>
          <p id="add-error" class="error" role="alert" />
        </form>
      </section>
      <section id="new-token" class="panel new-token" aria-labelledby="new-token-heading" tabindex={-1} hidden>
        <h2 id="new-token-heading" />
        <p class="warning" id="token-warning">
          {t.tokenWarning}
        </p>
        {/* The labelled read-only field holding the token is added by the script only while shown. */}
        <div class="row" id="new-token-row">
          <button type="button" id="copy-token">
            {t.copy}
          </button>
          <button type="button" class="secondary" id="token-done">
            {t.tokenDone}
          </button>
        </div>
      </section>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t.listHeading}</h2>
        <div id="staff-list" aria-busy="true" />
      </section>
    </>
  );
}

adminPages.get('/:locale{zh|en}/admin', (c) => {
  const locale = c.req.param('locale') as WebLocale;
  const t = ADMIN_TEXTS[locale];
  return c.html(
    <StaffLayout locale={locale} title={t.dashboardTitle} area="dashboard" role="admin" path="admin" script="admin.js" style="admin.css" texts={t}>
      <Dashboard t={t} today={serviceToday(c)} />
    </StaffLayout>,
  );
});

adminPages.get('/:locale{zh|en}/admin/staff', (c) => {
  const locale = c.req.param('locale') as WebLocale;
  const t = ADMIN_TEXTS[locale];
  return c.html(
    <StaffLayout locale={locale} title={t.staffTitle} area="staff" role="admin" path="admin/staff" script="admin-staff.js" style="admin.css" texts={t}>
      <StaffManagement t={t} />
    </StaffLayout>,
  );
});

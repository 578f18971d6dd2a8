/** @jsxImportSource hono/jsx */
/**
 * The server-rendered skeletons of the agent console's pages: labels, headings and empty
 * containers that the page scripts fill from the API once the agent has signed in.
 */
import type { WebLocale } from '../web.i18n.js';
import { AGENT_TEXTS } from './agent.i18n.js';

export type QueueFilters = { status: string; severity: string; owner: string };

const STATUSES = ['open', 'waiting', 'claimed', 'resolved'] as const;
const SEVERITIES = ['major', 'medium', 'general'] as const;
const OWNERS = ['anyone', 'mine', 'unclaimed'] as const;

/** Query values the queue page accepts; anything else falls back to the default. */
export function queueFilters(query: Record<string, string | undefined>): QueueFilters {
  const pick = <T extends string>(list: readonly T[], value: string | undefined, fallback: T | '') => (list.includes(value as T) ? (value as T) : fallback);
  return { status: pick(STATUSES, query.status, 'open'), severity: pick(SEVERITIES, query.severity, ''), owner: pick(OWNERS, query.owner, 'anyone') };
}

export function QueueView({ locale, filters }: { locale: WebLocale; filters: QueueFilters }) {
  const t = AGENT_TEXTS[locale];
  const statusLabel = (s: (typeof STATUSES)[number]) => (s === 'open' ? t.filterOpen : t[`status_${s}`]);
  const ownerLabel = { anyone: t.filterAnyone, mine: t.filterMine, unclaimed: t.filterUnclaimed };
  return (
    <div class="agent-queue">
      <form id="queue-filters" class="filters" aria-label={t.filters}>
        <label>
          {t.filterStatus}
          <select name="status">
            {STATUSES.map((s) => (
              <option value={s} selected={filters.status === s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.filterSeverity}
          <select name="severity">
            <option value="">{t.filterAnySeverity}</option>
            {SEVERITIES.map((s) => (
              <option value={s} selected={filters.severity === s}>
                {t[`severity_${s}`]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.filterOwner}
          <select name="owner">
            {OWNERS.map((o) => (
              <option value={o} selected={filters.owner === o}>
                {ownerLabel[o]}
              </option>
            ))}
          </select>
        </label>
        <span id="live-state" class="live-state" data-state="off">
          {t.liveOff}
        </span>
      </form>
      <p id="arrivals" class="arrivals" role="status" aria-live="polite" />
      <p id="queue-count" class="muted" />
      <ul id="queue-list" class="cases" aria-label={t.titleQueue} />
    </div>
  );
}

export function CaseView({ locale, id }: { locale: WebLocale; id: string }) {
  const t = AGENT_TEXTS[locale];
  return (
    <div id="case" class="case-layout" data-id={id}>
      <div class="case-main">
        <a class="back" href={`/${locale}/agent`}>
          {t.backToQueue}
        </a>
        <section class="panel" aria-labelledby="summary-h">
          <h2 id="summary-h">{t.summary}</h2>
          <div id="case-badges" class="row" />
          <p id="case-summary" class="case-summary" />
          <div id="case-clocks" class="clocks" />
          <h3>{t.details}</h3>
          <dl id="case-details" class="facts" />
        </section>
        <section class="panel" aria-labelledby="actions-h">
          <h2 id="actions-h">{t.actions}</h2>
          <div id="case-actions" class="row" />
          <div id="action-form" />
          <p id="action-error" class="error" role="alert" />
        </section>
        <section class="panel" aria-labelledby="transcript-h">
          <h2 id="transcript-h">{t.transcript}</h2>
          <ol id="transcript" class="transcript" />
          <p id="message-news" class="sr-only" role="status" aria-live="polite" />
        </section>
        <section class="panel composer" aria-labelledby="compose-h">
          <h2 id="compose-h">{t.compose}</h2>
          <form id="composer" data-mode="reply">
            <fieldset class="modes">
              <legend class="sr-only">{t.compose}</legend>
              <label>
                <input type="radio" name="mode" value="reply" checked /> {t.modeReply}
              </label>
              <label>
                <input type="radio" name="mode" value="note" /> {t.modeNote}
              </label>
            </fieldset>
            <label for="message" class="sr-only">
              {t.messageLabel}
            </label>
            <textarea id="message" name="text" required maxlength={5000} aria-describedby="composer-hint" />
            <p id="composer-hint" class="muted" data-reply={t.replyHint} data-note={t.noteHint}>
              {t.replyHint}
            </p>
            <p id="composer-lock" class="lock" />
            <button type="submit" id="send" data-reply={t.sendReply} data-note={t.addNote}>
              {t.sendReply}
            </button>
          </form>
        </section>
      </div>
      <KnowledgePanel locale={locale} />
    </div>
  );
}

function KnowledgePanel({ locale }: { locale: WebLocale }) {
  const t = AGENT_TEXTS[locale];
  return (
    <aside class="panel kb" aria-labelledby="kb-h">
      <h2 id="kb-h">{t.kbTitle}</h2>
      <form id="kb-form" role="search" class="kb-form">
        <label for="kb-q">{t.kbLabel}</label>
        <div class="row">
          <input id="kb-q" name="q" type="search" required maxlength={200} aria-describedby="kb-hint" />
          <label class="sr-only" for="kb-locale">
            {t.kbLocale}
          </label>
          <select id="kb-locale" name="locale">
            <option value="zh">中文</option>
            <option value="en">English</option>
          </select>
          <button type="submit">{t.kbSearch}</button>
        </div>
        <p id="kb-hint" class="muted">
          {t.kbHint}
        </p>
      </form>
      <p id="kb-status" class="muted" role="status" aria-live="polite" />
      <ul id="kb-results" class="kb-results" />
    </aside>
  );
}

export function FollowUpsView({ locale }: { locale: WebLocale }) {
  const t = AGENT_TEXTS[locale];
  return (
    <div class="agent-aftercare">
      <label class="check">
        <input type="checkbox" id="show-done" /> {t.showDone}
      </label>
      <section class="panel" aria-labelledby="follow-ups-h">
        <h2 id="follow-ups-h">{t.followUpsHeading}</h2>
        <p class="muted">{t.followUpsHint}</p>
        <ul id="follow-ups" class="tasks" />
      </section>
      <section class="panel" aria-labelledby="callbacks-h">
        <h2 id="callbacks-h">{t.callbacks}</h2>
        <p class="muted">{t.callbacksHint}</p>
        <ul id="callbacks" class="tasks" />
      </section>
    </div>
  );
}

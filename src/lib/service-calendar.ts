/**
 * Working time in a time zone: daily opening hours, working weekdays and holidays. SLA clocks
 * run only while agents work, so a handoff at 20:55 due "in 2 hours" is due at 10:55 the next
 * working morning. Pure: every function takes the instant it reasons about.
 *
 * Runtime trap: local times come from Intl, so a day with a DST change is off by its shift for
 * the hours after it (the default zone, Asia/Shanghai, has no DST).
 */
export type ServiceCalendar = {
  timeZone: string;
  /** Local opening and closing hour (0–24, may be fractional: 8.5 = 08:30). */
  open: number;
  close: number;
  /** Working weekdays, 0 = Sunday … 6 = Saturday. */
  workdays: number[];
  /** Local dates (YYYY-MM-DD) with no service. */
  holidays: string[];
};

export const DEFAULT_CALENDAR: ServiceCalendar = { timeZone: 'Asia/Shanghai', open: 9, close: 21, workdays: [0, 1, 2, 3, 4, 5, 6], holidays: [] };

const HOUR = 3_600_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function local(date: Date, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    hour: Number(parts.hour) + Number(parts.minute) / 60 + Number(parts.second) / 3600,
  };
}

const isWorkday = (cal: ServiceCalendar, l: ReturnType<typeof local>) => cal.workdays.includes(l.weekday) && !cal.holidays.includes(l.day);

/** True when agents are working at `at`. */
export function isOpen(cal: ServiceCalendar, at: Date): boolean {
  const l = local(at, cal.timeZone);
  return isWorkday(cal, l) && l.hour >= cal.open && l.hour < cal.close;
}

/** The next instant agents are working, `at` itself when open. */
export function nextOpening(cal: ServiceCalendar, at: Date): Date {
  let cursor = at;
  for (let i = 0; i < 400; i++) {
    const l = local(cursor, cal.timeZone);
    if (isWorkday(cal, l) && l.hour < cal.close) {
      return l.hour >= cal.open ? cursor : new Date(cursor.getTime() + (cal.open - l.hour) * HOUR);
    }
    cursor = new Date(cursor.getTime() + (24 - l.hour) * HOUR + 1000); // just past local midnight
  }
  throw new Error('service-calendar: no working time within 400 days');
}

/** `at` plus `ms` of working time. */
export function addWorkingTime(cal: ServiceCalendar, at: Date, ms: number): Date {
  let cursor = nextOpening(cal, at);
  let remaining = ms;
  for (let i = 0; i < 2000 && remaining > 0; i++) {
    const l = local(cursor, cal.timeZone);
    const untilClose = (cal.close - l.hour) * HOUR;
    if (remaining <= untilClose) return new Date(cursor.getTime() + remaining);
    remaining -= untilClose;
    cursor = nextOpening(cal, new Date(cursor.getTime() + untilClose));
  }
  return cursor;
}

/** The same local time `days` working days later (a result due "within 3 days"). */
export function addWorkingDays(cal: ServiceCalendar, at: Date, days: number): Date {
  let cursor = at;
  let left = days;
  for (let i = 0; i < 400 && left > 0; i++) {
    cursor = new Date(cursor.getTime() + 24 * HOUR);
    if (isWorkday(cal, local(cursor, cal.timeZone))) left--;
  }
  return cursor;
}

/** Local hour (0–23, fractional) of `date` in an IANA time zone. */
export function localHour(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour + minute / 60;
}

/** True when agents are at work at `date` (a daily window; the handoff queue adds holidays). */
export function isWithinServiceHours(date: Date, timeZone: string, hours: { open: number; close: number }): boolean {
  const h = localHour(date, timeZone);
  return h >= hours.open && h < hours.close;
}

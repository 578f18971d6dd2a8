import { describe, expect, it } from 'vitest';
import { addWorkingDays, addWorkingTime, isOpen, nextOpening, type ServiceCalendar } from '../../src/lib/service-calendar.js';

const H = 3_600_000;
// Weekdays 09:00–18:00 in Shanghai, with 2026-10-01 (a Thursday) as a holiday.
const office: ServiceCalendar = { timeZone: 'Asia/Shanghai', open: 9, close: 18, workdays: [1, 2, 3, 4, 5], holidays: ['2026-10-01'] };
const cst = (s: string) => new Date(`${s}+08:00`);

describe('service calendar', () => {
  it('knows when agents work', () => {
    expect(isOpen(office, cst('2026-11-20T10:00:00'))).toBe(true); // Friday
    expect(isOpen(office, cst('2026-11-20T18:00:00'))).toBe(false);
    expect(isOpen(office, cst('2026-11-21T10:00:00'))).toBe(false); // Saturday
    expect(isOpen(office, cst('2026-10-01T10:00:00'))).toBe(false); // holiday
  });

  it('a 2-hour clock started in hours ends the same day', () => {
    expect(addWorkingTime(office, cst('2026-11-19T10:30:00'), 2 * H)).toEqual(cst('2026-11-19T12:30:00'));
  });

  it('a handoff at 17:55 on a Friday is due at 10:55 on Monday', () => {
    expect(addWorkingTime(office, cst('2026-11-20T17:55:00'), 2 * H)).toEqual(cst('2026-11-23T10:55:00'));
  });

  it('a handoff at night starts counting at the next opening, skipping holidays', () => {
    expect(nextOpening(office, cst('2026-09-30T22:00:00'))).toEqual(cst('2026-10-02T09:00:00'));
    expect(addWorkingTime(office, cst('2026-09-30T22:00:00'), 2 * H)).toEqual(cst('2026-10-02T11:00:00'));
  });

  it('counts result deadlines in working days', () => {
    expect(addWorkingDays(office, cst('2026-11-20T11:00:00'), 3)).toEqual(cst('2026-11-25T11:00:00'));
    const everyDay: ServiceCalendar = { ...office, workdays: [0, 1, 2, 3, 4, 5, 6], holidays: [] };
    expect(addWorkingDays(everyDay, cst('2026-11-20T11:00:00'), 3)).toEqual(cst('2026-11-23T11:00:00'));
  });

  it('works in a time zone west of UTC', () => {
    const ny: ServiceCalendar = { timeZone: 'America/New_York', open: 9, close: 17, workdays: [1, 2, 3, 4, 5], holidays: [] };
    // Friday 16:30 EST: half an hour on Friday, half an hour from Monday 09:00 EST (14:00Z).
    expect(addWorkingTime(ny, new Date('2026-11-20T21:30:00Z'), H)).toEqual(new Date('2026-11-23T14:30:00Z'));
  });
});

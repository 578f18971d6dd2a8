import { integer, text } from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch, read back as a Date. */
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

/** A JSON array of strings stored as text (questions, tags). */
export const stringList = (name: string) => text(name, { mode: 'json' }).$type<string[]>();

/** A JSON object of per-locale strings stored as text ({ en: 'Orders', zh: '订单' }). */
export const localized = (name: string) => text(name, { mode: 'json' }).$type<Record<string, string>>();

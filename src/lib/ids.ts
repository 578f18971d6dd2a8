import { v7 as uuidv7 } from 'uuid';

/** Time-ordered UUIDv7: sorts by creation, so ids double as stable cursors. */
export const newId = (): string => uuidv7();

/** Structured logs: one JSON object a line, the same on Node and Workers. */
export type Logger = {
  info: (msg: string, fields?: Record<string, unknown>) => void;
  warn: (msg: string, fields?: Record<string, unknown>) => void;
  error: (msg: string, fields?: Record<string, unknown>) => void;
};

type Level = keyof Logger;

export function createLogger(options: { level?: Level | 'silent' } = {}): Logger {
  const order: Record<Level | 'silent', number> = { info: 0, warn: 1, error: 2, silent: 3 };
  const min = order[options.level ?? 'info'];
  const write = (level: Level) => (msg: string, fields?: Record<string, unknown>) => {
    if (order[level] < min) return;
    const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...fields });
    if (level === 'error') console.error(line);
    else console.log(line);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: Logger = createLogger({ level: 'silent' });

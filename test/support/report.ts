/**
 * Test reports for CI: with TEST_REPORT_DIR set (`.ci/run` sets it), each suite also writes
 * vitest's JSON report there (`vitest-<suite>.json`), from which CI prints one "Tests:" line.
 */
export function reportOptions(suite: string): { reporters?: string[]; outputFile?: { json: string } } {
  const dir = process.env.TEST_REPORT_DIR;
  return dir ? { reporters: ['default', 'json'], outputFile: { json: `${dir}/vitest-${suite}.json` } } : {};
}

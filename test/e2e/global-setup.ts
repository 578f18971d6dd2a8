import { execFileSync } from 'node:child_process';

/** Browser tests need Chromium and CJK fonts: install them when missing (see scripts/setup-browser.sh). */
export default function setup() {
  execFileSync('bash', ['scripts/setup-browser.sh'], { stdio: 'inherit' });
}

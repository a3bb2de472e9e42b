import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from './app';

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';

/** The UI the app serves at /admin (built once if missing: `npm run build:admin` rebuilds it), and Chromium. */
const prepare = () => {
  if (!existsSync(join(ROOT, 'admin-ui', 'dist', 'index.html'))) {
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    execFileSync('npm', ['run', '--silent', 'build:admin'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  }
  execFileSync('bash', [join(ROOT, 'scripts', 'ensure-chromium.sh')], { cwd: ROOT, stdio: 'inherit' });
};

/** Retries an assertion until it holds (the page renders asynchronously), then fails with its last error. */
export const eventually = async <T>(assertion: () => Promise<T>, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};

/**
 * How long a page may take on a loaded 2-core machine: an action or an assertion 30 s, a
 * navigation (the whole UI bundle parsed) 60 s. Every page of the browser suites is set so.
 */
export const patient = (page: Page): Page => {
  page.setDefaultTimeout(30_000);
  page.setDefaultNavigationTimeout(60_000);
  return page;
};

export const seen = (locator: Locator) => locator.first().waitFor({ state: 'visible' });
export const gone = (locator: Locator) => eventually(async () => expect(await locator.count()).toBe(0));
export const textOf = (locator: Locator, text: string | RegExp) =>
  eventually(async () => {
    const actual = (await locator.first().innerText()).trim();
    if (typeof text === 'string') expect(actual).toBe(text);
    else expect(actual).toMatch(text);
  });
export const countOf = (locator: Locator, count: number) => eventually(async () => expect(await locator.count()).toBe(count));
/** Fills an input and checks the value stuck: a form that is still initialising may reset it once. */
export const fillIn = (locator: Locator, value: string) =>
  eventually(async () => {
    if ((await locator.inputValue()) !== value) await locator.fill(value);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await locator.inputValue()).toBe(value);
  });
/** The input a person finds by its label ("Email *" when required). */
export const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${label}(\\s*\\*)?$`));

export const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

interface PageAnimation {
  playState: string;
  effect: { getTiming(): { iterations?: number } } | null;
}
interface PageWindow {
  requestAnimationFrame(callback: () => void): void;
  document: { getAnimations(): PageAnimation[] };
}

/**
 * Waits for two frames in a row in which nothing finite is animating (a spinner turns forever): a
 * dialog fades in, and colours measured mid-transition are half transparent.
 */
const settled = (page: Page) =>
  page.evaluate(async () => {
    const window = globalThis as unknown as PageWindow;
    const frame = () => new Promise<void>((resolve) => window.requestAnimationFrame(resolve));
    const moving = () =>
      window.document.getAnimations().some((animation) => animation.playState === 'running' && animation.effect?.getTiming().iterations !== Infinity);
    for (let calm = 0, frames = 0; calm < 2 && frames < 600; frames++) {
      await frame();
      calm = moving() ? 0 : calm + 1;
    }
  });

/** No serious or critical accessibility violation on the page as it is now (axe-core's rules). */
export const expectAccessible = async (page: Page, what: string) => {
  await settled(page);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${what}: ${violation.id} (${violation.impact}) ${violation.help}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
};

export interface BrowserSuite {
  t: TestApp;
  browser: Browser;
  /** A page signed in as `email`, in a context of its own (its own token). */
  signIn(email: string, options?: { locale?: string }): Promise<Page>;
  /** Wraps a journey: on failure, prints the path of a screenshot of every open page. */
  journey(run: () => Promise<void>): () => Promise<void>;
}

/** One app and one browser for a whole suite file; pages per role. */
export const browserSuite = (name: string): BrowserSuite => {
  const screenshots = mkdtempSync(join(tmpdir(), `annals-${name}-`));
  const contexts: BrowserContext[] = [];
  let failures = 0;
  const suite = {} as BrowserSuite;

  beforeAll(async () => {
    prepare();
    suite.t = await startTestApp();
    suite.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await suite.browser?.close();
    await suite.t?.close();
  });

  suite.signIn = async (email, { locale = 'en-US' } = {}) => {
    const context = await suite.browser.newContext({ viewport: { width: 1360, height: 900 }, locale });
    contexts.push(context);
    const page = await context.newPage();
    patient(page);
    await page.goto(`${suite.t.url}/admin/`);
    await fillIn(field(page, 'Email'), email);
    await fillIn(field(page, 'Password'), 'demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await seen(page.getByTestId('tenant-name'));
    return page;
  };

  suite.journey = (run) => async () => {
    try {
      await run();
    } catch (error) {
      const pages = contexts.flatMap((context) => context.pages());
      for (const [index, page] of pages.entries()) {
        const path = join(screenshots, `failure-${++failures}-${index}.png`);
        await page.screenshot({ path, fullPage: true }).catch(() => undefined);
        process.stdout.write(`${name} failure screenshot: ${path} (${page.url()})\n`);
      }
      throw error;
    } finally {
      await Promise.all(contexts.splice(0).map((context) => context.close().catch(() => undefined)));
    }
  };
  return suite;
};

import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ADMIN_TOKEN, ENDPOINT } from '../playwright.config';
import { collectErrors, DONT_KNOW, expectedScore, LEVELS, NOT_APPLICABLE, Widget } from './widget';

const MEMBER_SITE = 'http://127.0.0.1:8091';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function storedIds(request: import('@playwright/test').APIRequestContext): Promise<string[]> {
  const response = await request.get(`${ENDPOINT}/api/v1/export.json`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  return (await response.json()).submissions.map((s: { id: string }) => s.id);
}

/** The submissions waiting in the page origin's outbox. */
function pending(page: Page): Promise<{ submission: { id: string } }[]> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('forus-widget:outbox')!).pending);
}

/** The ids of the submissions the host page heard of (`forus-submitted`). */
function heard(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as any).submitted.map((s: { id: string }) => s.id));
}

/** The results' module, which holds the consent step, the delivery and the results. */
const RESULTS_MODULE = /\/widget\/forus-results-[0-9a-f]+_bg\.wasm$/;

/** A whole assessment submitted while every submission POST fails at the network level (the route stays);
 * returns its id, waiting in the outbox. */
async function submitWhileEndpointDown(page: Page): Promise<string> {
  await page.route(`${ENDPOINT}/api/v1/submissions`, (route) => route.abort('connectionrefused'));
  await page.goto(`${MEMBER_SITE}/`);
  const widget = Widget.first(page);
  await widget.start();
  await widget.fillProfile('FR');
  await widget.fillDimensions();
  await widget.consentAndSubmit();
  await expect(widget.root.locator('.fw-notice--waiting')).toBeVisible();
  return (await pending(page))[0].submission.id;
}

/** Fails with the list of violations, so a regression says what broke. */
async function expectAccessible(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).include('forus-widget').withTags(WCAG).analyze();
  const violations = results.violations.map((v) => `${where}: ${v.id} (${v.nodes.length}) ${v.help}`);
  expect(violations).toEqual([]);
}

/** Presses Tab (or `key`, such as Shift+Tab) until the focused element inside the widget matches `selector`. */
async function tabTo(page: Page, selector: string, key = 'Tab') {
  for (let i = 0; i < 120; i++) {
    const found = await page.evaluate((s) => {
      const active = document.activeElement?.shadowRoot?.activeElement;
      return !!active && active.matches(s);
    }, selector);
    if (found) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${selector}`);
}

test('the whole assessment in French with the keyboard only, scores as the model computes them', async ({ page, request }) => {
  const errors = collectErrors(page);
  await page.goto(`${MEMBER_SITE}/`);
  const widget = Widget.first(page);
  await expect(widget.primaryButton()).toBeVisible();

  await tabTo(page, '.fw-button--primary');
  await page.keyboard.press('Enter');
  await expect(widget.root.locator('#fw-step-title')).toBeFocused();

  // Profile: a text by typing, radios with arrows or Space, a select by arrows, checkboxes with Space.
  await tabTo(page, '#org_name');
  await page.keyboard.type('Réseau des femmes rurales de Thiès');
  // Enter in a text area starts a new line; it does not move on.
  await page.keyboard.press('Enter');
  await expect(widget.root.locator('#org_name')).toHaveValue('Réseau des femmes rurales de Thiès\n');
  await expect(widget.root.locator('#org_name')).toBeFocused();
  await page.keyboard.press('Backspace');
  await tabTo(page, '#org_type-platform');
  await page.keyboard.press('ArrowDown'); // platform -> regional coalition
  await page.keyboard.press('ArrowDown'); // -> NGO
  await expect(widget.root.locator('#org_type-ngo')).toBeChecked();
  await tabTo(page, '#country');
  // Down the list of countries (sorted by their French names) to Sénégal, as a keyboard user would.
  const steps = await widget.root.locator('#country').evaluate(
    (select: HTMLSelectElement) => [...select.options].findIndex((o) => o.value === 'SN'));
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
  await expect(widget.root.locator('#country')).toHaveValue('SN');
  // The member platforms offered are the endpoint's registry (members.toml), fetched by the first view.
  await expect(widget.root.locator('#member_platform option[value="coordination-sud"]')).toHaveText('Coordination SUD');
  await expect(widget.root.locator('#member_platform option[value="abong"]')).toHaveText('ABONG');
  await tabTo(page, '#respondent_role-director');
  await page.keyboard.press('Space');
  await tabTo(page, '#sdgs-1');
  for (const goal of ['4', '5', '16']) {
    await tabTo(page, `#sdgs-${goal}`);
    await page.keyboard.press('Space');
  }
  await tabTo(page, '#staff_size-none');
  await page.keyboard.press('Space');
  await tabTo(page, '#budget_band-under_10k');
  await page.keyboard.press('Space');
  await tabTo(page, '.fw-nav .fw-button--primary');
  await page.keyboard.press('Enter');

  // The country's review and civic space.
  await expect(widget.root.locator('#fw-step-title')).toBeFocused();
  await tabTo(page, '#vnr_involvement-led');
  await page.keyboard.press('Space');
  await tabTo(page, '#vnr_activities-consultation');
  await page.keyboard.press('Space');
  for (const id of ['#civic_laws-no', '#civic_funding-no', '#civic_harassment-no']) {
    await tabTo(page, id);
    await page.keyboard.press('Space');
  }
  // Enter in a number field moves on, with what was just typed (not yet committed by leaving the field): the year
  // is required, so a Next that read the field before the year was committed would refuse and stay.
  await tabTo(page, '#vnr_year', 'Shift+Tab');
  await page.keyboard.type('2022');
  await page.keyboard.press('Enter');

  for (const [n, step] of LEVELS.entries()) {
    await expect(widget.root.locator('#fw-step-title')).toBeFocused();
    const groups = widget.root.locator('.fw-step fieldset:visible');
    for (let i = 0; i < step.length; i++) {
      const first = groups.nth(i).locator('input[type=radio]').first();
      const id = await first.getAttribute('id');
      await tabTo(page, `#${id}`);
      if (step[i] === 0) await page.keyboard.press('Space');
      for (let k = 0; k < step[i]; k++) await page.keyboard.press('ArrowDown');
      await expect(groups.nth(i).locator('input[type=radio]').nth(step[i])).toBeChecked();
    }
    // Enter on Next, or (the first dimension) in the radio just chosen: both move on.
    if (n > 0) await tabTo(page, '.fw-nav .fw-button--primary');
    await page.keyboard.press('Enter');
  }

  // The support wanted, then consent.
  await expect(widget.root.locator('#fw-step-title')).toBeFocused();
  await tabTo(page, '#support_wanted-funding');
  await page.keyboard.press('Space');
  await tabTo(page, '.fw-nav .fw-button--primary');
  await page.keyboard.press('Enter');

  await expect(widget.root.locator('#fw-step-title')).toHaveText('Partager vos réponses');
  await tabTo(page, '#fw-consent');
  await page.keyboard.press('Space');
  // Enter in the checkbox sends, as Send does.
  await page.keyboard.press('Enter');
  await expect(widget.root.locator('#fw-results-title')).toBeFocused();
  await expect(widget.root.locator('.fw-notice--done')).toBeVisible();

  const expected = LEVELS.map(expectedScore);
  expect(await widget.shownScores()).toEqual(expected);
  const detail = await page.evaluate(() => (window as any).submitted[0]);
  const stored = (await (await request.get(`${ENDPOINT}/api/v1/export.json`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  })).json()).submissions.find((s: { id: string }) => s.id === detail.id);
  expect(stored.scores.map((s: { score: number }) => s.score)).toEqual(expected);
  expect(stored.answers.sdgs).toEqual(['4', '5', '16']);
  expect(stored.answers.org_name).toBe('Réseau des femmes rurales de Thiès');
  expect(stored.answers.vnr_year).toBe(2022);
  // The three weakest dimensions below "Consolidé", each with its action plan; the critical gap in resources.
  const needs = widget.root.locator('.fw-need__title');
  await expect(needs).toHaveCount(3);
  await expect(needs.nth(0)).toContainText('0 / 100, Émergent');
  await expect(widget.root.locator('.fw-need').first().locator('.fw-plan__item')).toHaveCount(5);
  await expect(widget.root.locator('.fw-gaps .fw-plan__item')).toHaveCount(1);
  expect(errors).toEqual([]);
});

/** The step of each assessment draft kept on the device. */
function savedSteps(page: Page): Promise<number[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith(':draft'))
    .map((k) => JSON.parse(localStorage.getItem(k)!).step));
}

test('a visitor who reloads mid-way is offered to resume, and finds their answers', async ({ page }) => {
  await page.goto(`${MEMBER_SITE}/`);
  let widget = Widget.first(page);
  await widget.start();
  await widget.fillProfile('BR');
  // Next alone keeps the step reached (saved once the step shows): nothing answered there yet.
  await expect.poll(() => savedSteps(page)).toEqual([2]);
  await widget.root.locator('.fw-step fieldset:visible').first().locator('input[type=radio]').nth(2).check();

  await page.reload();
  widget = Widget.first(page);
  await expect(widget.root.getByText('Une autoévaluation est en cours sur cet appareil.')).toBeVisible();
  await widget.root.getByRole('button', { name: 'Reprendre là où j’en étais' }).click();
  await expect(widget.root.locator('.fw-progress__text:visible')).toHaveText('Étape 3 sur 12');
  await expect(widget.root.locator('.fw-step fieldset:visible').first().locator('input[type=radio]').nth(2)).toBeChecked();
  await widget.root.getByRole('button', { name: 'Retour' }).click();
  await expect(widget.root.locator('#civic_laws-somewhat')).toBeChecked();
  await widget.root.getByRole('button', { name: 'Retour' }).click();
  await expect(widget.root.locator('#country')).toHaveValue('BR');

  // Starting again really starts again.
  await page.reload();
  widget = Widget.first(page);
  await widget.root.getByRole('button', { name: 'Recommencer' }).click();
  await expect(widget.root.locator('#org_type-ngo')).not.toBeChecked();
});

test('on the last section the consent step waits, built but hidden from sight and from assistive technology; Next shows it focused, and the answers given meanwhile are submitted', async ({ page, request }) => {
  const errors = collectErrors(page);
  await page.goto(`${MEMBER_SITE}/`);
  const widget = Widget.first(page);
  await widget.start();
  await widget.fillProfile('FR');
  await widget.answerDimensions();
  const title = widget.root.locator('#fw-step-title');
  await expect(title).toHaveText('Soutien souhaité');
  // Built ahead (once its module arrived): there, but neither seen, nor read out, nor a second step title.
  await expect(widget.root.locator('#fw-consent')).toHaveCount(1);
  await expect(widget.root.locator('#fw-consent')).toBeHidden();
  await expect(widget.root.getByRole('heading', { name: 'Partager vos réponses' })).toHaveCount(0);
  await expect(widget.root.getByRole('checkbox', { name: /J’accepte de partager/ })).toHaveCount(0);
  await expect(widget.root.locator('[id=fw-step-title]')).toHaveCount(1);
  await expect(title).toBeFocused();

  // Answered after the consent step was built.
  await widget.root.locator('#support_wanted-mentoring').check();
  // Next shows the consent step in its own click: once the click's work is done (a message task, before the
  // frame after which the rest of the widget hears of it), it is the only step shown, focused. A visitor who
  // acts at once acts on their own draft: consent ticked and Back straight away lead back to the last section
  // with its answers, and the consent is kept.
  const atOnce = await page.evaluate(async () => {
    const root = document.querySelector('forus-widget')!.shadowRoot!;
    const afterTheClick = () => new Promise((done) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = done;
      channel.port2.postMessage(null);
    });
    const button = (primary: boolean) => [...root.querySelectorAll<HTMLElement>('.fw-nav .fw-button')]
      .find((b) => b.checkVisibility() && b.classList.contains('fw-button--primary') === primary)!;
    button(true).click();
    await afterTheClick();
    const shown = [...root.querySelectorAll<HTMLElement>('.fw-title')].filter((t) => t.checkVisibility());
    const seen = { shown: shown.map((t) => t.textContent), focused: root.activeElement?.textContent };
    root.querySelector<HTMLElement>('#fw-consent')!.click();
    button(false).click();
    return seen;
  });
  expect(atOnce).toEqual({ shown: ['Partager vos réponses'], focused: 'Partager vos réponses' });
  await expect(title).toHaveText('Soutien souhaité');
  await expect(widget.root.locator('#support_wanted-mentoring')).toBeChecked();
  await widget.next();
  await expect(title).toHaveText('Partager vos réponses');
  await expect(widget.root.locator('#fw-consent')).toBeChecked();
  await expect(title).toBeFocused();
  await expect(widget.root.locator('[id=fw-step-title]')).toHaveCount(1);
  await expect(widget.root.getByRole('heading', { name: 'Soutien souhaité' })).toHaveCount(0);
  await expect(widget.root.getByRole('checkbox', { name: /J’accepte de partager/ })).toBeVisible();
  // The draft on the device is at the consent step (the twelfth).
  await expect.poll(() => savedSteps(page)).toEqual([11]);
  await widget.consentAndSubmit();

  await expect.poll(() => heard(page)).toHaveLength(1);
  const [id] = await heard(page);
  const exported = await request.get(`${ENDPOINT}/api/v1/export.json`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  const stored = (await exported.json()).submissions.find((s: { id: string }) => s.id === id);
  expect(stored.answers.support_wanted).toEqual(['mentoring']);
  expect(errors).toEqual([]);
});

test('submitting offline keeps the submission on the device and sends it exactly once when the connection returns', async ({ page, context, request }) => {
  await page.goto(`${MEMBER_SITE}/`);
  const widget = Widget.first(page);
  await widget.start();
  await widget.fillProfile('IN');
  await widget.fillDimensions();

  await context.setOffline(true);
  await widget.consentAndSubmit();
  const waiting = widget.root.locator('.fw-notice--waiting');
  await expect(waiting).toHaveText('Enregistré sur cet appareil ; vos réponses seront envoyées au retour de la connexion.');
  // Results are there already, computed on the device.
  expect(await widget.shownScores()).toEqual(LEVELS.map(expectedScore));
  const waitingThere = await pending(page);
  expect(waitingThere).toHaveLength(1);
  const id = waitingThere[0].submission.id;

  await context.setOffline(false);
  await expect(widget.root.locator('.fw-notice--done')).toBeVisible({ timeout: 15_000 });
  expect((await storedIds(request)).filter((s) => s === id)).toHaveLength(1);
  expect(await pending(page)).toEqual([]);
});

test('the consent step and the results arrive in the background: Back keeps consent, their absence is said and retried, and a delivery outlives a new start', async ({ page, context, request }) => {
  const errors = collectErrors(page);
  // Their module (fetched from the second step) cannot arrive at first.
  await page.route(RESULTS_MODULE, (route) => route.abort('internetdisconnected'));
  await page.goto(`${MEMBER_SITE}/`);
  const widget = Widget.first(page);
  await widget.start();
  await widget.fillProfile('SN');
  await widget.fillDimensions();
  await expect(widget.root.getByRole('alert')).toHaveText('Indisponible pour le moment (hors ligne ?).');

  // Asked again once it can arrive, the consent step shows, focused as any step.
  await page.unroute(RESULTS_MODULE);
  await widget.root.getByRole('button', { name: 'Réessayer maintenant' }).click();
  await expect(widget.root.locator('#fw-step-title')).toHaveText('Partager vos réponses');
  await expect(widget.root.locator('#fw-step-title')).toBeFocused();

  // Back from consent: the last section with its answers; Next: the consent given is still given.
  await widget.root.locator('#fw-consent').check();
  await widget.root.getByRole('button', { name: 'Retour' }).click();
  await expect(widget.root.locator('#fw-step-title')).toBeFocused();
  await expect(widget.root.locator('#support_wanted-peer_exchange')).toBeChecked();
  await widget.next();
  await expect(widget.root.locator('#fw-step-title')).toHaveText('Partager vos réponses');
  await expect(widget.root.locator('#fw-consent')).toBeChecked();

  // Submitted offline, then a new assessment at once: the submission is still delivered when the connection
  // returns, and the host page hears of it.
  await context.setOffline(true);
  await widget.root.locator('.fw-nav .fw-button--primary:visible').click();
  await expect(widget.root.locator('.fw-notice--waiting')).toBeVisible();
  const id = (await pending(page))[0].submission.id;
  await widget.root.getByRole('button', { name: 'Nouvelle autoévaluation' }).click();
  await expect(widget.root.locator('#fw-step-title')).toBeFocused();
  await expect(widget.root.locator('#org_name')).toHaveValue('');
  await context.setOffline(false);
  await expect.poll(() => pending(page), { timeout: 15_000 }).toEqual([]);
  expect((await storedIds(request)).filter((s) => s === id)).toHaveLength(1);
  expect(await heard(page)).toEqual([id]);
  expect(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
});

test('with the endpoint down, a reload keeps the outbox and the submission is stored once when it is back', async ({ page, request }) => {
  // The endpoint "stops".
  const id = await submitWhileEndpointDown(page);

  // The visitor reloads while it is still down; the submission waits on the device.
  await page.reload();
  const widget = Widget.first(page);
  await expect(widget.root.locator('.fw-notice--waiting')).toBeVisible();
  // The endpoint "restarts", and answers 503 once before it is fully up.
  let unavailable = 1;
  await page.unroute(`${ENDPOINT}/api/v1/submissions`);
  await page.route(`${ENDPOINT}/api/v1/submissions`, (route) =>
    unavailable-- > 0 ? route.fulfill({ status: 503, body: '' }) : route.continue());
  await expect(widget.root.locator('.fw-notice--waiting')).toBeHidden({ timeout: 20_000 });
  await expect.poll(() => heard(page), { timeout: 5_000 }).toEqual([id]);
  expect((await storedIds(request)).filter((s) => s === id)).toHaveLength(1);
});

test('a submission an earlier visit left is sent even if the visitor starts before the code to send it arrives', async ({ page, request }) => {
  const id = await submitWhileEndpointDown(page);

  // Reloaded, the module that sends it is held back until the visitor has started a new assessment.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(RESULTS_MODULE, async (route) => {
    await held;
    await route.continue();
  });
  await page.unroute(`${ENDPOINT}/api/v1/submissions`);
  await page.reload();
  await Widget.first(page).start();
  release();
  await expect.poll(() => pending(page), { timeout: 15_000 }).toEqual([]);
  expect((await storedIds(request)).filter((s) => s === id)).toHaveLength(1);
  await expect.poll(() => heard(page)).toEqual([id]);
});

test('every step and the results pass axe (WCAG 2.2 AA)', async ({ page }) => {
  await page.goto(`${MEMBER_SITE}/`);
  const widget = Widget.first(page);
  await expect(widget.primaryButton()).toBeVisible();
  await expectAccessible(page, 'welcome');
  await widget.start();
  await expectAccessible(page, 'profile');
  await widget.next();
  await expect(widget.root.locator('[role=alert]:visible')).toBeVisible();
  await expectAccessible(page, 'profile with errors');
  await widget.root.locator('#org_type-platform').check();
  await expectAccessible(page, 'profile with follow-up questions');
  await widget.fillProfile('SN');
  for (const [i, step] of LEVELS.entries()) {
    await expectAccessible(page, `dimension ${i + 1}`);
    const groups = widget.root.locator('.fw-step fieldset:visible');
    for (let q = 0; q < step.length; q++) await groups.nth(q).locator('input[type=radio]').nth(step[q]).check();
    await widget.next();
  }
  await widget.root.locator('#contact_consent-yes').check();
  await expectAccessible(page, 'support, with the contact email asked');
  await widget.root.locator('#contact_email').fill('coordination@example.org');
  await widget.fillSupport();
  await expectAccessible(page, 'consent');
  await widget.consentAndSubmit();
  await expect(widget.root.locator('.fw-table')).toBeVisible();
  // Styled by the results module's own stylesheet (style/on-demand.css), which the first view's module leaves out.
  await expect(widget.root.locator('.fw-chart svg')).toHaveCSS('max-width', '640px');
  await expect(widget.root.locator('.fw-table td').first()).toHaveCSS('border-top-color', 'rgb(201, 209, 217)');
  await expectAccessible(page, 'results');
});

test('a visitor can erase their submission from the results, and the download carries the token to do it later', async ({ page, request }) => {
  await page.goto(`${MEMBER_SITE}/`);
  const widget = Widget.first(page);
  await widget.start();
  await widget.fillProfile('TG');
  await widget.fillDimensions();
  await widget.consentAndSubmit();
  await expect(widget.root.locator('.fw-notice--done')).toBeVisible();
  const id = await page.evaluate(() => (window as any).submitted[0].id);
  expect(await storedIds(request)).toContain(id);

  const download = page.waitForEvent('download');
  await widget.root.getByRole('button', { name: 'Télécharger mes réponses (JSON)' }).click();
  const file = JSON.parse(await (await (await download).createReadStream()).toArray().then((c) => Buffer.concat(c).toString()));
  expect(file.id).toBe(id);
  expect(file.deletion_token).toMatch(/^[0-9a-f]{64}$/);

  await widget.root.getByRole('button', { name: 'Effacer mes réponses du réseau' }).click();
  await expect(widget.root.getByText('Vos réponses ont été effacées des données du réseau.')).toBeVisible();
  expect(await storedIds(request)).not.toContain(id);
});

test('the whole assessment in Portuguese on a Brazilian member site, with "does not apply" and "don\'t know"', async ({ page, request }) => {
  const errors = collectErrors(page);
  await page.goto('http://127.0.0.1:8092/');
  const widget = Widget.first(page);
  await expect(widget.primaryButton()).toHaveText('Iniciar a autoavaliação');
  await expect(widget.root.locator('.fw-rule')).toContainText('escolha o mais baixo');
  await widget.start();
  await expect(widget.root.locator('.fw-progress__text:visible')).toHaveText('Etapa 1 de 12');
  await expect(widget.root.locator('#country option[value=BR]')).toHaveText('Brasil');
  await expect(widget.root.locator('label[for=sdgs-4]')).toContainText('Educação de qualidade');
  await widget.fillProfile('BR');

  // Governance: two questions do not apply and one is unknown: two of five on the scale, under half.
  const governance = widget.root.locator('.fw-step fieldset:visible');
  await expect(governance.first().locator('label').nth(NOT_APPLICABLE)).toHaveText('Não se aplica ao nosso caso');
  await expect(governance.first().locator('label').nth(DONT_KNOW)).toHaveText('Não sei');
  for (const [q, choice] of [3, 2, NOT_APPLICABLE, NOT_APPLICABLE, DONT_KNOW].entries()) {
    await governance.nth(q).locator('input[type=radio]').nth(choice).check();
  }
  await widget.next();
  await widget.fillDimensions(LEVELS.slice(1));
  await expect(widget.root.locator('#fw-step-title')).toHaveText('Compartilhar as suas respostas');
  await widget.consentAndSubmit();

  await expect(widget.root.locator('#fw-results-title')).toBeFocused();
  await expect(widget.root.locator('.fw-unscored')).toContainText('Não há respostas suficientes para pontuar');
  await expect(widget.root.locator('.fw-need__title').first()).toContainText('0 / 100, Emergente');
  await expect(widget.root.locator('.fw-need__plan').first()).toHaveText('Plano de ação');
  await expect(widget.root.locator('.fw-notice--done')).toBeVisible();
  const detail = await page.evaluate(() => (window as any).submitted[0]);
  expect(detail.scores.map((s: { dimension: string }) => s.dimension)).not.toContain('governance');
  const stored = (await (await request.get(`${ENDPOINT}/api/v1/export.json`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  })).json()).submissions.find((s: { id: string }) => s.id === detail.id);
  expect(stored.lang).toBe('pt');
  expect(stored.member).toBe('abong');
  expect(Object.values(stored.answers)).toContain('na');
  expect(Object.values(stored.answers)).toContain('dont_know');
  expect(errors).toEqual([]);
});

test('a visitor holding a draft of the first questionnaire is told it changed and keeps the answers that still apply', async ({ page }) => {
  // A page of the member's origin without the widget, so nothing carries the draft over before the visit.
  await page.goto(`${MEMBER_SITE}/a-page-without-the-widget`);
  await page.evaluate(() => localStorage.setItem('forus-widget:v1:coordination-sud:draft', JSON.stringify({
    version: 1, id: '0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b', step: 4, consent: false,
    answers: { org_type: 'ngo', country: 'SN', staff_size: 's1_9', gov_board: 2, par_istanbul: 1 },
  })));
  await page.goto(`${MEMBER_SITE}/`);
  const widget = Widget.first(page);
  await expect(widget.root.getByText('Le questionnaire a changé depuis que vous l’avez commencé.', { exact: false })).toBeVisible();
  await widget.root.getByRole('button', { name: 'Reprendre là où j’en étais' }).click();
  await expect(widget.root.locator('.fw-progress__text:visible')).toHaveText('Étape 1 sur 12');
  await expect(widget.root.locator('#org_type-ngo')).toBeChecked();
  await expect(widget.root.locator('#country')).toHaveValue('SN');
  await expect(widget.root.locator('#staff_size-s1_9')).toBeChecked();
  expect(await page.evaluate(() => localStorage.getItem('forus-widget:v1:coordination-sud:draft'))).toBeNull();
});

import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Levels chosen for the questions an NGO is shown in each of the 8 dimensions, in questionnaire order
 * (an NGO is not asked about its general assembly or its members).
 */
export const LEVELS: number[][] = [
  [3, 3, 2, 2, 2], // governance: 80, Established (mean 2.4)
  [0, 1, 2], // membership: 33, Developing (mean 1.0)
  [3, 3, 3, 3, 0], // resources: 80, Established, with a critical gap
  [1, 1, 1, 0, 1], // sdg_knowledge: 27, Developing
  [0, 0, 0, 0, 0], // monitoring: 0, Emerging
  [2, 2, 2, 2, 2], // advocacy: 67, Established
  [1, 2, 1, 2, 2], // partnerships: 53, Established (mean 1.6)
  [3, 3, 3, 2, 2], // civic_space: 87, Leading (mean 2.6)
];

/** The radio of the opt-outs after the four levels. */
export const NOT_APPLICABLE = 4;
export const DONT_KNOW = 5;

/** The score model/ computes for one dimension: mean level over the top level (3), in whole percent. */
export function expectedScore(levels: number[]): number {
  return Math.round((levels.reduce((a, b) => a + b, 0) / levels.length / 3) * 100);
}

/** A `<forus-widget>` on a host page; locators pierce its open shadow root. */
export class Widget {
  constructor(readonly page: Page, readonly root: Locator) {}

  static first(page: Page): Widget {
    return new Widget(page, page.locator('forus-widget').first());
  }

  primaryButton(): Locator {
    return this.root.locator('.fw-button--primary:visible');
  }

  async start() {
    await this.primaryButton().click();
    await expect(this.root.locator('#fw-step-title')).toBeFocused();
  }

  /** The two profile steps: the organisation, then its country's review and civic space. */
  async fillProfile(country = 'FR') {
    await this.fillOrganisation(country);
    await this.next();
    const r = this.root;
    await r.locator('#vnr_involvement-contributed').check();
    await r.locator('#vnr_activities-consultation').check();
    await r.locator('#vnr_year').fill('2022');
    await r.locator('#vnr_year').blur();
    await r.locator('#civic_laws-somewhat').check();
    await r.locator('#civic_funding-no').check();
    await r.locator('#civic_harassment-prefer_not').check();
    await this.next();
  }

  /** The first step's required questions, for an NGO in `country`; stays on that step. */
  async fillOrganisation(country = 'FR') {
    const r = this.root;
    await r.locator('#org_name').fill('Réseau des femmes rurales');
    await r.locator('#org_type-ngo').check();
    await r.locator('#country').selectOption(country);
    await r.locator('#respondent_role-director').check();
    await r.locator('#sdgs-4').check();
    await r.locator('#sdgs-13').check();
    await r.locator('#staff_size-s10_49').check();
    await r.locator('#budget_band-b10k_50k').check();
  }

  /** The last step before consent: the support the organisation wants. */
  async fillSupport() {
    await this.root.locator('#support_wanted-training').check();
    await this.root.locator('#support_wanted-peer_exchange').check();
    await this.next();
  }

  async fillDimensions(levels = LEVELS) {
    await this.answerDimensions(levels);
    await this.fillSupport();
  }

  /** The capacity dimensions' steps, at `levels`; stops on the support step, the last section. */
  async answerDimensions(levels = LEVELS) {
    for (const step of levels) {
      const groups = this.root.locator('.fw-step fieldset:visible');
      await expect(groups).toHaveCount(step.length);
      for (let i = 0; i < step.length; i++) {
        await groups.nth(i).locator('input[type=radio]').nth(step[i]).check();
      }
      await this.next();
    }
  }

  async next() {
    await this.root.locator('.fw-nav .fw-button--primary:visible').click();
  }

  async consentAndSubmit() {
    await this.root.locator('#fw-consent').check();
    await this.root.locator('.fw-nav .fw-button--primary:visible').click();
    await expect(this.root.locator('#fw-results-title')).toBeVisible();
  }

  /** Scores as the results chart shows them, e.g. [80, 50, ...]. */
  async shownScores(): Promise<number[]> {
    const values = await this.root.locator('.fw-bar__value').allTextContents();
    return values.map((v) => Number.parseInt(v, 10));
  }
}

/** Collects console errors and uncaught exceptions of a page. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // A host page without a favicon is not the widget's error.
    if (m.type() === 'error' && !`${m.text()} ${m.location().url}`.includes('favicon')) errors.push(m.text());
  });
  return errors;
}

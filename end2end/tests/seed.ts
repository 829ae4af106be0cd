import { expect, type APIRequestContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { ENDPOINT } from '../playwright.config';

/** Member sites of end2end/members.toml. */
export const SITES = {
  'coordination-sud': 'http://127.0.0.1:8091',
  abong: 'http://127.0.0.1:8092',
} as const;

/**
 * Stores `count` complete submissions through the public API, as a member site would, for organisations of
 * `country` working on `goals`. Returns their ids.
 */
export async function seed(request: APIRequestContext, options: {
  member: keyof typeof SITES; country: string; goals: string[]; count: number; level?: number;
}): Promise<string[]> {
  const questionnaire = await (await request.get(`${ENDPOINT}/api/v1/questionnaire?lang=en`)).json();
  // Like model/'s sample_answers: an NGO answering every required question it is shown with its first option,
  // every scale at `level` (default 2, "Established").
  const answers: Record<string, unknown> = { org_type: 'ngo' };
  const shown = (q: any) => !q.show_when || [answers[q.show_when.question]].flat().some((a) => q.show_when.any_of.includes(a));
  for (const section of questionnaire.section) {
    for (const q of section.question) {
      if (q.id in answers || !shown(q)) continue;
      if (q.type === 'scale') answers[q.id] = options.level ?? 2;
      else if (q.type === 'country') answers[q.id] = options.country;
      else if (q.type === 'sdgs') answers[q.id] = options.goals;
      else if (q.required === false || q.type === 'member') continue;
      else if (q.type === 'single') answers[q.id] = q.options[0].id;
      else if (q.type === 'multi') answers[q.id] = [q.options[0].id];
      else if (q.type === 'number') answers[q.id] = q.min;
      else if (q.type === 'text') answers[q.id] = 'Seeded organisation';
      else if (q.type === 'email') answers[q.id] = 'seed@example.org';
    }
  }
  const ids: string[] = [];
  for (let i = 0; i < options.count; i++) {
    const id = randomUUID();
    const response = await request.post(`${ENDPOINT}/api/v1/submissions`, {
      headers: { origin: SITES[options.member], 'content-type': 'application/json' },
      data: { id, questionnaire_version: questionnaire.version, member: options.member, lang: 'en', consent: true, answers },
    });
    if (response.status() !== 201) throw new Error(`seeding failed: ${response.status()} ${await response.text()}`);
    ids.push(id);
  }
  return ids;
}

/** Waits until a release publishes `country` on the map (releases run every second in these tests). */
export async function published(request: APIRequestContext, country: string) {
  await expect.poll(async () => {
    const map = await (await request.get(`${ENDPOINT}/api/v1/map`)).json();
    return map.countries.some((c: { country: string }) => c.country === country);
  }, { timeout: 10_000 }).toBe(true);
}

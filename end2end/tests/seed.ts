import type { APIRequestContext } from '@playwright/test';
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
  member: keyof typeof SITES; country: string; goals: string[]; count: number;
}): Promise<string[]> {
  const questionnaire = await (await request.get(`${ENDPOINT}/api/v1/questionnaire?lang=en`)).json();
  const answers: Record<string, unknown> = {
    org_type: 'ngo', country: options.country, sdgs: options.goals, staff_size: 's1_9',
    vnr_involvement: 'aware', vnr_barriers: ['no_resources'],
  };
  for (const section of questionnaire.section) {
    for (const question of section.question) {
      if (question.type === 'scale') answers[question.id] = 2;
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

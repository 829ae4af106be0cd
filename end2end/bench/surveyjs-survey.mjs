// The SurveyJS definition of our questionnaire, for the load-time benchmark (bench/load-time.bench.ts): built
// from what the endpoint serves (GET /api/v1/questionnaire, /api/v1/members) and the country and SDG lists the
// widget compiles in, so SurveyJS shows the same steps, questions and choices as <forus-widget>, in one language.
import { readFileSync } from 'node:fs';

const data = new URL('../../model/data/', import.meta.url);
const countries = JSON.parse(readFileSync(new URL('countries.json', data), 'utf8'));
const sdgs = JSON.parse(readFileSync(new URL('sdgs.json', data), 'utf8'));

// The two opt-outs of every level question are interface texts of the widget, not questionnaire texts.
function optOuts(lang) {
  const toml = readFileSync(new URL(`../../model/locales/${lang}/interface.toml`, import.meta.url), 'utf8');
  const text = (key) => {
    const match = toml.match(new RegExp(`^${key} = "(.*)"$`, 'm'));
    if (!match) throw new Error(`no ${key} in model/locales/${lang}/interface.toml`);
    return JSON.parse(`"${match[1]}"`);
  };
  return [{ value: 'not_applicable', text: text('not_applicable') }, { value: 'dont_know', text: text('dont_know') }];
}

/** The SurveyJS JSON of `questionnaire` in `lang`: one page per section of ours, in the same order. */
export function surveyJson(questionnaire, members, lang) {
  const t = (texts) => texts?.[lang];
  const collator = new Intl.Collator(lang);
  const countryChoices = [...countries].sort((a, b) => collator.compare(t(a.name), t(b.name)))
    .map((c) => ({ value: c.code, text: t(c.name) }));
  const sdgChoices = sdgs.map((g) => ({ value: String(g.number), text: `${g.number}. ${t(g.short)}` }));
  const memberChoices = members.map((m) => ({ value: m.id, text: m.name }));
  const levelOptOuts = optOuts(lang);
  const options = (q) => q.options.map((o) => ({ value: o.id, text: t(o.label) }));

  const element = (q) => {
    const common = { name: q.id, title: t(q.label), isRequired: q.required };
    if (q.help) common.description = t(q.help);
    if (q.show_when) {
      const values = q.show_when.any_of.map((v) => `'${v}'`).join(', ');
      common.visibleIf = `{${q.show_when.question}} anyof [${values}]`;
    }
    switch (q.type) {
      case 'scale':
        return { type: 'radiogroup', ...common,
          choices: [...q.levels.map((level, i) => ({ value: i, text: t(level) })), ...levelOptOuts] };
      case 'single':
        return { type: 'radiogroup', ...common, choices: options(q) };
      case 'multi':
        return { type: 'checkbox', ...common, choices: options(q) };
      case 'sdgs':
        return { type: 'checkbox', ...common, choices: sdgChoices, maxSelectedChoices: q.max };
      case 'country':
        return { type: 'dropdown', ...common, choices: countryChoices };
      case 'member':
        return { type: 'dropdown', ...common, choices: memberChoices };
      case 'number':
        return { type: 'text', inputType: 'number', ...common, min: q.min, max: q.max };
      case 'email':
        return { type: 'text', inputType: 'email', ...common };
      case 'text':
        // The widget asks free texts in a three-line text area with a length limit.
        return { type: 'comment', ...common, maxLength: q.max_len, rows: 3 };
      default:
        // A new question type must be mapped here, or the two sides would no longer ask the same things.
        throw new Error(`surveyjs-survey.mjs: no SurveyJS mapping for question type ${q.type} (${q.id})`);
    }
  };

  return {
    locale: lang,
    title: t(questionnaire.title),
    // The widget's first screen: the introduction and the answering rule.
    description: `${t(questionnaire.intro)}\n\n${t(questionnaire.answering_rule)}`,
    showProgressBar: true,
    pages: questionnaire.section.map((section) => ({
      name: section.id,
      title: t(section.title),
      description: t(section.intro),
      elements: section.question.map(element),
    })),
  };
}

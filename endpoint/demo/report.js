// The /report page's script, served at /demo/report.js after demo/pages.js (the page's Content-Security-Policy
// allows no inline script).
'use strict';
// Every value from the endpoint is written with textContent (or as an attribute value): names, labels and
// numbers never become markup.

const LANGS = ['en', 'fr', 'es', 'pt'];
const LANG_NAMES = { en: 'English', fr: 'Français', es: 'Español', pt: 'Português' };
const CIVIC = ['civic_laws', 'civic_funding', 'civic_harassment'];
// Sequential single-hue scale (light to dark) for the share of organisations, in steps of 10 points.
const STEPS = [10, 20, 30, 40, 50];
const FILLS = ['#fff5eb', '#fdd0a2', '#fdae6b', '#f16913', '#c2410c', '#7f2704'];
// Ordinal ramp for the civic-space answers (least to most restricted), grey for "don't know" answers.
const ORDINAL = ['#dadaeb', '#9e9ac8', '#6a51a3', '#3f007d'];
const UNSURE = new Set(['dont_know', 'prefer_not', 'other']);

const tokenInput = tokenField(document.querySelector('#access .field'), 'report-token', 'Secretariat token');
const langSelect = document.getElementById('data-lang');
const out = document.getElementById('report');
// The menu of the data's languages, from the one list of them above.
langSelect.append(...LANGS.map((code) => el('option', LANG_NAMES[code], { value: code })));

// ---- Small helpers (el, setStatus and markScrollable are in demo/pages.js) -----------------------------
let uid = 0;
const nextId = (prefix) => `${prefix}-${++uid}`;

/** Relative luminance (WCAG 2) of a #rrggbb colour. */
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
/** Black or white, whichever contrasts more with the fill (at least 4.58:1, so WCAG AA for any fill). */
const inkOn = (fill) => (contrast(fill, '#000000') >= contrast(fill, '#ffffff') ? '#000000' : '#ffffff');
const binOf = (share) => STEPS.filter((s) => share >= s).length;

function defaultLang() {
  for (const tag of navigator.languages || [navigator.language || '']) {
    const primary = String(tag).split(/[-_]/)[0].toLowerCase();
    if (LANGS.includes(primary)) return primary;
  }
  return 'en';
}

// ---- CSV -----------------------------------------------------------------------------------------------
function csvCell(value) {
  let s = value === undefined || value === null ? '' : String(value);
  // Never a formula in a spreadsheet, as in the endpoint's export.csv: a leading control character, or a formula
  // sign (ASCII or fullwidth) after any leading whitespace, gets a leading apostrophe.
  if (/^[\x00-\x1f\x7f-\x9f]|^[\s\x00-\x1f\x7f-\x9f]*[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(s)) s = `'${s}`;
  if (/[",\r\n]/.test(s) || /^\s|\s$/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}
function downloadCsv(name, rows) {
  const text = `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = el('a', null, { href: url, download: name });
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
  setStatus(`Downloaded ${name}.`);
}
function csvButton(caption, slug, rows, lang) {
  const b = el('button', 'Download CSV', { type: 'button', 'aria-label': `Download CSV: ${caption}` });
  const date = new Date().toISOString().slice(0, 10);
  b.addEventListener('click', () => downloadCsv(`forus-report-${slug}-${lang}-${date}.csv`, rows));
  return b;
}

// ---- Rendering -----------------------------------------------------------------------------------------
function render(report, questionnaire, lang) {
  const tx = (text) => (text ? (text[lang] ?? Object.values(text)[0] ?? '') : '');
  const number = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const percentFormat = new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const integer = new Intl.NumberFormat(lang);
  const pct = (x) => percentFormat.format(x / 100);
  const collator = new Intl.Collator(lang);
  const data = (tag, text, attrs) => el(tag, text, { lang, ...attrs }); // text in the data's language

  // What the questionnaire names: dimensions, questions, options.
  const dims = [];
  const dimTitle = {};
  const questionLabel = {};
  const options = {};
  for (const section of questionnaire.section || []) {
    if (section.kind === 'dimension' && !dims.includes(section.id)) { dims.push(section.id); dimTitle[section.id] = tx(section.title); }
    for (const q of section.question || []) {
      questionLabel[q.id] = tx(q.label);
      if (Array.isArray(q.options)) options[q.id] = q.options.map((o) => ({ id: o.id, label: tx(o.label) }));
    }
  }
  for (const d of report.priorities || []) if (!dims.includes(d)) dims.push(d);
  const dimName = (d) => dimTitle[d] || d;
  const names = report.names || {};
  const typeName = Object.fromEntries((options.org_type || []).map((o) => [o.id, o.label]));
  const nameOf = (g) => names[g.key] || typeName[g.key] || g.key;
  const published = (g) => g && g.organisations !== null && g.organisations !== undefined;
  const need = (g, d) => (g.need_shares && g.need_shares[d] !== undefined ? g.need_shares[d] : 0);
  const byName = (a, b) => collator.compare(nameOf(a), nameOf(b));
  const network = { ...report.network, label: 'Whole network' };
  const labelOf = (g) => g.label || nameOf(g);
  const coalitions = (report.regions || []).filter((g) => !g.key.startsWith('m49-')).sort(byName);
  const areas = (report.regions || []).filter((g) => g.key.startsWith('m49-')).sort(byName);
  const m49 = [...(report.m49_regions || [])].sort(byName);
  const typeOrder = (options.org_type || []).map((o) => o.id);
  const types = [...(report.types || [])].sort((a, b) => {
    const [i, j] = [typeOrder.indexOf(a.key), typeOrder.indexOf(b.key)].map((k) => (k < 0 ? 1e9 : k));
    return i - j || byName(a, b);
  });
  const countries = [...(report.countries || [])].sort(byName);
  const regionSections = [
    { groups: [network], total: true },
    { title: 'Regional coalitions', groups: coalitions },
    { title: 'Countries outside every coalition, by UN M49 area', groups: areas },
  ];

  const frag = document.createDocumentFragment();
  frag.append(el('p', `Printed ${new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })} · data in ${LANG_NAMES[lang]} · questionnaire version ${report.questionnaire_version}`, { class: 'print-only note' }));

  if (!published(report.network)) {
    frag.append(el('p', 'Fewer than 5 organisations have answered this version of the questionnaire: nothing is published yet.'));
    out.replaceChildren(frag);
    return 'Fewer than 5 organisations have answered: nothing to show yet.';
  }

  // Table of contents.
  const sections = [
    ['fund-first', 'What to fund first'], ['by-region', 'Needs by region'], ['by-type', 'Needs by organisation type'],
    ['by-country', 'Needs by country'], ['scores', 'Average scores'], ['gaps', 'Critical gaps'], ['civic', 'Civic space'],
  ];
  const nav = el('nav', null, { class: 'contents', 'aria-label': 'Report sections' });
  const navList = el('ul');
  for (const [id, title] of sections) { const li = el('li'); li.append(el('a', title, { href: `#${id}` })); navList.append(li); }
  nav.append(navList);
  const printButton = el('button', 'Print or save as PDF', { type: 'button', class: 'no-print' });
  printButton.addEventListener('click', () => window.print());
  const navTools = el('div', null, { class: 'tools no-print' });
  navTools.append(nav, printButton);
  frag.append(navTools);

  // Key figures.
  const top = (report.priorities || [])[0];
  const countPublished = (list) => `${list.filter(published).length} of ${list.length}`;
  const figures = el('dl', null, { class: 'figures' });
  const figure = (term, value, small, smallInDataLanguage) => {
    const div = el('div');
    const dd = el('dd', value);
    if (small) dd.append(smallInDataLanguage ? data('small', small) : el('small', small));
    div.append(el('dt', term), dd);
    figures.append(div);
  };
  figure('Organisations that answered', integer.format(report.network.organisations), `questionnaire version ${report.questionnaire_version}`);
  if (top) figure('Most frequent need', pct(need(report.network, top)), dimName(top), true);
  figure('With no capacity need', report.network.no_need_share === null || report.network.no_need_share === undefined ? '–' : pct(report.network.no_need_share), 'of organisations');
  figure('Groups shown (5 or more)', `${countPublished(report.regions || [])} regions`, `${countPublished(report.countries || [])} countries, ${countPublished(report.types || [])} organisation types`);
  frag.append(figures);

  // ---- What to fund first: bars ----
  frag.append(el('h2', 'What to fund first', { id: 'fund-first' }));
  frag.append(el('p', 'Share of all organisations with each capacity need, most needed first, and the support they ask for. Each bar runs from 0 to 100 %.', { class: 'note' }));
  const charts = el('div', null, { class: 'charts' });
  const barChart = (caption, rows, kind, slug, header) => {
    const fig = el('figure');
    fig.append(el('figcaption', caption));
    const list = el('ol', null, { class: 'bars' });
    for (const row of rows) {
      const li = el('li', null, { class: row.apart ? 'apart' : null });
      const bar = el('span', null, { class: `bar ${row.muted ? 'muted' : kind}`, 'aria-hidden': 'true' });
      const fill = el('span');
      fill.style.width = `${Math.max(0, Math.min(100, row.value))}%`;
      bar.append(fill);
      li.append(row.chrome ? el('span', row.label, { class: 'bar-label' }) : data('span', row.label, { class: 'bar-label' }), bar, el('span', pct(row.value), { class: 'bar-value' }));
      list.append(li);
    }
    const tools = el('div', null, { class: 'tools' });
    tools.classList.add('end');
    tools.append(csvButton(caption, slug, [header, ...rows.map((r) => [r.label, r.key, r.value])], lang));
    fig.append(list, tools);
    return fig;
  };
  const needRows = [...(report.priorities || [])];
  for (const d of dims) if (!needRows.includes(d)) needRows.push(d);
  const needBars = needRows.map((d) => ({ key: d, label: dimName(d), value: need(report.network, d) }));
  if (report.network.no_need_share !== null && report.network.no_need_share !== undefined) {
    needBars.push({ key: 'no_need', label: 'No capacity need', value: report.network.no_need_share, apart: true, muted: true, chrome: true });
  }
  charts.append(barChart('Organisations with each capacity need, network-wide', needBars, 'need', 'needs-network', ['Dimension', 'Key', 'Share of organisations (%)']));
  const support = (report.network.choice_shares || {}).support_wanted || {};
  const supportOptions = options.support_wanted || Object.keys(support).map((id) => ({ id, label: id }));
  const supportRows = supportOptions.map((o) => ({ key: o.id, label: o.label, value: support[o.id] || 0, muted: o.id === 'none' }))
    .sort((a, b) => (a.key === 'none') - (b.key === 'none') || b.value - a.value);
  const noneRow = supportRows.find((r) => r.key === 'none');
  if (noneRow) noneRow.apart = true;
  charts.append(barChart('Support wanted, network-wide', supportRows, 'support', 'support-network', ['Support', 'Key', 'Share of organisations (%)']));
  frag.append(charts);

  // ---- Heat tables of need shares ----
  const legend = () => {
    const list = el('ul', null, { class: 'legend', 'aria-label': 'Colour scale' });
    list.append(el('li', 'Share of organisations in need:'));
    FILLS.forEach((fill, i) => {
      const li = el('li');
      const swatch = el('span', null, { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.background = fill;
      const from = i === 0 ? 0 : STEPS[i - 1];
      li.append(swatch, el('span', i === FILLS.length - 1 ? `${from} % or more` : `${from}–${STEPS[i]} %`));
      list.append(li);
    });
    const na = el('li');
    na.append(el('span', null, { class: 'swatch na', 'aria-hidden': 'true' }), el('span', 'fewer than 5 organisations: not shown'));
    list.append(na);
    return list;
  };

  /** A block: tools (extra controls, CSV button), then the table in its own scrolling container. */
  const block = (table, captionText, slug, rows, extra) => {
    const wrap = el('div', null, { class: 'block' });
    if (extra) {
      const above = el('div', null, { class: 'tools' });
      above.append(...extra);
      wrap.append(above);
    }
    const captionId = nextId('caption');
    table.querySelector('caption').id = captionId;
    const scroll = el('div', null, { class: 'scroll', 'data-labelledby': captionId });
    scroll.append(table);
    const below = el('div', null, { class: 'tools end' });
    below.append(csvButton(captionText, slug, rows, lang));
    wrap.append(scroll, below);
    return wrap;
  };

  /** Columns: a width such as '18%', a class (widths in the style sheet, screen and print), or null (shares the rest). */
  const colgroup = (specs) => {
    const cg = el('colgroup');
    for (const spec of specs) {
      const c = el('col');
      if (spec && spec.startsWith('c-')) c.className = spec;
      else if (spec) c.style.width = spec;
      cg.append(c);
    }
    return cg;
  };

  /** Table of groups (rows) by dimension (columns); `heat` colours each cell by its share. */
  const groupTable = ({ caption, firstHeader, sectionsOf, valueOf, heat, slug, csvLabel, extraColumn }) => {
    const table = el('table', null, { class: heat ? 'heat-table' : 'scores-table' });
    table.append(el('caption', caption));
    const rest = extraColumn ? 1 : 0;
    table.append(colgroup(['c-group', 'c-orgs', ...dims.map(() => null), ...(rest ? ['c-extra'] : [])]));
    const head = el('tr');
    head.append(el('th', firstHeader, { scope: 'col' }), el('th', 'Organi\u00adsations', { scope: 'col', class: 'num' }));
    for (const d of dims) head.append(data('th', dimName(d), { scope: 'col', class: 'dim' }));
    if (extraColumn) head.append(el('th', extraColumn.header, { scope: 'col', class: 'num sep' }));
    const thead = el('thead');
    thead.append(head);
    table.append(thead);
    const csv = [[firstHeader, 'Key', 'Organisations', ...dims.map(dimName), ...(extraColumn ? [extraColumn.header] : [])]];
    const span = dims.length + rest;
    for (const section of sectionsOf) {
      if (!section.groups.length) continue;
      const body = el('tbody');
      if (section.title) {
        const tr = el('tr', null, { class: 'section' });
        tr.append(el('th', section.title, { scope: 'rowgroup', colspan: span + 2 }));
        body.append(tr);
      }
      for (const g of section.groups) {
        const ok = published(g);
        const tr = el('tr', null, { class: [section.total ? 'total' : '', ok ? '' : 'suppressed'].join(' ').trim() || null });
        tr.append(g.label ? el('th', g.label, { scope: 'row' }) : data('th', labelOf(g), { scope: 'row' }));
        if (!ok) {
          tr.append(el('td', 'fewer than 5', { class: 'suppressed-count' }), el('td', 'not shown', { colspan: span, class: 'na' }));
          csv.push([labelOf(g), g.key, 'fewer than 5', ...dims.map(() => ''), ...(rest ? [''] : [])]);
          body.append(tr);
          continue;
        }
        tr.append(el('td', integer.format(g.organisations), { class: 'num' }));
        const values = dims.map((d) => valueOf(g, d));
        values.forEach((v) => {
          const td = el('td', v === undefined ? '–' : number.format(v), { class: heat ? 'heat' : 'num' });
          if (heat && v !== undefined) {
            const fill = FILLS[binOf(v)];
            td.style.backgroundColor = fill;
            td.style.color = inkOn(fill);
          }
          tr.append(td);
        });
        const extra = extraColumn ? extraColumn.valueOf(g) : undefined;
        if (extraColumn) tr.append(el('td', extra === undefined ? '–' : number.format(extra), { class: 'num sep' }));
        csv.push([labelOf(g), g.key, g.organisations, ...values.map((v) => (v === undefined ? '' : v)), ...(rest ? [extra === undefined ? '' : extra] : [])]);
        body.append(tr);
      }
      table.append(body);
    }
    return { table, csv };
  };

  const noNeedColumn = { header: 'No need', valueOf: (g) => (g.no_need_share === null ? undefined : g.no_need_share) };
  const heatBlock = (caption, firstHeader, sectionsOf, slug, extra) => {
    const { table, csv } = groupTable({ caption, firstHeader, sectionsOf, valueOf: need, heat: true, slug, extraColumn: noNeedColumn });
    return { node: block(table, caption, slug, csv, [legend(), ...(extra || [])]), table };
  };

  /** Buttons switching between views (only the chosen one is shown and printed). */
  const viewSwitch = (label, views) => {
    const group = el('div', null, { class: 'view-switch', role: 'group', 'aria-label': label });
    const buttons = views.map((v, i) => {
      const b = el('button', v.label, { type: 'button', 'aria-pressed': i === 0 ? 'true' : 'false' });
      b.addEventListener('click', () => {
        views.forEach((w, j) => { w.nodes.forEach((n) => { n.hidden = j !== i; }); buttons[j].setAttribute('aria-pressed', j === i ? 'true' : 'false'); });
        markScrollable();
      });
      return b;
    });
    views.forEach((v, i) => v.nodes.forEach((n) => { n.hidden = i !== 0; }));
    group.append(...buttons);
    return group;
  };

  frag.append(el('h2', 'Needs by region', { id: 'by-region' }));
  frag.append(el('p', 'Each cell: share of the group\'s organisations with that capacity need (%). Darker means more organisations need it. “No need”: share with no capacity need at all.', { class: 'note' }));
  const regionHeat = heatBlock('Capacity needs by region: coalitions and UN M49 areas (% of organisations)', 'Region', regionSections, 'needs-by-region');
  const m49Heat = heatBlock('Capacity needs by UN M49 region (% of organisations)', 'UN M49 region', [{ groups: [network], total: true }, { groups: m49 }], 'needs-by-m49-region');
  const regionSwitch = viewSwitch('Regions shown', [
    { label: 'Coalitions and areas', nodes: [regionHeat.node] },
    { label: 'UN M49 regions', nodes: [m49Heat.node] },
  ]);
  const switchRow = el('div', null, { class: 'tools no-print' });
  switchRow.append(regionSwitch);
  frag.append(switchRow, regionHeat.node, m49Heat.node);

  frag.append(el('h2', 'Needs by organisation type', { id: 'by-type' }));
  frag.append(heatBlock('Capacity needs by organisation type (% of organisations)', 'Organisation type', [{ groups: [network], total: true }, { groups: types }], 'needs-by-type').node);

  frag.append(el('h2', 'Needs by country', { id: 'by-country' }));
  const hideBox = el('input', null, { type: 'checkbox', id: nextId('hide') });
  const hideLabel = el('label', null, { class: 'check', for: hideBox.id });
  hideLabel.append(hideBox, el('span', 'Hide countries with fewer than 5 organisations'));
  const countryHeat = heatBlock('Capacity needs by country (% of organisations)', 'Country', [{ groups: [network], total: true }, { groups: countries }], 'needs-by-country', [hideLabel]);
  hideBox.addEventListener('change', () => { countryHeat.table.classList.toggle('hide-suppressed', hideBox.checked); markScrollable(); });
  frag.append(countryHeat.node);

  // ---- Average scores ----
  frag.append(el('h2', 'Average scores', { id: 'scores' }));
  frag.append(el('p', 'Average score per dimension, from 0 to 100 (higher is stronger).', { class: 'note' }));
  {
    const caption = 'Average score per dimension (0–100)';
    const { table, csv } = groupTable({
      caption, firstHeader: 'Group', valueOf: (g, d) => (g.averages ? g.averages[d] : undefined), heat: false,
      sectionsOf: [
        { groups: [network], total: true },
        { title: 'Regional coalitions', groups: coalitions },
        { title: 'Countries outside every coalition, by UN M49 area', groups: areas },
        { title: 'UN M49 regions', groups: m49 },
        { title: 'Organisation types', groups: types },
      ],
    });
    frag.append(block(table, caption, 'average-scores', csv));
  }

  // ---- Critical gaps ----
  frag.append(el('h2', 'Most frequent critical gaps', { id: 'gaps' }));
  frag.append(el('p', 'Questions most often answered at the lowest level, network-wide: share of the organisations shown the question.', { class: 'note' }));
  if ((report.critical_gaps || []).length) {
    const caption = 'Most frequent critical gaps, network-wide';
    const table = el('table', null, { class: 'gaps-table' });
    table.append(el('caption', caption), colgroup(['5%', '42%', '25%', '28%']));
    const head = el('tr');
    head.append(el('th', '#', { scope: 'col', class: 'num' }), el('th', 'Question', { scope: 'col' }), el('th', 'Dimension', { scope: 'col' }), el('th', 'Share of organisations at the lowest level', { scope: 'col' }));
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    const csv = [['Rank', 'Question', 'Question key', 'Dimension', 'Dimension key', 'Share of organisations (%)']];
    report.critical_gaps.forEach((gap, i) => {
      const tr = el('tr');
      const cell = el('td');
      const wrap = el('div', null, { class: 'cell-bar' });
      const bar = el('span', null, { class: 'bar', 'aria-hidden': 'true' });
      const fill = el('span');
      fill.style.width = `${Math.max(0, Math.min(100, gap.share))}%`;
      bar.append(fill);
      wrap.append(bar, el('b', pct(gap.share)));
      cell.append(wrap);
      tr.append(el('td', i + 1, { class: 'num' }), data('th', questionLabel[gap.question] || gap.question, { scope: 'row' }), data('td', dimName(gap.dimension)), cell);
      body.append(tr);
      csv.push([i + 1, questionLabel[gap.question] || gap.question, gap.question, dimName(gap.dimension), gap.dimension, gap.share]);
    });
    table.append(thead, body);
    frag.append(block(table, caption, 'critical-gaps', csv));
  } else {
    frag.append(el('p', 'No critical gap is published.'));
  }

  // ---- Civic space context ----
  frag.append(el('h2', 'Civic space context', { id: 'civic' }));
  frag.append(el('p', 'What organisations report about their civic space (not scored): share of the group\'s organisations choosing each answer. The bar shows the same shares; its blank end is organisations that did not answer.', { class: 'note' }));
  const choiceBlock = (question, sectionsOf, slug, firstHeader) => {
    const opts = options[question] || [];
    const caption = `${questionLabel[question] || question} (% of organisations)`;
    const table = el('table', null, { class: 'choice-table' });
    const cap = el('caption');
    cap.append(data('span', questionLabel[question] || question), document.createTextNode(' (% of organisations)'));
    table.append(cap);
    const optWidth = Math.min(12, 52 / Math.max(1, opts.length));
    table.append(colgroup(['18%', '8%', ...opts.map(() => `${optWidth}%`), null]));
    const colours = {};
    const ordered = opts.filter((o) => !UNSURE.has(o.id));
    ordered.forEach((o, i) => { colours[o.id] = ORDINAL[Math.round((i * (ORDINAL.length - 1)) / Math.max(1, ordered.length - 1))]; });
    opts.filter((o) => UNSURE.has(o.id)).forEach((o) => { colours[o.id] = '#bdbdbd'; });
    const head = el('tr');
    head.append(el('th', firstHeader, { scope: 'col' }), el('th', 'Organi\u00adsations', { scope: 'col', class: 'num' }));
    for (const o of opts) {
      const th = el('th', null, { scope: 'col', lang });
      const sw = el('span', null, { class: 'swatch', 'aria-hidden': 'true' });
      sw.style.background = colours[o.id];
      th.append(sw, document.createTextNode(o.label));
      head.append(th);
    }
    head.append(el('th', 'Distribution', { scope: 'col' }));
    const thead = el('thead');
    thead.append(head);
    table.append(thead);
    const csv = [[firstHeader, 'Key', 'Organisations', ...opts.map((o) => o.label)]];
    for (const section of sectionsOf) {
      if (!section.groups.length) continue;
      const body = el('tbody');
      if (section.title) {
        const tr = el('tr', null, { class: 'section' });
        tr.append(el('th', section.title, { scope: 'rowgroup', colspan: opts.length + 3 }));
        body.append(tr);
      }
      for (const g of section.groups) {
        const tr = el('tr', null, { class: [section.total ? 'total' : '', published(g) ? '' : 'suppressed'].join(' ').trim() || null });
        tr.append(g.label ? el('th', g.label, { scope: 'row' }) : data('th', labelOf(g), { scope: 'row' }));
        if (!published(g)) {
          tr.append(el('td', 'fewer than 5', { class: 'suppressed-count' }), el('td', 'not shown', { colspan: opts.length + 1, class: 'na' }));
          csv.push([labelOf(g), g.key, 'fewer than 5', ...opts.map(() => '')]);
          body.append(tr);
          continue;
        }
        const shares = (g.choice_shares || {})[question] || {};
        tr.append(el('td', integer.format(g.organisations), { class: 'num' }));
        const stack = el('div', null, { class: 'stack', 'aria-hidden': 'true' });
        for (const o of opts) {
          const v = shares[o.id] || 0;
          tr.append(el('td', number.format(v), { class: 'num' }));
          const seg = el('span');
          seg.style.width = `${Math.max(0, Math.min(100, v))}%`;
          seg.style.background = colours[o.id];
          stack.append(seg);
        }
        const cell = el('td');
        cell.append(stack);
        tr.append(cell);
        csv.push([labelOf(g), g.key, g.organisations, ...opts.map((o) => shares[o.id] || 0)]);
        body.append(tr);
      }
      table.append(body);
    }
    return block(table, caption, slug, csv);
  };
  const civicRegions = CIVIC.map((q) => choiceBlock(q, regionSections, `${q.replace('_', '-')}-by-region`, 'Region'));
  const civicM49 = CIVIC.map((q) => choiceBlock(q, [{ groups: [network], total: true }, { groups: m49 }], `${q.replace('_', '-')}-by-m49-region`, 'UN M49 region'));
  const civicSwitch = viewSwitch('Regions shown', [
    { label: 'Coalitions and areas', nodes: civicRegions },
    { label: 'UN M49 regions', nodes: civicM49 },
  ]);
  const civicRow = el('div', null, { class: 'tools no-print' });
  civicRow.append(civicSwitch);
  frag.append(civicRow);
  CIVIC.forEach((q, i) => frag.append(civicRegions[i], civicM49[i]));

  out.replaceChildren(frag);
  markScrollable();
  return `Report of ${integer.format(report.network.organisations)} organisations (questionnaire version ${report.questionnaire_version}), data in ${LANG_NAMES[lang]}.`;
}

// ---- Loading -------------------------------------------------------------------------------------------
let loads = 0;
let shown = false;

async function load() {
  const token = tokenInput.value.trim();
  const lang = LANGS.includes(langSelect.value) ? langSelect.value : 'en';
  const ticket = ++loads;
  if (!token) { setStatus('Enter the secretariat token.', true); tokenInput.focus(); return; }
  if (!/^[\x21-\x7e]+$/.test(token)) { setStatus('That token is not accepted.', true); return; }
  setStatus('Loading…');
  try {
    const [reportResponse, questionnaireResponse] = await Promise.all([
      fetch(`api/v1/report?lang=${lang}`, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' }),
      fetch(`api/v1/questionnaire?lang=${lang}`),
    ]);
    if (ticket !== loads) return;
    if (!reportResponse.ok) {
      out.replaceChildren();
      shown = false;
      setStatus(reportResponse.status === 401 ? 'That token is not accepted.' : `Error ${reportResponse.status}.`, true);
      if (reportResponse.status === 401) tokenInput.focus();
      return;
    }
    if (!questionnaireResponse.ok) { setStatus(`Error ${questionnaireResponse.status} while reading the questionnaire.`, true); return; }
    const [report, questionnaire] = await Promise.all([reportResponse.json(), questionnaireResponse.json()]);
    if (ticket !== loads) return;
    document.documentElement.dataset.dataLang = lang;
    setStatus(render(report, questionnaire, lang));
    shown = true;
  } catch (error) {
    if (ticket !== loads) return;
    setStatus('The report could not be loaded: the endpoint did not answer or sent something unreadable.', true);
  }
}

langSelect.value = defaultLang();
document.getElementById('access').addEventListener('submit', (event) => { event.preventDefault(); load(); });
langSelect.addEventListener('change', () => { if (shown && tokenInput.value.trim()) load(); });

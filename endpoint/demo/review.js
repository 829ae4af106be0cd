// The /review page's script, served at /demo/review.js after demo/pages.js (the page's Content-Security-Policy
// allows no inline script).
'use strict';
// Every value from the endpoint is written with textContent (or as an attribute value): names, answers and
// reasons never become markup. The token lives in a variable of this page only (never in storage).

const STATUS_LABEL = { pending: 'Pending', approved: 'Approved', rejected: 'Rejected' };
const LEVEL_LABEL = { emerging: 'Emerging', developing: 'Developing', established: 'Established', leading: 'Leading' };
const OPT_OUT = { na: 'Does not apply', dont_know: 'Don\u2019t know' };
const MESSAGES = {
  401: 'That token is not accepted.',
  403: 'You may only review submissions sent from your own platform\u2019s sites.',
};
const LOG_PAGE = 50;

/** The optional reason of a decision, the same in the bulk form and in the details: label, text area, hint. */
function reasonField(box, id, rows) {
  const hint = `${id}-hint`;
  box.append(
    el('label', 'Reason (optional)', { for: id }),
    el('textarea', null, { id, name: id, rows, maxlength: 500, 'aria-describedby': hint }),
    el('span', 'Up to 500 characters, kept in the audit log.', { id: hint, class: 'counter' }),
  );
}
reasonField(document.querySelector('#bulk .reason'), 'bulk-reason', 2);
reasonField(document.querySelector('#details .reason'), 'decision-reason', 3);

const tokenInput = tokenField(document.querySelector('#access .field'), 'review-token', 'Reviewer token');
const main = document.getElementById('review');
const reviewerLine = document.getElementById('reviewer');
const filter = document.getElementById('status-filter');
const table = document.getElementById('submissions-table');
const selectionCount = document.getElementById('selection-count');
const bulkReason = document.getElementById('bulk-reason');
const scoreKey = document.getElementById('score-key');
const details = document.getElementById('details');
const detailsTitle = document.getElementById('details-title');
const detailsBody = document.getElementById('details-body');
const decisionReason = document.getElementById('decision-reason');
const logBody = document.getElementById('log-body');
const logError = document.getElementById('log-error');
const logMore = document.getElementById('log-more');

let token = '';
let form = null; // what the questionnaire names, once read
let rows = []; // the submissions listed
const selected = new Set();
const names = new Map(); // submission id -> organisation name, for the audit log
let openedId = null;
let busy = false;
let listTicket = 0;
let logTicket = 0;
let detailTicket = 0;
let logEntries = [];
let logAll = false;

// ---- Small helpers (el, setStatus and markScrollable are in demo/pages.js) -----------------------------
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
const tx = (text) => (text === undefined || text === null ? '' : typeof text === 'string' ? text : (text.en ?? Object.values(text)[0] ?? ''));

const regionNames = (() => { try { return new Intl.DisplayNames(['en'], { type: 'region' }); } catch (e) { return null; } })();
function countryName(code) {
  if (!code) return null;
  try { return (regionNames && regionNames.of(String(code).toUpperCase())) || String(code); } catch (e) { return String(code); }
}

const languageNames = (() => { try { return new Intl.DisplayNames(['en'], { type: 'language' }); } catch (e) { return null; } })();
function languageName(code) {
  if (!code) return null;
  try { return (languageNames && languageNames.of(String(code))) || String(code); } catch (e) { return String(code); }
}

/** 2026-11-26 from an RFC 3339 date-time. */
function dateOnly(iso) {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(String(iso || ''));
  return m ? m[1] : String(iso || '–');
}
/** 2026-11-26 10:00 UTC. */
function dateTime(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso || '–') : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
const timeEl = (iso, text) => el('time', text, { datetime: iso || null });

const statusBadge = (status) => el('span', STATUS_LABEL[status] || status || '–', { class: `badge ${STATUS_LABEL[status] ? status : ''}`.trim() });

class HttpError extends Error {
  constructor(status, detail) { super(`HTTP ${status}`); this.status = status; this.detail = detail || ''; }
}

async function api(path, init) {
  const headers = { Authorization: `Bearer ${token}` };
  if (init && init.body) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { ...init, headers, cache: 'no-store' });
  if (!response.ok) {
    let detail = '';
    try { const body = await response.json(); detail = body && body.error && typeof body.error.message === 'string' ? body.error.message : ''; } catch (e) { /* no body */ }
    throw new HttpError(response.status, detail);
  }
  return response.json();
}

function errorText(error) {
  if (error instanceof HttpError) return MESSAGES[error.status] || `Error ${error.status}.${error.detail ? ` ${error.detail}` : ''}`;
  return 'The endpoint did not answer, or sent something unreadable.';
}

/** Shows an error; a refused token sends the reviewer back to the token field. */
function showError(error) {
  setStatus(errorText(error), true);
  if (error instanceof HttpError && error.status === 401) tokenInput.focus();
}

// ---- The questionnaire ---------------------------------------------------------------------------------
/** Short names of dimensions for the list: "Gov", "Mem", "SDG"…, unique. */
function shortNames(dims, title) {
  const out = {};
  const used = new Set();
  for (const d of dims) {
    const word = (title[d] || d).split(/\s+/)[0].replace(/[^\p{L}\p{N}]/gu, '') || d;
    let n = /^\p{Lu}{2,}$/u.test(word) ? Math.min(word.length, 4) : 3;
    let name = word.slice(0, n);
    name = name.charAt(0).toUpperCase() + name.slice(1);
    while (used.has(name) && n < word.length) { n += 1; name = word.charAt(0).toUpperCase() + word.slice(1, n); }
    if (used.has(name)) name = d;
    used.add(name);
    out[d] = name;
  }
  return out;
}

function readQuestionnaire(q) {
  const sections = [];
  const questions = new Map();
  const dims = [];
  const dimTitle = {};
  for (const section of q.section || []) {
    sections.push({ id: section.id, title: tx(section.title), questions: section.question || [] });
    if (section.kind === 'dimension') { dims.push(section.id); dimTitle[section.id] = tx(section.title); }
    for (const question of section.question || []) questions.set(question.id, question);
  }
  const typeQuestion = questions.get('org_type');
  const typeName = Object.fromEntries(((typeQuestion && typeQuestion.options) || []).map((o) => [o.id, tx(o.label)]));
  return { version: q.version, sections, questions, dims, dimTitle, short: shortNames(dims, dimTitle), typeName };
}

const dimName = (d) => form.dimTitle[d] || d;
const typeName = (t) => (t ? form.typeName[t] || t : null);

/** Scores in questionnaire order, unknown dimensions last. */
function orderedScores(scores) {
  const list = Array.isArray(scores) ? [...scores] : [];
  const rank = (d) => { const i = form.dims.indexOf(d); return i < 0 ? 1e9 : i; };
  return list.sort((a, b) => rank(a.dimension) - rank(b.dimension));
}

// ---- The list ------------------------------------------------------------------------------------------
function orgCell(tag, s, attrs) {
  if (s.org_name) return el(tag, s.org_name, attrs);
  const cell = el(tag, null, attrs);
  cell.append(el('span', 'No name given', { class: 'unnamed' }));
  return cell;
}

function compactScores(scores) {
  const wrap = el('span', null, { class: 'scores' });
  const list = orderedScores(scores);
  if (!list.length) { wrap.textContent = '–'; return wrap; }
  list.forEach((s, i) => {
    if (i) wrap.append(el('span', '·', { class: 'sep', 'aria-hidden': 'true' }), document.createTextNode(' '));
    const abbr = el('abbr', form.short[s.dimension] || s.dimension, { title: dimName(s.dimension) });
    wrap.append(abbr, document.createTextNode(` ${s.score === null || s.score === undefined ? '–' : s.score} `));
  });
  return wrap;
}

function renderList(data, status) {
  rows = Array.isArray(data.submissions) ? data.submissions : [];
  selected.clear();
  const everyMember = data.member === null || data.member === undefined;
  reviewerLine.textContent = everyMember
    ? `Reviewing as ${data.reviewer || 'the secretariat'}: submissions from every member's sites.`
    : `Reviewing as ${data.reviewer || 'a reviewer'}: submissions sent from the sites of ${data.member}.`;

  const label = status === 'all' ? 'All submissions' : `${STATUS_LABEL[status]} submissions`;
  const caption = el('caption', `${label}: ${rows.length}`, { id: 'submissions-caption' });
  const head = el('tr');
  const pickHead = el('th', null, { scope: 'col', class: 'pick' });
  const allLabel = el('label');
  const all = el('input', null, { type: 'checkbox', id: 'select-all' });
  allLabel.append(all, el('span', 'Select all', { class: 'sr-only' }));
  pickHead.append(allLabel);
  head.append(pickHead, el('th', 'Organisation', { scope: 'col' }));
  if (everyMember) head.append(el('th', 'Member', { scope: 'col' }));
  head.append(el('th', 'Country', { scope: 'col' }), el('th', 'Type', { scope: 'col' }), el('th', 'Received', { scope: 'col' }),
    el('th', 'Scores (0–100)', { scope: 'col' }), el('th', 'Status', { scope: 'col' }), el('th', 'Details', { scope: 'col' }));
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  for (const s of rows) {
    names.set(s.id, s.org_name);
    const tr = el('tr', null, { 'data-id': s.id, class: s.id === openedId ? 'opened' : null });
    const pick = el('td', null, { class: 'pick' });
    const pickLabel = el('label');
    const box = el('input', null, { type: 'checkbox', class: 'row-select', value: s.id });
    pickLabel.append(box, el('span', `Select ${s.org_name || 'the submission without a name'}, received ${dateOnly(s.received_at)}`, { class: 'sr-only' }));
    pick.append(pickLabel);
    box.addEventListener('change', () => { if (box.checked) selected.add(s.id); else selected.delete(s.id); updateSelection(); });
    tr.append(pick, orgCell('th', s, { scope: 'row' }));
    if (everyMember) tr.append(el('td', s.member || '–'));
    const country = countryName(s.country);
    tr.append(el('td', country || '–', { title: s.country || null }));
    tr.append(el('td', typeName(s.org_type) || '–'));
    const received = el('td', null, { class: 'date' });
    received.append(timeEl(s.received_at, dateOnly(s.received_at)));
    tr.append(received);
    const scores = el('td');
    scores.append(compactScores(s.scores));
    tr.append(scores);
    const statusCell = el('td');
    statusCell.append(statusBadge(s.status));
    tr.append(statusCell);
    const open = el('td');
    const button = el('button', null, { type: 'button', class: 'open small' });
    button.append(document.createTextNode('Open'), el('span', ` ${s.org_name || 'the submission without a name'}`, { class: 'sr-only' }));
    button.addEventListener('click', () => openSubmission(s.id, true));
    open.append(button);
    tr.append(open);
    body.append(tr);
  }
  if (!rows.length) {
    const tr = el('tr');
    tr.append(el('td', status === 'all' ? 'No submission yet.' : `No ${status} submission.`, { colspan: everyMember ? 9 : 8, class: 'empty' }));
    body.append(tr);
  }
  all.addEventListener('change', () => {
    for (const box of body.querySelectorAll('input.row-select')) {
      box.checked = all.checked;
      if (all.checked) selected.add(box.value); else selected.delete(box.value);
    }
    updateSelection();
  });
  all.disabled = !rows.length;
  table.replaceChildren(caption, thead, body);

  scoreKey.textContent = `Scores: ${form.dims.map((d) => `${form.short[d]}: ${dimName(d)}`).join(' · ')}.`;
  updateSelection();
  markScrollable();
}

function updateSelection() {
  const all = document.getElementById('select-all');
  const n = selected.size;
  if (all) {
    all.checked = rows.length > 0 && n === rows.length;
    all.indeterminate = n > 0 && n < rows.length;
  }
  selectionCount.textContent = n ? `${n} of ${plural(rows.length, 'submission', 'submissions')} selected.` : 'None selected: tick submissions in the table below.';
}

function summary(status) {
  if (status === 'all') return rows.length ? `${plural(rows.length, 'submission', 'submissions')}.` : 'No submission yet.';
  return rows.length ? `${rows.length} ${status} ${rows.length === 1 ? 'submission' : 'submissions'}.` : `No ${status} submission.`;
}

/** Reads and draws the list for the chosen filter; throws on an error. Returns false if overtaken. */
async function loadList() {
  const status = ['pending', 'approved', 'rejected', 'all'].includes(filter.value) ? filter.value : 'pending';
  const ticket = ++listTicket;
  const data = await api(`api/v1/review/submissions?status=${status}`);
  if (ticket !== listTicket) return false;
  renderList(data, status);
  return summary(status);
}

// ---- Details -------------------------------------------------------------------------------------------
function answerValue(question, value) {
  const dd = el('dd');
  const optionLabel = (id) => {
    const o = ((question && question.options) || []).find((x) => x.id === id);
    return o ? tx(o.label) : String(id);
  };
  if (typeof value === 'string' && OPT_OUT[value] && (!question || question.type === 'scale')) {
    dd.append(el('span', OPT_OUT[value], { class: 'opt-out' }));
    return dd;
  }
  if (!question) {
    dd.textContent = Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
    return dd;
  }
  switch (question.type) {
    case 'scale': {
      const levels = question.levels || [];
      const n = Number(value);
      if (Number.isInteger(n) && n >= 0 && n < levels.length) dd.textContent = `Level ${n + 1} of ${levels.length}: ${tx(levels[n])}`;
      else dd.textContent = String(value);
      break;
    }
    case 'single':
      dd.textContent = optionLabel(value);
      break;
    case 'multi': {
      const list = el('ul');
      for (const id of Array.isArray(value) ? value : [value]) list.append(el('li', optionLabel(id)));
      dd.append(list);
      break;
    }
    case 'country':
      dd.textContent = value ? `${countryName(value)} (${value})` : '–';
      break;
    case 'sdgs':
      dd.textContent = (Array.isArray(value) ? value : [value]).map((g) => `SDG ${g}`).join(', ');
      break;
    case 'number': {
      const n = Number(value);
      const unit = question.unit ? ` ${tx(question.unit)}` : '';
      dd.textContent = Number.isFinite(n) ? `${new Intl.NumberFormat('en', { useGrouping: question.id !== 'vnr_year' }).format(n)}${unit}` : String(value);
      break;
    }
    default:
      dd.textContent = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return dd;
}

function answerItem(id, label, question, value) {
  const div = el('div', null, { 'data-question': id });
  div.append(el('dt', label), answerValue(question, value));
  return div;
}

function renderDetails(s) {
  names.set(s.id, s.org_name);
  detailsTitle.replaceChildren(document.createTextNode('Submission: '));
  if (s.org_name) detailsTitle.append(el('span', s.org_name));
  else detailsTitle.append(el('span', 'no name given', { class: 'unnamed' }));
  detailsTitle.dataset.id = s.id;
  details.dataset.id = s.id;
  const frag = document.createDocumentFragment();

  const meta = el('dl', null, { class: 'meta' });
  const item = (term, value) => {
    const dd = value instanceof Node ? el('dd') : el('dd', value === null || value === undefined || value === '' ? '–' : value);
    if (value instanceof Node) dd.append(value);
    meta.append(el('dt', term), dd);
  };
  item('Status', statusBadge(s.status));
  item('Received', timeEl(s.received_at, dateTime(s.received_at)));
  item('Member', s.member);
  item('Country', s.country ? `${countryName(s.country)} (${s.country})` : null);
  item('Type', typeName(s.org_type));
  item('Language', languageName(s.lang));
  item('Questionnaire version', s.questionnaire_version);
  item('Submission id', el('code', s.id));
  frag.append(meta);

  frag.append(el('h3', 'Last decision'));
  if (s.decided_at || s.decided_by) {
    const past = el('dl', null, { class: 'meta', id: 'past-decision' });
    const add = (term, value) => { const dd = el('dd'); dd.append(value instanceof Node ? value : document.createTextNode(value || '–')); past.append(el('dt', term), dd); };
    add('Decision', statusBadge(s.status));
    add('Decided by', s.decided_by);
    add('Decided on', s.decided_at ? timeEl(s.decided_at, dateTime(s.decided_at)) : '–');
    add('Reason', s.reason || 'No reason given');
    frag.append(past);
  } else {
    frag.append(el('p', 'No decision yet.', { id: 'past-decision' }));
  }

  // Scores: every dimension of the questionnaire, scored or not.
  const scores = el('table', null, { class: 'scores-table' });
  scores.append(el('caption', 'Scores (0–100)', { id: 'scores-caption' }));
  const head = el('tr');
  head.append(el('th', 'Dimension', { scope: 'col' }), el('th', 'Score', { scope: 'col', class: 'num' }), el('th', 'Level', { scope: 'col' }));
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  const byDim = new Map(orderedScores(s.scores).map((x) => [x.dimension, x]));
  const dims = [...form.dims, ...[...byDim.keys()].filter((d) => !form.dims.includes(d))];
  for (const d of dims) {
    const x = byDim.get(d);
    const tr = el('tr', null, { 'data-dimension': d });
    tr.append(el('th', dimName(d), { scope: 'row' }));
    if (x) tr.append(el('td', x.score, { class: 'num' }), el('td', LEVEL_LABEL[x.level] || x.level || '–'));
    else tr.append(el('td', '–', { class: 'num' }), el('td', 'Not scored: too few answers'));
    body.append(tr);
  }
  scores.append(thead, body);
  frag.append(el('h3', 'Scores'));
  const scoresBox = el('div', null, { class: 'scroll', 'data-labelledby': 'scores-caption' });
  scoresBox.append(scores);
  frag.append(scoresBox);

  // Answers, in questionnaire order; answers to questions this version does not have come last.
  frag.append(el('h3', 'Answers'));
  if (s.questionnaire_version !== undefined && s.questionnaire_version !== form.version) {
    frag.append(el('p', `Sent with questionnaire version ${s.questionnaire_version}: questions are labelled as in version ${form.version} where their ids are the same.`, { class: 'note' }));
  }
  const answers = s.answers && typeof s.answers === 'object' ? s.answers : {};
  const seen = new Set();
  for (const section of form.sections) {
    const present = section.questions.filter((q) => Object.prototype.hasOwnProperty.call(answers, q.id));
    if (!present.length) continue;
    frag.append(el('h4', section.title));
    const dl = el('dl', null, { class: 'answers' });
    for (const q of present) { seen.add(q.id); dl.append(answerItem(q.id, tx(q.label) || q.id, q, answers[q.id])); }
    frag.append(dl);
  }
  const others = Object.keys(answers).filter((id) => !seen.has(id));
  if (others.length) {
    frag.append(el('h4', 'Other answers'));
    const dl = el('dl', null, { class: 'answers' });
    for (const id of others) dl.append(answerItem(id, id, null, answers[id]));
    frag.append(dl);
  }
  if (!Object.keys(answers).length) frag.append(el('p', 'No answers.'));
  detailsBody.replaceChildren(frag);

  for (const tr of table.querySelectorAll('tbody tr')) tr.classList.toggle('opened', tr.dataset.id === s.id);
}

async function openSubmission(id, focus) {
  const ticket = ++detailTicket;
  try {
    const data = await api(`api/v1/review/submissions/${encodeURIComponent(id)}`);
    if (ticket !== detailTicket) return;
    const opening = openedId !== id;
    openedId = id;
    renderDetails(data.submission);
    if (opening) decisionReason.value = '';
    details.hidden = false;
    markScrollable();
    if (focus) {
      detailsTitle.focus({ preventScroll: true });
      detailsTitle.scrollIntoView({ block: 'start' });
      setStatus('');
    }
  } catch (error) {
    if (ticket !== detailTicket) return;
    showError(error);
  }
}

function closeDetails() {
  const id = openedId;
  openedId = null;
  ++detailTicket;
  details.hidden = true;
  detailsBody.replaceChildren();
  for (const tr of table.querySelectorAll('tbody tr.opened')) tr.classList.remove('opened');
  const row = id ? [...table.querySelectorAll('tbody tr')].find((tr) => tr.dataset.id === id) : null;
  const button = row && row.querySelector('button.open');
  (button || document.getElementById('submissions-title')).focus();
}

// ---- Decisions -----------------------------------------------------------------------------------------
async function decide(ids, status, reasonField) {
  if (busy) return;
  if (!ids.length) { setStatus('Select at least one submission first.', true); return; }
  const reason = reasonField.value.trim();
  if (reason.length > 500) { setStatus('The reason is longer than 500 characters.', true); reasonField.focus(); return; }
  busy = true;
  setStatus('Saving the decision…');
  let message;
  try {
    const body = { ids, status };
    if (reason) body.reason = reason;
    const result = await api('api/v1/review/decisions', { method: 'POST', body: JSON.stringify(body) });
    const n = Number.isInteger(result && result.decided) ? result.decided : ids.length;
    reasonField.value = '';
    message = `${n} ${n === 1 ? 'submission' : 'submissions'} ${status}.`;
  } catch (error) {
    busy = false;
    showError(error);
    return;
  }
  try {
    const reopen = openedId && ids.includes(openedId) ? openSubmission(openedId, false) : null;
    await Promise.all([loadList(), loadLog(), reopen]);
    setStatus(message);
  } catch (error) {
    setStatus(`${message} The list could not be read again: ${errorText(error)}`, true);
  } finally {
    busy = false;
  }
}

// ---- Audit log -----------------------------------------------------------------------------------------
function renderLog() {
  const shown = logAll ? logEntries : logEntries.slice(0, LOG_PAGE);
  const frag = document.createDocumentFragment();
  for (const e of shown) {
    const tr = el('tr', null, { 'data-id': e.submission_id });
    const when = el('td');
    when.append(timeEl(e.decided_at, dateTime(e.decided_at)));
    const submission = el('td');
    const name = names.get(e.submission_id);
    if (name) submission.append(el('span', name), el('br'));
    submission.append(el('code', e.submission_id));
    if (e.member) submission.append(el('br'), el('span', e.member, { class: 'note' }));
    const status = el('td');
    status.append(statusBadge(e.status));
    tr.append(when, el('td', e.decided_by || '–'), submission, status, el('td', e.reason || '–', { class: 'reason-cell' }));
    frag.append(tr);
  }
  if (!logEntries.length) {
    const tr = el('tr');
    tr.append(el('td', 'No decision yet.', { colspan: 5, class: 'empty' }));
    frag.append(tr);
  }
  logBody.replaceChildren(frag);
  document.getElementById('log-caption').textContent = logEntries.length > shown.length
    ? `Decisions, newest first: the latest ${shown.length} of ${logEntries.length}`
    : `Decisions, newest first: ${logEntries.length}`;
  logMore.hidden = logEntries.length <= shown.length;
  logMore.textContent = `Show all ${logEntries.length} decisions`;
  markScrollable();
}

/** Reads the log; its errors are shown in its own section, so they never hide the status of a decision. */
async function loadLog() {
  const ticket = ++logTicket;
  try {
    const data = await api('api/v1/review/log');
    if (ticket !== logTicket) return;
    logEntries = Array.isArray(data.entries) ? data.entries : [];
    logError.hidden = true;
    renderLog();
  } catch (error) {
    if (ticket !== logTicket) return;
    logError.textContent = `The audit log could not be read. ${errorText(error)}`;
    logError.hidden = false;
  }
}

// ---- Start ---------------------------------------------------------------------------------------------
async function start() {
  const value = tokenInput.value.trim();
  if (!value) { setStatus('Enter your reviewer token.', true); tokenInput.focus(); return; }
  if (!/^[\x21-\x7e]+$/.test(value)) { setStatus('That token is not accepted.', true); tokenInput.focus(); return; }
  token = value;
  setStatus('Loading…');
  try {
    if (!form) {
      const response = await fetch('api/v1/questionnaire?lang=en');
      if (!response.ok) throw new HttpError(response.status);
      form = readQuestionnaire(await response.json());
    }
    if (openedId) closeDetailsQuietly();
    const result = await loadList();
    if (result === false) return;
    main.hidden = false;
    markScrollable();
    loadLog();
    setStatus(result);
  } catch (error) {
    if (error instanceof HttpError && error.status === 401) { main.hidden = true; closeDetailsQuietly(); }
    showError(error);
  }
}

function closeDetailsQuietly() {
  openedId = null;
  ++detailTicket;
  details.hidden = true;
  detailsBody.replaceChildren();
}

document.getElementById('access').addEventListener('submit', (event) => { event.preventDefault(); start(); });
filter.addEventListener('change', async () => {
  setStatus('Loading…');
  try {
    const result = await loadList();
    if (result !== false) setStatus(result);
  } catch (error) { showError(error); }
});
const selectedIds = () => rows.map((s) => s.id).filter((id) => selected.has(id));
document.getElementById('approve-selected').addEventListener('click', () => decide(selectedIds(), 'approved', bulkReason));
document.getElementById('reject-selected').addEventListener('click', () => decide(selectedIds(), 'rejected', bulkReason));
document.getElementById('approve').addEventListener('click', () => { if (openedId) decide([openedId], 'approved', decisionReason); });
document.getElementById('reject').addEventListener('click', () => { if (openedId) decide([openedId], 'rejected', decisionReason); });
document.getElementById('close-details').addEventListener('click', closeDetails);
details.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !event.defaultPrevented && event.target.tagName !== 'TEXTAREA') { event.preventDefault(); closeDetails(); }
});
logMore.addEventListener('click', () => { logAll = true; renderLog(); });

// The embed builder (/embed/builder): the member, language and view chosen make both snippets and the live
// preview, all from this endpoint's own origin.
const endpoint = window.location.origin;
const $ = (id) => document.getElementById(id);

function embedUrl(member, lang, view) {
  const query = new URLSearchParams({ member, lang });
  if (view !== 'assessment') query.set('view', view);
  return `${endpoint}/embed?${query}`;
}

function update() {
  const [member, lang, view] = [$('member').value, $('lang').value, $('view').value];
  if (!member) return;
  const viewAttribute = view === 'assessment' ? '' : ` view="${view}"`;
  $('script-snippet').textContent =
    `<script type="module" src="${endpoint}/widget/forus-widget.js"></script>\n` +
    `<forus-widget member="${member}" lang="${lang}"${viewAttribute}></forus-widget>`;
  $('iframe-snippet').textContent =
    `<iframe src="${embedUrl(member, lang, view)}" title="Forus" width="100%" height="760" loading="lazy"></iframe>\n` +
    `<script src="${endpoint}/widget/forus-embed.js" async></script>`;
  $('csp-script').textContent = `script-src ${endpoint} 'wasm-unsafe-eval'; connect-src ${endpoint}`;
  $('csp-iframe').textContent = `frame-src ${endpoint}; script-src ${endpoint} (for the optional resizer)`;
  const preview = $('preview');
  const src = embedUrl(member, lang, view);
  if (preview.src !== src) preview.src = src;
}

async function start() {
  const response = await fetch(`${endpoint}/api/v1/members`);
  const { members } = await response.json();
  for (const member of members) {
    const option = document.createElement('option');
    option.value = member.id;
    option.textContent = `${member.name} (${member.id})`;
    option.dataset.lang = (member.languages && member.languages[0]) || 'en';
    $('member').append(option);
  }
  const chosen = new URLSearchParams(window.location.search).get('member');
  if (chosen && members.some((m) => m.id === chosen)) $('member').value = chosen;
  $('lang').value = $('member').selectedOptions[0]?.dataset.lang || 'en';
  $('member').addEventListener('change', () => {
    $('lang').value = $('member').selectedOptions[0]?.dataset.lang || $('lang').value;
    update();
  });
  $('lang').addEventListener('change', update);
  $('view').addEventListener('change', update);
  for (const button of document.querySelectorAll('button[data-copy]')) {
    button.addEventListener('click', async () => {
      const text = $(button.dataset.copy).textContent;
      try {
        await navigator.clipboard.writeText(text);
        $('copied').textContent = 'Copied.';
      } catch {
        $('copied').textContent = 'Select the snippet and copy it (your browser refused the clipboard).';
      }
    });
  }
  update();
}

start();

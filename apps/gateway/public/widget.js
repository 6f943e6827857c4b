/* Boomerang web chat widget: plain JS, no build step.
 * <script src="https://gateway.example/widget.js" data-tenant="acme" data-lang="pl"
 *         data-identity-token="…signed storefront token (optional)…" async></script>
 * Or call window.Boomerang.open({ tenant, base, lang, identityToken }).
 */
(() => {
  const TEXT = {
    en: {
      title: 'Returns & exchanges',
      open: 'Chat with us',
      placeholder: 'Type your message…',
      send: 'Send',
      offline: 'Reconnecting…',
    },
    pl: {
      title: 'Zwroty i wymiany',
      open: 'Napisz do nas',
      placeholder: 'Napisz wiadomość…',
      send: 'Wyślij',
      offline: 'Ponowne łączenie…',
    },
    ko: {
      title: '반품 및 교환',
      open: '상담하기',
      placeholder: '메시지를 입력하세요…',
      send: '보내기',
      offline: '다시 연결 중…',
    },
  };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function randomId() {
    const a = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(a);
    return Array.prototype.map.call(a, (b) => ('0' + b.toString(16)).slice(-2)).join('');
  }

  function open(options) {
    const tenant = options.tenant;
    const base = (options.base || '').replace(/\/$/, '');
    const lang = TEXT[options.lang] ? options.lang : 'en';
    const t = TEXT[lang];
    let identityToken = options.identityToken || '';
    const storeKey = 'boomerang:' + tenant + ':conversation';
    const api = base + '/v1/webchat/' + encodeURIComponent(tenant);
    let session = null;
    let source = null;
    let lastEventId = '';

    if (!document.querySelector('link[data-boomerang]')) {
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = base + '/widget.css';
      css.setAttribute('data-boomerang', '');
      document.head.appendChild(css);
    }

    const launcher = el('button', 'bmr-launcher', t.open);
    launcher.type = 'button';
    launcher.setAttribute('aria-controls', 'bmr-panel');
    const panel = el('section', 'bmr-panel');
    panel.id = 'bmr-panel';
    panel.hidden = true;
    panel.setAttribute('aria-label', t.title);
    const header = el('div', 'bmr-header', t.title);
    const log = el('div', 'bmr-log');
    log.setAttribute('role', 'log');
    log.setAttribute('aria-live', 'polite');
    const status = el('div', 'bmr-status');
    const form = el('form', 'bmr-form');
    const input = el('input');
    input.type = 'text';
    input.placeholder = t.placeholder;
    input.setAttribute('aria-label', t.placeholder);
    input.maxLength = 2000;
    const send = el('button', null, t.send);
    send.type = 'submit';
    form.appendChild(input);
    form.appendChild(send);
    panel.appendChild(header);
    panel.appendChild(log);
    panel.appendChild(status);
    panel.appendChild(form);
    document.body.appendChild(panel);
    document.body.appendChild(launcher);

    function scroll() {
      log.scrollTop = log.scrollHeight;
    }

    function bubble(text, who) {
      const m = el('div', 'bmr-msg ' + (who === 'me' ? 'bmr-me' : 'bmr-bot'), text);
      log.appendChild(m);
      scroll();
    }

    function buttonFor(b) {
      if (b.url) {
        const a = el('a', 'bmr-btn', b.label);
        a.href = b.url;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        return a;
      }
      const btn = el('button', 'bmr-btn', b.label);
      btn.type = 'button';
      btn.addEventListener('click', () => {
        post(b.label, b.postback);
      });
      return btn;
    }

    function renderReply(reply) {
      (reply.parts || []).forEach((p) => {
        if (p.type === 'text') bubble(p.text, 'bot');
        else if (p.type === 'card') {
          const card = el('div', 'bmr-card');
          card.appendChild(el('h4', null, p.title));
          const ul = el('ul');
          (p.lines || []).forEach((l) => {
            const li = el('li');
            li.appendChild(
              document.createTextNode(l.title + (l.quantity > 1 ? ' ×' + l.quantity : '') + ' — '),
            );
            li.appendChild(
              el('span', l.eligible ? 'bmr-ok' : 'bmr-no', l.status + (l.note ? ' (' + l.note + ')' : '')),
            );
            ul.appendChild(li);
          });
          card.appendChild(ul);
          const row = el('div', 'bmr-buttons');
          (p.buttons || []).forEach((b) => {
            row.appendChild(buttonFor(b));
          });
          card.appendChild(row);
          log.appendChild(card);
        } else if (p.type === 'link') {
          const r1 = el('div', 'bmr-buttons');
          r1.appendChild(buttonFor(p.button));
          log.appendChild(r1);
        } else if (p.type === 'quick_replies') {
          const r2 = el('div', 'bmr-buttons');
          (p.options || []).forEach((b) => {
            r2.appendChild(buttonFor(b));
          });
          log.appendChild(r2);
        } else if (p.type === 'handoff') {
          log.appendChild(
            el(
              'div',
              'bmr-handoff',
              p.text +
                (p.ticketRef && p.text.indexOf(p.ticketRef) < 0
                  ? ' (' + p.ticketLabel + ': ' + p.ticketRef + ')'
                  : ''),
            ),
          );
        } else if (p.type === 'citations') {
          const s = el('div', 'bmr-sources', p.title + ': ');
          (p.items || []).forEach((c, i) => {
            if (i) s.appendChild(document.createTextNode(', '));
            if (c.url) {
              const a = el('a', null, c.title);
              a.href = c.url;
              a.target = '_blank';
              a.rel = 'noopener noreferrer';
              s.appendChild(a);
            } else s.appendChild(document.createTextNode(c.title));
          });
          log.appendChild(s);
        }
      });
      scroll();
    }

    function ensureSession() {
      if (session) return Promise.resolve(session);
      try {
        const saved = JSON.parse(window.localStorage.getItem(storeKey) || 'null');
        if (saved?.token && new Date(saved.expiresAt).getTime() > Date.now() + 60000) {
          session = saved;
          return Promise.resolve(session);
        }
      } catch {
        /* private mode: no storage */
      }
      return fetch(api + '/conversations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
        .then((r) => {
          if (!r.ok) throw new Error('HTTP ' + r.status);
          return r.json();
        })
        .then((s) => {
          session = s;
          try {
            window.localStorage.setItem(storeKey, JSON.stringify(s));
          } catch {
            /* ignore */
          }
          return s;
        });
    }

    function connect() {
      if (source) return;
      const url =
        api +
        '/events?token=' +
        encodeURIComponent(session.token) +
        (lastEventId ? '&lastEventId=' + encodeURIComponent(lastEventId) : '');
      source = new EventSource(url);
      source.addEventListener('open', () => {
        status.textContent = '';
      });
      source.addEventListener('error', () => {
        status.textContent = t.offline;
      });
      source.addEventListener('reply', (ev) => {
        lastEventId = ev.lastEventId || lastEventId;
        try {
          renderReply(JSON.parse(ev.data));
        } catch {
          /* ignore malformed */
        }
      });
    }

    function post(text, postback) {
      if (!text && !postback) return;
      bubble(text, 'me');
      ensureSession()
        .then((s) => {
          connect();
          const body = { text: text, clientMessageId: randomId(), locale: lang };
          if (postback) body.postback = postback;
          if (identityToken) body.identityToken = identityToken;
          return fetch(api + '/messages', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer ' + s.token },
            body: JSON.stringify(body),
          }).then((r) => {
            if (r.status === 401) {
              session = null;
              try {
                window.localStorage.removeItem(storeKey);
              } catch {
                /* ignore */
              }
            }
            if (!r.ok) throw new Error('HTTP ' + r.status);
          });
        })
        .catch(() => {
          status.textContent = t.offline;
        });
    }

    launcher.addEventListener('click', () => {
      panel.hidden = !panel.hidden;
      if (!panel.hidden) {
        input.focus();
        ensureSession()
          .then(connect)
          .catch(() => {
            status.textContent = t.offline;
          });
      }
    });
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const text = input.value.trim();
      input.value = '';
      post(text);
    });
    return {
      post: post,
      panel: panel,
      setIdentityToken: (tok) => {
        identityToken = tok || '';
      },
    };
  }

  window.Boomerang = { open: open };
  const script = document.currentScript;
  if (script?.getAttribute('data-tenant')) {
    const base = script.getAttribute('data-base') || script.src.replace(/\/widget\.js(\?.*)?$/, '');
    const start = () => {
      window.Boomerang.widget = open({
        tenant: script.getAttribute('data-tenant'),
        base: base,
        lang: script.getAttribute('data-lang') || document.documentElement.lang || 'en',
        identityToken: script.getAttribute('data-identity-token') || '',
      });
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  }
})();

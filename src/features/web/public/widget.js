/*!
 * Edge Helpdesk chat widget. Embed on any page with one tag:
 *   <script src="https://HOST/widget.js" data-locale="zh" async></script>
 * Optional: data-customer-name, data-customer-email, data-customer-id (passed to the agent).
 *
 * One file on purpose: the embed is one request, with no build step. It talks to the API of the
 * origin it was loaded from (CORS), keeps the conversation id + customer token in sessionStorage
 * so a reload resumes the chat, and renders everything inside a Shadow DOM so the host page's
 * styles and ours never meet. Only text is ever put into the DOM (textContent), never HTML.
 * The one global is `window.EdgeHelpdeskWidget` ({open, close}), so a host can open the chat
 * from its own "Contact us" link; loading the script twice does nothing the second time.
 */
(function () {
  'use strict';
  if (window.EdgeHelpdeskWidget) return;

  // ---- Where we come from, which language -------------------------------------------------
  var script =
    document.currentScript ||
    // Fallback for loaders that run the code outside the tag (currentScript is then null).
    [].slice.call(document.querySelectorAll('script[src*="widget.js"]')).pop();
  if (!script || !script.src) return;
  var ORIGIN = new URL(script.src, location.href).origin;
  var data = script.dataset || {};
  var LOCALE = /^(zh|en)$/.test(data.locale || '') ? data.locale : /^zh/i.test(navigator.language || '') ? 'zh' : 'en';
  var STORE_KEY = 'edge-helpdesk.chat:' + ORIGIN;

  var TEXTS = {
    zh: {
      launcher: '在线客服', title: '在线客服', subtitle: '智能助手 · 随时可以转人工',
      close: '关闭对话', log: '对话记录',
      greeting: '您好！我是智能助手，可以回答订单、物流、退换货、退款、发票等问题。需要人工服务时，随时点“转人工”。',
      inputLabel: '输入您的问题', placeholder: '请输入您的问题…', send: '发送', human: '转人工',
      you: '我', bot: '智能助手', agent: '客服', system: '系统消息', typing: '正在输入…',
      sources: '参考文章：', maybe: '可能有帮助的文章：', choices: '请选择最接近的问题', newTab: '（在新标签页打开）',
      helpful: '这个回答解决您的问题了吗？', yes: '解决了', no: '没解决', thanksFeedback: '感谢您的反馈！',
      sorryFeedback: '抱歉没能帮上忙。可以再说说具体情况，或者点“转人工”。',
      waiting: function (due) { return '正在为您转接人工客服：最晚 ' + due + ' 前会有客服在这里回复您（通常会更快）。'; },
      offline: function (next, due) { return '人工客服现在不在线，' + next + ' 上班后会尽快联系您，最晚 ' + due + '。也可以留下电话，我们给您回电。'; },
      claimed: function (name) { return (name ? '客服 ' + name : '人工客服') + ' 正在为您服务。'; },
      resolved: '您的问题已处理完毕。',
      callbackOpen: '请给我回电', callbackTitle: '预约回电', phone: '手机号码', note: '需要我们提前了解的情况（选填）',
      callbackSubmit: '提交回电请求', callbackDone: function (due) { return '已收到，我们会在 ' + due + ' 前给您回电。'; },
      rateTitle: '请为本次服务打分', stars: ['1 星：很不满意', '2 星：不满意', '3 星：一般', '4 星：满意', '5 星：非常满意'],
      ratingLegend: '分数', comment: '意见或建议（选填）', rateSubmit: '提交评价', rated: '感谢您的评价！', pickRating: '请先选择一个分数。',
      failed: '发送失败，请检查网络后重试。', retry: '重试', busy: '操作太频繁，请稍后再试。',
      unread: function (n) { return '（' + n + ' 条新消息）'; },
      badPhone: '请填写有效的电话号码（数字，可含 +、空格、括号和 -）。',
      today: '今天', tomorrow: '明天',
    },
    en: {
      launcher: 'Chat with us', title: 'Help chat', subtitle: 'Assistant · a person whenever you want',
      close: 'Close the chat', log: 'Conversation',
      greeting: "Hi! I'm the assistant. Ask me about orders, delivery, returns, refunds or invoices. Want a person? Press “Talk to a person” at any time.",
      inputLabel: 'Your message', placeholder: 'Type your question…', send: 'Send', human: 'Talk to a person',
      you: 'You', bot: 'Assistant', agent: 'Support team', system: 'Notice', typing: 'Typing…',
      sources: 'From our help center:', maybe: 'Articles that may help:', choices: 'Pick the closest question', newTab: '(opens in a new tab)',
      helpful: 'Did this solve it?', yes: 'Yes, solved', no: 'No', thanksFeedback: 'Thanks for telling us!',
      sorryFeedback: "Sorry that didn't help. Tell me more, or press “Talk to a person”.",
      waiting: function (due) { return "You're in the queue: a person will reply here by " + due + ' (usually sooner).'; },
      offline: function (next, due) { return 'Our team is offline right now. They are back ' + next + ' and will contact you by ' + due + '. Or leave your number and we will call you back.'; },
      claimed: function (name) { return (name || 'A member of our team') + ' is helping you now.'; },
      resolved: 'Your case is resolved.',
      callbackOpen: 'Call me back instead', callbackTitle: 'Ask for a call back', phone: 'Phone number', note: 'Anything we should know first (optional)',
      callbackSubmit: 'Request the call', callbackDone: function (due) { return 'Thank you. We will call you by ' + due + '.'; },
      rateTitle: 'How satisfied are you with the help you got?', stars: ['1 star: very dissatisfied', '2 stars: dissatisfied', '3 stars: neutral', '4 stars: satisfied', '5 stars: very satisfied'],
      ratingLegend: 'Your rating', comment: 'Comment (optional)', rateSubmit: 'Send rating', rated: 'Thank you for your rating!', pickRating: 'Please choose a rating first.',
      failed: "Couldn't send. Check your connection and try again.", retry: 'Retry', busy: 'Too many requests: please wait a moment.',
      unread: function (n) { return '(' + n + ' new message' + (n === 1 ? '' : 's') + ')'; },
      badPhone: 'Please enter a valid phone number (digits, spaces, +, ( ) and - only).',
      today: 'today at', tomorrow: 'tomorrow at',
    },
  };
  var T = TEXTS[LOCALE];

  // ---- Small helpers ------------------------------------------------------------------------
  /** h('a', {href, class, onclick}, 'text', child…): properties/attributes and text children only. */
  function h(tag, attrs) {
    var node = document.createElement(tag);
    var a = attrs || {};
    Object.keys(a).forEach(function (k) {
      var v = a[k];
      if (v === undefined || v === null || v === false) return;
      if (k.slice(0, 2) === 'on' && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else if (k === 'class') node.className = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === undefined || c === null || c === false) continue;
      node.append(c instanceof Node ? c : String(c));
    }
    return node;
  }

  var memory = {};
  var store = {
    get: function () {
      try { return JSON.parse(sessionStorage.getItem(STORE_KEY) || 'null') || {}; } catch (e) { return memory; }
    },
    set: function (patch) {
      var next = Object.assign(store.get(), patch);
      memory = next;
      try { sessionStorage.setItem(STORE_KEY, JSON.stringify(next)); } catch (e) { /* private mode: memory only */ }
    },
    clear: function () {
      memory = {};
      try { sessionStorage.removeItem(STORE_KEY); } catch (e) { /* ignore */ }
    },
  };

  function randomKey() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes); // randomUUID needs a secure context; host pages may be http
    return [].map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  function ApiError(status, problem) {
    this.status = status;
    this.problem = problem || {};
    this.message = (problem && (problem.detail || problem.title)) || 'HTTP ' + status;
  }

  /** The API of the widget's origin; JSON in and out; problem+json errors become ApiError. */
  function api(path, options) {
    var o = options || {};
    var headers = { Accept: 'application/json' };
    var conv = store.get();
    if (conv.token) headers['X-Conversation-Token'] = conv.token;
    if (o.body !== undefined) headers['Content-Type'] = 'application/json';
    if (o.key) headers['Idempotency-Key'] = o.key;
    return fetch(ORIGIN + path, { method: o.method || 'GET', headers: headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) }).then(function (res) {
      if (res.status === 204) return null;
      return res.json().then(
        function (json) {
          if (!res.ok) throw new ApiError(res.status, json);
          return json;
        },
        function () {
          throw new ApiError(res.status, null);
        },
      );
    });
  }

  var timeFormat = new Intl.DateTimeFormat(LOCALE === 'zh' ? 'zh-CN' : 'en', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  var dayFormat = new Intl.DateTimeFormat(LOCALE === 'zh' ? 'zh-CN' : 'en', { weekday: 'short', month: 'short', day: 'numeric' });
  /** "today at 14:30", "明天 09:00", or "Mon, Nov 23 09:00" in the customer's own time zone. */
  function when(iso) {
    var d = new Date(iso);
    var day = function (x) { return x.getFullYear() + '-' + x.getMonth() + '-' + x.getDate(); };
    var now = new Date();
    var tomorrow = new Date(now.getTime() + 86400000);
    var prefix = day(d) === day(now) ? T.today : day(d) === day(tomorrow) ? T.tomorrow : dayFormat.format(d);
    return prefix + ' ' + timeFormat.format(d);
  }

  function safeUrl(url) {
    try {
      var u = new URL(url, ORIGIN);
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  // ---- Styles: inside the shadow root only; :host resets what the page would pass down ----
  var CSS = [
    ':host{all:initial!important;display:block!important}',
    '[hidden]{display:none!important}',
    '*{box-sizing:border-box}',
    '.root{font:15px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2933;-webkit-font-smoothing:antialiased}',
    'button,input,textarea{font:inherit;color:inherit}',
    'button{cursor:pointer}',
    ':focus-visible{outline:3px solid #f0b429;outline-offset:2px}',
    '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
    '.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;height:52px;padding:0 20px 0 16px;border:0;border-radius:26px;background:#0b6bcb;color:#fff;font-weight:600;box-shadow:0 6px 20px rgba(15,35,60,.28)}',
    '.launcher:hover{background:#0a5db0}',
    '.launcher svg{width:24px;height:24px;fill:currentColor}',
    '.badge{min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#d64545;color:#fff;font-size:12px;line-height:20px;text-align:center}',
    '.panel{position:fixed;right:20px;bottom:84px;z-index:2147483001;width:380px;height:min(620px,calc(100vh - 110px));display:flex;flex-direction:column;background:#fff;border:1px solid #d9e2ec;border-radius:14px;box-shadow:0 12px 40px rgba(15,35,60,.25);overflow:hidden}',
    '.head{display:flex;align-items:center;gap:10px;padding:12px 12px 12px 16px;background:#0b6bcb;color:#fff}',
    '.head h2{margin:0;font-size:16px;line-height:1.3}',
    '.head p{margin:0;font-size:12.5px;opacity:.9}',
    '.head .grow{flex:1}',
    '.close{width:36px;height:36px;border:0;border-radius:8px;background:transparent;color:#fff;font-size:22px;line-height:1}',
    '.close:hover{background:rgba(255,255,255,.15)}',
    '.status{padding:10px 14px;background:#fff8e1;border-bottom:1px solid #f0e1a8;font-size:13.5px}',
    '.status.agent{background:#e6f6ec;border-color:#b5e2c4}',
    '.status.resolved{background:#eef2f7;border-color:#d9e2ec}',
    '.status p{margin:0}',
    '.log{flex:1;overflow-y:auto;padding:14px;background:#f7f9fb;display:flex;flex-direction:column;gap:10px}',
    '.msg{max-width:86%;display:flex;flex-direction:column;gap:4px}',
    '.msg .who{font-size:12px;color:#52606d}',
    '.bubble{padding:9px 12px;border-radius:12px;background:#fff;border:1px solid #e4e7eb;white-space:pre-wrap;overflow-wrap:anywhere}',
    '.msg.customer{align-self:flex-end;align-items:flex-end}',
    '.msg.customer .bubble{background:#0b6bcb;border-color:#0b6bcb;color:#fff}',
    '.msg.agent .bubble{background:#e6f6ec;border-color:#b5e2c4}',
    '.msg.system{align-self:center;max-width:94%;text-align:center}',
    '.msg.system .bubble{background:transparent;border:0;color:#52606d;font-size:13px;padding:2px 4px}',
    '.msg.pending .bubble{opacity:.7}',
    '.msg.provisional .bubble{color:#52606d;font-style:italic}',
    '.msg.failed .bubble{border:1px dashed #d64545}',
    '.cites{margin:2px 0 0;padding:0;list-style:none;font-size:13.5px}',
    '.cites li{margin:2px 0}',
    '.cites a{color:#0b6bcb}',
    '.label{font-size:12.5px;color:#52606d;margin:2px 0 0}',
    '.choices{display:flex;flex-direction:column;gap:6px;margin-top:2px}',
    '.chip{text-align:left;padding:8px 12px;border:1px solid #0b6bcb;border-radius:10px;background:#fff;color:#0b6bcb}',
    '.chip:hover{background:#e8f1fb}',
    '.chip:disabled{opacity:.55;cursor:default}',
    '.feedback{display:flex;flex-wrap:wrap;align-items:center;gap:6px;font-size:13px;color:#52606d}',
    '.small{padding:4px 10px;border:1px solid #9aa5b1;border-radius:8px;background:#fff;color:#1f2933;font-size:13px}',
    '.small:hover{background:#f0f4f8}',
    '.link{padding:0;border:0;background:none;color:#0b6bcb;text-decoration:underline;font-size:13.5px}',
    '.card{align-self:stretch;padding:12px;border:1px solid #d9e2ec;border-radius:12px;background:#fff}',
    '.card h3{margin:0 0 8px;font-size:14.5px}',
    '.card label{display:block;margin:6px 0 2px;font-size:13px;color:#52606d}',
    '.card input[type=tel],.card textarea{width:100%;padding:8px 10px;border:1px solid #9aa5b1;border-radius:8px;background:#fff}',
    '.card textarea{min-height:54px;resize:vertical}',
    '.card .row{display:flex;gap:8px;margin-top:10px;align-items:center;flex-wrap:wrap}',
    '.primary{padding:8px 16px;border:0;border-radius:8px;background:#0b6bcb;color:#fff;font-weight:600}',
    '.primary:hover{background:#0a5db0}',
    '.primary:disabled{opacity:.6;cursor:default}',
    '.stars{display:flex;gap:4px;border:0;margin:0;padding:0}',
    '.stars legend{margin-bottom:4px;font-size:14.5px;font-weight:600;padding:0}',
    '.star{position:relative;display:inline-block}',
    '.star input{position:absolute;inset:0;z-index:1;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}',
    '.stars label{display:block;margin:0;padding:0 2px;font-size:30px;line-height:1.1;color:#7b8794}',
    '.stars label.on{color:#b7791f}',
    '.stars input:focus-visible+label{outline:3px solid #f0b429;outline-offset:2px;border-radius:4px}',
    '.error{color:#b42318;font-size:13px;margin:6px 0 0}',
    '.foot{border-top:1px solid #e4e7eb;padding:10px;background:#fff}',
    '.compose{display:flex;gap:8px;align-items:flex-end}',
    '.compose textarea{flex:1;min-height:42px;max-height:120px;padding:10px 12px;border:1px solid #9aa5b1;border-radius:10px;resize:none;background:#fff}',
    '.send{height:42px;padding:0 16px;border:0;border-radius:10px;background:#0b6bcb;color:#fff;font-weight:600}',
    '.send:hover{background:#0a5db0}',
    '.tools{display:flex;justify-content:space-between;align-items:center;margin-top:8px;gap:8px}',
    '.human{padding:6px 12px;border:1px solid #0b6bcb;border-radius:16px;background:#fff;color:#0b6bcb;font-size:13.5px}',
    '.human:hover{background:#e8f1fb}',
    '.notice{font-size:12.5px;color:#b42318;margin:0}',
    '@media (max-width:520px){',
    '.panel{inset:0;right:0;bottom:0;width:100%;height:100%;border:0;border-radius:0}',
    '.launcher{right:14px;bottom:14px}',
    '.root.open .launcher{display:none}',
    '}',
    '@media (prefers-reduced-motion:no-preference){.panel{animation:pop .16s ease-out}@keyframes pop{from{opacity:0;transform:translateY(8px)}to{opacity:1;transform:none}}}',
  ].join('\n');

  function applyStyles(shadow) {
    // Constructable sheets are not blocked by a host page's style-src CSP; <style> is the fallback.
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
    } catch (e) {
      shadow.append(h('style', null, CSS));
    }
  }

  function chatIcon() {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z');
    svg.append(path);
    return svg;
  }

  // ---- The DOM (built once; only text nodes carry data) -------------------------------------
  var ui = {};
  ui.badgeCount = h('span', { 'aria-hidden': 'true' });
  ui.badgeText = h('span', { class: 'sr' });
  ui.badge = h('span', { class: 'badge', hidden: true }, ui.badgeCount);
  ui.launcher = h('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'ehd-panel', onclick: toggle }, chatIcon(), h('span', null, T.launcher), ui.badge, ui.badgeText);
  ui.close = h('button', { type: 'button', class: 'close', 'aria-label': T.close, onclick: function () { close(true); } }, '×');
  ui.statusText = h('p', { role: 'status' });
  ui.callbackToggle = h('button', { type: 'button', class: 'link', hidden: true, onclick: function () { showCallbackCard(true); } }, T.callbackOpen);
  ui.status = h('div', { class: 'status', hidden: true }, ui.statusText, ui.callbackToggle);
  ui.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': T.log, tabindex: '0' });
  ui.input = h('textarea', { id: 'ehd-input', rows: '1', maxlength: '2000', placeholder: T.placeholder, onkeydown: onInputKey });
  ui.form = h('form', { class: 'compose', onsubmit: onSubmit }, h('label', { class: 'sr', for: 'ehd-input' }, T.inputLabel), ui.input, h('button', { type: 'submit', class: 'send' }, T.send));
  ui.human = h('button', { type: 'button', class: 'human', onclick: askHuman }, T.human);
  ui.notice = h('p', { class: 'notice', role: 'alert' });
  ui.panel = h(
    'section',
    { id: 'ehd-panel', class: 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'ehd-title', hidden: true, onkeydown: onPanelKey },
    h('div', { class: 'head' }, h('div', { class: 'grow' }, h('h2', { id: 'ehd-title' }, T.title), h('p', null, T.subtitle)), ui.close),
    ui.status,
    ui.log,
    h('div', { class: 'foot' }, ui.form, h('div', { class: 'tools' }, ui.human, ui.notice)),
  );
  ui.root = h('div', { class: 'root', lang: LOCALE === 'zh' ? 'zh-CN' : 'en' }, ui.panel, ui.launcher);
  ui.log.append(messageEl({ role: 'bot', text: T.greeting }));
  // Stay at the newest message while the log changes size (status banner, mobile keyboard),
  // unless the customer scrolled up to read.
  ui.log.addEventListener('scroll', function () {
    state.stick = ui.log.scrollHeight - ui.log.scrollTop - ui.log.clientHeight < 40;
  });
  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      if (state.stick) ui.log.scrollTop = ui.log.scrollHeight;
    }).observe(ui.log);
  }

  // ---- State -------------------------------------------------------------------------------
  var state = {
    open: false,
    status: 'bot', // the conversation's: bot, handoff, agent, resolved
    handoff: null, // the customer's view of the case (GET /api/conversations/{id} → handoff)
    seen: {}, // message id → element
    lastId: '',
    pending: [], // customer messages sent, not yet confirmed: {text, el}
    provisional: {}, // reply_to → element holding streamed tokens
    replied: {}, // reply_to ids whose stored reply arrived (late tokens are ignored)
    typing: null,
    unread: 0,
    starting: null, // the promise of the conversation being created
    es: null,
    ready: null, // resolves when the event stream is open (or after a short wait)
    failures: 0,
    viewTimer: 0,
    poll: 0,
    viewSeq: 0,
    opened: false, // the event stream has been open once
    stick: true, // the log follows new messages
    cards: {},
  };

  // ---- Opening and closing -----------------------------------------------------------------
  function open(focus) {
    state.open = true;
    ui.panel.hidden = false;
    ui.root.classList.add('open');
    ui.launcher.setAttribute('aria-expanded', 'true');
    store.set({ open: true });
    state.unread = 0;
    updateBadge();
    scrollDown();
    if (focus !== false) ui.input.focus();
  }

  function close(returnFocus) {
    state.open = false;
    ui.panel.hidden = true;
    ui.root.classList.remove('open');
    ui.launcher.setAttribute('aria-expanded', 'false');
    store.set({ open: false });
    if (returnFocus !== false) ui.launcher.focus();
  }

  function toggle() {
    if (state.open) close(true);
    else open(true);
  }

  function onPanelKey(event) {
    if (event.key === 'Escape' && !event.isComposing) {
      event.preventDefault();
      close(true);
    }
  }

  function updateBadge() {
    ui.badge.hidden = state.unread === 0;
    ui.badgeCount.textContent = String(state.unread);
    ui.badgeText.textContent = state.unread ? T.unread(state.unread) : '';
  }

  function scrollDown() {
    ui.log.scrollTop = ui.log.scrollHeight;
    state.stick = true;
  }

  function notice(text) {
    ui.notice.textContent = text || '';
  }

  function errorText(error) {
    if (error instanceof ApiError) {
      if (error.status === 429) return T.busy;
      if (error.status === 422 || error.status === 400) return error.message;
    }
    return T.failed;
  }

  /** Appends to the log, keeping the typing indicator last, and scrolls to it. */
  function place(node) {
    ui.log.append(node);
    if (state.typing && state.typing !== node) ui.log.append(state.typing);
    scrollDown();
  }

  // ---- Messages ----------------------------------------------------------------------------
  function who(role, author) {
    if (role === 'customer') return T.you;
    if (role === 'agent') return author ? T.agent + ' · ' + author : T.agent;
    if (role === 'system') return T.system;
    return T.bot;
  }

  function messageEl(m) {
    var el = h('div', { class: 'msg ' + m.role }, h('span', { class: m.role === 'system' ? 'sr' : 'who' }, who(m.role, m.author)), h('div', { class: 'bubble' }, m.text));
    if (m.id) el.setAttribute('data-id', m.id);
    return el;
  }

  function citationList(m) {
    var list = h('ul', { class: 'cites' });
    m.citations.forEach(function (c) {
      var href = safeUrl(c.url);
      if (!href) return;
      var link = h('a', { href: href, target: '_blank', rel: 'noopener', onclick: function () { recordOpened(c.article_id); } }, c.title, h('span', { class: 'sr' }, T.newTab));
      list.append(h('li', null, link));
    });
    return list;
  }

  function choiceButtons(m) {
    var group = h('div', { class: 'choices', role: 'group', 'aria-label': T.choices });
    m.choices.forEach(function (c) {
      group.append(
        h('button', { type: 'button', class: 'chip', onclick: function () {
          [].forEach.call(group.querySelectorAll('button'), function (b) { b.disabled = true; });
          send(c.title, c.article_id);
        } }, c.title),
      );
    });
    return group;
  }

  function feedbackRow(m) {
    // The answer itself ends with "did this solve it?": the buttons carry it as their group name.
    var row = h('div', { class: 'feedback', role: 'group', 'aria-label': T.helpful, 'data-feedback': m.id });
    var answer = function (resolved) {
      row.replaceChildren(T.thanksFeedback);
      var fed = store.get().fed || {};
      fed[m.id] = true;
      store.set({ fed: fed });
      withConversation(function (conv) {
        return api('/api/conversations/' + conv.id + '/feedback', { method: 'POST', body: { resolved: resolved, message_id: m.id } });
      }).then(function (res) {
        if (res && res.reply) {
          addMessage(res.reply, true);
          refreshView();
        } else if (!resolved) row.replaceChildren(T.sorryFeedback);
      }, function (error) { notice(errorText(error)); });
    };
    row.append(
      h('button', { type: 'button', class: 'small', onclick: function () { answer(true); } }, T.yes),
      h('button', { type: 'button', class: 'small', onclick: function () { answer(false); } }, T.no),
    );
    return row;
  }

  function dropFeedbackRows() {
    [].forEach.call(ui.log.querySelectorAll('[data-feedback]'), function (row) { row.remove(); });
  }

  /** Adds a stored message once (the POST answer and the event stream both deliver it). */
  function addMessage(m, live) {
    if (!m || !m.id || state.seen[m.id]) return;
    if (m.id > state.lastId) state.lastId = m.id;
    if (m.role === 'customer') {
      var i = state.pending.findIndex(function (p) { return p.text === m.text; });
      if (i >= 0) {
        var mine = state.pending.splice(i, 1)[0].el;
        mine.classList.remove('pending');
        mine.setAttribute('data-id', m.id);
        state.seen[m.id] = mine;
        return;
      }
    }
    if (m.role !== 'customer') hideTyping();
    if (m.reply_to) state.replied[m.reply_to] = true;
    if (m.reply_to && state.provisional[m.reply_to]) {
      state.provisional[m.reply_to].remove();
      delete state.provisional[m.reply_to];
    }
    var el = messageEl(m);
    if (m.role === 'bot' && m.choices && m.choices.length) el.append(choiceButtons(m));
    if (m.role === 'bot' && m.citations && m.citations.length) {
      el.append(h('p', { class: 'label' }, m.decision === 'answer' ? T.sources : T.maybe), citationList(m));
    }
    if (m.role === 'bot' && m.decision === 'answer' && !(store.get().fed || {})[m.id]) {
      dropFeedbackRows();
      el.append(feedbackRow(m));
    }
    if (m.role === 'bot' && m.decision === 'handoff') setStatus('handoff');
    state.seen[m.id] = el;
    place(el);
    if (live && !state.open && m.role !== 'customer') {
      state.unread++;
      updateBadge();
    }
  }

  function showTyping() {
    if (!state.typing) state.typing = h('div', { class: 'msg bot provisional', 'aria-hidden': 'true' }, h('span', { class: 'who' }, T.bot), h('div', { class: 'bubble' }, T.typing));
    place(state.typing);
  }

  function hideTyping() {
    if (state.typing) state.typing.remove();
    state.typing = null;
  }

  /** LLM tokens of a reply being written: shown provisionally, replaced by the stored message. */
  function addToken(d) {
    if (!d || !d.reply_to || state.replied[d.reply_to]) return;
    var el = state.provisional[d.reply_to];
    if (!el) {
      hideTyping();
      el = h('div', { class: 'msg bot provisional', 'aria-hidden': 'true' }, h('span', { class: 'who' }, T.bot), h('div', { class: 'bubble' }, ''));
      state.provisional[d.reply_to] = el;
      place(el);
    }
    el.lastChild.textContent += d.token;
    scrollDown();
  }

  function setStatus(status) {
    state.status = status;
    var withPeople = status === 'handoff' || status === 'agent';
    ui.human.hidden = withPeople;
    if (status !== 'bot') dropFeedbackRows();
    // While people have the case, re-read it now and then: opening hours begin, promises move.
    clearInterval(state.poll);
    if (withPeople) state.poll = setInterval(refreshView, 60000);
  }

  // ---- The conversation --------------------------------------------------------------------
  function startBody(withCustomer) {
    var body = { locale: LOCALE };
    if (/^https?:$/.test(location.protocol) && location.href.length <= 2000) body.page_url = location.href;
    var customer = {};
    if (data.customerName) customer.name = data.customerName;
    if (data.customerEmail) customer.email = data.customerEmail;
    if (data.customerId) customer.external_id = data.customerId;
    if (withCustomer && Object.keys(customer).length) body.customer = customer;
    return body;
  }

  /** The conversation, created on the first message or "talk to a person" (no empty ones). */
  function ensureConversation() {
    var conv = store.get();
    if (conv.id && conv.token) return Promise.resolve(conv);
    if (!state.starting) {
      var create = function (withCustomer) {
        return api('/api/conversations', { method: 'POST', body: startBody(withCustomer) }).catch(function (error) {
          // Customer details from the host page that the API refuses must not block the chat.
          if (withCustomer && error instanceof ApiError && error.status === 422) return create(false);
          throw error;
        });
      };
      state.starting = create(true)
        .then(function (started) {
          store.set({ id: started.id, token: started.token, fed: {} });
          connect();
          return state.ready;
        })
        .then(function () { return store.get(); })
        .finally(function () { state.starting = null; });
    }
    return state.starting;
  }

  function withConversation(fn) {
    return ensureConversation().then(fn);
  }

  function forget() {
    if (state.es) state.es.close();
    state.es = null;
    store.clear();
    store.set({ open: state.open });
    state.handoff = null;
    state.lastId = '';
    setStatus('bot');
    renderBanner();
  }

  function send(text, articleId) {
    var clean = String(text || '').trim();
    if (!clean) return;
    notice('');
    var el = messageEl({ role: 'customer', text: clean });
    el.classList.add('pending');
    var item = { text: clean, el: el, key: randomKey(), articleId: articleId };
    state.pending.push(item);
    place(el);
    post(item, 0);
  }

  function post(item, attempt) {
    if (state.status === 'bot' || state.status === 'resolved') showTyping();
    withConversation(function (conv) {
      var body = { text: item.text };
      if (item.articleId) body.article_id = item.articleId;
      return api('/api/conversations/' + conv.id + '/messages', { method: 'POST', key: item.key, body: body });
    }).then(
      function (res) {
        addMessage(res.message, false);
        if (res.reply) addMessage(res.reply, false);
        else hideTyping();
        if (!res.reply || res.reply.decision === 'handoff' || state.status !== 'bot') refreshView();
      },
      function (error) {
        var network = !(error instanceof ApiError) || error.status >= 500;
        if (network && attempt < 2) return void setTimeout(function () { post(item, attempt + 1); }, 800 * (attempt + 1));
        if (error instanceof ApiError && error.status === 404 && attempt === 0) {
          forget(); // the conversation is gone (expired): start a new one with this message
          return post(item, 1);
        }
        hideTyping();
        item.el.classList.add('failed');
        var row = h('div', { class: 'feedback' }, h('span', null, errorText(error)));
        if (network) {
          row.append(h('button', { type: 'button', class: 'small', onclick: function () {
            row.remove();
            item.el.classList.remove('failed');
            post(item, 0); // the same Idempotency-Key: nothing is stored twice
          } }, T.retry));
        }
        item.el.append(row);
      },
    );
  }

  function onSubmit(event) {
    event.preventDefault();
    var text = ui.input.value;
    if (!text.trim()) return;
    ui.input.value = '';
    send(text);
    ui.input.focus();
  }

  function onInputKey(event) {
    // Enter sends; Shift+Enter is a new line; never while an IME is composing (Chinese input).
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      ui.form.requestSubmit ? ui.form.requestSubmit() : onSubmit(event);
    }
  }

  function askHuman() {
    ui.human.disabled = true;
    notice('');
    showTyping();
    withConversation(function (conv) {
      return api('/api/conversations/' + conv.id + '/handoff', { method: 'POST' });
    })
      .then(function (res) {
        if (res && res.reply) addMessage(res.reply, false);
        hideTyping();
        refreshView();
      }, function (error) {
        hideTyping();
        notice(errorText(error));
      })
      .finally(function () {
        ui.human.disabled = false;
      });
  }

  function recordOpened(articleId) {
    var conv = store.get();
    if (!conv.id) return;
    api('/api/conversations/' + conv.id + '/opened', { method: 'POST', body: { article_id: articleId } }).catch(function () { /* analytics only */ });
  }

  // ---- The case with people: status banner, callback, rating ---------------------------------
  /** Re-reads the conversation (status, the customer's view of the case, anything missed). */
  function refreshView() {
    clearTimeout(state.viewTimer);
    state.viewTimer = setTimeout(function () {
      var conv = store.get();
      if (!conv.id) return;
      var seq = ++state.viewSeq;
      api('/api/conversations/' + conv.id).then(function (view) {
        if (seq === state.viewSeq) applyView(view); // an older answer arriving late is dropped
      }, function (error) {
        if (error instanceof ApiError && error.status === 404) forget();
      });
    }, 120);
  }

  function applyView(view) {
    state.handoff = view.handoff || null;
    setStatus(view.status);
    view.messages.forEach(function (m) { addMessage(m, false); });
    renderBanner();
  }

  function renderBanner() {
    var hd = state.handoff;
    var callbackDue = store.get().callbackDue;
    ui.callbackToggle.hidden = true;
    if (!hd || (state.status === 'bot' && hd.status === 'resolved')) {
      ui.status.hidden = true;
      ui.status.className = 'status';
      ui.statusText.textContent = '';
      if (!hd || hd.rated) removeCard('rating');
      else showRatingCard();
      return;
    }
    ui.status.hidden = false;
    ui.status.className = 'status ' + (hd.status === 'waiting' ? 'waiting' : hd.status === 'claimed' ? 'agent' : 'resolved');
    if (hd.status === 'waiting') {
      ui.statusText.textContent = hd.agents_working_now
        ? T.waiting(when(hd.first_response_due))
        : T.offline(when(hd.next_opening), when(hd.first_response_due));
      ui.callbackToggle.hidden = Boolean(callbackDue) || Boolean(state.cards.callback);
      // Nobody works now: offer the callback straight away rather than a long silent wait.
      if (!hd.agents_working_now && !callbackDue) showCallbackCard(false);
    } else if (hd.status === 'claimed') {
      ui.statusText.textContent = T.claimed(hd.agent_name);
    } else {
      ui.statusText.textContent = hd.rated ? T.resolved + ' ' + T.rated : T.resolved;
    }
    if (hd.status === 'resolved' && !hd.rated) showRatingCard();
    else if (hd.status !== 'resolved') removeCard('rating');
  }

  function removeCard(name) {
    if (state.cards[name]) state.cards[name].remove();
    delete state.cards[name];
  }

  function card(name, titleId, title) {
    var el = h('div', { class: 'card', role: 'group', 'aria-labelledby': titleId }, h('h3', { id: titleId }, title));
    state.cards[name] = el;
    return el;
  }

  /** Replaces a sent form with its confirmation; focus follows, so it is not lost to the page. */
  function settle(form, text) {
    var done = h('p', { role: 'status', tabindex: '-1' }, text);
    // A disabled submit button drops focus to <body>: treat that as focus still in the form.
    var lost = !document.activeElement || document.activeElement === document.body;
    var hadFocus = form.contains(ui.root.getRootNode().activeElement) || (lost && state.open);
    form.replaceWith(done);
    if (hadFocus) done.focus();
  }

  function showCallbackCard(focus) {
    if (state.cards.callback) {
      if (focus) state.cards.callback.querySelector('input').focus();
      return;
    }
    var el = card('callback', 'ehd-callback-title', T.callbackTitle);
    var error = h('p', { class: 'error', role: 'alert' });
    var phone = h('input', { id: 'ehd-phone', type: 'tel', autocomplete: 'tel', inputmode: 'tel', required: true, maxlength: '20', oninput: function () { error.textContent = ''; } });
    var note = h('textarea', { id: 'ehd-note', maxlength: '1000' });
    var submit = h('button', { type: 'submit', class: 'primary' }, T.callbackSubmit);
    var form = h(
      'form',
      { onsubmit: function (event) {
        event.preventDefault();
        var number = phone.value.trim();
        if (!/^\+?[\d\s()-]{6,20}$/.test(number)) {
          error.textContent = T.badPhone;
          phone.setAttribute('aria-invalid', 'true');
          phone.focus();
          return;
        }
        phone.removeAttribute('aria-invalid');
        error.textContent = '';
        submit.disabled = true;
        var body = { phone: number };
        if (note.value.trim()) body.note = note.value.trim();
        withConversation(function (conv) {
          return api('/api/conversations/' + conv.id + '/callback', { method: 'POST', body: body });
        }).then(function (res) {
          store.set({ callbackDue: res.due_at });
          settle(form, T.callbackDone(when(res.due_at)));
          renderBanner();
        }, function (e) {
          submit.disabled = false;
          error.textContent = e instanceof ApiError && e.status === 422 ? T.badPhone : errorText(e);
        });
      } },
      h('label', { for: 'ehd-phone' }, T.phone), phone,
      h('label', { for: 'ehd-note' }, T.note), note,
      h('div', { class: 'row' }, submit), error,
    );
    el.append(form);
    place(el);
    ui.callbackToggle.hidden = true;
    if (focus) phone.focus();
  }

  function showRatingCard() {
    if (state.cards.rating) return;
    var el = card('rating', 'ehd-rating-title', T.rateTitle);
    var error = h('p', { class: 'error', role: 'alert' });
    var chosen = 0;
    var labels = [];
    var paint = function (n) { labels.forEach(function (l, i) { l.classList.toggle('on', i < n); }); };
    var stars = h('fieldset', { class: 'stars' }, h('legend', { class: 'sr' }, T.ratingLegend));
    [1, 2, 3, 4, 5].forEach(function (n) {
      var input = h('input', { type: 'radio', name: 'ehd-rating', id: 'ehd-star-' + n, value: String(n), onchange: function () { chosen = n; paint(n); error.textContent = ''; } });
      var label = h('label', { for: 'ehd-star-' + n }, h('span', { 'aria-hidden': 'true' }, '★'), h('span', { class: 'sr' }, T.stars[n - 1]));
      labels.push(label);
      // The (invisible) radio lies over its star: a click or tap on the star checks it.
      stars.append(h('span', { class: 'star', onmouseenter: function () { paint(n); }, onmouseleave: function () { paint(chosen); } }, input, label));
    });
    var comment = h('textarea', { id: 'ehd-comment', maxlength: '2000' });
    var submit = h('button', { type: 'submit', class: 'primary' }, T.rateSubmit);
    var form = h(
      'form',
      { onsubmit: function (event) {
        event.preventDefault();
        if (!chosen) {
          error.textContent = T.pickRating;
          return;
        }
        submit.disabled = true;
        var body = { rating: chosen };
        if (comment.value.trim()) body.comment = comment.value.trim();
        withConversation(function (conv) {
          return api('/api/conversations/' + conv.id + '/rating', { method: 'POST', body: body });
        }).then(function () {
          settle(form, T.rated);
          if (state.handoff) state.handoff.rated = true;
          delete state.cards.rating; // the thank-you stays in the log
        }, function (e) {
          submit.disabled = false;
          error.textContent = errorText(e);
        });
      } },
      stars,
      h('label', { for: 'ehd-comment' }, T.comment), comment,
      h('div', { class: 'row' }, submit), error,
    );
    el.append(form);
    place(el);
  }

  // ---- Live updates (Server-Sent Events; EventSource may pass the token as ?token=) ------------
  function parse(text) {
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  function connect() {
    var conv = store.get();
    if (!conv.id || state.es) return;
    var url = ORIGIN + '/api/conversations/' + encodeURIComponent(conv.id) + '/events?token=' + encodeURIComponent(conv.token) +
      (state.lastId ? '&after=' + encodeURIComponent(state.lastId) : '');
    var es = new EventSource(url);
    state.es = es;
    state.ready = new Promise(function (resolve) {
      es.addEventListener('open', function () {
        state.failures = 0;
        // Status events are not replayed: after a reconnection, re-read the case.
        if (state.opened) refreshView();
        state.opened = true;
        resolve();
      });
      setTimeout(resolve, 2000); // never hold a message back for long
    });
    es.addEventListener('message', function (e) {
      var m = parse(e.data);
      addMessage(m, true);
      if (m && m.role === 'system') refreshView(); // e.g. "resolved, please rate": the case changed
    });
    es.addEventListener('token', function (e) { addToken(parse(e.data)); });
    es.addEventListener('status', function (e) {
      var d = parse(e.data);
      if (d && d.status) setStatus(d.status);
      refreshView();
    });
    es.addEventListener('error', function () {
      // The browser retries by itself (sending Last-Event-ID); when it gives up, so do we, later.
      if (es.readyState !== EventSource.CLOSED || state.es !== es) return;
      state.es = null;
      state.failures++;
      if (state.failures > 6) return;
      setTimeout(function () {
        connect();
        refreshView();
      }, Math.min(30000, 1000 * Math.pow(2, state.failures)));
    });
  }

  /** After a reload: the transcript and the case, then the live stream from the last message. */
  function resume() {
    var conv = store.get();
    if (!conv.id) return;
    api('/api/conversations/' + conv.id).then(
      function (view) {
        applyView(view);
        connect();
      },
      function (error) {
        if (error instanceof ApiError && error.status === 404) forget();
        else connect();
      },
    );
  }

  function mount() {
    if (ui.root.isConnected) return;
    var host = document.createElement('edge-helpdesk-widget');
    var shadow = host.attachShadow({ mode: 'open' });
    applyStyles(shadow);
    shadow.append(ui.root);
    document.body.append(host);
    resume();
    if (store.get().open) open(false);
  }

  window.EdgeHelpdeskWidget = Object.freeze({
    /** Opens the chat (e.g. from the host page's own "Contact us" link). */
    open: function () { mount(); open(true); },
    close: function () { close(false); },
  });
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();

// The lesson page's part in the class (docs/protocol.md, "The class"): after each (re)connection it says `hello`
// (who the student is, which lesson and preset); it shows an experiment the instructor pushed as a banner (Open
// loads it exactly, by its share-link query; the student's own experiment stays one click away: "Back to my
// experiment"); and for a signed-in instructor it adds "Send to class", which pushes the page's experiment.

import {studentId, studentName} from './student.js';

const SEEN_KEY = 'optlab.push.seen';
const BACK_KEY = 'optlab.push.back';

function read(storage, key) {
  try {
    return window[storage].getItem(key);
  } catch (e) {
    return null;
  }
}

function write(storage, key, value) {
  try {
    if (value === null) window[storage].removeItem(key);
    else window[storage].setItem(key, value);
  } catch (e) {
    // storage switched off: the banner may show again after a reload
  }
}

function element(tag, attributes = {}, text = null) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== null) node.textContent = text;
  return node;
}

/**
 * The lesson page's link to the class. `send(message)` sends on the experiment socket; `presetId()` and
 * `shareQuery()` give the page's preset and its share-link query (without `lang`).
 */
export class ClassLink {
  constructor({data, t, panel, send, presetId, shareQuery}) {
    Object.assign(this, {data, t, panel, send, presetId, shareQuery});
    this.banner = element('div', {id: 'class-push', class: 'class-push', role: 'status', 'aria-live': 'polite'});
    this.banner.hidden = true;
    document.body.append(this.banner);       // fixed at the foot of the window: seen wherever the student reads
    this.showBack();
    window.addEventListener('optlab:name', () => this.hello());
    // Not /api/instructor/session: its 401 for every student would be an error in their console.
    this.instructor = fetch('/api/instructor/signed-in', {credentials: 'same-origin'})
      .then((response) => response.json()).then((body) => body.signedIn === true, () => false);
    this.instructor.then((signedIn) => {
      if (signedIn) this.offerSending();
    });
  }

  /**
   * Says who and where the student is (after each connection, and when the preset or the name changes). The
   * signed-in instructor's own page says nothing: it is not a student of the class.
   */
  hello() {
    this.instructor.then((signedIn) => {
      if (!signedIn) this.sendHello();
    });
  }

  sendHello() {
    const message = {type: 'hello', student: studentId(), lesson: this.data.slug, preset: this.presetId()};
    const name = studentName();
    if (name) message.name = name;
    this.send(message);
  }

  /** A `push` from the server: a banner, unless this push was already opened or dismissed here. */
  receive(push) {
    if (Number(read('localStorage', SEEN_KEY) || 0) >= push.id) return;
    const t = this.t;
    this.banner.replaceChildren(
      element('span', {class: 'class-push-text'}, t('pushReceived', {title: push.title})),
      this.button(t('pushOpen'), 'class-push-open primary', () => this.open(push)),
      this.button(t('pushDismiss'), 'class-push-dismiss secondary', () => {
        write('localStorage', SEEN_KEY, String(push.id));
        this.banner.hidden = true;
      }));
    this.banner.dataset.push = String(push.id);
    this.banner.hidden = false;
  }

  /** Opens the pushed experiment in this tab, keeping the student's own one address away. */
  open(push) {
    write('localStorage', SEEN_KEY, String(push.id));
    write('sessionStorage', BACK_KEY, window.location.href);
    const target = new URLSearchParams(push.query);
    const lang = new URLSearchParams(window.location.search).get('lang');
    const query = lang ? `lang=${encodeURIComponent(lang)}&${target.toString()}` : target.toString();
    window.location.assign(`/lessons/${encodeURIComponent(push.lesson)}?${query}`);
  }

  /** After Open: "Back to my experiment", to the address the student was at. */
  showBack() {
    const back = read('sessionStorage', BACK_KEY);
    if (!back) return;
    let url;
    try {
      url = new URL(back, window.location.href);
    } catch (e) {
      return;
    }
    if (url.origin !== window.location.origin) return;
    const link = element('a', {href: url.href, id: 'class-push-back'}, this.t('pushBack'));
    link.addEventListener('click', () => write('sessionStorage', BACK_KEY, null));
    this.banner.replaceChildren(element('span', {class: 'class-push-text'}, this.t('pushOpened')), link,
      this.button(this.t('pushDismiss'), 'class-push-dismiss secondary', () => {
        write('sessionStorage', BACK_KEY, null);
        this.banner.hidden = true;
      }));
    this.banner.hidden = false;
  }

  button(text, className, action) {
    const button = element('button', {type: 'button', class: className}, text);
    button.addEventListener('click', action);
    return button;
  }

  /** For the signed-in instructor: a small form that pushes this page's experiment to the class. */
  offerSending() {
    const t = this.t;
    const form = element('form', {id: 'class-send', class: 'class-send'});
    const title = element('input', {id: 'class-send-title', maxlength: '120', required: ''});
    const heading = document.querySelector('#lesson-text h1');
    title.value = heading ? heading.textContent.trim() : this.data.slug;
    const audience = element('select', {id: 'class-send-audience'});
    audience.append(element('option', {value: 'lesson'}, t('pushToLesson')),
      element('option', {value: 'everyone'}, t('pushToEveryone')));
    const status = element('span', {id: 'class-send-status', role: 'status'});
    form.append(element('label', {for: 'class-send-title'}, t('pushTitle')), title,
      element('label', {for: 'class-send-audience', class: 'visually-hidden'}, t('pushAudience')), audience,
      element('button', {type: 'submit'}, t('pushSend')), status);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      status.textContent = '';
      try {
        const sent = await fetch('/api/instructor/pushes', {
          method: 'POST',
          credentials: 'same-origin',
          headers: {'Content-Type': 'application/json'},
          body: JSON.stringify({lesson: this.data.slug, title: title.value, query: this.shareQuery(),
            audience: audience.value}),
        });
        const body = await sent.json().catch(() => ({}));
        status.textContent = sent.ok ? t('pushSent', {count: body.delivered}) : (body.error || `HTTP ${sent.status}`);
      } catch (e) {
        status.textContent = t('pushFailed');
      }
    });
    this.panel.prepend(form);
  }
}

// The WebSocket client of the live experiment (docs/protocol.md): one connection, JSON messages with a `type`,
// polite reconnection with a growing delay when the connection drops.
//
// The delay starts again from 1 s only after a connection that worked (the server answered, or it stayed open for
// a while): a full server accepts the connection and closes it at once, and those tries must back off. A server
// that says it is restarting is tried again after the first delay.
//
// While open, the page sends {"type": "ping"} every 25 s: the server closes a connection whose client has sent
// nothing for 120 s (a tab left open in the background still answers; a dead one is freed).
//
// With `confirmFrames` (lesson pages), the page tells the server how many `frames` messages it has drawn
// ({"type": "read"}): it turns confirmation on as soon as the connection opens (`frames: 0`), counts a `frames`
// message as drawn at the first animation frame after it was handled (the page draws its charts in
// requestAnimationFrame, queued while it handled the message, so that frame has drawn it), and confirms after every
// 128 K characters drawn and at most 250 ms after the last. The server keeps a page no more than 512 KiB of frames
// ahead of what it drew: a tab that stops drawing (a throttled background tab, a browser too slow for the speed)
// holds its race there, and the race goes on as the page draws again (docs/protocol.md, "read").

import {isServerRestart} from './close-notice.js';

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;
/** A connection open this long without an answer still counts as one that worked. */
const STABLE_MS = 5000;
/** How often an open connection says it is still there. */
const PING_MS = 25000;
/** Characters of `frames` drawn after which the page confirms them at once (the server's window is 512 KiB). */
const CONFIRM_CHARS = 128 * 1024;
/** The longest a drawn `frames` waits for its confirmation. */
const CONFIRM_MS = 250;

/**
 * A connection to the experiment endpoint at `path`.
 * `onMessage(message)` gets every server message; `onOpen()` runs after each (re)connection, so the caller can
 * start its experiment again; `onDown(delayMs, {code, reason})` tells that the connection dropped, with the close
 * code and reason (1006 and '' when the network failed), and when the next try is.
 */
export class ExperimentSocket {
  constructor(path, {onMessage, onOpen, onDown, confirmFrames = false}) {
    this.url = new URL(path, window.location.href);
    this.url.protocol = this.url.protocol === 'https:' ? 'wss:' : 'ws:';
    this.handlers = {onMessage, onOpen, onDown};
    this.delay = FIRST_DELAY_MS;
    this.socket = null;
    this.timer = null;
    this.pinger = null;
    this.closed = false;
    this.confirmFrames = confirmFrames;
    this.resetReads();
  }

  /** A new connection: the server counts `frames` from its start. */
  resetReads() {
    clearTimeout(this.readTimer);
    this.readTimer = null;
    if (this.drawWait) cancelAnimationFrame(this.drawWait);
    this.drawWait = null;
    this.framesHandled = 0;
    this.charsHandled = 0;      // handled, not drawn yet
    this.framesDrawn = 0;
    this.charsUnconfirmed = 0;  // drawn, not confirmed yet
  }

  /** Counts a handled `frames` message of `chars` characters; it is drawn at the next animation frame. */
  handled(chars) {
    this.framesHandled += 1;
    this.charsHandled += chars;
    if (this.drawWait === null) this.drawWait = requestAnimationFrame(() => this.drawn());
  }

  /** The page has drawn what it handled: confirm when it is time. */
  drawn() {
    this.drawWait = null;
    this.framesDrawn = this.framesHandled;
    this.charsUnconfirmed += this.charsHandled;
    this.charsHandled = 0;
    if (this.charsUnconfirmed >= CONFIRM_CHARS) {
      this.confirm();
    } else if (this.readTimer === null) {
      this.readTimer = setTimeout(() => this.confirm(), CONFIRM_MS);
    }
  }

  confirm() {
    clearTimeout(this.readTimer);
    this.readTimer = null;
    this.charsUnconfirmed = 0;
    this.send({type: 'read', frames: this.framesDrawn});
  }

  connect() {
    if (this.closed) return;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    let openedAt = null;
    let answered = false;
    socket.addEventListener('open', () => {
      openedAt = Date.now();
      this.resetReads();
      if (this.confirmFrames) this.send({type: 'read', frames: 0});   // on before any frames: none runs ahead
      clearInterval(this.pinger);
      this.pinger = setInterval(() => this.send({type: 'ping'}), PING_MS);
      this.handlers.onOpen();
    });
    socket.addEventListener('message', (event) => {
      answered = true;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        console.warn('optimizer lab: a server message that is not JSON was ignored');
        return;
      }
      this.handlers.onMessage(message);
      if (this.confirmFrames && message && message.type === 'frames' && this.socket === socket) {
        this.handled(event.data.length);
      }
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket || this.closed) return;
      this.socket = null;
      clearInterval(this.pinger);
      const worked = openedAt !== null && (answered || Date.now() - openedAt >= STABLE_MS);
      if (worked || isServerRestart(event.code, event.reason)) this.delay = FIRST_DELAY_MS;
      const delay = this.delay * (0.8 + 0.4 * Math.random());
      this.delay = Math.min(MAX_DELAY_MS, this.delay * 2);
      this.handlers.onDown(delay, {code: event.code, reason: event.reason});
      this.timer = setTimeout(() => this.connect(), delay);
    });
  }

  /** Whether messages can be sent now. */
  get open() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a message if connected; returns whether it was sent. */
  send(message) {
    if (!this.open) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** Closes for good (the page is going away). */
  close() {
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.pinger);
    this.resetReads();
    if (this.socket) this.socket.close(1000);
  }
}

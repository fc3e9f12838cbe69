// The WebSocket client of the live experiment (docs/protocol.md): one connection, JSON messages with a `type`,
// polite reconnection with a growing delay when the connection drops.

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;

/**
 * A connection to the experiment endpoint at `path`.
 * `onMessage(message)` gets every server message; `onOpen()` runs after each (re)connection, so the caller can
 * start its experiment again; `onDown(delayMs)` tells that the connection dropped and when the next try is.
 */
export class ExperimentSocket {
  constructor(path, {onMessage, onOpen, onDown}) {
    this.url = new URL(path, window.location.href);
    this.url.protocol = this.url.protocol === 'https:' ? 'wss:' : 'ws:';
    this.handlers = {onMessage, onOpen, onDown};
    this.delay = FIRST_DELAY_MS;
    this.socket = null;
    this.timer = null;
    this.closed = false;
  }

  connect() {
    if (this.closed) return;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.delay = FIRST_DELAY_MS;
      this.handlers.onOpen();
    });
    socket.addEventListener('message', (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        console.warn('optimizer lab: a server message that is not JSON was ignored');
        return;
      }
      this.handlers.onMessage(message);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket || this.closed) return;
      this.socket = null;
      const delay = this.delay * (0.8 + 0.4 * Math.random());
      this.delay = Math.min(MAX_DELAY_MS, this.delay * 2);
      this.handlers.onDown(delay);
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
    if (this.socket) this.socket.close(1000);
  }
}

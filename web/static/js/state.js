// The experiment a student has set up: which preset, which runs with which hyperparameters, steps, start point,
// speed and view options. Builds the engine spec from it, and reads/writes it in the page URL so a link gives
// back the same experiment.
//
// URL format (query parameters, readable on purpose):
//   preset=valley                       the preset the experiment starts from
//   run=ID:TYPE,lr=0.01,mu=0.9          one per run, in order; an optional schedule follows a semicolon:
//   run=adam:adam,lr=0.05;step,every=100,factor=0.5
//   steps=150  epochs=3  batch_size=8   top-level spec fields the preset lets the student change
//   repeats=50                          (and for a gradient-estimate preset, its repetitions)
//   start=-2.5,1.5                      the start point
//   speed=60                            steps per second while running
//   log=0                               loss axis linear (default: logarithmic)
// `lang` is the server's; other parameters are left alone.

/** Top-level spec fields a preset's controls may expose (`repeats`: gradient-estimate presets). */
export const TOP_FIELDS = ['steps', 'epochs', 'batch_size', 'repeats'];
/** Default steps per second. */
export const DEFAULT_SPEED = 60;

const clone = (value) => JSON.parse(JSON.stringify(value));

/** The state a preset starts with. */
export function fromPreset(preset) {
  const spec = preset.spec;
  const top = {};
  for (const name of TOP_FIELDS) {
    if (name in spec) top[name] = spec[name];
  }
  return {
    presetId: preset.id,
    top,
    start: Array.isArray(spec.start) ? [...spec.start] : null,
    runs: (spec.runs || []).map((run) => ({
      id: run.id,
      optimizer: clone(run.optimizer),
      schedule: run.schedule ? clone(run.schedule) : null,
    })),
    speed: DEFAULT_SPEED,
    log: true,
  };
}

/** The engine spec for `state`: the preset's spec with the student's changes. */
export function toSpec(preset, state) {
  const spec = clone(preset.spec);
  for (const name of TOP_FIELDS) delete spec[name];
  Object.assign(spec, clone(state.top));
  if (state.start) spec.start = [...state.start];
  if (Array.isArray(preset.spec.runs)) {
    spec.runs = state.runs.map((run) => {
      const out = {id: run.id, optimizer: clone(run.optimizer)};
      if (run.schedule && run.schedule.type !== 'constant') out.schedule = clone(run.schedule);
      return out;
    });
  }
  return spec;
}

/** A number when the text is one, else the text itself (the server then names the field that is wrong). */
export function parseValue(text) {
  const trimmed = String(text).trim();
  if (trimmed === '') return trimmed;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : trimmed;
}

function encodeParts(object) {
  return Object.entries(object).map(([k, v]) => (k === 'type' ? null : `${k}=${v}`)).filter(Boolean);
}

function encodeRun(run) {
  const head = [`${run.id}:${run.optimizer.type}`, ...encodeParts(run.optimizer)].join(',');
  if (!run.schedule || run.schedule.type === 'constant') return head;
  return `${head};${[run.schedule.type, ...encodeParts(run.schedule)].join(',')}`;
}

function decodeObject(type, parts) {
  const object = {type};
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq > 0) object[part.slice(0, eq)] = parseValue(part.slice(eq + 1));
  }
  return object;
}

function decodeRun(text) {
  const [head, scheduleText] = text.split(';');
  const [idType, ...parts] = head.split(',');
  const colon = idType.indexOf(':');
  if (colon <= 0) return null;
  const run = {id: idType.slice(0, colon), optimizer: decodeObject(idType.slice(colon + 1), parts), schedule: null};
  if (scheduleText) {
    const [type, ...scheduleParts] = scheduleText.split(',');
    run.schedule = decodeObject(type, scheduleParts);
  }
  return run;
}

/** Keeps `,` `:` `;` `=` readable in the query (they are allowed there; a value is split at its first `=`). */
function encode(value) {
  return encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%3B/gi, ';')
    .replace(/%3D/gi, '=');
}

/** The query string (without "?") describing `state`, keeping `lang` from `current` if it has one. */
export function toQuery(state, current = new URLSearchParams()) {
  const pairs = [];
  if (current.has('lang')) pairs.push(['lang', current.get('lang')]);
  pairs.push(['preset', state.presetId]);
  for (const run of state.runs) pairs.push(['run', encodeRun(run)]);
  for (const [name, value] of Object.entries(state.top)) pairs.push([name, value]);
  if (state.start) pairs.push(['start', state.start.join(',')]);
  pairs.push(['speed', state.speed]);
  if (!state.log) pairs.push(['log', '0']);
  return pairs.map(([k, v]) => `${k}=${encode(String(v))}`).join('&');
}

/** The preset named in the URL, or the first one. */
export function presetFromQuery(presets, params) {
  return presets.find((p) => p.id === params.get('preset')) || presets[0];
}

/** The state of `preset` with whatever the URL parameters change. */
export function fromQuery(preset, params) {
  const state = fromPreset(preset);
  if (params.has('preset') && params.get('preset') !== preset.id) return state;   // a link to a preset now gone
  const runs = params.getAll('run').map(decodeRun).filter(Boolean);
  if (runs.length > 0) state.runs = runs;
  for (const name of TOP_FIELDS) {
    if (params.has(name)) state.top[name] = parseValue(params.get(name));
  }
  if (params.has('start')) state.start = params.get('start').split(',').map(parseValue);
  if (params.has('speed')) {
    const speed = Number(params.get('speed'));
    if (Number.isFinite(speed) && speed > 0) state.speed = speed;
  }
  state.log = params.get('log') !== '0';
  return state;
}

/** A run id not used yet, based on `base` ("momentum", "momentum-2", ...). */
export function freshRunId(runs, base, except = null) {
  const taken = new Set(runs.filter((r) => r !== except).map((r) => r.id));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
  }
}

/** A deep copy, so a state can be compared or restored. */
export function copyState(state) {
  return clone(state);
}

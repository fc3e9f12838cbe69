// The experiment a student has set up: which preset, which runs with which hyperparameters, steps, start point,
// the problem's fields, a search's trials and ranges, speed and view options. Builds the engine spec from it, and
// reads/writes it in the page URL so a link gives back the same experiment.
//
// URL format (query parameters, readable on purpose):
//   preset=valley                       the preset the experiment starts from
//   run=ID:TYPE,lr=0.01,mu=0.9          one per run, in order; an optional schedule follows a semicolon:
//   run=adam:adam,lr=0.05;step,every=100,factor=0.5
//   steps=150  epochs=3  batch_size=8   top-level spec fields the preset lets the student change
//   repeats=50                          (and for a gradient-estimate preset, its repetitions)
//   reg=0.01  init=he  layers=10        fields of the spec's problem that have a control
//   hidden=30,20,10  activation=tanh    the network of a spiral or table race (network.js): widths, one per layer
//   trials=16  refine=1  refine_trials=8  lr=0.0001,1  reg=1e-5,1   a search: its rounds and ranges
//   start=-2.5,1.5                      the start point
//   speed=60                            steps per second while running
//   log=0                               loss axis linear (default: logarithmic)
// `lang` is the server's; other parameters are left alone.

/** Top-level spec fields a preset's controls may expose (`repeats`: gradient-estimate presets). */
export const TOP_FIELDS = ['steps', 'epochs', 'batch_size', 'repeats'];
/** Default steps per second. */
export const DEFAULT_SPEED = 60;

const clone = (value) => JSON.parse(JSON.stringify(value));

/** Fields of each run (optimizer and schedule) a race's controls may have. */
const RUN_FIELDS = new Set(['lr', 'mu', 'decay_rate', 'eps', 'every', 'factor', 'k', 'T', 'lr_min', 'warmup']);

/**
 * Whether a run's schedule changes the lr, so that it is sent, kept in the link and charted: any decay, and a
 * warm-up even in front of `constant` (a `warmup` of 0 is none; any other value goes to the server, which checks it).
 */
export function changesLr(schedule) {
  if (!schedule || !schedule.type) return false;
  return schedule.type !== 'constant' || (schedule.warmup !== undefined && schedule.warmup !== 0);
}
/** The ranges a search may draw from. */
export const SEARCH_RANGES = ['lr', 'reg', 'dropout'];

/** The controls of a search that set its `search` object: trials and the ranges it draws. */
export function searchFields(preset) {
  if (preset.kind !== 'search') return [];
  const drawn = preset.spec.search || {};
  return ['trials', 'refine_trials', ...SEARCH_RANGES.filter((name) => name in drawn)];
}

/** The controls of a preset that set fields of its spec's `problem` (`reg`, `init`, `layers`, ...). */
export function problemFields(preset) {
  const fields = Object.keys((preset.controls && preset.controls.fields) || {});
  const search = searchFields(preset);
  const race = !preset.kind || preset.kind === 'race';
  return fields.filter((name) => !TOP_FIELDS.includes(name) && !search.includes(name)
    && !(race && RUN_FIELDS.has(name)));
}

/** Problems whose network the page lets a student edit (network.js). */
const NETWORK_PROBLEMS = ['mlp-spiral', 'csv'];

/** The network fields of a race on a spiral or a table, which the network editor sets: `hidden` and `activation`. */
export function networkFields(preset) {
  const race = !preset.kind || preset.kind === 'race';
  const problem = preset.spec && preset.spec.problem;
  return race && problem && NETWORK_PROBLEMS.includes(problem.type) ? ['hidden', 'activation'] : [];
}

/** Every field of the spec's problem the page sets: the controls' and the network editor's. */
function allProblemFields(preset) {
  return [...new Set([...problemFields(preset), ...networkFields(preset)])];
}

/** A search's own settings: trials per round, whether it refines, and the ranges it draws from. */
function searchState(search) {
  const state = {trials: search.trials, refine: Boolean(search.refine)};
  if (search.refine) state.refine_trials = search.refine.trials;
  for (const name of SEARCH_RANGES) {
    if (Array.isArray(search[name])) state[name] = [...search[name]];
  }
  return state;
}

/** The state a preset starts with. */
export function fromPreset(preset) {
  const spec = preset.spec;
  const top = {};
  for (const name of TOP_FIELDS) {
    if (name in spec) top[name] = spec[name];
  }
  const problem = {};
  for (const name of allProblemFields(preset)) {
    if (spec.problem && name in spec.problem) problem[name] = clone(spec.problem[name]);
  }
  return {
    presetId: preset.id,
    top,
    problem,
    search: preset.kind === 'search' ? searchState(spec.search || {}) : null,
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

/** The `search` object of a search spec: the preset's with the student's trials, rounds and ranges. */
function searchSpec(preset, state) {
  const search = clone(preset.spec.search || {});
  const chosen = state.search;
  if (chosen.trials !== undefined) search.trials = chosen.trials;
  for (const name of SEARCH_RANGES) {
    if (Array.isArray(chosen[name])) search[name] = [...chosen[name]];
  }
  if (chosen.refine) {
    const trials = chosen.refine_trials ?? (search.refine && search.refine.trials)
      ?? Math.max(1, Math.round(Number(search.trials) / 2));
    search.refine = {...(search.refine || {}), trials};
  } else {
    delete search.refine;
  }
  return search;
}

/** The engine spec for `state`: the preset's spec with the student's changes. */
export function toSpec(preset, state) {
  const spec = clone(preset.spec);
  for (const name of TOP_FIELDS) delete spec[name];
  Object.assign(spec, clone(state.top));
  if (state.start) spec.start = [...state.start];
  if (spec.problem && state.problem) {
    for (const name of allProblemFields(preset)) {
      if (state.problem[name] === undefined) delete spec.problem[name];
      else spec.problem[name] = clone(state.problem[name]);
    }
  }
  if (state.search) spec.search = searchSpec(preset, state);
  if (Array.isArray(preset.spec.runs)) {
    spec.runs = state.runs.map((run) => {
      const out = {id: run.id, optimizer: clone(run.optimizer)};
      if (changesLr(run.schedule)) out.schedule = clone(run.schedule);
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
  if (!changesLr(run.schedule)) return head;
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
  for (const [name, value] of Object.entries(state.problem || {})) pairs.push([name, value]);
  if (state.search) {
    const search = state.search;
    if (search.trials !== undefined) pairs.push(['trials', search.trials]);
    pairs.push(['refine', search.refine ? '1' : '0']);
    if (search.refine && search.refine_trials !== undefined) pairs.push(['refine_trials', search.refine_trials]);
    for (const name of SEARCH_RANGES) {
      if (Array.isArray(search[name])) pairs.push([name, search[name].join(',')]);
    }
  }
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
  for (const name of allProblemFields(preset)) {
    if (!params.has(name)) continue;
    const text = params.get(name);
    // `hidden` of several layers is a list of widths: hidden=30,20,10
    state.problem[name] = name === 'hidden' && text.includes(',') ? text.split(',').map(parseValue) : parseValue(text);
  }
  if (state.search) {
    const search = state.search;
    if (params.has('trials')) search.trials = parseValue(params.get('trials'));
    if (params.has('refine')) search.refine = params.get('refine') === '1';
    if (params.has('refine_trials')) search.refine_trials = parseValue(params.get('refine_trials'));
    for (const name of SEARCH_RANGES) {
      if (params.has(name) && Array.isArray(search[name])) search[name] = params.get(name).split(',').map(parseValue);
    }
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

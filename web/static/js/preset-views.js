// The views of the presets that are not races (docs/page-contract.md): a gradient estimate, an activation study,
// a hyperparameter search. Each one's module (and its charts) is loaded the first time a preset of its kind is
// shown, so a lesson without such a preset never downloads it.

import {DataTable} from './readout.js';

/** How the view of each kind is made from its module; `context` is {ui, t, data, socket, onComputed}. */
const MAKERS = {
  'gradient-estimate': async ({ui, t, data, onComputed}) => {
    const {EstimateView} = await import('./estimate.js');
    const view = new EstimateView({...ui.estimate, table: new DataTable(ui.estimate.details, t)}, t, data.estimatePath,
      data.slug);
    view.onComputed = onComputed;
    return view;
  },
  activations: async ({ui, t, data, onComputed}) => {
    const {ActivationsView} = await import('./activations.js');
    const view = new ActivationsView({...ui.activations, table: new DataTable(ui.activations.details, t)}, t,
      data.activationsPath);
    view.onComputed = onComputed;
    return view;
  },
  search: async ({ui, t, data, socket}) => {
    const {SearchView} = await import('./search.js');
    return new SearchView(ui.search, t, socket, data.slug);
  },
};

/** The views of the preset kinds other than races, each loaded when first needed. */
export class PresetViews {
  constructor(context) {
    this.context = context;
    this.loading = {};
    this.loaded = {};
  }

  /** The view of `kind` (a promise); its module is loaded the first time. */
  load(kind) {
    if (!this.loading[kind]) {
      this.loading[kind] = MAKERS[kind](this.context).then((view) => {
        this.loaded[kind] = view;
        return view;
      });
    }
    return this.loading[kind];
  }

  /** The view of `kind` if it is loaded already, else null. */
  get(kind) {
    return this.loaded[kind] || null;
  }
}

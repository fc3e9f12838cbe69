// UI strings and number formatting in the page's language.
// Strings come from the page's lesson data (`strings`: the `js.*` bundle keys without the prefix).

/** Creates a translator over `strings`; `t("diverged", {run: "sgd"})` fills `{run}` placeholders. */
export function translator(strings, lang) {
  const missing = new Set();
  const t = (key, params = {}) => {
    let text = strings[key];
    if (text === undefined) {
      if (!missing.has(key)) {
        missing.add(key);
        console.warn(`optimizer lab: no UI string "js.${key}" for language ${lang}`);
      }
      text = key;
    }
    return text.replace(/\{(\w+)\}/g, (all, name) => (name in params ? String(params[name]) : all));
  };
  t.lang = lang;
  t.has = (key) => strings[key] !== undefined;
  return t;
}

const plain = new Map();

function plainFormat(lang, digits) {
  const key = `${lang}:${digits}`;
  if (!plain.has(key)) {
    plain.set(key, new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', {maximumSignificantDigits: digits}));
  }
  return plain.get(key);
}

/**
 * A number for people: 4 significant digits, scientific notation (1.23e-5) when very small or large,
 * "—" for a missing value and "∞" for a non-finite one (sent by the server as null).
 */
export function formatNumber(value, lang = 'en', digits = 4) {
  if (value === undefined) return '—';
  if (value === null || !Number.isFinite(value)) return '∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) {
    const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
    return `${mantissa.replace(/\.?0+$/, '')}e${exponent.replace('+', '')}`;
  }
  return plainFormat(lang, digits).format(value);
}

/** A vector as "(0.12, −3.4)". */
export function formatVector(values, lang = 'en') {
  if (!Array.isArray(values)) return '—';
  return `(${values.map((v) => formatNumber(v, lang)).join(', ')})`;
}

// Server messages in the page's language.
// The server speaks English: its error messages and divergence reasons are part of the documented protocol, and the
// command line and the logs print them too. On a Chinese page the shapes a student can meet are put into Chinese
// here, keeping the field path, the numbers and the names exactly as the server sent them. A shape not listed
// stays in English (inside the page's Chinese frame), so nothing is ever lost in translation.

/** What the server's `describe` says of a JSON value ("a string (\"abc\")", "null", "an array", ...), in Chinese. */
function zhValue(text) {
  const string = /^a string \((.*)\)$/.exec(text);
  if (string) return `字符串 ${string[1]}`;
  return {'an array': '一个数组', 'an object': '一个对象', 'nothing': '空值', 'null': 'null'}[text] ?? text;
}

/** [pattern over the problem after "field: ", Chinese from its match]; the first that matches wins. */
const ZH_PROBLEMS = [
  [/^is required$/, () => '必须给出'],
  [/^must not be null; give a value or leave the field out$/, () => '不能是 null；请给出一个值，或者省略这个字段'],
  [/^is required \(or give (\w+)\)$/, (m) => `必须给出（或者给出 ${m[1]}）`],
  [/^must be > 0, got (.+)$/, (m) => `必须大于 0，收到的是 ${m[1]}`],
  [/^must be > 0 \(drawn on a log scale\), got (.+)$/, (m) => `必须大于 0（它按对数尺度抽取），收到的是 ${m[1]}`],
  [/^must be >= (\S+), got (.+)$/, (m) => `必须大于等于 ${m[1]}，收到的是 ${m[2]}`],
  [/^must be in ([[(][^,]+, [^\])]+[\])]), got (.+)$/, (m) => `必须在区间 ${m[1]} 内，收到的是 ${m[2]}`],
  [/^must be an integer in (\S+)\.\.(\S+), got (.+)$/,
    (m) => `必须是 ${m[1]} 到 ${m[2]} 之间的整数，收到的是 ${zhValue(m[3])}`],
  [/^must be at most (\S+) on this server, got (.+)$/, (m) => `在这台服务器上最多为 ${m[1]}，收到的是 ${m[2]}`],
  [/^must be at most (\S+), got (.+)$/, (m) => `最多为 ${m[1]}，收到的是 ${m[2]}`],
  [/^must be a finite number, got (.+)$/, (m) => `必须是有限的数，收到的是 ${m[1]}`],
  [/^must be a number, got (.+)$/, (m) => `必须是数字，收到的是 ${zhValue(m[1])}`],
  [/^must be a string, got (.+)$/, (m) => `必须是字符串，收到的是 ${zhValue(m[1])}`],
  [/^must be true or false, got (.+)$/, (m) => `必须是 true 或 false，收到的是 ${zhValue(m[1])}`],
  [/^must be an array of numbers, got (.+)$/, (m) => `必须是由数字组成的数组，收到的是 ${zhValue(m[1])}`],
  [/^must be an array, got (.+)$/, (m) => `必须是数组，收到的是 ${zhValue(m[1])}`],
  [/^must be a JSON object, got (.+)$/, (m) => `必须是 JSON 对象，收到的是 ${zhValue(m[1])}`],
  [/^must be one of (.+); got (.+)$/, (m) => `必须是 ${m[1]} 之一，收到的是 ${m[2]}`],
  [/^must have (\d+) to (\d+) entries, got (\d+)$/, (m) => `必须有 ${m[1]} 到 ${m[2]} 项，收到 ${m[3]} 项`],
  [/^must have (\d+) numbers, got (\d+)$/, (m) => `必须有 ${m[1]} 个数，收到 ${m[2]} 个`],
  [/^must have (\d+) numbers for problem '([^']+)', got (\d+)$/,
    (m) => `对问题 '${m[2]}' 必须有 ${m[1]} 个数，收到 ${m[3]} 个`],
  [/^must match (\S+), got (.+)$/, (m) => `必须符合 ${m[1]}，收到的是 ${m[2]}`],
  [/^unknown field; allowed: (.+)$/, (m) => `未知字段；允许的字段：${m[1]}`],
  [/^unknown field \(a name of (\d+) characters\); allowed: (.+)$/,
    (m) => `未知字段（名字长 ${m[1]} 个字符）；允许的字段：${m[2]}`],
  [/^not valid JSON: (.+)$/, (m) => `不是合法的 JSON：${m[1]}`],
  [/^the spec is empty; expected a JSON object$/, () => '实验规格为空，应为一个 JSON 对象'],
  [/^the experiment is done; send reset or start$/, () => '实验已经结束；请重置或重新开始'],
  [/^there is no experiment to (\w+); send start first$/, (m) => `还没有实验，无法执行 ${m[1]}；请先开始一个实验`],
  [/^the server is busy; try again$/, () => '服务器正忙，请稍后再试'],
  [/^too many messages: at most (\S+) per second \(bursts of (\d+)\); messages are being dropped$/,
    (m) => `消息太多：每秒最多 ${m[1]} 条（突发最多 ${m[2]} 条）；多出的消息被丢弃了`],
  [/^too many commands are waiting; slow down$/, () => '等待执行的命令太多了，请放慢操作'],
  [/^the message is (\d+) bytes; at most (\d+) are allowed$/, (m) => `消息有 ${m[1]} 字节，最多允许 ${m[2]} 字节`],
  [/^the server is running as many searches as it may at once \((\d+)\); press Start again in a moment$/,
    (m) => `服务器同时运行的搜索已达上限（${m[1]} 个）；请稍后再按“开始”`],
  [/^the search failed on the server; its log has the details$/, () => '搜索在服务器上失败了；详情在服务器的日志里'],
  [/^the server failed on this message; its log has the details$/, () => '服务器处理这条消息时出错了；详情在服务器的日志里'],
  // challenges (docs/classroom.md)
  [/^is (\S+), outside its control's range \[(.+)\]$/, (m) => `是 ${m[1]}，超出了控件的范围 [${m[2]}]`],
  [/^'(.+)' is not among the offered optimizers \(the preset's controls\.optimizers: (.+)\)$/,
    (m) => `'${m[1]}' 不在可选的优化器之中（${m[2]}）`],
  [/^at most (\d+) runs may race here, got (\d+)$/, (m) => `这里最多可以有 ${m[1]} 个运行，收到 ${m[2]} 个`],
  [/^is required the first time: the name the leaderboard shows$/, () => '第一次提交时必须填写：排行榜上显示的名字'],
  [/^no run reached a loss below (\S+) within (\d+) steps \(the lowest was (\S+), run (.+)\); nothing was stored$/,
    (m) => `没有一个运行在 ${m[2]} 步内使损失低于 ${m[1]}（最低为 ${m[3]}，运行 ${m[4]}）；这次提交没有记录`],
  [/^no run produced a validation accuracy \(every run diverged\); nothing was stored$/,
    () => '没有一个运行得到验证准确率（全部发散）；这次提交没有记录'],
  [/^at most (\d+) submissions in (\d+) s; try again in (\d+) s$/,
    (m) => `${m[2]} 秒内最多提交 ${m[1]} 次；请在 ${m[3]} 秒后再试`],
  [new RegExp('^this challenge allows each student (\\d+) run-steps of work \\((\\d+) full submissions\\); '
    + 'you have used (\\d+) and this one needs (\\d+)$'),
    (m) => `这个挑战给每个学生 ${m[1]} 个运行步的计算量（${m[2]} 次完整提交）；你已用了 ${m[3]}，这次需要 ${m[4]}`],
  [/^challenge (\d+) is closed$/, (m) => `挑战 ${m[1]} 已关闭`],
  [/^challenge (\d+) closed before this was scored$/, (m) => `挑战 ${m[1]} 在这次提交计分之前关闭了`],
];

/** [pattern over a divergence reason, Chinese from its match]. */
const ZH_REASONS = [
  [/^loss became (\S+)$/, (m) => `损失变成了 ${m[1]}`],
  [/^params\[(\d+)\] became (\S+)$/, (m) => `参数 params[${m[1]}] 变成了 ${m[2]}`],
  [/^a value became non-finite$/, () => '某个数值变成了非有限值'],
];

function translate(text, rules) {
  for (const [pattern, zh] of rules) {
    const match = pattern.exec(text);
    if (match) return zh(match);
  }
  return null;
}

/**
 * An `error` message's text in the page's language: "spec.runs[0].optimizer.lr: must be > 0, got -1" becomes
 * "spec.runs[0].optimizer.lr：必须大于 0，收到的是 -1" on a Chinese page. `field` is the message's field ("" for
 * the whole message), which the text starts with.
 */
export function localizeError(text, field, lang) {
  if (lang !== 'zh' || typeof text !== 'string') return text;
  const prefix = field ? `${field}: ` : '';
  if (!text.startsWith(prefix)) return text;
  const zh = translate(text.slice(prefix.length), ZH_PROBLEMS);
  if (zh === null) return text;
  return field ? `${field}：${zh}` : zh;
}

/**
 * What an `error` message says is wrong, without the field path in front, in the page's language: "must be > 0,
 * got -1" of "spec.runs[0].optimizer.lr: must be > 0, got -1" ("必须大于 0，收到的是 -1" on a Chinese page).
 */
export function localizeProblem(text, field, lang) {
  if (typeof text !== 'string') return String(text);
  const prefix = field ? `${field}: ` : '';
  const problem = text.startsWith(prefix) ? text.slice(prefix.length) : text;
  return lang === 'zh' ? translate(problem, ZH_PROBLEMS) ?? problem : problem;
}

/** A `diverged` message's reason ("loss became Infinity") in the page's language. */
export function localizeReason(reason, lang) {
  if (lang !== 'zh' || typeof reason !== 'string') return reason;
  return translate(reason, ZH_REASONS) ?? reason;
}

// ANSI SGR colours of step logs (ESC [ ... m) turned into styled segments. Only the codes CI tools
// print commonly are kept (reset, bold, 30-37, 90-97, default colour); every other escape sequence
// is dropped so it never shows as garbage. The caller inserts segment text with textContent.

const CSI = /\x1b\[([0-9;?]*)([A-Za-z])/g;

/** The style at the start of a log: no colour, not bold. */
export function plain() {
  return { fg: null, bold: false };
}

function apply(style, params) {
  const codes = params === '' ? [0] : params.split(';').map((c) => Number.parseInt(c || '0', 10));
  let next = { ...style };
  for (const code of codes) {
    if (code === 0) next = plain();
    else if (code === 1) next.bold = true;
    else if (code === 22) next.bold = false;
    else if (code === 39) next.fg = null;
    else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) next.fg = code;
    // background colours, 256-colour and RGB forms are ignored: the log keeps its own background
  }
  return next;
}

/**
 * Splits one log line into [{text, fg, bold}] segments, starting in style {@code style}; returns
 * the segments and the style at the end of the line (colours may continue on the next line).
 */
export function segments(line, style) {
  // A carriage return redraws the line (progress bars): what is shown is what was drawn last.
  const cr = line.lastIndexOf('\r', line.length - 2);
  const visible = (cr >= 0 ? line.slice(cr + 1) : line).replace(/\r$/, '');
  const result = [];
  let current = style;
  let last = 0;
  for (const match of visible.matchAll(CSI)) {
    if (match.index > last) result.push({ text: visible.slice(last, match.index), ...current });
    if (match[2] === 'm') current = apply(current, match[1]);
    last = match.index + match[0].length;
  }
  if (last < visible.length) result.push({ text: visible.slice(last), ...current });
  // A lone ESC left over from a cut sequence would otherwise print as a control character.
  for (const segment of result) segment.text = segment.text.replace(/\x1b/g, '');
  return { segments: result.filter((segment) => segment.text !== ''), style: current };
}

/** The CSS classes of a segment: "ansi-31 ansi-bold". */
export function classes(segment) {
  const names = [];
  if (segment.fg !== null) names.push('ansi-' + segment.fg);
  if (segment.bold) names.push('ansi-bold');
  return names.join(' ');
}

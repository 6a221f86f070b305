// ConvLab kernel grid: the kernel's cells as text boxes, and the buttons that change them all. Leaving a changed
// cell (Enter, Tab, a click elsewhere) sends the whole grid as the state value "edit": {cells, n}, n counting this
// page's edits. Random fills the grid with integers from -2 to 2 and sends it the same way; Transpose, Flip and
// Sum = 1 send {action, n}: the server changes its last valid kernel (and says why when it cannot).
//
// Streamlit (components v2) calls this function again each time the element's data changes, with the same
// parentElement: the boxes live on it and are only refilled. A refill never overwrites the box being typed in, even
// when the server loaded a new kernel (a pick, a preset, a size or a button: data.version changed; the other boxes
// show it, a rebuilt grid gives the typed text to the box in the same row and column): Enter then applies it to the
// new kernel. And it waits while an edit of this page is still on its way (data.seen < n): the grid never jumps
// back to older numbers.
// "Sent" is what the server has: after a refill, its cells (never the boxes, whose typed text it has not seen);
// while an edit is on its way, what this page last sent.
//
// Before sending an edit it asks the page's charts for a preview (static/live_chart/, ui/components/kernel_preview.py):
// on Explore, Y is redrawn from the new kernel before the server has answered (a button's kernel too, when the grid
// holds a valid one). A preset picked in the editor's preset box (data.presets) is previewed the same way, from its
// exact values: the page's pick listener (static/live_chart/picks.js) reads the option at the click or Enter that picks
// it, before Streamlit sends the pick.
//
// data: {cells: rows of text, version: the kernel's load count, seen: the last edit applied, bad: [row, col] of
//        the cell the server refused, or null, label: "Row {row}, column {col}" in the user's language,
//        name: the grid's key, which previews name, buttons: [[action, label, help], ...],
//        presets: {box: the preset box's key, kernels: {option label: cells}} or null (no preset box)}

function box(state, r, c) {
  const input = document.createElement("input");
  input.type = "text";
  input.inputMode = "decimal";
  input.autocomplete = "off";
  input.spellcheck = false;
  input.maxLength = 32;
  input.className = "convlab-kgrid-cell";
  input.addEventListener("change", () => send(state));
  input.addEventListener("focus", () => input.select());
  input.addEventListener("keydown", (event) => {
    const to = {ArrowUp: [r - 1, c], ArrowDown: [r + 1, c], Enter: [r + 1, c]}[event.key];
    const next = to && state.inputs[to[0]] && state.inputs[to[0]][to[1]];
    if (event.key === "Enter") send(state);  // also when unchanged: Enter applies and moves on
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });
  return input;
}

function build(state, rows, cols) {
  const table = document.createElement("table");
  table.className = "convlab-kgrid";
  const head = table.createTHead().insertRow();
  head.appendChild(document.createElement("th"));
  for (let c = 0; c < cols; c++) head.appendChild(document.createElement("th")).textContent = String(c);
  const body = table.createTBody();
  state.inputs = [];
  for (let r = 0; r < rows; r++) {
    const tr = body.insertRow();
    tr.appendChild(document.createElement("th")).textContent = String(r);
    state.inputs.push([]);
    for (let c = 0; c < cols; c++) state.inputs[r].push(tr.insertCell().appendChild(box(state, r, c)));
  }
  state.grid.replaceChildren(table);
}

// The row of buttons, (re)made when their labels change (the language).
function buttons(state, specs) {
  const text = JSON.stringify(specs || []);
  if (text === state.buttonsText) return;
  state.buttonsText = text;
  state.buttons.replaceChildren(...(specs || []).map(([action, label, help]) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "convlab-kgrid-button";
    button.dataset.action = action;
    button.textContent = label;
    button.title = help;
    button.addEventListener("click", () => act(state, action));
    return button;
  }));
}

function act(state, action) {
  const cells = values(state);
  if (action === "random") {  // a new grid (never the one shown: the button always changes something), as an edit
    const old = JSON.stringify(cells);
    let next = cells;
    const draw = () => String(Math.floor(Math.random() * 5) - 2);  // -2 to 2
    while (JSON.stringify(next) === old) next = cells.map((row) => row.map(draw));
    next.forEach((row, r) => row.forEach((text, c) => { state.inputs[r][c].value = text; }));
    send(state);
    return;
  }
  if (window.__convlab?.preview && state.name) window.__convlab.preview(state.name, cells, action);  // Y at once
  state.edits += 1;
  state.setStateValue("edit", {action, n: state.edits});
}

function values(state) {
  return state.inputs.map((row) => row.map((input) => input.value));
}

function send(state) {
  const cells = values(state);
  const text = JSON.stringify(cells);
  if (text === state.sent) return;  // change and Enter on one edit: send it once
  state.sent = text;
  if (window.__convlab?.preview && state.name) window.__convlab.preview(state.name, cells);  // Y at once, if it can
  state.edits += 1;
  state.setStateValue("edit", {cells, n: state.edits});
}

// The grid's preset box: what its options mean, for the page's pick listener (static/live_chart/picks.js), which
// previews a preset picked there before Streamlit sends the pick.
function watchPresets(state, presets) {
  const ns = (window.__convlab ??= {});
  const boxes = (ns.pickBoxes ??= {});
  if (state.presetBox && state.presetBox !== presets?.box) delete boxes[state.presetBox];
  state.presetBox = presets?.box;
  if (!presets) return;
  const grid = state.name;
  boxes[presets.box] = {pick: (label) => {
    const cells = presets.kernels[label];
    if (cells && ns.preview) ns.preview(grid, cells);
  }};
}

// The box being typed in: its place and text, when the student changed it since the server's last cells were shown.
function typing(state) {
  for (const [r, row] of state.inputs.entries()) {
    const c = row.indexOf(document.activeElement);
    if (c >= 0) return row[c].value !== row[c].filled ? {r, c, text: row[c].value} : null;
  }
  return null;
}

function fill(state, data) {
  const cells = data.cells;
  const reload = data.version !== state.version;
  if (!reload && data.seen < state.edits) return;  // an older answer: a newer edit is on its way
  const typed = typing(state);
  if (state.inputs.length !== cells.length || (state.inputs[0] || []).length !== cells[0].length)
    build(state, cells.length, cells[0].length);
  buttons(state, data.buttons);
  cells.forEach((row, r) => row.forEach((text, c) => {
    const input = state.inputs[r][c];
    if (typed && typed.r === r && typed.c === c) input.value = typed.text;
    else if (reload || document.activeElement !== input) input.value = text;
    input.filled = text;
    input.setAttribute("aria-label", data.label.replace("{row}", r).replace("{col}", c));
    const bad = Array.isArray(data.bad) && data.bad[0] === r && data.bad[1] === c;
    input.classList.toggle("convlab-kgrid-bad", bad);
    input.setAttribute("aria-invalid", bad ? "true" : "false");
  }));
  state.version = data.version;
  state.sent = JSON.stringify(cells);  // what the server has: a box typed in (kept above) still differs, and is sent
  const kept = typed && state.inputs[typed.r]?.[typed.c];
  if (kept && document.activeElement !== kept) {  // a rebuilt grid: the box that took the typed text takes the focus
    kept.focus();
    kept.setSelectionRange(typed.text.length, typed.text.length);  // caret at the end, as it was (focus selects all)
  }
}

// The data's objects (presets) come as JSON text under "objects" (ui/components/data.py: a dict in a component's data
// makes Streamlit import pandas to check it for a dataframe).
const unpacked = (raw) => (raw && typeof raw.objects === "string" ? {...raw, ...JSON.parse(raw.objects)} : raw);

export default function (component) {
  const {parentElement, setStateValue} = component;
  const data = unpacked(component.data);
  if (!data || !Array.isArray(data.cells) || !data.cells.length) return undefined;
  let state = parentElement.__convlab?.kernelGrid;
  if (!state) {
    const grid = document.createElement("div");
    const row = document.createElement("div");
    row.className = "convlab-kgrid-buttons";
    parentElement.append(grid, row);
    state = {grid, buttons: row, inputs: [], version: null, edits: data.seen || 0, sent: null};
    (parentElement.__convlab ??= {}).kernelGrid = state;
  }
  state.setStateValue = setStateValue;
  state.name = data.name;
  watchPresets(state, data.presets);
  fill(state, data);
  return undefined;
}

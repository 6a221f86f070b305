// static/kernel_grid.js in a tiny fake DOM: what the grid sends (setStateValue) when a refill meets typing.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {test} from "node:test";

const SOURCE = readFileSync(new URL("../../static/kernel_grid.js", import.meta.url), "utf8");
const {default: mountGrid} = await import("data:text/javascript;base64," + Buffer.from(SOURCE).toString("base64"));

// ---- the fake DOM: elements, focus (document.activeElement, blur, focus) and the browser's "change" on commit ----

class FakeElement {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    this.children = [];
    this.listeners = {};
    this.attributes = {};
    this.dataset = {};
    this.classes = new Set();
    this.classList = {toggle: (name, on) => (on ? this.classes.add(name) : this.classes.delete(name))};
    this.value = "";
    this.committed = "";  // the value at focus or at the last change: "change" fires when it differs
  }

  appendChild(child) {
    this.children.push(child);
    return child;
  }

  append(...children) {
    children.forEach((child) => this.appendChild(child));
  }

  replaceChildren(...children) {
    this.children = [];
    this.append(...children);
  }

  setAttribute(name, value) {
    this.attributes[name] = String(value);
  }

  addEventListener(type, listener) {
    (this.listeners[type] ||= []).push(listener);
  }

  dispatch(type, fields = {}) {
    const event = {type, ...fields, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; }};
    (this.listeners[type] || []).forEach((listener) => listener(event));
    return event;
  }

  commit() {
    if (this.value === this.committed) return;
    this.committed = this.value;
    this.dispatch("change");
  }

  focus() {
    const previous = document.activeElement;
    if (previous === this) return;
    document.activeElement = this;
    if (previous) previous.commit();  // leaving a changed box commits it, as a blur does
    this.committed = this.value;
    this.dispatch("focus");
  }

  select() {}
  setSelectionRange() {}

  createTHead() { return this.appendChild(new FakeElement("thead")); }
  createTBody() { return this.appendChild(new FakeElement("tbody")); }
  insertRow() { return this.appendChild(new FakeElement("tr")); }
  insertCell() { return this.appendChild(new FakeElement("td")); }
}

function installDocument() {
  globalThis.window = {};
  globalThis.document = {activeElement: null, createElement: (tag) => new FakeElement(tag)};
  document.body = new FakeElement("body");
  document.activeElement = document.body;
}

// ---- the user and the server ----

function data(cells, {version = 1, seen = 0} = {}) {
  return {cells, version, seen, bad: null, label: "Row {row}, column {col}", name: "k_grid", buttons: []};
}

function mount(first) {
  installDocument();
  const grid = {parentElement: new FakeElement("div"), sent: []};
  grid.refill = (next) => mountGrid({data: next, parentElement: grid.parentElement,
                                     setStateValue: (name, value) => grid.sent.push({name, value})});
  grid.refill(first);
  return grid;
}

function inputs(element) {
  if (element.tagName === "INPUT") return [element];
  return element.children.flatMap(inputs);
}

function cell(grid, r, c) {
  const cols = grid.parentElement.__convlab.kernelGrid.inputs[0].length;
  return inputs(grid.parentElement)[r * cols + c];
}

function type(input, text) {
  input.focus();
  input.value = text;
}

function pressEnter(input) {
  const event = input.dispatch("keydown", {key: "Enter"});
  if (!event.defaultPrevented) input.commit();  // Chrome commits (fires "change") on Enter when not prevented
}

const OLD = [["1", "2"], ["3", "4"]];

// ---- the tests ----

test("a refill that lands between typing and Enter does not swallow the typed cell", () => {
  const grid = mount(data(OLD));
  type(cell(grid, 0, 0), "9");
  grid.refill(data(OLD));  // a rerun's answer with the server's (old) cells: same version, nothing pending
  assert.equal(cell(grid, 0, 0).value, "9", "the refill must not overwrite the box being typed in");
  pressEnter(cell(grid, 0, 0));
  assert.deepEqual(grid.sent, [{name: "edit", value: {cells: [["9", "2"], ["3", "4"]], n: 1}}]);
});

test("after a refill, change then Enter on the typed cell sends it once", () => {
  const grid = mount(data(OLD));
  type(cell(grid, 1, 1), "7");
  grid.refill(data(OLD));
  cell(grid, 1, 1).commit();  // "change" first (as on a paste committed by the browser)
  pressEnter(cell(grid, 1, 1));  // then Enter on the unchanged text
  assert.deepEqual(grid.sent, [{name: "edit", value: {cells: [["1", "2"], ["3", "7"]], n: 1}}]);
});

test("an older answer neither overwrites the grid nor forgets what this page sent", () => {
  const grid = mount(data(OLD));
  type(cell(grid, 0, 0), "5");
  pressEnter(cell(grid, 0, 0));  // sends edit 1 and moves to the box below
  assert.equal(grid.sent.length, 1);
  assert.equal(document.activeElement, cell(grid, 1, 0));
  grid.refill(data(OLD, {seen: 0}));  // the answer to an earlier run: edit 1 is still on its way
  assert.equal(cell(grid, 0, 0).value, "5", "an older answer must not bring back the old number");
  cell(grid, 0, 0).focus();
  pressEnter(cell(grid, 0, 0));  // unchanged since edit 1: nothing new to send
  assert.equal(grid.sent.length, 1, "the page must still know it sent this grid");
});

test("a new kernel from the server keeps the box being typed in, and Enter sends it into that kernel", () => {
  // A cell typed as the next challenge opens (or a preset arrives): the student's number is not swallowed.
  const grid = mount(data(OLD));
  type(cell(grid, 0, 0), "6");
  grid.refill(data([["0", "0"], ["0", "1"]], {version: 2}));  // a pick, a preset, a size or a button
  assert.equal(cell(grid, 0, 0).value, "6", "the typed text stays");
  assert.equal(cell(grid, 1, 1).value, "1", "the other boxes show the new kernel");
  pressEnter(cell(grid, 0, 0));
  assert.deepEqual(grid.sent, [{name: "edit", value: {cells: [["6", "0"], ["0", "1"]], n: 1}}]);
});

test("a new kernel replaces a box that only has the focus", () => {
  const grid = mount(data(OLD));
  type(cell(grid, 0, 0), "5");
  pressEnter(cell(grid, 0, 0));  // sends edit 1, the box below has the focus, nothing typed in it
  grid.refill(data([["5", "2"], ["3", "4"]], {seen: 1}));
  grid.refill(data([["0", "0"], ["0", "1"]], {version: 2, seen: 1}));
  assert.equal(document.activeElement, cell(grid, 1, 0));
  assert.equal(cell(grid, 1, 0).value, "0");
  pressEnter(cell(grid, 1, 0));
  assert.equal(grid.sent.length, 1, "the loaded kernel is what the server has: nothing new to send");
});

test("a new kernel of another shape keeps the typed text in the same row and column, still focused", () => {
  const grid = mount(data(OLD));
  type(cell(grid, 0, 1), "6");
  grid.refill(data([["0", "0", "0"], ["0", "0", "0"], ["0", "0", "0"]], {version: 2}));
  assert.equal(cell(grid, 0, 1).value, "6");
  assert.equal(document.activeElement, cell(grid, 0, 1));
  pressEnter(cell(grid, 0, 1));
  assert.deepEqual(grid.sent[0].value.cells, [["0", "6", "0"], ["0", "0", "0"], ["0", "0", "0"]]);
});

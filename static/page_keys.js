// ConvLab page keys: PageDown / PageUp (what a lecturer's clicker sends) press the page's Next / Previous button
// even while a widget has focus.
//
// The buttons carry Streamlit's own shortcut (shortcut="PageDown"), but Streamlit 1.67 drops every such key while the
// focus is inside an INPUT, TEXTAREA or SELECT (its hotkeys filter, then its shortcut hook, both look along the
// event's composed path): a focused number box, toggle, radio or slider (an <input type="range">) swallowed the
// clicker. This one document listener (capture phase, installed once per page) acts exactly there and nowhere else:
// - focus outside those elements (the page, a button): Streamlit's shortcut moves, this listener does nothing, so a
//   key never moves two steps;
// - focus in a text field (a textarea, an editable element, an <input> of a text type such as the kernel grid's
//   cells): the key keeps its text meaning (the caret moves), nothing moves;
// - focus in any other field (number boxes included: PageUp / PageDown mean nothing to them, and a clicker must move
//   the step): the key clicks the button and goes no further (a slider would otherwise move by a page too).
//
// data: {prev: the Previous button's key, next: the Next button's key} (Streamlit puts st-key-<key> on its container).

const FIELDS = new Set(["INPUT", "TEXTAREA", "SELECT"]);
const TEXT_TYPES = new Set(["text", "search", "email", "url", "tel", "password"]);

// The field that has the key, found as Streamlit looks for it; null when there is none.
function field(event) {
  return event.composedPath().find((node) => FIELDS.has(node.tagName) || node.isContentEditable) || null;
}

function isText(node) {
  if (node.tagName === "INPUT") return TEXT_TYPES.has(node.type);
  return node.tagName === "TEXTAREA" || node.isContentEditable;
}

function buttonKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return null;
  const keys = window.__convlab.pageKeys;
  return event.key === "PageDown" ? keys.next : event.key === "PageUp" ? keys.prev : null;
}

function onKeyDown(event) {
  const key = buttonKey(event);
  const target = key && field(event);
  if (!target || isText(target)) return;  // Streamlit's shortcut moves, or the text field keeps the key
  const button = document.querySelector(`.st-key-${CSS.escape(key)} button`);
  if (!button) return;  // another page: its buttons are gone
  event.preventDefault();
  event.stopPropagation();  // the widget must not take the key too
  if (!button.disabled) button.click();
}

export default function ({data}) {
  const convlab = (window.__convlab ??= {});  // the page's one ConvLab global
  if (!convlab.pageKeys) document.addEventListener("keydown", onKeyDown, true);
  convlab.pageKeys = {prev: data && data.prev, next: data && data.next};
}

// ConvLab address bar: a change of the query string on the same page replaces the browser's current history entry
// instead of adding one; a change of page still adds one.
//
// Explore, Train and the Lesson keep their settings (and the Lesson its step) in the query string, and Streamlit adds
// a history entry for every change of it: after ten edits, Back took ten presses to leave the page, each restoring
// the same view (the page keeps its settings in the session); arriving on the Lesson (?step=1 written by its first
// run) took two presses. Settings are not places to go back to. Installed once per browser page by an element that
// app.py draws on every page (ui/address_bar.py); it draws nothing.

export default function () {
  const convlab = (window.__convlab ??= {});  // the page's one ConvLab global
  if (convlab.addressBar) return undefined;
  convlab.addressBar = true;
  const push = history.pushState.bind(history);
  history.pushState = (state, title, url) => {
    let samePage = false;
    try {
      samePage = url != null && new URL(url, location.href).pathname === location.pathname;
    } catch (error) {  // an address we cannot read: the browser's own behaviour
      samePage = false;
    }
    return samePage ? history.replaceState(state, title, url) : push(state, title, url);
  };
  return undefined;
}

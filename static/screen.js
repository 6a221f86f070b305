// ConvLab screen: tells the server whether the page is read on a narrow screen (a phone), where Streamlit stacks
// columns and the pages stack the panels of their combined charts too. Draws nothing.
//
// It reports only a change from what the server believes (data.narrow): a wide screen, the server's first guess,
// costs no rerun; turning a phone or narrowing a window across data.below px reports again.
//
// data: {narrow: the server's belief, below: the width in CSS px under which a screen is narrow}.

function report(state) {
  const narrow = window.innerWidth < state.below;
  if (narrow !== state.narrow) {
    state.narrow = narrow;
    state.setStateValue("narrow", narrow);
  }
}

export default function ({data, setStateValue}) {
  const convlab = (window.__convlab ??= {});  // the page's one ConvLab global
  const state = (convlab.screen ??= {});
  state.setStateValue = setStateValue;
  state.below = (data && data.below) || 640;
  state.narrow = !!(data && data.narrow);
  if (!state.listening) {
    state.listening = true;
    window.addEventListener("resize", () => report(state));
  }
  report(state);
}

// ConvLab live chart: a pick in a select box, or an option of a switch, previewed at once (Explore). One page-wide
// pair of listeners (capturing: they run before the box's own, which closes the list) catches the click or Enter that
// picks an option of an open box, and the pointer or focus that goes to a box (to fetch what its picks need). Two
// kinds of box:
// - a kernel grid's preset box: static/kernel_grid.js registers what its options mean (window.__convlab.pickBoxes,
//   box key -> {pick(label)});
// - Explore's sample box: window.__convlab.sampleOffer (ui/components/sample_preview.py) holds the box's labels and
//   each sample's X as it travels, inline or as a static file fetched when the box is first used; a pick of another
//   sample redraws X and Y (inputs.js previewInput).
// A click on an option of a switch (Explore's correlation / convolution, X's transform) goes to inputs.js too
// (previewSwitch).

const NS = (window.__convlab ??= {});
const sibling = (name) => import(new URL(`./${name}${new URL(import.meta.url).search}`, import.meta.url).href);
const {previewInput, previewSwitch} = await sibling("inputs.js");

const FILES = (NS.sampleFiles ??= {});  // a sample file's URL -> its bytes (Uint8Array), or a promise while on its way

function fetchSamples(offer) {
  for (const [name, entry] of Object.entries(offer.entries)) {
    const url = entry.url;
    if (!url || FILES[url] || name === offer.current) continue;  // the current one: fetched once another is
    FILES[url] = fetch(new URL(url, document.baseURI).href)
      .then((answer) => (answer.ok ? answer.arrayBuffer() : Promise.reject(new Error(`${answer.status} ${url}`))))
      .then((buffer) => { FILES[url] = new Uint8Array(buffer); })
      .catch((error) => { delete FILES[url]; console.error("ConvLab sample preview:", error); });
  }
}

function pickSample(offer, label) {
  const name = offer.names[label], entry = name && name !== offer.current && offer.entries[name];
  const bytes = entry && (entry.bytes || FILES[entry.url]);
  if (bytes instanceof Uint8Array) previewInput(entry, bytes, offer.xform);  // a pick of the current sample: no rerun
}

// Box key -> {pick(label), open()} for every box of the page whose picks can be previewed.
function boxes() {
  const all = {...NS.pickBoxes};
  const offer = NS.sampleOffer;
  if (offer) all[offer.box] = {pick: (label) => pickSample(offer, label), open: () => fetchSamples(offer)};
  return all;
}

function picked(option) {
  if (!option) return;
  for (const [box, {pick}] of Object.entries(boxes())) {
    if (document.querySelector(`.st-key-${box} [role=combobox][aria-expanded=true]`)) pick(option.textContent.trim());
  }
}

function used(target) {
  for (const [box, {open}] of Object.entries(boxes())) if (open && target.closest?.(`.st-key-${box}`)) open();
}

if (!NS.pickListener) {
  NS.pickListener = true;
  document.addEventListener("click", (event) => {
    picked(event.target.closest?.("[role=option]"));
    const button = event.target.closest?.("button");
    if (button) previewSwitch(button);  // an option of a switch that turns the kernel (preview.js)
  }, true);
  document.addEventListener("keydown", (event) => {
    const id = event.key === "Enter" && event.target.getAttribute?.("aria-activedescendant");
    if (id) picked(document.getElementById(id));
  }, true);
  document.addEventListener("pointerdown", (event) => used(event.target), true);
  document.addEventListener("focusin", (event) => used(event.target), true);
}

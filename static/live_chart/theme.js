// ConvLab live chart: Streamlit's Plotly theme and config, as its frontend applies them to st.plotly_chart
// (PlotlyChart, Streamlit 1.67): a raw Plotly.react gets none, so the chart applies them itself.

const PALETTE = {gray10: "#fafafa", gray30: "#e6eaf1", gray70: "#808495", gray85: "#31333F", gray90: "#262730",
                 blue40: "#83c9ff", blue80: "#0068c9", red40: "#ffabab", red80: "#ff2b2b", green40: "#7defa1",
                 blueGreen80: "#29b09d"};
const DEFAULT_CATEGORICAL = ["#0068c9", "#83c9ff", "#ff2b2b", "#ffabab", "#29b09d", "#7defa1", "#ff8700", "#ffd16a",
                             "#6d3fc0", "#d5dae5"];
const DEFAULT_SEQUENTIAL = ["#e4f5ff", "#c7ebff", "#a6dcff", "#83c9ff", "#60b4ff", "#3d9df3", "#1c83e1", "#0068c9",
                            "#0054a3", "#004280"];
const DEFAULT_DIVERGING = ["#7d353b", "#bd4043", "#ff4b4b", "#ff8c8c", "#ffc7c7", "#a6dcff", "#60b4ff", "#1c83e1",
                           "#0054a3", "#004280"];
// theme=None: Plotly's own colours for Streamlit's placeholders
const PLAIN = {"#000001": "#636efa", "#000002": "#EF553B", "#000003": "#00cc96", "#000004": "#ab63fa",
               "#000005": "#FFA15A", "#000006": "#19d3f3", "#000007": "#FF6692", "#000008": "#B6E880",
               "#000009": "#FF97FF", "#000010": "#FECB52", "#000011": "#0d0887", "#000012": "#46039f",
               "#000013": "#7201a8", "#000014": "#9c179e", "#000015": "#bd3786", "#000016": "#d8576b",
               "#000017": "#ed7953", "#000018": "#fb9f3a", "#000019": "#fdca26", "#000020": "#f0f921",
               "#000021": "#8e0152", "#000022": "#c51b7d", "#000023": "#de77ae", "#000024": "#f1b6da",
               "#000025": "#fde0ef", "#000026": "#e6f5d0", "#000027": "#b8e186", "#000028": "#7fbc41",
               "#000029": "#4d9221", "#000030": "#276419", "#000032": "#3D9970", "#000033": "#FF4136",
               "#000034": "#4499FF", "#000035": "#B2B5BE", "#000036": "#2a3f5f", "#000037": "#2a3f5f",
               "#000038": "#EBF0F8", "#000039": "white", "#000040": "#C8D4E3"};

function rgb(colour) {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (hex) {
    const h = hex[1].length === 3 ? hex[1].replace(/./g, (c) => c + c) : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  }
  const m = /rgba?\(([^)]*)\)/.exec(colour);
  return m ? m[1].split(",").slice(0, 3).map((v) => parseFloat(v)) : [255, 255, 255];
}

function luminance(colour) {
  const [r, g, b] = rgb(colour).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const family = (css) => css.replace(/\s*,\s*/g, ", ");  // as Streamlit writes it ('"Source Sans", sans-serif')

// The app's theme, from the --st-* custom properties Streamlit sets around every component.
function readTheme(host) {
  const css = getComputedStyle(host);
  const v = (name, fallback) => css.getPropertyValue(`--st-${name}`).trim() || fallback;
  const list = (name, fallback) => {
    const parts = v(name, "").split(",").map((s) => s.trim()).filter(Boolean);
    return parts.length >= 10 ? parts : fallback;
  };
  const bg = v("background-color", "#ffffff");
  const text = v("text-color", "#31333F");
  const secondaryBg = v("secondary-background-color", "#f0f2f6");
  const light = luminance(bg) > 0.5;
  const basePx = parseFloat(v("base-font-size", "16px")) || 16;  // the theme's rem (presenter mode's larger root font
                                                                  // does not reach Streamlit's chart theme either)
  const [tr, tg, tb] = rgb(text);
  const [br, bgg, bb] = rgb(bg);
  const [sr, sg, sb] = rgb(secondaryBg);
  return {
    bg, text, light, rem: (x) => x * basePx,
    heading: v("heading-color", text), border: v("border-color", `rgba(${tr}, ${tg}, ${tb}, 0.2)`),
    font: family(v("font", "sans-serif")), headingFont: family(v("heading-font", v("font", "sans-serif"))),
    weight: parseInt(v("base-font-weight", "400"), 10) || 400,
    muted: light ? PALETTE.gray70 : PALETTE.gray30,      // axis text (Streamlit's gray70 / gray30)
    grid: light ? PALETTE.gray30 : PALETTE.gray85,       // grid and tick lines
    strong: light ? PALETTE.gray90 : PALETTE.gray10,     // legend text
    categorical: list("chart-categorical-colors", DEFAULT_CATEGORICAL),
    sequential: list("chart-sequential-colors", DEFAULT_SEQUENTIAL),
    diverging: list("chart-diverging-colors", DEFAULT_DIVERGING),
    increasing: light ? PALETTE.blueGreen80 : PALETTE.green40,
    decreasing: light ? PALETTE.red80 : PALETTE.red40,
    total: light ? PALETTE.blue80 : PALETTE.blue40,
    faded05: `rgba(${tr}, ${tg}, ${tb}, 0.1)`,
    bgMix: `rgb(${Math.round((br + sr) / 2)}, ${Math.round((bgg + sg) / 2)}, ${Math.round((bb + sb) / 2)})`,
  };
}

// Streamlit's Python template carries placeholder colours (#000001...) that its frontend swaps for the theme's.
function placeholderMap(t) {
  const map = {};
  const put = (first, colours) => colours.slice(0, 10).forEach((c, i) => {
    map[`#0000${String(first + i).padStart(2, "0")}`] = c;
  });
  put(1, t.categorical);
  put(11, t.sequential);
  put(21, t.diverging);
  Object.assign(map, {"#000032": t.increasing, "#000033": t.decreasing, "#000034": t.total, "#000035": t.grid,
                      "#000036": t.muted, "#000037": t.strong, "#000038": t.bg, "#000039": t.faded05,
                      "#000040": t.bgMix});
  return map;
}

function templateLayout(t) {
  const px = t.rem;
  return {
    font: {color: t.muted, family: t.font, size: px(0.75), weight: t.weight},
    title: {font: {family: t.headingFont, size: px(1), color: t.heading}, pad: {l: px(0.25)}, xanchor: "left", x: 0},
    legend: {title: {font: {size: px(0.75), color: t.muted}, side: "top"}, valign: "top", bordercolor: "transparent",
             borderwidth: 0, font: {size: px(0.75), color: t.strong}},
    paper_bgcolor: t.bg, plot_bgcolor: t.bg,
    yaxis: {ticklabelposition: "outside", zerolinecolor: t.grid, title: {font: {color: t.muted, size: px(0.875)},
            standoff: px(1.5)}, tickcolor: t.grid, tickfont: {color: t.muted, size: px(0.75)}, gridcolor: t.grid,
            minor: {gridcolor: t.grid}, automargin: true},
    xaxis: {zerolinecolor: t.grid, gridcolor: t.grid, showgrid: false, tickfont: {color: t.muted, size: px(0.75)},
            tickcolor: t.grid, title: {font: {color: t.muted, size: px(0.875)}, standoff: px(1.25)},
            minor: {gridcolor: t.grid}, zeroline: false, automargin: true,
            rangeselector: {bgcolor: t.bg, bordercolor: t.grid, borderwidth: 1, x: 0}},
    margin: {pad: px(0.5), r: 0, l: 0},
    hoverlabel: {bgcolor: t.bg, bordercolor: t.border, font: {color: t.muted, family: t.font, size: px(0.75)}},
    coloraxis: {colorbar: {thickness: 16, xpad: px(1.5), ticklabelposition: "outside", outlinecolor: "transparent",
                           outlinewidth: 8, len: 0.75, y: 0.5745, title: {font: {color: t.muted, size: px(0.875)}},
                           tickfont: {color: t.muted, size: px(0.75)}}},
  };
}

const isObject = (o) => o !== null && typeof o === "object" && !Array.isArray(o);

function merge(target, source) {  // lodash.merge for plain objects: source wins
  for (const [k, v] of Object.entries(source)) {
    if (isObject(v)) target[k] = merge(isObject(target[k]) ? target[k] : {}, v);
    else target[k] = v;
  }
  return target;
}

export function themedFigure(json, themeName, host) {
  const streamlit = themeName === "streamlit";
  const t = streamlit ? readTheme(host) : null;
  const map = streamlit ? placeholderMap(t) : PLAIN;
  const fig = JSON.parse(json.replace(/#0000[0-4][0-9]/g, (m) => map[m] || m));
  fig.data = fig.data || [];
  const layout = (fig.layout = isObject(fig.layout) ? fig.layout : {});
  if (streamlit) {
    layout.template = isObject(layout.template) ? layout.template : {};
    layout.template.layout = merge(isObject(layout.template.layout) ? layout.template.layout : {}, templateLayout(t));
    if (layout.title !== undefined && layout.title !== null) {
      const title = typeof layout.title === "string" ? {text: layout.title} : isObject(layout.title) ? layout.title
        : {};
      layout.title = {...title, text: `<b>${typeof title.text === "string" ? title.text : ""}</b>`};
    }
  }
  return fig;
}

export function plotConfig(config) {  // Streamlit's defaults for a chart without selections
  const c = {...(config || {})};
  c.showSendToCloud ??= false;
  c.displaylogo ??= false;
  const remove = Array.isArray(c.modeBarButtonsToRemove) ? [...c.modeBarButtonsToRemove] : [];
  const add = (name) => remove.includes(name) || remove.push(name);
  add("lasso2d");
  add("select2d");
  if (c.showSendToCloud !== true) add("sendChartToCloud");
  c.modeBarButtonsToRemove = remove;
  return c;
}

// ConvLab live chart: Plotly.js, loaded once per browser page from the app's static folder (data.src) and shared
// by every chart (window.__convlab.plotly: a promise of Plotly), without touching a window.Plotly of Streamlit's.

const NS = (window.__convlab ??= {});  // the page's one ConvLab global (index.js lists its fields)

// Plotly.js, loaded once per browser page and shared by every instance (and by any later copy of this module).
export function loadPlotly(src) {
  if (!NS.plotly) {
    NS.plotly = new Promise((resolve, reject) => {
      const previous = window.Plotly;  // Streamlit's own chart chunk may have set one: leave it as it was
      const hadModuleName = "moduleName" in window;  // the UMD wrapper also writes window.moduleName
      const script = document.createElement("script");
      script.src = new URL(src, document.baseURI).href;
      script.async = true;
      script.onload = () => {
        const plotly = window.Plotly;
        if (previous !== undefined) window.Plotly = previous;
        if (!hadModuleName) delete window.moduleName;
        plotly ? resolve(plotly) : reject(new Error(`${src} did not define Plotly`));
      };
      script.onerror = () => {
        NS.plotly = null;  // a later frame may try again
        reject(new Error(`could not load ${src}`));
      };
      document.head.appendChild(script);
    });
  }
  return NS.plotly;
}

// Removes a chart's plot, if Plotly was ever loaded (an unmounted chart).
export function purge(div) {
  if (NS.plotly) NS.plotly.then((Plotly) => Plotly.purge(div)).catch(() => {});
}

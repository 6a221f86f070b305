"""Components whose code is a static ES module (static/, served by Streamlit at app/static/): each element carries a
few lines that import the module once per browser page, instead of the module's text with every rerun."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import streamlit as st


def static_serving() -> bool:
    """Whether Streamlit serves static/ (server.enableStaticServing, .streamlit/config.toml)."""
    return bool(st.get_option("server.enableStaticServing"))


def file_version(*paths: Path) -> str:
    """A short digest of the files' bytes: a changed file is a new ?v= in its URL, so no cache serves it stale."""
    return hashlib.sha1(b"".join(path.read_bytes() for path in paths)).hexdigest()[:12]


def folder_version(folder: Path) -> str:
    """A short digest of every file in `folder` (names and bytes, sorted by path): any change is a new version.

    Streamlit's static serving sends no Cache-Control, so a browser may reuse a file it holds without asking: the
    version goes into the entry's URL (?v=), and each module imports its siblings at the same ?v= (read from its
    own import.meta.url; static/live_chart/index.js says why). A change to any module is a new URL for all of them."""
    digest = hashlib.sha1()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def loader_js(module_url: str, what: str) -> str:
    """A component's js that imports `module_url` (relative to the page; once per page, shared by every element that
    names it) and hands each render to the module's default export; `what` names it in a failure's message."""
    return """const MODULE = %s;
const modules = ((window.__convlab ??= {}).modules ??= {});
export default function (component) {
  const load = (modules[MODULE] ??= import(new URL(MODULE, document.baseURI).href));
  let cleanup = null, gone = false;
  load.then((module) => { if (!gone) cleanup = module.default(component); }).catch((error) => {
    delete modules[MODULE];  // a later call may try again
    console.error("ConvLab %s:", error);
    component.parentElement.textContent = `%s not drawn: ${error.message}`;
  });
  return () => { gone = true; if (cleanup) cleanup(); };
}
""" % (json.dumps(module_url), what.lower(), what)

"""deploy/serve_class.py: the nginx config it renders for N processes, and what that nginx serves from disk."""

from __future__ import annotations

import gzip
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from deploy import serve_class

ROOT = serve_class.ROOT
LONG = "public, max-age=31536000, immutable"


def addresses(n: int, first: int = 9001) -> list[str]:
    return [f"127.0.0.1:{first + k}" for k in range(n)]


def block(text: str, head: str) -> str:
    """The body of the block that starts with `head {` (no nested braces in these blocks)."""
    m = re.search(re.escape(head) + r" \{\n(.*?)\n\}", text, re.S)
    assert m, head
    return m[1]


@pytest.mark.parametrize("n", [1, 2, 3, 8])
def test_render_gives_each_of_n_processes_an_upstream_a_cookie_and_a_name(n: int) -> None:
    addrs = addresses(n)
    text = serve_class.render(addrs, listen="127.0.0.1:8099", access_log="/tmp/a.log convlab",
                              streamlit_static=Path("/st/static"), app_root=Path("/srv/convlab"))
    assert not re.findall(r"@[A-Z_]+@", re.sub(r"#.*", "", text))  # every field filled (comments may name them)
    assert re.findall(r"server (\S+);", block(text, "upstream convlab_any")) == addrs
    for k, addr in enumerate(addrs, 1):
        servers = re.findall(r"server (\S+)( backup)?", block(text, f"upstream convlab_r{k}"))
        assert servers[0] == (addr, "") and sorted(a for a, _ in servers) == sorted(addrs)  # itself first
        assert all(b == " backup" for _, b in servers[1:])
    assert len(re.findall(r"^upstream convlab_r\d+ \{", text, re.M)) == n
    cookie_map = block(text, "map $cookie_convlab_replica $convlab_upstream").split("\n")[1:]
    assert [line.split() for line in cookie_map] == [[f"r{k}", f"convlab_r{k};"] for k in range(1, n + 1)]
    addr_map = block(text, "map $convlab_last_addr $convlab_served_by").split("\n")[1:]
    assert [line.split() for line in addr_map] == [[a, f"r{k};"] for k, a in enumerate(addrs, 1)]
    assert "listen 127.0.0.1:8099;" in text and "access_log /tmp/a.log convlab;" in text
    assert "root /st/static;" in text and "alias /srv/convlab/static/;" in text


def test_render_refuses_host_names_duplicates_and_nothing() -> None:
    for bad in ([], ["localhost"], ["127.0.0.1:8501", "127.0.0.1:8501"], ["127.0.0.1:85x1"], ["1.2.3.4:1;evil"]):
        with pytest.raises(ValueError):
            serve_class.render(bad, streamlit_static=Path("/st"))


def test_the_command_line_renders_n_processes_from_the_first_port() -> None:
    out = subprocess.run([sys.executable, "-m", "deploy.serve_class", "render", "-n", "4", "--first-port", "9500"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert re.findall(r"server (\S+);", block(out.stdout, "upstream convlab_any")) == addresses(4, 9500)
    assert f"root {serve_class.streamlit_static_dir()};" in out.stdout
    assert f"alias {ROOT}/static/;" in out.stdout


def test_precompress_writes_once_and_again_after_a_change(tmp_path: Path) -> None:
    source = tmp_path / "plotly.min.js"
    source.write_bytes(b"var Plotly = 1;" * 1000)
    assert serve_class.precompress(source)
    packed = tmp_path / "plotly.min.js.gz"
    assert gzip.decompress(packed.read_bytes()) == source.read_bytes()
    stamp = packed.stat().st_mtime_ns
    assert serve_class.precompress(source) and packed.stat().st_mtime_ns == stamp  # up to date: untouched
    source.write_bytes(b"var Plotly = 2;" * 1000)
    os.utime(source, ns=(stamp + 10**9, stamp + 10**9))
    assert serve_class.precompress(source)
    assert gzip.decompress(packed.read_bytes()) == source.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plotly.min.js", "plotly.min.js.gz"]  # no temp file left


def test_prepare_static_precompresses_what_nginx_would_compress_per_request(tmp_path: Path) -> None:
    frontend, app = tmp_path / "streamlit_static", tmp_path / "app_static"
    files = {frontend / "static" / "js" / "index.C1JORDN2.js": b"var a = 1;" * 500,
             frontend / "static" / "css" / "index.Bq2.css": b"a { color: red }" * 200,
             frontend / "manifest.json": b'{"a": 1}' * 300,
             frontend / "static" / "media" / "font.woff2": b"w" * 5000,  # compressed already: sent as it is
             frontend / "static" / "js" / "tiny.js": b"var t;",  # under gzip_min_length: never compressed
             app / "vendor" / "plotly-cartesian.min.js": b"var Plotly = {};" * 800,
             app / "samples" / "photo.bin": bytes(range(256)) * 40}
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    serve_class.prepare_static(streamlit_static=frontend, app_static=app)
    packed = {path for path in tmp_path.rglob("*.gz")}
    expected = {path.with_name(path.name + ".gz") for path in files if path.suffix not in (".woff2",)
                and path.name != "tiny.js"}
    assert packed == expected
    for path in expected:
        assert gzip.decompress(path.read_bytes()) == files[path.with_suffix("")]


# --- nginx from the rendered template, with no app process behind it: what it serves, it serves from disk ---


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SENT: list[str] = []  # every URL get() asked for, so a test knows how many access-log lines to wait for


def get(url: str, gz: bool = False) -> tuple[int, dict[str, str], bytes]:
    SENT.append(url)
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gz else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.fixture
def static_nginx(tmp_path: Path):
    """nginx on a free port; its app upstreams point at ports nobody listens on; app_root is a stand-in checkout."""
    binary = serve_class.nginx_binary()
    if binary is None:
        pytest.skip("nginx is not installed: `apt-get install nginx` (Debian)")
    app_root = tmp_path / "checkout"
    (app_root / "static" / "live_chart").mkdir(parents=True)
    (app_root / "static" / "plotly.min.js").write_bytes(b"/* plotly */ var Plotly = {};\n" * 2000)
    (app_root / "static" / "live_chart" / "index.js").write_text("export default function () {}\n")
    serve_class.precompress(app_root / "static" / "plotly.min.js")
    run = tmp_path / "run"
    run.mkdir()
    listen = free_port()
    site = run / "convlab.conf"
    site.write_text(serve_class.render(addresses(2, free_port()), listen=f"127.0.0.1:{listen}",
                                       access_log=f"{run}/access.log static", app_root=app_root))
    conf = serve_class.main_config(run, site, workers="1",
                                   extra_http="log_format static '$status \"$request\" upstream=$upstream_addr';")
    check = subprocess.run(serve_class.nginx_cmd(binary, run, conf, "-t"), capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen(serve_class.nginx_cmd(binary, run, conf), stdout=subprocess.DEVNULL,
                            stderr=open(run / "nginx.stderr", "wb"), start_new_session=True)
    base = f"http://127.0.0.1:{listen}"
    try:
        deadline = time.monotonic() + 30
        while True:  # nginx answers as soon as it listens
            assert proc.poll() is None, (run / "nginx.stderr").read_text()
            try:
                socket.create_connection(("127.0.0.1", listen), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "nginx did not listen"
                time.sleep(0.05)
        yield base, app_root, run / "access.log"
    finally:
        os.killpg(proc.pid, signal.SIGQUIT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def read_log(path: Path, lines: int, timeout: float = 10) -> list[tuple[str, str, str]]:
    """(status, path, upstream) per line, once `lines` lines are there (nginx logs a request after answering it)."""
    deadline = time.monotonic() + timeout
    while len(text := path.read_text().splitlines()) < lines:
        assert time.monotonic() < deadline, f"{len(text)} of {lines} requests logged"
        time.sleep(0.05)
    return [re.match(r'(\d+) "\S+ (\S+) [^"]*" upstream=(.*)$', line).groups() for line in text]


def test_nginx_serves_the_frontend_and_app_static_from_disk_with_cache_headers(static_nginx) -> None:
    base, app_root, log = static_nginx
    SENT.clear()
    st_static = serve_class.streamlit_static_dir()
    index = (st_static / "index.html").read_text()
    hashed = re.findall(r'"\./(static/(?:js|css|media)/[^"]+)"', index)
    assert any(h.endswith(".js") for h in hashed) and any(h.endswith(".css") for h in hashed)
    for path in hashed:
        status, headers, body = get(f"{base}/{path}", gz=True)
        assert status == 200, path
        assert headers["cache-control"] == LONG, path
        if headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        assert body == (st_static / path).read_bytes(), path
        assert "set-cookie" not in headers  # a file from nginx pins nobody
    status, headers, _ = get(f"{base}/{next(h for h in hashed if h.endswith('.js'))}")
    assert headers["content-type"] == "application/javascript"

    # Plotly.js: versioned URL -> a year; the precompressed copy is sent as it is.
    plotly = (app_root / "static" / "plotly.min.js").read_bytes()
    status, headers, body = get(f"{base}/app/static/plotly.min.js?v=6.5.0", gz=True)
    assert status == 200 and headers["cache-control"] == LONG and headers["content-encoding"] == "gzip"
    assert body == (app_root / "static" / "plotly.min.js.gz").read_bytes() and gzip.decompress(body) == plotly
    assert headers["x-content-type-options"] == "nosniff"
    status, headers, body = get(f"{base}/app/static/plotly.min.js?v=6.5.0")
    assert status == 200 and body == plotly and headers["content-type"] == "application/javascript"
    # The live chart's module with ?v= (as live_chart.MODULE_URL) -> a year; without it -> revalidate each time.
    assert get(f"{base}/app/static/live_chart/index.js?v=abc")[1]["cache-control"] == LONG
    assert get(f"{base}/app/static/live_chart/index.js")[1]["cache-control"] == "no-cache"
    assert get(f"{base}/favicon.png")[1]["cache-control"] == "no-cache"

    # Everything else goes to the app processes, which are not running here: 502, and the log names them.
    for path in ("/", "/_stcore/health", "/_stcore/host-config", "/explore", "/app/static/missing.js",
                 "/static/js/missing.js"):
        assert get(base + path)[0] == 502, path
    assert get(base + "/_stcore/script-health-check")[0] == 404  # runs the app's script: serve-class's, not visitors'
    rows = read_log(log, len(SENT))
    local = [(path, up) for status, path, up in rows if status != "502"]
    assert local and all(up == "-" for _, up in local), local  # no request served from disk reached an app process
    assert all(up != "-" for status, _, up in rows if status == "502")


def test_each_app_process_has_run_the_app_once_before_students_come(tmp_path: Path) -> None:
    """serve-class runs the app once in each process (warm_app): the import of torch it starts is then under way or
    done before the first student, who would otherwise share the process with it."""
    port = free_port()
    proc = serve_class.start_app(port, tmp_path / "app.log")
    url = f"http://127.0.0.1:{port}"
    try:
        serve_class.wait_healthy(url, proc)
        assert not loaded_torch(proc.pid)  # a started process has not imported it (app.py's first run does)
        assert serve_class.warm_app(url), (tmp_path / "app.log").read_text()
        deadline = time.monotonic() + 120
        while not loaded_torch(proc.pid):
            assert time.monotonic() < deadline, "torch never loaded after the app's first run"
            time.sleep(0.2)
    finally:
        serve_class.stop([proc], signal.SIGTERM)


def loaded_torch(pid: int) -> bool:
    """Whether the process has torch's C++ library mapped (its import has begun)."""
    return "libtorch" in Path(f"/proc/{pid}/maps").read_text()

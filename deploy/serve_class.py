"""A whole class on one host: N ConvLab processes behind nginx, sticky sessions, static files from disk.

    make serve-class                      # N = the number of cores, nginx on port 8080 (all interfaces)
    make serve-class N=4 LISTEN=127.0.0.1:8080
    .venv/bin/python -m deploy.serve_class --processes 4 --listen 8080 --first-port 8501
    .venv/bin/python -m deploy.serve_class render --upstream 10.0.0.5:8501 --upstream 10.0.0.6:8501 > convlab.conf

Why several processes: one Streamlit process is held by Python's interpreter lock and saturates at about
0.55 of a core (issue 18), so one process per core (the default) lets a class use the machine. nginx (no root
needed: its config, logs, temp files and pid live in a run folder) pins each browser to one process by a cookie
(`deploy/nginx/convlab.conf.template`) and serves Streamlit's frontend and the app's static/ itself.

Ctrl-C (or SIGTERM) stops nginx and every app process, and waits for them. docs/deploy.md, "One host, several
processes", says more.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "nginx" / "convlab.conf.template"
DEFAULT_ACCESS_LOG = "/var/log/nginx/convlab.access.log convlab"
DEFAULT_FIRST_PORT = 8501
DEFAULT_LISTEN = "8080"
# The template's fields (docs in its header); render() refuses a template that lacks one or keeps one unfilled.
FIELDS = ("@LISTEN@", "@ACCESS_LOG@", "@STREAMLIT_STATIC@", "@APP_ROOT@", "@UPSTREAM_ANY@", "@UPSTREAM_EACH@",
          "@UPSTREAM_COOKIE_MAP@", "@UPSTREAM_ADDR_MAP@")


def streamlit_static_dir() -> Path:
    """The installed streamlit package's static/ folder (index.html; static/js, static/css, static/media)."""
    import importlib.util

    spec = importlib.util.find_spec("streamlit")  # no import: finding the folder needs no streamlit start-up
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("streamlit is not installed in this Python")
    folder = Path(list(spec.submodule_search_locations)[0]) / "static"
    if not (folder / "index.html").is_file():
        raise RuntimeError(f"{folder} has no index.html: is this streamlit's frontend?")
    return folder


def upstream_blocks(addresses: list[str]) -> dict[str, str]:
    """The template's per-process fields for these app addresses (IP:port each; process k is named rk)."""
    if not addresses:
        raise ValueError("at least one app address is needed")
    if len(set(addresses)) != len(addresses):
        raise ValueError(f"an address is listed twice: {addresses}")
    for address in addresses:
        host, _, port = address.rpartition(":")
        if not host or not port.isdigit() or any(c.isspace() or c in ";{}" for c in address):
            raise ValueError(f"{address!r} is not IP:port (nginx reports upstreams as IP:port: write no host name)")
    names = [f"r{k}" for k in range(1, len(addresses) + 1)]
    each = []
    for name, address in zip(names, addresses):
        lines = [f"upstream convlab_{name} {{", f"    server {address} max_fails=1 fail_timeout=10s;"]
        lines += [f"    server {other} backup;" for other in addresses if other != address]
        each.append("\n".join(lines + ["}"]))
    return {
        "@UPSTREAM_ANY@": "\n".join(f"    server {a};" for a in addresses),
        "@UPSTREAM_EACH@": "\n\n".join(each),
        "@UPSTREAM_COOKIE_MAP@": "\n".join(f"    {n:<6} convlab_{n};" for n in names),
        "@UPSTREAM_ADDR_MAP@": "\n".join(f"    {a:<21} {n};" for n, a in zip(names, addresses)),
    }


def render(addresses: list[str], listen: str = DEFAULT_LISTEN, access_log: str = DEFAULT_ACCESS_LOG,
           streamlit_static: Path | None = None, app_root: Path = ROOT, template: Path = TEMPLATE) -> str:
    """The shipped nginx template with every field filled in: a file to include inside `http { }`."""
    text = template.read_text()
    values = {"@LISTEN@": listen, "@ACCESS_LOG@": access_log,
              "@STREAMLIT_STATIC@": str(streamlit_static or streamlit_static_dir()),
              "@APP_ROOT@": str(Path(app_root).resolve()), **upstream_blocks(addresses)}
    for field in FIELDS:
        if field not in text:
            raise ValueError(f"{template} no longer contains {field}")
        text = text.replace(field, values[field])
    left = [field for field in FIELDS if field in text]
    if left:
        raise ValueError(f"unfilled fields: {left}")
    return text


def main_config(run_dir: Path, site_conf: Path, extra_http: str = "", workers: str = "auto") -> Path:
    """nginx.conf for an unprivileged nginx whose pid, logs and temp files all live in run_dir; includes site_conf."""
    temps = "\n".join(f"    {d}_temp_path {run_dir}/{d};" for d in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    text = (("user root;\n" if os.geteuid() == 0 else "")  # as root nginx would switch to `nobody`
            + f"worker_processes {workers};\n"
            + "worker_rlimit_nofile 8192;\n"
            + f"pid {run_dir}/nginx.pid;\n"
            + f"error_log {run_dir}/error.log warn;\n"
            + "events { worker_connections 4096; }\n"
            + "http {\n" + temps + "\n"
            + (f"    {extra_http}\n" if extra_http else "")
            + f"    include {site_conf};\n}}\n")
    path = run_dir / "nginx.conf"
    path.write_text(text)
    return path


def nginx_binary() -> str | None:
    """Path of the nginx executable, if installed (Debian puts it in /usr/sbin, often not on a user's PATH)."""
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found if os.access(found, os.X_OK) else None


def nginx_cmd(binary: str, run_dir: Path, conf: Path, *extra: str) -> list[str]:
    """An nginx command line in the foreground whose prefix and error log live in run_dir."""
    return [binary, "-p", str(run_dir), "-e", str(run_dir / "error.log"), "-c", str(conf), "-g", "daemon off;",
            *extra]


def precompress(path: Path) -> bool:
    """Write path.gz beside path (for nginx's gzip_static) unless an up-to-date one is there; False if not writable.

    The Plotly.js bundle is 1.5 MB: compressing it per request would cost nginx ~16 ms of CPU per student."""
    target = path.with_name(path.name + ".gz")
    try:
        if target.is_file() and target.stat().st_mtime_ns >= path.stat().st_mtime_ns:
            return True
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".gz-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
                out.write(path.read_bytes())
            os.chmod(temp, 0o644)
            os.replace(temp, target)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
        return True
    except OSError:
        return False


# The files the template's gzip_types and types {} compress per request (gzip_min_length: 1024 bytes); others are
# compressed already (fonts, pictures) or never sent from disk.
COMPRESSED_PER_REQUEST = (".js", ".mjs", ".css", ".json", ".map", ".svg", ".txt", ".bin")
GZIP_MIN_BYTES = 1024


def precompress_folder(folder: Path) -> list[Path]:
    """precompress() every file under `folder` that nginx would otherwise compress per request; those not written.

    Streamlit's frontend is ~130 files and 10 MB a first visit: compressed per request, 40 students arriving at once
    cost nginx seconds of CPU on the cores the app processes need (issue 18's arrivals: p95 3.2-3.5 -> 2.2-2.8 s)."""
    return [path for path in sorted(folder.rglob("*"))
            if path.suffix in COMPRESSED_PER_REQUEST and path.is_file() and path.stat().st_size >= GZIP_MIN_BYTES
            and not precompress(path)]


def prepare_static(streamlit_static: Path | None = None, app_static: Path = ROOT / "static") -> None:
    """Precompress what nginx serves from disk: Streamlit's frontend and the app's static/ (Plotly.js, samples)."""
    for folder in (streamlit_static or streamlit_static_dir(), app_static):
        missed = precompress_folder(folder)
        if missed:
            print(f"serve-class: {len(missed)} files in {folder} have no .gz beside them (not writable): nginx "
                  "compresses them per request", file=sys.stderr)


def start_app(port: int, log_path: Path) -> subprocess.Popen:
    """One headless app process on 127.0.0.1:port, in its own process group, logging to log_path."""
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.scriptHealthCheckEnabled", "true"]  # warm_app runs the app once through it
    with open(log_path, "ab") as log:
        return subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    """Block until url/_stcore/health answers ok; fail if the process died or took longer than timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not become healthy within {timeout:.0f} s")


def warm_app(url: str, timeout: float = 90) -> bool:
    """Run the app's script once in the process at url (Streamlit's script health check), as a first visitor would:
    it starts the background import of torch, so the first students do not share the process with it (~2.7 s of
    CPU). True when the script ran without an error."""
    try:
        with urllib.request.urlopen(url + "/_stcore/script-health-check", timeout=timeout) as response:
            return response.read().strip() == b"ok"
    except OSError:
        return False


def stop(procs: list[subprocess.Popen], sig: int, timeout: float = 20) -> None:
    """Send sig to each running process's group, wait for all of them, SIGKILL whoever outlives timeout."""
    for proc in procs:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + timeout
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def serve(processes: int, listen: str, first_port: int, run_dir: Path | None) -> int:
    """Start the app processes and nginx, then wait until one of them exits or we are told to stop."""
    binary = nginx_binary()
    if binary is None:
        print("serve-class: nginx is not installed (Debian: `sudo apt-get install nginx`)", file=sys.stderr)
        return 2
    run_dir = Path(run_dir or tempfile.mkdtemp(prefix="convlab-class-")).resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    ports = list(range(first_port, first_port + processes))
    addresses = [f"127.0.0.1:{port}" for port in ports]
    site = run_dir / "convlab.conf"
    site.write_text(render(addresses, listen=listen, access_log=f"{run_dir}/access.log convlab"))
    conf = main_config(run_dir, site)
    check = subprocess.run(nginx_cmd(binary, run_dir, conf, "-t"), capture_output=True, text=True)
    if check.returncode != 0:
        print(check.stderr, file=sys.stderr)
        return 2
    prepare_static()

    stopping = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    apps: list[subprocess.Popen] = []
    nginx: subprocess.Popen | None = None
    code = 0
    try:
        print(f"serve-class: {processes} app processes on ports {ports[0]}-{ports[-1]}, run folder {run_dir}")
        apps = [start_app(port, run_dir / f"app-{port}.log") for port in ports]
        deadline = time.monotonic() + 240  # `import torch` in N processes at once on a few cores
        for address, proc in zip(addresses, apps):
            while True:  # in 1 s steps, so that Ctrl-C is heard while the processes start
                try:
                    wait_healthy(f"http://{address}", proc, timeout=1)
                    break
                except TimeoutError:
                    if stopping:
                        return 0
                    if time.monotonic() > deadline:
                        raise
        for address in addresses:
            if not warm_app(f"http://{address}"):
                print(f"serve-class: the app's first run in {address} failed (see its log in {run_dir}); the first "
                      "visitor there will wait for it", file=sys.stderr)
        nginx = subprocess.Popen(nginx_cmd(binary, run_dir, conf), stdin=subprocess.DEVNULL,
                                 stderr=open(run_dir / "nginx.stderr", "wb"), start_new_session=True)
        print(f"serve-class: ConvLab on http://<this host>:{listen.rpartition(':')[2]}/ (nginx, listen {listen}). "
              "Ctrl-C stops everything.", flush=True)
        while not stopping:
            dead = [p for p in [nginx, *apps] if p.poll() is not None]
            if dead:
                print(f"serve-class: {dead[0].args[0]} (pid {dead[0].pid}) exited with {dead[0].returncode}; "
                      f"stopping the others (logs in {run_dir})", file=sys.stderr)
                code = 1
                break
            time.sleep(0.5)
    except (RuntimeError, TimeoutError) as error:
        print(f"serve-class: {error} (logs in {run_dir})", file=sys.stderr)
        code = 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not leave orphans behind
        print("serve-class: stopping nginx and the app processes...", flush=True)
        if nginx is not None:
            stop([nginx], signal.SIGQUIT)  # graceful: finish the responses in flight
        stop(apps, signal.SIGTERM)
        print("serve-class: stopped", flush=True)
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve_class", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    parser.add_argument("--processes", "-n", type=int, default=os.cpu_count() or 1,
                        help="app processes (default: the number of cores, %(default)s here)")
    parser.add_argument("--listen", default=DEFAULT_LISTEN,
                        help="nginx's listen address (default %(default)s: every interface; 127.0.0.1:8080: this host)")
    parser.add_argument("--first-port", type=int, default=DEFAULT_FIRST_PORT,
                        help="the first app process's port on 127.0.0.1; the others follow (default %(default)s)")
    parser.add_argument("--run-dir", type=Path, help="nginx's config, logs and pid, and the app logs (default: a new "
                        "temporary folder)")
    rend = sub.add_parser("render", help="print the nginx config for these app addresses (to include in http {})")
    rend.add_argument("--upstream", action="append", dest="upstreams", metavar="IP:PORT",
                      help="an app process's address; repeat it for each (default: --processes from --first-port)")
    rend.add_argument("--processes", "-n", type=int, default=None)
    rend.add_argument("--first-port", type=int, default=DEFAULT_FIRST_PORT)
    rend.add_argument("--listen", default=DEFAULT_LISTEN)
    rend.add_argument("--access-log", default=DEFAULT_ACCESS_LOG, help="access_log's arguments (default %(default)s)")
    rend.add_argument("--streamlit-static", type=Path, help="streamlit's static/ folder on the nginx host "
                      "(default: this Python's streamlit)")
    rend.add_argument("--app-root", type=Path, default=ROOT, help="the ConvLab checkout on the nginx host")
    args = parser.parse_args(argv)
    if args.command == "render":
        n = args.processes or os.cpu_count() or 1
        addresses = args.upstreams or [f"127.0.0.1:{args.first_port + k}" for k in range(n)]
        sys.stdout.write(render(addresses, listen=args.listen, access_log=args.access_log,
                                streamlit_static=args.streamlit_static, app_root=args.app_root))
        return 0
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    return serve(args.processes, args.listen, args.first_port, args.run_dir)


if __name__ == "__main__":
    sys.exit(main())

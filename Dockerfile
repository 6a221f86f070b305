# ConvLab in one container: the Streamlit app on port 8501, CPU-only PyTorch, run as a non-root user.
#
# Build:  docker build -t convlab .
# Run:    docker run --rm -p 8501:8501 convlab          (then open http://localhost:8501)
#
# PyTorch: requirements.txt pins torch==2.13.0 exactly. On Linux x86_64 the default package index
# serves a CUDA build of that version (several GB of GPU libraries this app never uses), so the
# machine that builds the image must give pip the CPU wheel. pip reads its usual environment
# variables, passed as build arguments (no index address is written in this file):
#   docker build --build-arg PIP_EXTRA_INDEX_URL=<your CPU wheel index> -t convlab .
# or PIP_INDEX_URL for a mirror that carries everything. Build arguments are visible in
# `docker history`: never put credentials in them. See docs/deploy.md.
FROM python:3.11-slim

ARG PIP_INDEX_URL
ARG PIP_EXTRA_INDEX_URL

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    STREAMLIT_SERVER_HEADLESS=true \
    OMP_NUM_THREADS=1

WORKDIR /app

# Dependencies first, so editing the app does not reinstall torch.
COPY requirements.txt ./
RUN pip install -r requirements.txt \
    && python -c "import torch; assert not torch.version.cuda, 'a CUDA build of torch was installed: see the note at the top'"

# The app; .dockerignore keeps out the virtual environment, tests, git history and secrets.
COPY . .

# Plotly.js for the live charts is in the repository (static/vendor/plotly-cartesian.min.js, served as app/static/):
# without it ui/components/live_chart.py would fall back to st.plotly_chart.
RUN test -s static/vendor/plotly-cartesian.min.js

# Code stays owned by root and read-only to the app; the user only needs a home for Streamlit's own files.
RUN groupadd --gid 10001 convlab \
    && useradd --uid 10001 --gid 10001 --create-home --shell /usr/sbin/nologin convlab
USER 10001:10001

EXPOSE 8501

# slim has no curl: ask the health endpoint with the standard library.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4); sys.exit(0 if r.read().strip() == b'ok' else 1)"

CMD ["streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501", "--server.headless", "true"]

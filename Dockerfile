# Kennisgraaf app image for production on Neo4j (see docker-compose.yml). The embedded engine also works in it.
FROM python:3.11-slim

# libgomp1: the embedded FalkorDB module needs it. Nothing is fetched at run time.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 kennisgraaf
WORKDIR /app
COPY . .
# Editable install: the package finds queries/ and seed/ beside itself.
RUN pip install --no-cache-dir -e . \
    && install -m 0755 docker/entrypoint.sh /usr/local/bin/kennisgraaf-entrypoint

USER kennisgraaf
ENV KENNISGRAAF_DATA_DIR=/home/kennisgraaf/data \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
EXPOSE 8501 8502
ENTRYPOINT ["kennisgraaf-entrypoint"]

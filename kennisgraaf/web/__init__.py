"""The read-only HTTP API (`kennisgraaf api`): FastAPI over the Kennisgraaf core, served by uvicorn."""

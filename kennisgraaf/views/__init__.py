"""Helpers for the app that do not need Streamlit: graph pictures, links, filters, serving."""

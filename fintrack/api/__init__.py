"""The JSON API under `/api`: what the screens do, over HTTP, for scripts, spreadsheets and other tools.

A FastAPI application mounted beside the screens by `server.py`; every route calls `fintrack.services`
with the owner of the bearer token, so the API and the screens cannot disagree. No streamlit imports.
"""

"""HTTP routes served beside Streamlit (Starlette): the sign-in cookie flow. No streamlit imports."""

"""The only part of fintrack that imports streamlit: gate, resources, state keys and shared widgets."""

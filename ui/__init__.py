"""Streamlit widgets and helpers shared by the pages (the pages stay thin; no maths here)."""

"""train page (under construction)."""

import streamlit as st

st.write("…")

import streamlit as st
from ui.image_input import image_input
from ui.kernel_editor import kernel_editor
from convcore.engine import correlate
p = image_input("ex")
k = kernel_editor("exk")
if p is not None:
    st.write(correlate(p.X, k.K).tolist())

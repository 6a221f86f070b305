"""Home: what ConvLab is and where to go."""

import streamlit as st

from ui.shell import tr

st.title(tr("home_title"))
st.markdown(tr("home_intro"))
st.subheader(tr("home_formula_title"))
st.info(tr("home_formula"), icon=":material/calculate:")
st.latex(r"Y[i, j] = \sum_{a=0}^{h-1} \sum_{b=0}^{w-1} X[i + a,\, j + b]\; K[a, b]")
st.subheader(tr("home_pages"))
for key, page in (("home_explore", "views/explore.py"), ("home_train", "views/train.py"), ("home_lesson", "views/lesson.py"),
                  ("home_challenge", "views/challenge.py")):
    st.markdown(tr(key))
    st.page_link(page, label=tr("nav_" + key.removeprefix("home_")), icon=":material/arrow_forward:")
st.caption(tr("home_start"))

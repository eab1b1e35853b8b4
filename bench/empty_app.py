"""The floor page of `make bench`: the least a Streamlit page can draw, one line of text."""

import streamlit as st

st.write("ready")

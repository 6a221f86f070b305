"""Load without browsers: students that speak Streamlit's websocket protocol, driven by Locust (`make load`).

page.py holds what a browser tab holds, protocol.py talks to the server, checks.py verifies every timed answer,
students.py has the Locust users, run.py the scenarios and the table. Only students.py and run.py need Locust.
"""

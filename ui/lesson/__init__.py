"""The Lesson's parts and its live training (step 6)."""

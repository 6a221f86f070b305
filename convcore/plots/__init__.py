"""Pure Plotly figure builders: arrays as heatmaps (figures), several figures as one chart (compose), the Train
page's charts (train_charts) and its loss landscape (landscape), the Lesson's training chart (lesson_chart)."""

from convcore.plots import partial_imports

partial_imports.install()  # before any figure: plotly must not see a module another thread is still importing

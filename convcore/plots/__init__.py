"""Pure Plotly figure builders: arrays as heatmaps (figures), several figures as one chart (compose), the Train
page's charts (train_charts) and its loss landscape (landscape), the Lesson's training chart (lesson_chart)."""

"""The Challenge page's panels and text."""

"""Browser components (each with its code in static/): live charts, the kernel grid, the kernel preview, the address bar, page keys."""
